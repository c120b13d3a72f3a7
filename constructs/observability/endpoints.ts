/**
 * Release names and in-cluster service addresses of the observability stack. Pure functions of the config:
 * the `platform` layer names its releases with them and the `grafana` layer points its data sources at
 * them, so the two layers agree without a cross-stack reference.
 */
import type { EnvironmentConfig } from "../../config/types";

/** Helm release names; each chart's `fullnameOverride` equals its release name so service names are stable. */
export const RELEASE_NAMES = {
  kubePrometheusStack: "kps",
  loki: "loki",
  tempo: "tempo",
  alloy: "alloy",
  postgresExporter: "postgres-exporter",
  redisExporter: "redis-exporter",
} as const;

export type ReleaseKey = keyof typeof RELEASE_NAMES;

/** Kubernetes service accounts the pod roles are associated with (set explicitly in each chart's values). */
export const SERVICE_ACCOUNTS = {
  prometheus: "prometheus",
  loki: "loki",
  tempo: "tempo",
} as const;

/** OTLP ports Alloy receives traces on (C6). */
export const OTLP_PORTS = { grpc: 4317, http: 4318 } as const;

/** Service addresses of the observability components inside the cluster. */
export interface ObservabilityEndpoints {
  /** Prometheus query API (kube-prometheus-stack service `<release>-prometheus`). */
  readonly prometheusUrl: string;
  readonly alertmanagerUrl: string;
  /** Loki's gateway: queries and pushes. */
  readonly lokiUrl: string;
  readonly lokiPushUrl: string;
  /** Tempo's query API (query-frontend when distributed). */
  readonly tempoQueryUrl: string;
  /**
   * The host name Alloy dials for Tempo's OTLP gRPC receiver (the distributor's Service when distributed, the single
   * binary's otherwise): the one name Tempo's ingest certificate is issued for and Alloy verifies.
   */
  readonly tempoIngestHost: string;
  /** Tempo's OTLP gRPC receiver (distributor when distributed), `host:port`: {@link tempoIngestHost} and the OTLP gRPC port. */
  readonly tempoOtlpGrpc: string;
  /** Where applications send OTLP traces: Alloy's gRPC receiver, `host:port`. */
  readonly alloyOtlpGrpc: string;
}

/** The endpoints of an environment's observability stack. */
export function observabilityEndpoints(config: Pick<EnvironmentConfig, "eks" | "observability">): ObservabilityEndpoints {
  const svc = (name: string) => `${name}.${config.eks.monitoringNamespace}.svc.cluster.local`;
  const tempoDistributed = config.observability.tempo.deploymentMode === "distributed";
  const tempoQuery = tempoDistributed ? `${RELEASE_NAMES.tempo}-query-frontend` : RELEASE_NAMES.tempo;
  const tempoIngest = tempoDistributed ? `${RELEASE_NAMES.tempo}-distributor` : RELEASE_NAMES.tempo;
  return {
    prometheusUrl: `http://${svc(`${RELEASE_NAMES.kubePrometheusStack}-prometheus`)}:9090`,
    alertmanagerUrl: `http://${svc(`${RELEASE_NAMES.kubePrometheusStack}-alertmanager`)}:9093`,
    lokiUrl: `http://${svc(`${RELEASE_NAMES.loki}-gateway`)}`,
    lokiPushUrl: `http://${svc(`${RELEASE_NAMES.loki}-gateway`)}/loki/api/v1/push`,
    tempoQueryUrl: `http://${svc(tempoQuery)}:3200`,
    tempoIngestHost: svc(tempoIngest),
    tempoOtlpGrpc: `${svc(tempoIngest)}:${OTLP_PORTS.grpc}`,
    alloyOtlpGrpc: `${svc(RELEASE_NAMES.alloy)}:${OTLP_PORTS.grpc}`,
  };
}
