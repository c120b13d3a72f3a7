/**
 * `docs/architecture.md` (O1): the system per environment, the telemetry data flow and the component dependency map,
 * as Mermaid diagrams rendered from the synthesized stacks ({@link deployedEnvironments}) and the Alertmanager
 * configuration the stacks deliver, so they cannot drift from what is deployed. A test parses every diagram with
 * Mermaid itself. It ends by following one value, the application log retention, to every place it lands
 * (./follow-one-value.ts).
 */
import { buildAlertmanagerConfig } from "../../../alerts";
import type { EnvironmentConfig } from "../../../config/types";
import { retentionDoc } from "../retention";
import { generatedHeader, markdownTable, type DocGenerator } from "../types";
import { deployedEnvironments, releaseOfChart, releasesOf, type DeployedEnvironment, type DeployedStack } from "./deployed";
import { followOneValueSection } from "./follow-one-value";

/** What each provider needs reachable from the machine that plans or applies a stack. */
export const PROVIDER_REACH: Readonly<Record<string, string>> = {
  aws: "AWS APIs of the account (public endpoints)",
  helm: "the EKS cluster's Kubernetes API (private endpoint: a runner inside the VPC)",
  kubernetes: "the EKS cluster's Kubernetes API (private endpoint: a runner inside the VPC)",
  grafana: "Grafana's internal load balancer (a runner inside the VPC)",
};

/** Service families for the diagram's resource summary, by Terraform type prefix. */
const FAMILIES: ReadonlyArray<readonly [string, string]> = [
  ["aws_s3_", "S3"],
  ["aws_kms_", "KMS"],
  ["aws_backup_", "AWS Backup"],
  ["aws_cloudwatch_", "CloudWatch"],
  ["aws_cloudtrail", "CloudTrail"],
  ["aws_iam_", "IAM"],
  ["aws_eks_", "EKS Pod Identity"],
  ["aws_prometheus_", "Amazon Managed Prometheus"],
  ["aws_appautoscaling_", "Application Auto Scaling"],
  ["aws_autoscaling_", "EC2 Auto Scaling"],
  ["aws_config_", "AWS Config"],
  ["aws_guardduty_", "GuardDuty"],
  ["aws_securityhub_", "Security Hub"],
  ["aws_inspector2_", "Inspector"],
  ["aws_accessanalyzer_", "Access Analyzer"],
  ["aws_sns_", "SNS"],
  ["aws_cloudwatch_event_", "EventBridge"],
  ["kubernetes_", "Kubernetes objects"],
  ["grafana_", "Grafana objects"],
];

