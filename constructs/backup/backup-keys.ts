/**
 * The backup domain's customer keys (B1): one encrypts the recovery points in both vaults, the other the
 * data the backup program writes itself (configuration bucket, audit reports, the failure topic). Both are
 * multi-Region keys with a replica in the DR region. Two keys, because the vault key's users are AWS
 * Backup alone while the data key must also admit EventBridge, CloudWatch and the audit reports role.
 */
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "../../config/types";
import { backupNames } from "./backup-names";
import { MultiRegionKey } from "./multi-region-key";
import { accountRootStatement, policyDocument, type PolicyStatement } from "./private/policy-documents";

export interface BackupKeysProps {
  readonly config: EnvironmentConfig;
  /** Provider of the primary region. */
  readonly provider: TerraformProvider;
  /** Provider of the DR region (the stack's `awsDr`). */
  readonly drProvider: TerraformProvider;
}

/** The service-linked role Backup Audit Manager writes reports with. */
export function backupReportsRoleArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`;
}

/** Key policy of the data key: the account, plus the services that write through it. */
export function dataKeyPolicy(accountId: string): string {
  const publishers: PolicyStatement = {
    Sid: "AllowEventBridgeAndCloudWatchToPublishToTheEncryptedTopic",
    Effect: "Allow",
    Principal: { Service: ["cloudwatch.amazonaws.com", "events.amazonaws.com"] },
    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
    Resource: "*",
    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
  };
  // Named through a condition rather than as the principal: the service-linked role only exists once the
  // first report plan is created, and KMS refuses a policy naming a principal that does not exist yet.
  const reports: PolicyStatement = {
    Sid: "AllowBackupAuditManagerToWriteEncryptedReports",
    Effect: "Allow",
    Principal: { AWS: "*" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
    Resource: "*",
    Condition: { ArnEquals: { "aws:PrincipalArn": backupReportsRoleArn(accountId) }, StringEquals: { "aws:PrincipalAccount": accountId } },
  };
  return policyDocument([accountRootStatement(accountId), publishers, reports]);
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
      deletionWindowDays: config.backup.keyDeletionWindowDays,
      protect: config.protectStatefulResources,
      provider: props.provider,
      drProvider: props.drProvider,
    };
    this.vaultKey = new MultiRegionKey(this, "vault", {
      ...common,
      alias: names.vaultKeyAlias,
      description: `fx-trader ${config.name}: AWS Backup recovery points`,
      policy: policyDocument([accountRootStatement(config.account.id)]),
    });
    this.dataKey = new MultiRegionKey(this, "data", {
      ...common,
      alias: names.dataKeyAlias,
      description: `fx-trader ${config.name}: configuration bucket, backup audit reports, backup alerts`,
      policy: dataKeyPolicy(config.account.id),
    });
  }
}
