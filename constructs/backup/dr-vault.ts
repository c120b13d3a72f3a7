/**
 * The vault in the disaster-recovery region that receives copies of every recovery point (B4: the RPO holds
 * through a region loss). Same lock and access policy as the primary vault, encrypted with the replica of
 * the vault key.
 */
import type { KmsReplicaKey } from "@cdktf/provider-aws/lib/kms-replica-key";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { breakGlassRoleArn } from "./audit-controls";
import { backupNames, type BackupEnvironment } from "./backup-names";
import { BackupVault } from "./backup-vault";

export interface DrVaultProps {
  readonly config: BackupEnvironment;
  /** The vault key's replica in the DR region. */
  readonly encryptionKey: KmsReplicaKey;
  readonly tags: Record<string, string>;
  /** Provider of the DR region (the stack's `awsDr`). */
  readonly drProvider: TerraformProvider;
}

export class DrVault extends Construct {
  readonly vault: BackupVault;
  /** The DR region the vault lives in. */
  readonly region: string;

  constructor(scope: Construct, id: string, props: DrVaultProps) {
    super(scope, id);
    const { config } = props;
    if (!config.backup.crossRegionCopy) {
      throw new Error(`DrVault ${this.node.path}: [${config.name}] backup.crossRegionCopy is false; a DR vault would receive no copies`);
    }
    this.region = config.drRegion;
    this.vault = new BackupVault(this, "vault", {
      name: backupNames(config).drVault,
      encryptionKey: props.encryptionKey,
      vaultLock: config.backup.vaultLock,
      breakGlassRoleArn: breakGlassRoleArn(config),
      tags: props.tags,
      protect: config.protectStatefulResources,
      provider: props.drProvider,
    });
  }

  get arn(): string {
    return this.vault.arn;
  }
}
