/**
 * The configuration bucket (B1, B2 "configuration files on every change"): versioned, so every change is a
 * new object version, and protected by the backup plan's continuous rule, so AWS Backup can restore it to
 * any point in time within the retention. Tagged with the recovery objectives, which also places it in the
 * plan's tag-based selection.
 */
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { logClassPolicy } from "../../config/retention-policy";
import { bucketName } from "../core/naming";
import type { EnvironmentConfig } from "../../config/types";
import { backupNames } from "./backup-names";
import { EncryptedBucket } from "./private/encrypted-bucket";

export interface ConfigurationBucketProps {
  readonly config: EnvironmentConfig;
  /** ARN of the data key. */
  readonly kmsKeyArn: string;
  /** Recovery objective tags. */
  readonly tags: Record<string, string>;
  readonly provider: TerraformProvider;
}

export class ConfigurationBucket extends Construct {
  readonly bucketName: string;
  readonly arn: string;
  readonly storage: EncryptedBucket;

  constructor(scope: Construct, id: string, props: ConfigurationBucketProps) {
    super(scope, id);
    const { config } = props;
    this.bucketName = backupNames(config).configurationBucket;
    this.arn = `arn:aws:s3:::${this.bucketName}`;
    this.storage = new EncryptedBucket(this, "storage", {
      bucketName: this.bucketName,
      kmsKeyArn: props.kmsKeyArn,
      tags: props.tags,
      protect: config.protectStatefulResources,
      provider: props.provider,
      accessLogs: { targetBucket: bucketName(config, logClassPolicy(config, "access").bucketPurpose), prefix: `s3/${this.bucketName}/` },
      lifecycleRules: [
        {
          // Older versions stay as long as the longest backup rule keeps recovery points; beyond that the
          // daily full backups hold them.
          id: "expire-noncurrent-versions",
          status: "Enabled",
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: config.backup.dailyRetentionDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
  }
}
