/**
 * `docs/observability.md`: what the observability platform runs per environment, and the contract the
 * application team relies on (log fields and labels, trace endpoint, metrics scrape). Rendered from the same
 * config and constants the constructs use (O1).
 */
import { CHARTS } from "../../config/charts";
import { SIZED_CONTAINERS, type EnvironmentConfig } from "../../config/types";
import { CLAIMABLE_LOG_CLASSES, LOG_JSON_FIELDS, LOG_LEVEL_ALIASES, LOG_LEVELS } from "../../constructs/observability/alloy";
import { observabilityEndpoints, RELEASE_NAMES } from "../../constructs/observability/endpoints";
import { formatTotal, resourceTotals } from "../../constructs/observability/resources";
import { lokiRetention, LOG_TYPE_LABEL, periodDays } from "../../constructs/observability/loki-retention";
import { TRACE_ID_FIELD } from "../../constructs/grafana/data-sources";
import { generatedHeader, markdownTable, type DocGenerator } from "./types";

function sizingRows(envs: readonly EnvironmentConfig[]): string[][] {
  const row = (what: string, f: (c: EnvironmentConfig) => string) => [what, ...envs.map(f)];
  return [
    row("Prometheus", (c) => `${c.observability.prometheus.replicas} × ${c.observability.prometheus.retentionDays} d, ${c.observability.prometheus.volumeSizeGiB} GiB`),
    row("remote write to AMP", (c) => (c.observability.prometheus.remoteWriteToAmp ? "yes" : "no")),
    row("Alertmanager", (c) => `${c.observability.alertmanager.replicas}`),
    row("Loki", (c) => `${c.observability.loki.deploymentMode} × ${c.observability.loki.replicas}`),
    row("Tempo", (c) => `${c.observability.tempo.deploymentMode} × ${c.observability.tempo.replicas}, ${c.observability.tempo.retentionDays} d`),
    row("pod disruption budgets", (c) => (c.observability.highAvailability.podDisruptionBudgets ? "yes" : "no")),
    row("zone anti-affinity", (c) => c.observability.highAvailability.zoneAntiAffinity),
    row("reserved (all replicas)", (c) => formatTotal(resourceTotals(c).cluster)),
    row("reserved per node (DaemonSets)", (c) => formatTotal(resourceTotals(c).perNode)),
  ];
}

/** The sizing table (`observability.sizing`): requests and memory limit per kind of container. */
function containerRows(envs: readonly EnvironmentConfig[]): string[][] {
  return SIZED_CONTAINERS.map((name) => [
    `\`${name}\``,
    ...envs.map((c) => {
      const s = c.observability.sizing[name];
      return `${s.cpuMillicores}m, ${s.memoryMiB} Mi (limit ${s.memoryLimitMiB} Mi)`;
    }),
  ]);
}

export const observabilityDoc: DocGenerator = {
  path: "docs/observability.md",
  render(environments) {
    const names = environments.map((e) => e.name);
    const first = environments[0]!;
    let out = generatedHeader("config/environments, config/charts.ts and constructs/observability");
    out += "# Observability platform\n\n";
    out += "Prometheus, Alertmanager and Grafana (kube-prometheus-stack), Loki, Tempo, Grafana Alloy and the database and\n";
    out += `cache exporters run in the \`${first.eks.monitoringNamespace}\` namespace of each environment's EKS cluster (layer \`platform\`);\n`;
    out += "Grafana's data sources are created by the layer `grafana`. Loki and Tempo keep their data in KMS-encrypted S3\n";
    out += "buckets reached through EKS Pod Identity (the cluster needs the `eks-pod-identity-agent` add-on).\n\n";

    out += "## Charts\n\n";
    out += markdownTable(
      ["release", "chart", "version", "repository"],
      [
        [RELEASE_NAMES.kubePrometheusStack, CHARTS.kubePrometheusStack],
        [RELEASE_NAMES.loki, CHARTS.loki],
        [RELEASE_NAMES.tempo, CHARTS.tempo, " (single-binary)"],
        [RELEASE_NAMES.tempo, CHARTS.tempoDistributed, " (distributed)"],
        [RELEASE_NAMES.alloy, CHARTS.alloy],
        [RELEASE_NAMES.postgresExporter, CHARTS.postgresExporter],
        [RELEASE_NAMES.redisExporter, CHARTS.redisExporter],
      ].map(([release, c, note]) => {
        const chart = c as (typeof CHARTS)[keyof typeof CHARTS];
        return [`\`${release as string}\`${(note as string | undefined) ?? ""}`, chart.chart, chart.version, chart.repository];
      }),
    );

    out += "\n## Sizing\n\n";
    out += markdownTable(["", ...names], sizingRows(environments));
    out += "\nEvery container requests CPU and memory and has a memory limit (no CPU limit), from `observability.sizing`;\n";
    out += "validation keeps each limit at or above its request. Per kind of container (CPU request, memory request, limit):\n\n";
    out += markdownTable(["container", ...names], containerRows(environments));

    out += "\n## Logs: what the application writes (L1–L3)\n\n";
    out += "Alloy reads every container's stdout/stderr on its node. A line that is a JSON object is parsed:\n\n";
    out += `- \`${LOG_JSON_FIELDS.level}\`: one of ${LOG_LEVELS.map((l) => `\`${l}\``).join(", ")} (any case; `;
    out += `${Object.entries(LOG_LEVEL_ALIASES).map(([a, l]) => `\`${a}\` counts as \`${l}\``).join(", ")}) becomes the \`level\` label.\n`;
    out += `- \`${LOG_JSON_FIELDS.logType}\`: in the \`${first.eks.appNamespace}\` namespace only, ${CLAIMABLE_LOG_CLASSES.map((c) => `\`${c}\``).join(" or ")} `;
    out += `sets the \`${LOG_TYPE_LABEL}\` label; other lines there are \`application\`, lines of every other namespace \`infrastructure\`.\n`;
    out += `- \`${TRACE_ID_FIELD}\`: the trace ID; Grafana links it to the trace in Tempo.\n\n`;
    out += `Days each \`${LOG_TYPE_LABEL}\` is kept in Loki (the chunk bucket expires objects after the longest):\n\n`;
    const retentions = environments.map(lokiRetention);
    out += markdownTable(
      [`\`${LOG_TYPE_LABEL}\``, ...names],
      [
        ...retentions[0]!.table.map((row, i) => [`\`${row.lokiLogType}\``, ...retentions.map((r) => String(periodDays(r.streams[i]!.period)))]),
        ["chunk bucket expiry", ...retentions.map((r) => String(r.longestDays))],
      ],
    );

    out += "\n## Traces and metrics\n\n";
    out += `- Send OTLP traces to \`${observabilityEndpoints(first).alloyOtlpGrpc}\` (gRPC) or port 4318 (HTTP); Alloy forwards them to Tempo.\n`;
    out += `- Prometheus scrapes \`${first.observability.appMetrics.path}\` on the port named \`${first.observability.appMetrics.port}\` of Services labelled `;
    out += `\`app.kubernetes.io/name: ${first.observability.appMetrics.serviceLabel}\` in \`${first.eks.appNamespace}\`; the metric names are in [metrics.md](metrics.md).\n`;
    return out;
  },
};
