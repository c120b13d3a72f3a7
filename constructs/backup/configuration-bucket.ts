/**
 * The configuration bucket (B1, B2 "configuration files on every change"): versioned, so every change is a
 * new object version, and protected by the backup plan's continuous rule, so AWS Backup can restore it to
 * any point in time within the retention. Tagged with the recovery objectives, which also places it in the
 * plan's tag-based selection.
 */
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "../../config/types";
import { BucketEncryption } from "../core/bucket-encryption";
import type { CustomerKey } from "../core/customer-key";
import { accessLogBucketName } from "../core/naming";
import { SecureBucket } from "../core/secure-bucket";
import { backupNames } from "./backup-names";
import { ABORT_INCOMPLETE_UPLOAD_DAYS } from "./private/bucket-lifecycle";

export interface ConfigurationBucketProps {
  readonly config: EnvironmentConfig;
  /** The data key. */
  readonly encryptionKey: CustomerKey;
  /** Recovery objective tags. */
  readonly tags: Record<string, string>;
  readonly provider: TerraformProvider;
}

export class ConfigurationBucket extends Construct {
  readonly bucketName: string;
  readonly arn: string;
  readonly storage: SecureBucket;

  constructor(scope: Construct, id: string, props: ConfigurationBucketProps) {
    super(scope, id);
    const { config } = props;
    this.bucketName = backupNames(config).configurationBucket;
    this.storage = new SecureBucket(this, "storage", {
      bucketName: this.bucketName,
      accountId: config.account.id,
      encryption: BucketEncryption.kms(props.encryptionKey),
      lifecycle: {
        // Current versions stay until replaced: they are the configuration.
        expirationDays: undefined,
        rules: () => [
          {
            // Older versions stay as long as the longest backup rule keeps recovery points; beyond that the
            // daily full backups hold them.
            id: "expire-noncurrent-versions",
            status: "Enabled",
            filter: [{}],
            noncurrentVersionExpiration: [{ noncurrentDays: config.backup.dailyRetentionDays }],
            abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS }],
          },
        ],
      },
      serverAccessLogs: { targetBucketName: accessLogBucketName(config), prefix: `s3/${this.bucketName}/` },
      tags: props.tags,
      protect: config.protectStatefulResources,
      provider: props.provider,
    });
    this.arn = this.storage.arn;
  }
}
