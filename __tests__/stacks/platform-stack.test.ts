import { HorizontalPodAutoscalerV2 } from "@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { Testing } from "cdktf";
import { PlatformStack } from "../../stacks/platform-stack";
import { ENVIRONMENT_NAMES, envConfig, resources } from "../support";

describe("platform stack: capacity", () => {
  it.each(ENVIRONMENT_NAMES)("K2: %s applies HPAs and the StorageClass through the EKS cluster's Kubernetes provider", (env) => {
    const stack = new PlatformStack(Testing.app(), { config: envConfig(env) });
    const json = Testing.synth(stack);
    const k8s = [...Object.values(resources(json, HorizontalPodAutoscalerV2.tfResourceType)), ...Object.values(resources(json, StorageClassV1.tfResourceType))];
    expect(k8s.length).toBeGreaterThan(1);
    for (const r of k8s) expect(r.provider).toBe("kubernetes");
    expect(stack.capacity.storageClass.name).toBe(`fx-trader-${env}-gp3-expandable`);
  });
});
