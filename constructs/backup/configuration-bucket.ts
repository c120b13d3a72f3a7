/**
 * The configuration bucket (B1, B2 "configuration files on every change"): versioned, so every change is a
 * new object version, and protected by the backup plan's continuous rule, so AWS Backup can restore it to
 * any point in time within the retention. Tagged with the recovery objectives, which also places it in the
 * plan's tag-based selection.
 */
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { CustomerKey } from "../core/customer-key";
import { ABORT_INCOMPLETE_UPLOAD_DAYS, lifecycle } from "../core/lifecycle-rules";
import { SecureBucket } from "../core/secure-bucket";
import { backupNames, type BackupEnvironment } from "./backup-names";
import { backupBucketProps } from "./private/backup-bucket";

export interface ConfigurationBucketProps {
  readonly config: BackupEnvironment;
  /** The data key. */
  readonly encryptionKey: CustomerKey;
  /** The environment\'s access-log bucket (same stack): its server access logs go there, by reference. */
  readonly accessLogBucket: SecureBucket;
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
    // Current versions stay until replaced: they are the configuration. Older versions stay as long as the
    // longest backup rule keeps recovery points; beyond that the daily full backups hold them.
    const versions = lifecycle([
      { id: "expire-noncurrent-versions", noncurrentVersionDays: config.backup.dailyRetentionDays, abortIncompleteUploadDays: ABORT_INCOMPLETE_UPLOAD_DAYS },
    ]);
    this.storage = new SecureBucket(this, "storage", {
      ...backupBucketProps(config, this.bucketName, props.encryptionKey, versions, props.accessLogBucket, props.provider),
      tags: props.tags,
      noReplicationBecause:
        "not replicated by S3: the configuration bucket is in the AWS Backup selection, and the backup plan copies each recovery point to the DR region's vault (the DR copy B3 restores from); S3 replication would be a second, unverified copy",
    });
    this.arn = this.storage.arn;
  }
}
