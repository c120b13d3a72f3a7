/**
 * Where Backup Audit Manager delivers its reports (B4 evidence): a `SecureBucket` encrypted with the data key,
 * reports kept `backup.auditReportRetentionDays`, the reports role allowed to write under the report prefix.
 */
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { CustomerKey } from "../core/customer-key";
import { ABORT_INCOMPLETE_UPLOAD_DAYS, lifecycle } from "../core/lifecycle-rules";
import { condition } from "../core/policy-statements";
import { SecureBucket } from "../core/secure-bucket";
import { backupReportsRoleArn } from "./backup-keys";
import { backupNames, type BackupEnvironment } from "./backup-names";
import { backupBucketProps } from "./private/backup-bucket";

export interface AuditReportBucketProps {
  readonly config: BackupEnvironment;
  /** The data key. */
  readonly encryptionKey: CustomerKey;
  /** The environment\'s access-log bucket (same stack): its server access logs go there, by reference. */
  readonly accessLogBucket: SecureBucket;
  readonly provider: TerraformProvider;
}

/** Start of the key prefix every report plan writes under (`backup-audit-<report>`). */
export const AUDIT_REPORT_PREFIX = "backup-audit";

export class AuditReportBucket extends Construct {
  readonly bucketName: string;
  readonly storage: SecureBucket;

  constructor(scope: Construct, id: string, props: AuditReportBucketProps) {
    super(scope, id);
    const { config } = props;
    this.bucketName = backupNames(config).reportBucket;
    const expirationDays = config.backup.auditReportRetentionDays;
    const reports = lifecycle([
      { id: "expire-reports", expirationDays, noncurrentVersionDays: 1, abortIncompleteUploadDays: ABORT_INCOMPLETE_UPLOAD_DAYS },
    ]);
    this.storage = new SecureBucket(this, "storage", backupBucketProps(config, this.bucketName, props.encryptionKey, reports, props.accessLogBucket, props.provider));
    // A condition, not the principal: the service-linked role may not exist yet when the policy is applied.
    this.storage.addToResourcePolicy({
      sid: "AllowBackupAuditManagerToDeliverReports",
      effect: "Allow",
      principals: [{ type: "AWS", identifiers: ["*"] }],
      actions: ["s3:PutObject"],
      resources: [`${this.storage.arn}/${AUDIT_REPORT_PREFIX}-*`],
      condition: [condition("ArnEquals", "aws:PrincipalArn", [backupReportsRoleArn(config.account.id)]), condition("StringEquals", "aws:PrincipalAccount", [config.account.id])],
    });
  }
}
