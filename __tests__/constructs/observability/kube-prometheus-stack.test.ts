import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import YAML from "yaml";
import type { EnvironmentConfig } from "../../../config/types";
import { KubePrometheusStack, type KubePrometheusStackProps } from "../../../constructs/observability/kube-prometheus-stack";
import type { AlertmanagerConfig, PrometheusRuleGroup } from "../../../alerts/models";
import { ENVIRONMENT_NAMES, onlyResource, resources, synthInStack } from "../../support";
import { at, release, synthesized } from "./support";
import type { Construct } from "constructs";

type Extra = Pick<KubePrometheusStackProps, "ruleGroups" | "alertmanagerConfig" | "alertmanagerSecrets">;

/** Synthesizes a KubePrometheusStack alone with `extra` props; returns its parsed values. */
function kpsValues(extra: Extra, env: "dev" | "prod" = "dev"): Record<string, unknown> {
  const json = synthInStack(env, (scope: Construct, config: EnvironmentConfig) => {
    const helmProvider = new HelmProvider(scope, "helm", {});
    const cluster = new DataAwsEksCluster(scope, "cluster", { name: config.eks.clusterName });
    new KubePrometheusStack(scope, "kps", { config, helmProvider, cluster, namespace: "monitoring", grafanaAdminSecret: "grafana-admin", ...extra });
  });
  return YAML.parse((onlyResource(json, "helm_release").values as string[])[0]!) as Record<string, unknown>;
}

const GROUPS: PrometheusRuleGroup[] = [
  { name: "fx-trader-http", rules: [{ alert: "HttpErrorRatioHigh", expr: "sum(rate(x[5m])) > 0.01", for: "5m", labels: { severity: "critical" } }] },
  { name: "fx-trader-records", rules: [{ record: "job:up:sum", expr: "sum by (job) (up)" }] },
];

const AM_CONFIG: AlertmanagerConfig = {
  route: { receiver: "default", group_by: ["alertname"], routes: [{ receiver: "pager", matchers: ['severity="critical"'] }] },
  receivers: [{ name: "default" }, { name: "pager", pagerduty_configs: [{ routing_key_file: KubePrometheusStack.alertmanagerSecretPath("alertmanager-receivers", "pagerduty") }] }],
};

