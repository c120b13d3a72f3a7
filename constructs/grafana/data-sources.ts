/**
 * C2, C5: Grafana's data sources, managed through the Grafana provider: Prometheus (with exemplars linking to
 * traces), Loki (a derived field turning a log line's trace ID into a Tempo link), Tempo (trace-to-logs and
 * trace-to-metrics), and Alertmanager. UIDs are the shared ones dashboards and alerts reference.
 */
import { Construct } from "constructs";
import { DataSource } from "../../.gen/providers/grafana/data-source";
import type { GrafanaProvider } from "../../.gen/providers/grafana/provider";
import type { EnvironmentConfig } from "../../config/types";
import { DATASOURCE_UIDS } from "../../dashboards/uids";
import { terraformJson } from "../core/terraform-string";
import { observabilityEndpoints } from "../observability/endpoints";

/** JSON field of an application log line that carries the trace ID (OpenTelemetry log correlation). */
export const TRACE_ID_FIELD = "trace_id";

/** Label mapping from a span's resource attributes to the Loki and Prometheus labels of the same service. */
const SERVICE_TAGS = [
  { key: "service.name", value: "service" },
  { key: "k8s.namespace.name", value: "namespace" },
];

/** Queries Tempo offers from a span to its service's metrics (names from the metrics contract, M1). */
export const TRACE_TO_METRICS_QUERIES = [
  { name: "Request rate", query: "sum(rate(http_server_request_duration_seconds_count{$__tags}[5m]))" },
  { name: "Error rate", query: 'sum(rate(http_server_request_duration_seconds_count{$__tags, http_response_status_code=~"5.."}[5m]))' },
  { name: "p95 latency", query: "histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket{$__tags}[5m])))" },
] as const;

export interface GrafanaDataSourcesProps {
  readonly config: Pick<EnvironmentConfig, "eks" | "observability">;
  readonly provider: GrafanaProvider;
}

export class GrafanaDataSources extends Construct {
  readonly prometheus: DataSource;
  readonly loki: DataSource;
  readonly tempo: DataSource;
  readonly alertmanager: DataSource;

  constructor(scope: Construct, id: string, props: GrafanaDataSourcesProps) {
    super(scope, id);
    const { config, provider } = props;
    const endpoints = observabilityEndpoints(config);
    const span = { spanStartTimeShift: "-5m", spanEndTimeShift: "5m" };

    this.prometheus = new DataSource(this, "prometheus", {
      provider,
      uid: DATASOURCE_UIDS.prometheus,
      name: "Prometheus",
      type: "prometheus",
      url: endpoints.prometheusUrl,
      accessMode: "proxy",
      isDefault: true,
      jsonDataEncoded: terraformJson({
        httpMethod: "POST",
        prometheusType: "Prometheus",
        timeInterval: `${config.observability.prometheus.scrapeIntervalSeconds}s`,
        exemplarTraceIdDestinations: [{ name: TRACE_ID_FIELD, datasourceUid: DATASOURCE_UIDS.tempo }],
      }),
    });

    this.loki = new DataSource(this, "loki", {
      provider,
      uid: DATASOURCE_UIDS.loki,
      name: "Loki",
      type: "loki",
      url: endpoints.lokiUrl,
      accessMode: "proxy",
      jsonDataEncoded: terraformJson({
        maxLines: 1000,
        derivedFields: [
          {
            name: "TraceID",
            matcherType: "regex",
            matcherRegex: `"${TRACE_ID_FIELD}":\\s*"(\\w+)"`,
            url: "${__value.raw}",
            urlDisplayLabel: "View trace",
            datasourceUid: DATASOURCE_UIDS.tempo,
          },
        ],
      }),
    });

    this.tempo = new DataSource(this, "tempo", {
      provider,
      uid: DATASOURCE_UIDS.tempo,
      name: "Tempo",
      type: "tempo",
      url: endpoints.tempoQueryUrl,
      accessMode: "proxy",
      jsonDataEncoded: terraformJson({
        tracesToLogsV2: { datasourceUid: DATASOURCE_UIDS.loki, ...span, filterByTraceID: true, filterBySpanID: false, customQuery: false, tags: SERVICE_TAGS },
        tracesToMetrics: { datasourceUid: DATASOURCE_UIDS.prometheus, ...span, tags: SERVICE_TAGS.slice(0, 1), queries: TRACE_TO_METRICS_QUERIES },
        lokiSearch: { datasourceUid: DATASOURCE_UIDS.loki },
        nodeGraph: { enabled: true },
      }),
    });

    this.alertmanager = new DataSource(this, "alertmanager", {
      provider,
      uid: DATASOURCE_UIDS.alertmanager,
      name: "Alertmanager",
      type: "alertmanager",
      url: endpoints.alertmanagerUrl,
      accessMode: "proxy",
      jsonDataEncoded: terraformJson({ implementation: "prometheus", handleGrafanaManagedAlerts: false }),
    });
  }

  /** The data source UIDs (shared with dashboards, see `dashboards/uids.ts`). */
  get uids(): typeof DATASOURCE_UIDS {
    return DATASOURCE_UIDS;
  }
}