/** Resource count per service family, largest first (`helm_release` is drawn on its own). */
export function familyCounts(stack: DeployedStack): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const [type, n] of stack.resourceTypes) {
    if (type === "helm_release") continue;
    const family = [...FAMILIES].sort((a, b) => b[0].length - a[0].length).find(([prefix]) => type.startsWith(prefix))?.[1] ?? "other";
    counts.set(family, (counts.get(family) ?? 0) + n);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const id = (s: string) => s.replace(/[^A-Za-z0-9_]/g, "_");
const label = (s: string) => `"${s.replace(/"/g, "'")}"`;

/** System diagram of one environment: its stacks (apply order), their releases and resource families. */
export function systemDiagram(env: DeployedEnvironment): string {
  const lines = ["flowchart TB"];
  for (const stack of env.stacks) {
    lines.push(`  subgraph ${id(stack.name)}[${label(`${stack.name} (${stack.layer})`)}]`);
    for (const r of stack.releases) lines.push(`    ${id(`${stack.name}_${r.name}`)}[${label(`helm: ${r.name}<br/>${r.chart} ${r.version}`)}]`);
    const families = familyCounts(stack);
    if (families.length > 0) lines.push(`    ${id(`${stack.name}_resources`)}[${label(families.map(([f, n]) => `${f} ×${n}`).join("<br/>"))}]`);
    lines.push("  end");
  }
  for (const stack of env.stacks) for (const dep of stack.dependencies) lines.push(`  ${id(dep)} --> ${id(stack.name)}`);
  for (const stack of env.stacks) {
    for (const r of stack.releases) {
      for (const d of r.dependsOn) {
        const target = stack.releases.find((x) => x.address === d);
        if (target) lines.push(`  ${id(`${stack.name}_${target.name}`)} -.-> ${id(`${stack.name}_${r.name}`)}`);
      }
    }
  }
  return lines.join("\n");
}

/** Receivers and their channel kinds (`slack`, `pagerduty`, ...) from the Alertmanager configuration the stacks deliver. */
export function receiverChannels(config: EnvironmentConfig): Array<{ readonly receiver: string; readonly channels: string[] }> {
  return buildAlertmanagerConfig(config).receivers.map((r) => ({
    receiver: r.name,
    channels: Object.entries(r)
      .filter(([k, v]) => k.endsWith("_configs") && Array.isArray(v) && v.length > 0)
      .map(([k]) => k.replace(/_configs$/, "")),
  }));
}

/** Telemetry data flow of one environment: app → Alloy → Loki/Tempo; scrape → Prometheus (→ AMP); rules → Alertmanager → receivers; Grafana over all. */
export function dataFlowDiagram(env: DeployedEnvironment): string {
  const c = env.config;
  const has = (...charts: string[]) => releaseOfChart(env, ...charts);
  const lines = ["flowchart LR", `  app[${label(`FX Trader pods<br/>namespace ${c.eks.appNamespace}`)}]`];
  const alloy = has("alloy");
  const loki = has("loki");
  const tempo = has("tempo", "tempo-distributed");
  const kps = has("kube-prometheus-stack");
  if (alloy) lines.push(`  alloy[${label(`Alloy (${alloy.name})`)}]`, "  app -- container logs --> alloy", "  app -- OTLP traces --> alloy");
  if (alloy && loki) lines.push(`  loki[${label(`Loki (${loki.name})`)}]`, "  alloy -- push --> loki", `  lokis3[(${label("S3 Loki chunks")})]`, "  loki --> lokis3");
  if (alloy && tempo) lines.push(`  tempo[${label(`Tempo (${tempo.name}: ${tempo.chart})`)}]`, "  alloy -- OTLP --> tempo", `  tempos3[(${label("S3 Tempo traces")})]`, "  tempo --> tempos3");
  if (kps) {
    lines.push(`  prom[${label(`Prometheus (${kps.name})`)}]`, "  prom -- scrape /metrics --> app");
    for (const r of releasesOf(env).filter((x) => x.chart.startsWith("prometheus-") && x.chart.endsWith("-exporter"))) {
      lines.push(`  ${id(r.name)}[${label(`${r.name} (${r.chart})`)}]`, `  prom -- scrape --> ${id(r.name)}`);
    }
    if (c.observability.prometheus.remoteWriteToAmp) lines.push(`  amp[(${label("Amazon Managed Prometheus")})]`, "  prom -- remote write --> amp");
    lines.push(`  am[${label("Alertmanager")}]`, "  prom -- alert rules --> am");
    for (const r of receiverChannels(c)) {
      if (r.channels.length === 0) continue;
      lines.push(`  rcv_${id(r.receiver)}[${label(`${r.receiver}: ${r.channels.join(", ")}`)}]`, `  am --> rcv_${id(r.receiver)}`);
    }
  }
  const grafana = env.stacks.flatMap((s) => s.dataSources);
  if (grafana.length > 0) {
    lines.push(`  grafana[${label("Grafana")}]`);
    const node: Record<string, string | undefined> = { prometheus: kps && "prom", loki: loki && "loki", tempo: tempo && "tempo", alertmanager: kps && "am" };
    for (const ds of grafana) if (node[ds.type]) lines.push(`  grafana -- ${ds.name} --> ${node[ds.type]}`);
  }
  return lines.join("\n");
}

function dependencyTable(env: DeployedEnvironment): string {
  return markdownTable(
    ["#", "stack", "layer", "applied after", "state key", "needs reachable"],
    env.stacks.map((s, i) => [
      String(i + 1),
      `\`${s.name}\``,
      s.layer,
      s.dependencies.map((d) => `\`${d}\``).join(", ") || "—",
      `\`${s.stateKey}\``,
      [...new Set(s.providers.map((p) => PROVIDER_REACH[p] ?? p))].join("; "),
    ]),
  );
}

export const architectureDoc: DocGenerator = {
  path: "docs/architecture.md",
  render(environments) {
    const envs = deployedEnvironments(environments);
    let out = generatedHeader("the synthesized stacks (tools/docs/handbook/deployed.ts) and the Alertmanager configuration");
    out += "# Architecture\n\n";
    out += "What this program deploys per environment, how telemetry flows through it, and in which order its stacks\n";
    out += "are applied and what each needs to reach. Every diagram is drawn from the synthesized stacks themselves.\n";
    out += "Operations: [operations manual](operations-manual.md); procedures: [procedures](procedures.md); index: [docs](README.md).\n\n";
    for (const env of envs) {
      const c = env.config;
      out += `## ${c.name}\n\n`;
      out += `Account \`${c.account.name}\` (${c.account.id}), region \`${c.region}\` (DR \`${c.drRegion}\`), EKS cluster \`${c.eks.clusterName}\`, `;
      out += `monitoring namespace \`${c.eks.monitoringNamespace}\`.\n\n`;
      out += "### System\n\nSolid arrows: stack apply order. Dotted arrows: a Helm release waits for another.\n\n";
      out += "```mermaid\n" + systemDiagram(env) + "\n```\n\n";
      out += "### Telemetry data flow\n\n";
      out += "```mermaid\n" + dataFlowDiagram(env) + "\n```\n\n";
      out += "### Component dependencies and apply order\n\n";
      out += dependencyTable(env) + "\n";
    }
    out += followOneValueSection(envs, process.cwd(), retentionDoc.render(environments));
    return out;
  },
};