describe("KubePrometheusStack", () => {
  it("C3: places rule groups, the Alertmanager config and its secrets where the chart reads them", () => {
    const v = kpsValues({ ruleGroups: GROUPS, alertmanagerConfig: AM_CONFIG, alertmanagerSecrets: ["alertmanager-receivers"] });
    expect(at(v, "additionalPrometheusRulesMap")).toEqual({ "fx-trader": { groups: GROUPS } });
    expect(at(v, "alertmanager.config")).toEqual(AM_CONFIG);
    expect(at(v, "alertmanager.alertmanagerSpec.secrets")).toEqual(["alertmanager-receivers"]);
    expect(KubePrometheusStack.alertmanagerSecretPath("alertmanager-receivers", "pagerduty")).toBe("/etc/alertmanager/secrets/alertmanager-receivers/pagerduty");
  });

  it("keeps the chart's default rules and Alertmanager config when none are given", () => {
    const v = kpsValues({});
    expect(v.additionalPrometheusRulesMap).toBeUndefined();
    expect(at(v, "alertmanager.config")).toBeUndefined();
    expect(at(v, "alertmanager.alertmanagerSpec.secrets")).toBeUndefined();
    expect(v.defaultRules).toBeUndefined();
  });

  it("fails when an Alertmanager secret name is not a Kubernetes name", () => {
    expect(() => kpsValues({ alertmanagerSecrets: ["Receivers_Secret"] })).toThrow('[dev] KubePrometheusStack: alertmanagerSecrets entry "Receivers_Secret": must be a Kubernetes Secret name (lowercase RFC 1123)');
  });

  it.each(ENVIRONMENT_NAMES)("C2, S5: %s Grafana takes its admin credentials from the Secret its ExternalSecret syncs, never inline", (env) => {
    const { platform } = synthesized(env);
    const grafana = at(release(env, "kube-prometheus-stack").values, "grafana") as Record<string, unknown>;
    expect(grafana.admin).toEqual({ existingSecret: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" });
    expect(grafana.adminPassword).toBeUndefined();
    expect(resources(platform, "kubernetes_secret_v1")).toEqual({});
    const synced = Object.values(resources(platform, "helm_release")).find((r) => r.name === "fx-external-secrets")!;
    const externalSecrets = (YAML.parse((synced.values as string[])[0]!) as { externalSecrets: Array<Record<string, unknown>> }).externalSecrets;
    expect(externalSecrets).toContainEqual({ name: "grafana-admin", namespace: "monitoring", remoteKey: `fx-trader/${env}/grafana/admin`, keys: ["admin-user", "admin-password"] });
  });

  it.each(ENVIRONMENT_NAMES)("C2: %s Grafana is reachable at its per-environment host", (env) => {
    const grafana = at(release(env, "kube-prometheus-stack").values, "grafana") as Record<string, unknown>;
    const host = env === "prod" ? "grafana.fx-trader.example.com" : `grafana.${env}.fx-trader.example.com`;
    expect(at(grafana, "ingress.hosts")).toEqual([host]);
    expect(at(grafana, "ingress.enabled")).toBe(true);
    expect((grafana["grafana.ini"] as { server: { root_url: string } }).server.root_url).toBe(`https://${host}`);
    // Data sources come from the grafana layer only.
    expect(at(grafana, "sidecar.datasources.enabled")).toBe(false);
  });

  it.each(ENVIRONMENT_NAMES)("M1, M6, M7: %s scrapes the application, node-exporter, kube-state-metrics and cAdvisor", (env) => {
    const v = release(env, "kube-prometheus-stack").values;
    expect(at(v, "prometheus.additionalServiceMonitors")).toEqual([
      {
        name: "fx-trader",
        selector: { matchLabels: { "app.kubernetes.io/name": "fx-trader" } },
        namespaceSelector: { matchNames: ["fx-trader"] },
        endpoints: [{ port: "metrics", path: "/metrics", interval: "30s" }],
      },
    ]);
    expect(at(v, "nodeExporter.enabled")).toBe(true);
    expect(at(v, "kubeStateMetrics.enabled")).toBe(true);
    expect(at(v, "kubelet.serviceMonitor.cAdvisor")).toBe(true);
    expect(at(v, "prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues")).toBe(false);
  });

  it.each(ENVIRONMENT_NAMES)("M2, M3, M8, M9: %s deploys the database and cache exporters with ServiceMonitors and secret credentials", (env) => {
    const pg = release(env, "prometheus-postgres-exporter").values;
    expect(at(pg, "serviceMonitor.enabled")).toBe(true);
    expect(at(pg, "config.datasource.passwordSecret")).toEqual({ name: "postgres-exporter-credentials", key: "password" });
    expect(at(pg, "config.datasource.host")).toMatch(/^\$\{data\.aws_rds_cluster\..+\.endpoint\}$/);
    expect(at(pg, "config.datasource.port")).toMatch(/^\$\{data\.aws_rds_cluster\..+\.port\}$/);
    expect(at(pg, "config.extraArgs")).toEqual(["--collector.stat_statements"]);
    const redis = release(env, "prometheus-redis-exporter").values;
    expect(at(redis, "serviceMonitor.enabled")).toBe(true);
    expect(at(redis, "auth")).toEqual({ enabled: true, secret: { name: "redis-exporter-auth", key: "password" } });
    expect(redis.redisAddress).toMatch(/^rediss:\/\/\$\{data\.aws_elasticache_replication_group\..+\.primary_endpoint_address\}:/);
  });
});
