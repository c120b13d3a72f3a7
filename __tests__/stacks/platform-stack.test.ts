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
    // S5: the receivers' Secret is an ExternalSecret of the fx-external-secrets release, which kps waits for.
    const releases = Object.entries(json.resource!.helm_release!) as Array<[string, { name: string; values: string[]; depends_on: string[] }]>;
    const [syncedId, synced] = releases.find(([, r]) => r.name === "fx-external-secrets")!;
    const externalSecrets = (parseYaml(synced.values[0]!) as { externalSecrets: Array<{ name: string; namespace: string; keys: string[] }> }).externalSecrets;
    const receivers = externalSecrets.find((s) => s.name === ALERTMANAGER_SECRET_NAME)!;
    expect(receivers.namespace).toBe(config.eks.monitoringNamespace);
    expect([...receivers.keys].sort()).toEqual(notificationSecretKeys(config));
    const release = releases.find(([, r]) => r.name === RELEASE_NAMES.kubePrometheusStack)![1];
    expect(release.depends_on).toContain(`helm_release.${syncedId}`);
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
