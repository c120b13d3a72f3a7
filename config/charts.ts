/**
 * Pinned Helm charts (C1–C6). Versions change only here, and the change review flags a major bump.
 * The default values of each pinned version are what the values-key test checks against, and a version is pinned
 * only when its chart source is in the reference set (`$FX_REFERENCE_DIR/helm-charts/<chart>-<version>/`): the
 * render suite renders every release from it and fails for a pin that has none.
 */
import type { HelmChartRef } from "./types";

const PROMETHEUS_COMMUNITY = "https://prometheus-community.github.io/helm-charts";
const GRAFANA_COMMUNITY = "https://grafana-community.github.io/helm-charts";
const GRAFANA = "https://grafana.github.io/helm-charts";

export const CHARTS = {
  kubePrometheusStack: { repository: PROMETHEUS_COMMUNITY, chart: "kube-prometheus-stack", version: "88.5.3" },
  loki: { repository: GRAFANA_COMMUNITY, chart: "loki", version: "18.11.0" },
  tempo: { repository: GRAFANA_COMMUNITY, chart: "tempo", version: "2.2.4" },
  /** The last Tempo 2.x line; tempo-distributed 3.x needs Kafka. */
  tempoDistributed: { repository: GRAFANA_COMMUNITY, chart: "tempo-distributed", version: "2.26.2" },
  alloy: { repository: GRAFANA, chart: "alloy", version: "1.11.1" },
  /** M2, M8: postgres_exporter v0.17 (`pg_stat_statements` collector). */
  postgresExporter: { repository: PROMETHEUS_COMMUNITY, chart: "prometheus-postgres-exporter", version: "7.0.0" },
  /** M3, M9: redis_exporter v1.89 (6.29.0 is the newest release whose source can be verified; 6.30.1 is in no tag of the chart's repository). */
  redisExporter: { repository: PROMETHEUS_COMMUNITY, chart: "prometheus-redis-exporter", version: "6.29.0" },
  /** S5: External Secrets Operator; the packaged chart carries its CRDs (installed with `installCRDs`). */
  externalSecrets: { repository: "https://charts.external-secrets.io", chart: "external-secrets", version: "2.9.0" },
} as const satisfies Record<string, HelmChartRef>;

export type ChartKey = keyof typeof CHARTS;
