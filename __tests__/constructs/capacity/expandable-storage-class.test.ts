import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { Testing, TerraformStack } from "cdktf";
import { ExpandableStorageClass } from "../../../constructs/capacity/expandable-storage-class";
import { envConfig } from "../../support";

// The construct reads two fields of the environment; the fixture is exactly those.
function storageClass(protectStatefulResources: boolean) {
  const stack = new TerraformStack(Testing.app(), "test");
  const storage = new ExpandableStorageClass(stack, "storage", { config: { name: "dev", protectStatefulResources }, provider: new KubernetesProvider(stack, "k", {}) });
  return { name: storage.name, synthesized: Testing.synth(stack) };
}

describe("ExpandableStorageClass", () => {
  it("K1: volumes are encrypted gp3 and can be expanded in place", () => {
    const { name, synthesized } = storageClass(false);
    expect(name).toBe("fx-trader-dev-gp3-expandable");
    expect(synthesized).toHaveResourceWithProperties(StorageClassV1, {
      metadata: { name, labels: { "app.kubernetes.io/part-of": "fx-trader", "app.kubernetes.io/managed-by": "cdktf" } },
      storage_provisioner: "ebs.csi.aws.com",
      allow_volume_expansion: true,
      volume_binding_mode: "WaitForFirstConsumer",
      parameters: { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" },
      reclaim_policy: "Delete",
    });
    // Seeded failure: the matcher rejects a class that cannot grow.
    expect(synthesized).not.toHaveResourceWithProperties(StorageClassV1, { allow_volume_expansion: false });
  });

  it("keeps volumes when their claim is deleted where the environment protects stateful resources", () => {
    expect(storageClass(true).synthesized).toHaveResourceWithProperties(StorageClassV1, { reclaim_policy: "Retain" });
    expect(storageClass(true).synthesized).not.toHaveResourceWithProperties(StorageClassV1, { reclaim_policy: "Delete" });
  });

  it.each(["staging", "prod"] as const)("%s protects stateful resources, so its volumes are retained", (env) => {
    expect(storageClass(envConfig(env).protectStatefulResources).synthesized).toHaveResourceWithProperties(StorageClassV1, { reclaim_policy: "Retain" });
  });
});
