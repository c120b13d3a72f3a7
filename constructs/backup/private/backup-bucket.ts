/** What the backup domain's buckets share: SecureBucket props from the environment. */
import type { TerraformProvider } from "cdktf";
import type { EnvironmentConfig } from "../../../config/types";
import { BucketEncryption } from "../../core/bucket-encryption";
import type { CustomerKey } from "../../core/customer-key";
import type { LifecycleRules } from "../../core/lifecycle-rules";
import type { SecureBucket, SecureBucketProps } from "../../core/secure-bucket";

/**
 * `SecureBucket` props of a backup bucket: versioned, encrypted with the data key, logging its access into the
 * environment's access-log bucket (in the same stack, built by the logging domain, and passed in so that the
 * logging configuration references it and Terraform creates the target first) under `s3/<bucket name>/`.
 */
export function backupBucketProps(
  config: Pick<EnvironmentConfig, "account" | "protectStatefulResources">,
  bucketName: string,
  encryptionKey: CustomerKey,
  lifecycle: LifecycleRules,
  accessLogBucket: SecureBucket,
  provider: TerraformProvider,
): SecureBucketProps {
  return {
    bucketName,
    accountId: config.account.id,
    encryption: BucketEncryption.kms(encryptionKey),
    lifecycle,
    serverAccessLogs: { target: accessLogBucket, prefix: `s3/${bucketName}/` },
    protect: config.protectStatefulResources,
    provider,
  };
}
