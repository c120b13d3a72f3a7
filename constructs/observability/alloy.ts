/**
 * C6, L1–L3: Grafana Alloy as a DaemonSet. It tails every container's log on its node, parses JSON lines,
 * sets the `level` label (DEBUG, INFO, WARN, ERROR, FATAL) and the `log_type` label Loki's retention selects
 * on, ships them to Loki, and receives OTLP traces for Tempo, which it sends on over verified TLS. EKS control-plane logs stay in CloudWatch.
 */
import type { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import type { Release } from "@cdktf/provider-helm/lib/release";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { CHARTS } from "../../config/charts";
import { logRetentionTable, type LogClass } from "../../config/retention-policy";
import type { EnvironmentConfig } from "../../config/types";
import { ReviewArtifact } from "../core/review-artifact";
import { observabilityEndpoints, OTLP_PORTS, RELEASE_NAMES } from "./endpoints";
import { tplLiteral, type HelmValues } from "../core/helm-values";
import { resourcesOf } from "./resources";
import { AUDIT_ARCHIVE_RECEIVER, AUDIT_ARCHIVE_STABILITY_LEVEL, auditArchiveBlocks } from "./audit-archive";
import { LOG_TYPE_LABEL } from "./loki-retention";
import { block, expr, renderAlloy, type AlloyBlock } from "./private/alloy-syntax";
import { chartRelease } from "../core/chart-release";
import { ALLOY_TEMPO_CA_FILE, alloyCaVolume } from "./tempo-ingest-tls";

/** L3: the level label's values. */
export const LOG_LEVELS = ["DEBUG", "INFO", "WARN", "ERROR", "FATAL"] as const;

/** Level spellings of common logging libraries, mapped onto {@link LOG_LEVELS}. */
export const LOG_LEVEL_ALIASES: Readonly<Record<string, (typeof LOG_LEVELS)[number]>> = { TRACE: "DEBUG", WARNING: "WARN", CRITICAL: "FATAL" };

/** The JSON fields of a log line Alloy reads: its level, and the class an application line claims. */
export const LOG_JSON_FIELDS = { level: "level", logType: "log_type" } as const;

/**
 * Where Alloy keeps its state (the file positions of `loki.source.file`): a host directory of the node, so a
 * restarted or upgraded pod resumes where it stopped instead of shipping every log file again (the chart's
 * default, `/tmp/alloy`, is lost with the container).
 */
export const ALLOY_STATE = { hostPath: "/var/lib/alloy", storagePath: "/var/lib/alloy/data", volume: "alloy-state" } as const;

/** Environment variable holding the pod's IP (the downward API), which the OTLP receivers bind to. */
export const ALLOY_POD_IP_ENV = "POD_IP";

/**
 * Log classes an application container may claim with the JSON field `log_type`. Other lines of the
 * application namespace are `application`; every other namespace is `infrastructure`.
 */
export const CLAIMABLE_LOG_CLASSES: readonly LogClass[] = ["access", "audit"];

export interface AlloyProps {
  readonly config: Pick<EnvironmentConfig, "name" | "account" | "region" | "logRetention" | "eks" | "observability">;
  readonly helmProvider: HelmProvider;
  readonly namespace: string;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

export class Alloy extends Construct {
  readonly release: Release;
  readonly releaseName: string = RELEASE_NAMES.alloy;
  /** The rendered Alloy configuration (`alloy.configMap.content`). */
  readonly pipeline: string;
  readonly values: HelmValues;

  constructor(scope: Construct, id: string, props: AlloyProps) {
    super(scope, id);
    this.pipeline = renderAlloy(alloyPipeline(props.config));
    // Reviewable (and checkable with `alloy fmt`) as a file: in the Helm values it is one JSON string.
    new ReviewArtifact(this, "config-file", { path: "alloy/config.alloy", content: this.pipeline });
    const tempoCa = alloyCaVolume();
    this.values = {
      fullnameOverride: RELEASE_NAMES.alloy,
      controller: {
        type: "daemonset",
        volumes: { extra: [{ name: ALLOY_STATE.volume, hostPath: { path: ALLOY_STATE.hostPath, type: "DirectoryOrCreate" } }, tempoCa.volume] },
      },
      alloy: {
        // The chart runs `tpl` over the content; the pipeline's own `{{ ... }}` must reach Alloy as written.
        configMap: { create: true, content: tplLiteral(this.pipeline) },
        storagePath: ALLOY_STATE.storagePath,
        // /var/log/pods of the node, read by loki.source.file; the state directory on the node; the CA bundle Alloy
        // verifies Tempo against (S2, tempo-ingest-tls.ts).
        mounts: { varlog: true, extra: [{ name: ALLOY_STATE.volume, mountPath: ALLOY_STATE.hostPath }, tempoCa.mount] },
        extraPorts: [
          { name: "otlp-grpc", port: OTLP_PORTS.grpc, targetPort: OTLP_PORTS.grpc, protocol: "TCP" },
          { name: "otlp-http", port: OTLP_PORTS.http, targetPort: OTLP_PORTS.http, protocol: "TCP" },
        ],
        enableReporting: false,
        extraEnv: [{ name: ALLOY_POD_IP_ENV, valueFrom: { fieldRef: { fieldPath: "status.podIP" } } }],
        resources: resourcesOf(props.config, "alloy"),
        stabilityLevel: AUDIT_ARCHIVE_STABILITY_LEVEL,
      },
      configReloader: { resources: resourcesOf(props.config, "configReloader") },
      serviceMonitor: { enabled: true },
    };
    this.release = chartRelease(this, "release", {
      chart: CHARTS.alloy,
      name: this.releaseName,
      namespace: props.namespace,
      values: this.values,
      provider: props.helmProvider,
      dependsOn: props.dependsOn,
    });
  }
}

/** Loki stream selector matching one label value. */
function selector(labels: Readonly<Record<string, string>>): string {
  return `{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ")}}`;
}

/** The collector's pipeline: pod logs → Loki, OTLP traces → Tempo. */
export function alloyPipeline(config: Pick<EnvironmentConfig, "name" | "account" | "region" | "logRetention" | "eks" | "observability">): AlloyBlock[] {
  const endpoints = observabilityEndpoints(config);
  const logType = (cls: LogClass) => logRetentionTable(config).find((row) => row.logClass === cls)!.lokiLogType;
  const appNamespace = config.eks.appNamespace;
  const rule = (attrs: Record<string, string | readonly string[]>) => block("rule", undefined, attrs);
  const setLabel = (name: string, value: string) => block("stage.static_labels", undefined, { values: { [name]: value } });

  const levelMatches = [
    ...LOG_LEVELS.map((level) => [level, level] as const),
    ...Object.entries(LOG_LEVEL_ALIASES),
  ].map(([claim, level]) => block("stage.match", undefined, { selector: selector({ level_claim: claim }) }, setLabel("level", level)));
  const classMatches = CLAIMABLE_LOG_CLASSES.map((cls) =>
    block("stage.match", undefined, { selector: selector({ namespace: appNamespace, log_type_claim: logType(cls) }) }, setLabel(LOG_TYPE_LABEL, logType(cls))),
  );

  return [
    block("logging", undefined, { level: "info", format: "json" }),
    block(
      "discovery.kubernetes",
      "pods",
      { role: "pod" },
      // Each Alloy pod tails only its own node's containers (the chart sets HOSTNAME to the node name).
      block("selectors", undefined, { role: "pod", field: expr('"spec.nodeName=" + sys.env("HOSTNAME")') }),
    ),
    block(
      "discovery.relabel",
      "pod_logs",
      { targets: expr("discovery.kubernetes.pods.targets") },
      rule({ source_labels: ["__meta_kubernetes_pod_phase"], regex: "Pending|Succeeded|Failed|Completed", action: "drop" }),
      rule({ source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" }),
      rule({ source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" }),
      rule({ source_labels: ["__meta_kubernetes_pod_container_name"], target_label: "container" }),
      // `service`: the app.kubernetes.io/name label, else the container name (matches OTLP service.name).
      rule({
        source_labels: ["__meta_kubernetes_pod_label_app_kubernetes_io_name", "__meta_kubernetes_pod_container_name"],
        separator: ";",
        regex: "^;*([^;]+)(;.*)?$",
        target_label: "service",
        replacement: "$1",
      }),
      rule({ source_labels: ["__meta_kubernetes_pod_uid", "__meta_kubernetes_pod_container_name"], separator: "/", target_label: "__path__", replacement: "/var/log/pods/*$1/*.log" }),
      // L1: every stream gets a class; the application namespace's lines are application logs.
      rule({ target_label: LOG_TYPE_LABEL, replacement: logType("infrastructure") }),
      rule({ source_labels: ["__meta_kubernetes_namespace"], regex: appNamespace, target_label: LOG_TYPE_LABEL, replacement: logType("application") }),
    ),
    block("local.file_match", "pod_logs", { path_targets: expr("discovery.relabel.pod_logs.output") }),
    block("loki.source.file", "pod_logs", { targets: expr("local.file_match.pod_logs.targets"), forward_to: [expr("loki.process.pod_logs.receiver")] }),
    block(
      "loki.process",
      "pod_logs",
      { forward_to: [expr("loki.write.default.receiver"), AUDIT_ARCHIVE_RECEIVER] },
      block("stage.cri", undefined),
      // L3: JSON lines; non-JSON lines pass through unlabelled.
      block("stage.json", undefined, { expressions: { level_claim: LOG_JSON_FIELDS.level, log_type_claim: LOG_JSON_FIELDS.logType } }),
      block("stage.template", undefined, { source: "level_claim", template: "{{ ToUpper .Value }}" }),
      block("stage.labels", undefined, { values: { level_claim: "", log_type_claim: "" } }),
      // Only known values become labels (bounded cardinality, retention cannot be escaped by a typo).
      ...levelMatches,
      ...classMatches,
      block("stage.label_drop", undefined, { values: ["level_claim", "log_type_claim"] }),
    ),
    block(
      "loki.write",
      "default",
      { external_labels: { cluster: config.eks.clusterName } },
      block("endpoint", undefined, { url: endpoints.lokiPushUrl }),
    ),
    ...auditArchiveBlocks(config),
    block(
      "otelcol.receiver.otlp",
      "default",
      {},
      // S2: bound to the pod's address only (not 0.0.0.0); who may connect is the NetworkPolicies' (flows.ts).
      block("grpc", undefined, { endpoint: expr(`sys.env("${ALLOY_POD_IP_ENV}") + ":${OTLP_PORTS.grpc}"`) }),
      block("http", undefined, { endpoint: expr(`sys.env("${ALLOY_POD_IP_ENV}") + ":${OTLP_PORTS.http}"`) }),
      block("output", undefined, { traces: [expr("otelcol.processor.batch.default.input")] }),
    ),
    block("otelcol.processor.batch", "default", {}, block("output", undefined, { traces: [expr("otelcol.exporter.otlp.tempo.input")] })),
    block(
      "otelcol.exporter.otlp",
      "tempo",
      {},
      // S2: TLS, verifying Tempo's certificate against the environment's Tempo ingest CA and the host name dialled
      // (the certificate's only SAN). No `insecure`, no `insecure_skip_verify`.
      block("client", undefined, { endpoint: endpoints.tempoOtlpGrpc }, block("tls", undefined, { ca_file: ALLOY_TEMPO_CA_FILE })),
    ),
  ];
}
