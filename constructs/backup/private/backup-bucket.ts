/** What the backup domain's buckets share: SecureBucket props from the environment, and their lifecycle settings. */
import type { TerraformProvider } from "cdktf";
import type { EnvironmentConfig } from "../../../config/types";
import { BucketEncryption } from "../../core/bucket-encryption";
import type { CustomerKey } from "../../core/customer-key";
import type { LifecycleRules } from "../../core/lifecycle-rules";
import { accessLogBucketName } from "../../core/naming";
import type { SecureBucketProps } from "../../core/secure-bucket";

/** Days after which an unfinished multipart upload into a backup bucket is aborted (its parts are billed until then). */
export const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

/**
 * `SecureBucket` props of a backup bucket: versioned, encrypted with the data key, logging its access into the
 * environment's access-log bucket (in the same stack, but built by the logging domain) under `s3/<bucket name>/`.
 */
export function backupBucketProps(
  config: EnvironmentConfig,
  bucketName: string,
  encryptionKey: CustomerKey,
  lifecycle: LifecycleRules,
  provider: TerraformProvider,
): SecureBucketProps {
  return {
    bucketName,
    accountId: config.account.id,
    encryption: BucketEncryption.kms(encryptionKey),
    lifecycle,
    serverAccessLogs: { targetBucketName: accessLogBucketName(config), prefix: `s3/${bucketName}/` },
    protect: config.protectStatefulResources,
    provider,
  };
}
