import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { ExpandableStorageClass } from "../../../constructs/capacity/expandable-storage-class";
import { ENVIRONMENT_NAMES, envConfig, onlyResource, synthInStack } from "../../support";

describe("ExpandableStorageClass", () => {
  it.each(ENVIRONMENT_NAMES)("K1: %s volumes are encrypted gp3 and can be expanded in place", (env) => {
    let name = "";
    const json = synthInStack(env, (scope, config) => {
      name = new ExpandableStorageClass(scope, "storage", { config, provider: new KubernetesProvider(scope, "k", {}) }).name;
    });
    expect(name).toBe(`fx-trader-${env}-gp3-expandable`);
    expect(onlyResource(json, StorageClassV1.tfResourceType)).toMatchObject({
      metadata: { name },
      storage_provisioner: "ebs.csi.aws.com",
      allow_volume_expansion: true,
      volume_binding_mode: "WaitForFirstConsumer",
      parameters: { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" },
      reclaim_policy: envConfig(env).protectStatefulResources ? "Retain" : "Delete",
    });
  });

  it.each(["staging", "prod"] as const)("%s keeps volumes when their claim is deleted", (env) => {
    const json = synthInStack(env, (scope, config) => {
      new ExpandableStorageClass(scope, "storage", { config, provider: new KubernetesProvider(scope, "k", {}) });
    });
    expect(onlyResource(json, StorageClassV1.tfResourceType).reclaim_policy).toBe("Retain");
  });
});
