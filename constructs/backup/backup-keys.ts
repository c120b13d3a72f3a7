/**
 * The backup domain's customer keys (B1): one encrypts the recovery points in both vaults, the other the
 * data the backup program writes itself (configuration bucket, audit reports, the failure topic). Both are
 * multi-Region keys with a replica in the DR region. Two keys, because the vault key's users are AWS
 * Backup alone while the data key must also admit EventBridge, CloudWatch and the audit reports role.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { breakGlassGuard } from "../core/key-guard";
import { condition } from "../core/policy-statements";
import { backupNames, type BackupEnvironment } from "./backup-names";
import { MultiRegionKey } from "./multi-region-key";

export interface BackupKeysProps {
  readonly config: BackupEnvironment;
  /** Provider of the primary region. */
  readonly provider: TerraformProvider;
  /** Provider of the DR region (the stack's `awsDr`). */
  readonly drProvider: TerraformProvider;
}

/** The service-linked role Backup Audit Manager writes reports with. */
export function backupReportsRoleArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`;
}

/** Key policy statements of the data key after the account root: the services that write through it. */
export function dataKeyStatements(accountId: string): DataAwsIamPolicyDocumentStatement[] {
  const publishers: DataAwsIamPolicyDocumentStatement = {
    sid: "AllowEventBridgeAndCloudWatchToPublishToTheEncryptedTopic",
    effect: "Allow",
    principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com", "events.amazonaws.com"] }],
    actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
    resources: ["*"],
    condition: [condition("StringEquals", "aws:SourceAccount", [accountId])],
  };
  // Named through a condition rather than as the principal: the service-linked role only exists once the
  // first report plan is created, and KMS refuses a policy naming a principal that does not exist yet.
  const reports: DataAwsIamPolicyDocumentStatement = {
    sid: "AllowBackupAuditManagerToWriteEncryptedReports",
    effect: "Allow",
    principals: [{ type: "AWS", identifiers: ["*"] }],
    actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
    resources: ["*"],
    condition: [condition("ArnEquals", "aws:PrincipalArn", [backupReportsRoleArn(accountId)]), condition("StringEquals", "aws:PrincipalAccount", [accountId])],
  };
  return [publishers, reports];
}

export class BackupKeys extends Construct {
  /** Encrypts recovery points: the primary key for the vault, its replica for the DR vault. */
  readonly vaultKey: MultiRegionKey;
  /** Encrypts the configuration bucket, the audit report bucket and the failure topic. */
  readonly dataKey: MultiRegionKey;

  constructor(scope: Construct, id: string, props: BackupKeysProps) {
    super(scope, id);
    const { config } = props;
    const names = backupNames(config);
    const common = {
      accountId: config.account.id,
      deletionWindowDays: config.backup.keyDeletionWindowDays,
      deletionWindowSource: `[${config.name}] backup.keyDeletionWindowDays`,
      protect: config.protectStatefulResources,
      guard: breakGlassGuard(config.account.id, config.backup.breakGlassRoleName),
      provider: props.provider,
      drProvider: props.drProvider,
    };
    this.vaultKey = new MultiRegionKey(this, "vault", {
      ...common,
      aliasName: names.vaultKeyAlias,
      description: `fx-trader ${config.name}: AWS Backup recovery points`,
    });
    this.dataKey = new MultiRegionKey(this, "data", {
      ...common,
      aliasName: names.dataKeyAlias,
      description: `fx-trader ${config.name}: configuration bucket, backup audit reports, backup alerts`,
      policyStatements: dataKeyStatements(config.account.id),
    });
  }
}
