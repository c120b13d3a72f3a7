import { Testing } from "cdktf";
import { parse as parseYaml } from "yaml";
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
