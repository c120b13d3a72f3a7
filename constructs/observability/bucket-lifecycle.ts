/** A bucket's lifecycle as data: what S3 deletes and when. Rendered to one `aws_s3_bucket_lifecycle_configuration`. */
import type { S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import type { LifecycleRules } from "../core/lifecycle-rules";

/** Days after which S3 aborts an unfinished multipart upload (its parts are billed until then). */
export const ABORT_INCOMPLETE_UPLOAD_DAYS = 1;

export interface BucketLifecycle {
  /**
   * Days after creation S3 deletes an object; `undefined` keeps objects until the component deletes them.
   * For data the component also expires, this is at least the component's retention, so S3 is a backstop
   * that never deletes earlier than the component would.
   */
  readonly expirationDays?: number;
  /** Days a noncurrent version is kept in a versioned bucket. */
  readonly noncurrentVersionDays?: number;
  /** Days after which an unfinished multipart upload is aborted (its parts are billed until then). */
  readonly abortIncompleteUploadDays: number;
}

/** The lifecycle rules of `lifecycle`, in a fixed order, each applying to the whole bucket. */
export function lifecycleRules(lifecycle: BucketLifecycle): S3BucketLifecycleConfigurationRule[] {
  const wholeBucket = [{ prefix: "" }];
  const rules: S3BucketLifecycleConfigurationRule[] = [
    {
      id: "abort-incomplete-uploads",
      status: "Enabled",
      filter: wholeBucket,
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: lifecycle.abortIncompleteUploadDays }],
    },
  ];
  if (lifecycle.expirationDays !== undefined) {
    rules.push({ id: "expire-objects", status: "Enabled", filter: wholeBucket, expiration: [{ days: lifecycle.expirationDays }] });
  }
  if (lifecycle.noncurrentVersionDays !== undefined) {
    rules.push({
      id: "expire-noncurrent-versions",
      status: "Enabled",
      filter: wholeBucket,
      noncurrentVersionExpiration: [{ noncurrentDays: lifecycle.noncurrentVersionDays }],
    });
  }
  return rules;
}

/** `lifecycle` as the core bucket's lifecycle. */
export function asLifecycleRules(lifecycle: BucketLifecycle): LifecycleRules {
  return { expirationDays: lifecycle.expirationDays, rules: () => lifecycleRules(lifecycle) };
}
