/**
 * The lifecycle of the account-baseline buckets as a value object: one rule over the whole bucket that
 * expires objects after the retention, aborts incomplete multipart uploads after the core default and, in a
 * versioned bucket, deletes replaced or deleted versions after `noncurrentVersionDays`.
 */
import type { S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { ABORT_INCOMPLETE_UPLOAD_DAYS, lifecycleRule, type LifecycleRules } from "../core/lifecycle-rules";

/** Days a replaced or deleted version is kept in a versioned baseline bucket, unless told otherwise. */
export const DEFAULT_NONCURRENT_VERSION_DAYS = 30;

export class ExpiryLifecycle implements LifecycleRules {
  /**
   * @param expirationDays days after creation when objects expire (validated by the bucket)
   * @param noncurrentVersionDays days a noncurrent version is kept; `undefined` for an unversioned bucket
   */
  constructor(
    readonly expirationDays: number,
    readonly noncurrentVersionDays: number | undefined,
  ) {}

  rules(): S3BucketLifecycleConfigurationRule[] {
    return [
      lifecycleRule({
        id: "expire",
        expirationDays: this.expirationDays,
        abortIncompleteUploadDays: ABORT_INCOMPLETE_UPLOAD_DAYS,
        ...(this.noncurrentVersionDays === undefined ? {} : { noncurrentVersionDays: this.noncurrentVersionDays }),
      }),
    ];
  }
}
