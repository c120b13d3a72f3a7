import { Testing } from "cdktf";
import { parse as parseYaml } from "yaml";
import { ALERTMANAGER_SECRET_NAME, notificationSecretKeys } from "../../alerts/secrets";
import { RELEASE_NAMES } from "../../constructs/observability/endpoints";
import { PlatformStack } from "../../stacks/platform-stack";
import { ENVIRONMENT_NAMES, envConfig, parse } from "../support";

describe("platform stack", () => {
  it.each(ENVIRONMENT_NAMES)("K1: %s puts the Prometheus and Loki volumes on the expandable StorageClass", (env) => {
    const stack = new PlatformStack(Testing.app(), { config: envConfig(env) });
    const json = parse(Testing.synth(stack));
    const [scName] = Object.keys(json.resource!.kubernetes_storage_class_v1!);
    const ref = `\${kubernetes_storage_class_v1.${scName}.metadata[0].name}`;
    const releases = Object.values(json.resource!.helm_release!) as Array<{ name: string; values: string[] }>;
    type Values = { prometheus: { prometheusSpec: { storageSpec: { volumeClaimTemplate: { spec: { storageClassName: string } } } } } } & Record<string, { persistence?: unknown }>;
    const values = (name: string) => parseYaml(releases.find((r) => r.name === name)!.values[0]!) as Values;
    const kps = values(RELEASE_NAMES.kubePrometheusStack);
    expect(kps.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName).toBe(ref);
    const loki = values(RELEASE_NAMES.loki);
    const stateful = envConfig(env).observability.loki.deploymentMode === "SimpleScalable" ? ["write", "backend"] : ["singleBinary"];
    for (const component of stateful) expect(loki[component].persistence).toEqual({ storageClass: ref });
  });
});

describe("alerting delivered through kube-prometheus-stack", () => {
  it.each(ENVIRONMENT_NAMES)("C3/A8: %s's rules, routing and receiver secret reach the release", (env) => {
    const config = envConfig(env);
    const stack = new PlatformStack(Testing.app(), { config });
    const json = parse(Testing.synth(stack));
    const secrets = Object.entries(json.resource!.kubernetes_secret_v1!) as Array<[string, { metadata: { name: string; namespace: string }; data: Record<string, string>; depends_on: string[] }]>;
    const [secretId, secret] = secrets.find(([, s]) => s.metadata.name === ALERTMANAGER_SECRET_NAME)!;
    expect(secret.metadata.namespace).toBe(config.eks.monitoringNamespace);
    expect(Object.keys(secret.data).sort()).toEqual(notificationSecretKeys(config));
    expect(secret.depends_on).toEqual([expect.stringMatching(/^kubernetes_namespace_v1\./)]);
    const release = Object.values(json.resource!.helm_release!).find((r) => (r as { name: string }).name === RELEASE_NAMES.kubePrometheusStack) as {
      values: string[];
      depends_on: string[];
    };
    expect(release.depends_on).toContain(`kubernetes_secret_v1.${secretId}`);
    const values = parseYaml(release.values[0]!) as {
      additionalPrometheusRulesMap: Record<string, { groups: unknown }>;
      defaultRules: unknown;
      alertmanager: { config: unknown; alertmanagerSpec: { secrets: string[] } };
    };
    expect(values.additionalPrometheusRulesMap["fx-trader"]!.groups).toEqual(stack.alerting.ruleGroups);
    expect(values.alertmanager.config).toEqual(stack.alerting.alertmanagerConfig);
    expect(values.alertmanager.alertmanagerSpec.secrets).toEqual([ALERTMANAGER_SECRET_NAME]);
    // Our Watchdog replaces the chart's, so the heartbeat is pinged by one alert only.
    expect(values.defaultRules).toEqual({ disabled: { Watchdog: true } });
  });
});
