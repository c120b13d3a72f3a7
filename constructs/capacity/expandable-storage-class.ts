/**
 * An encrypted gp3 StorageClass whose volumes can grow in place (K1: disk expansion at 70%), for the
 * Prometheus, Alertmanager and Loki volumes.
 *
 * `allowVolumeExpansion` lets a PersistentVolumeClaim's size be raised while it is mounted (the EBS CSI driver
 * resizes the volume and the filesystem). Nothing raises it by itself: the `DiskCapacityHigh` info alert at the
 * environment's `diskExpansionPercent` is the trigger, and `docs/capacity.md` says what to do. Volumes are
 * created in the zone of the pod that first uses them (`WaitForFirstConsumer`), and kept when their claim is
 * deleted wherever stateful resources are protected.
 */
import type { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "../../config/types";
import { resourceName } from "../core/naming";

export interface ExpandableStorageClassProps {
  readonly config: Pick<EnvironmentConfig, "name" | "protectStatefulResources">;
  readonly provider: KubernetesProvider;
}

export class ExpandableStorageClass extends Construct {
  /** StorageClass name for `storageClassName` in chart values. */
  readonly name: string;
  readonly storageClass: StorageClassV1;

  constructor(scope: Construct, id: string, props: ExpandableStorageClassProps) {
    super(scope, id);
    const { config, provider } = props;
    this.name = resourceName(config, "gp3-expandable");
    this.storageClass = new StorageClassV1(this, "storage-class", {
      provider,
      metadata: { name: this.name, labels: { "app.kubernetes.io/part-of": "fx-trader", "app.kubernetes.io/managed-by": "cdktf" } },
      storageProvisioner: "ebs.csi.aws.com",
      allowVolumeExpansion: true,
      volumeBindingMode: "WaitForFirstConsumer",
      reclaimPolicy: config.protectStatefulResources ? "Retain" : "Delete",
      parameters: { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" },
    });
  }
}
