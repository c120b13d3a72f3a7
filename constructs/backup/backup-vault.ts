/**
 * A backup vault (B1, B4): encrypted with a customer key, locked (compliance or governance mode with the
 * retention range from config, or unlocked where the environment says `none`), and with an access policy
 * that denies deleting recovery points, changing their lifecycle or replacing the policy itself to everyone
 * but the break-glass role.
 */
import { BackupVault as AwsBackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { BackupVaultLockConfiguration } from "@cdktf/provider-aws/lib/backup-vault-lock-configuration";
import { BackupVaultPolicy } from "@cdktf/provider-aws/lib/backup-vault-policy";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { KmsReplicaKey } from "@cdktf/provider-aws/lib/kms-replica-key";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { BackupConfig } from "../../config/types";
import { protectStateful } from "../core/protection";
import { condition, policyDocument } from "../core/policy-statements";

export interface BackupVaultProps {
  /** Vault name (AWS: 2–50 letters, digits, `-` or `_`). */
  readonly name: string;
  /** The KMS key that encrypts the recovery points (in the vault's region): a primary key or its replica. */
  readonly encryptionKey: KmsKey | KmsReplicaKey;
  readonly vaultLock: BackupConfig["vaultLock"];
  /** The only principal allowed to delete recovery points. */
  readonly breakGlassRoleArn: string;
  /** Resource tags (the recovery objectives). */
  readonly tags: Record<string, string>;
  /** `prevent_destroy` on the vault and its lock. */
  readonly protect: boolean;
  /** Provider of the vault's region. */
  readonly provider: TerraformProvider;
}

/**
 * Actions the access policy denies to everyone but the break-glass role (with MFA): the three AWS Config's
 * BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED requires (with wildcard principal and resource), and (S6)
 * those that remove the policy itself, its lock or the vault. Denying `PutBackupVaultAccessPolicy` and
 * `DeleteBackupVaultAccessPolicy` means a later change to this policy must be applied as the break-glass role.
 */
export const PROTECTED_RECOVERY_POINT_ACTIONS = [
  "backup:DeleteRecoveryPoint",
  "backup:UpdateRecoveryPointLifecycle",
  "backup:PutBackupVaultAccessPolicy",
  "backup:DeleteBackupVaultAccessPolicy",
  "backup:DeleteBackupVaultLockConfiguration",
  "backup:PutBackupVaultLockConfiguration",
  "backup:DeleteBackupVault",
] as const;

/** The vault access policy: deny recovery-point deletion and policy removal except to `breakGlassRoleArn` with MFA. */
export function vaultAccessPolicy(breakGlassRoleArn: string): string {
  return policyDocument([
    {
      sid: "DenyRecoveryPointDeletionExceptBreakGlass",
      effect: "Deny",
      principals: [{ type: "AWS", identifiers: ["*"] }],
      actions: [...PROTECTED_RECOVERY_POINT_ACTIONS],
      resources: ["*"],
      condition: [condition("ArnNotEquals", "aws:PrincipalArn", [breakGlassRoleArn])],
    },
    {
      sid: "DenyRecoveryPointDeletionWithoutMfa",
      effect: "Deny",
      principals: [{ type: "AWS", identifiers: ["*"] }],
      actions: [...PROTECTED_RECOVERY_POINT_ACTIONS],
      resources: ["*"],
      condition: [condition("BoolIfExists", "aws:MultiFactorAuthPresent", ["false"])],
    },
  ]);
}

export class BackupVault extends Construct {
  readonly vault: AwsBackupVault;
  readonly lock?: BackupVaultLockConfiguration;
  readonly name: string;

  constructor(scope: Construct, id: string, props: BackupVaultProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9_-]{2,50}$/.test(props.name)) {
      throw new Error(`BackupVault ${this.node.path}: name "${props.name}" must be 2–50 letters, digits, '-' or '_' (AWS Backup vault names)`);
    }
    const lock = props.vaultLock;
    if (lock.mode !== "none" && lock.minRetentionDays > lock.maxRetentionDays) {
      throw new Error(`BackupVault ${props.name}: vault lock minRetentionDays ${lock.minRetentionDays} exceeds maxRetentionDays ${lock.maxRetentionDays} (backup.vaultLock)`);
    }
    this.name = props.name;
    this.vault = protectStateful(
      new AwsBackupVault(this, "vault", { provider: props.provider, name: props.name, kmsKeyArn: props.encryptionKey.arn, tags: props.tags }),
      props.protect,
    );
    if (lock.mode !== "none") {
      this.lock = protectStateful(
        new BackupVaultLockConfiguration(this, "lock", {
          provider: props.provider,
          backupVaultName: this.vault.name,
          minRetentionDays: lock.minRetentionDays,
          maxRetentionDays: lock.maxRetentionDays,
          // AWS Backup applies compliance mode exactly when a grace time is given; without it the lock is governance mode.
          changeableForDays: lock.mode === "compliance" ? lock.changeableForDays : undefined,
        }),
        props.protect,
      );
    }
    new BackupVaultPolicy(this, "policy", { provider: props.provider, backupVaultName: this.vault.name, policy: vaultAccessPolicy(props.breakGlassRoleArn) });
  }

  get arn(): string {
    return this.vault.arn;
  }
}
