/**
 * Where Backup Audit Manager delivers its reports (B4 evidence): private, encrypted with the data key,
 * reports kept `backup.auditReportRetentionDays`.
 */
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { logClassPolicy } from "../../config/retention-policy";
import { bucketName } from "../core/naming";
import type { EnvironmentConfig } from "../../config/types";
import { backupReportsRoleArn } from "./backup-keys";
import { backupNames } from "./backup-names";
import { EncryptedBucket } from "./private/encrypted-bucket";

export interface AuditReportBucketProps {
  readonly config: EnvironmentConfig;
  /** ARN of the data key. */
  readonly kmsKeyArn: string;
  readonly provider: TerraformProvider;
}

/** Start of the key prefix every report plan writes under (`backup-audit-<report>`). */
export const AUDIT_REPORT_PREFIX = "backup-audit";

export class AuditReportBucket extends Construct {
  readonly bucketName: string;
  readonly storage: EncryptedBucket;

  constructor(scope: Construct, id: string, props: AuditReportBucketProps) {
    super(scope, id);
    const { config } = props;
    this.bucketName = backupNames(config).reportBucket;
    const reportsRole = backupReportsRoleArn(config.account.id);
    this.storage = new EncryptedBucket(this, "storage", {
      bucketName: this.bucketName,
      kmsKeyArn: props.kmsKeyArn,
      protect: config.protectStatefulResources,
      provider: props.provider,
      accessLogs: { targetBucket: bucketName(config, logClassPolicy(config, "access").bucketPurpose), prefix: `s3/${this.bucketName}/` },
      lifecycleRules: [
        {
          id: "expire-reports",
          status: "Enabled",
          filter: [{}],
          expiration: [{ days: config.backup.auditReportRetentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      // A condition, not the principal: the service-linked role may not exist yet when the policy is applied.
      extraPolicyStatements: (arn) => [
        {
          Sid: "AllowBackupAuditManagerToDeliverReports",
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: "s3:PutObject",
          Resource: `${arn}/${AUDIT_REPORT_PREFIX}-*`,
          Condition: { ArnEquals: { "aws:PrincipalArn": reportsRole }, StringEquals: { "aws:PrincipalAccount": config.account.id } },
        },
      ],
    });
  }
}
