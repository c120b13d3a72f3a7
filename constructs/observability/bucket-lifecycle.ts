/** A component bucket's lifecycle as data: what S3 deletes and when. Rendered to one `aws_s3_bucket_lifecycle_configuration`. */
import { ABORT_INCOMPLETE_UPLOAD_DAYS, lifecycle, type LifecycleRule, type LifecycleRules } from "../core/lifecycle-rules";

export interface BucketLifecycle {
  /**
   * Days after creation S3 deletes an object; `undefined` keeps objects until the component deletes them.
   * For data the component also expires, this is at least the component's retention, so S3 is a backstop
   * that never deletes earlier than the component would.
   */
  readonly expirationDays?: number;
  /** Days a noncurrent version is kept in a versioned bucket. */
  readonly noncurrentVersionDays?: number;
  /**
   * Days after which an unfinished multipart upload is aborted (its parts are billed until then).
   * @default ABORT_INCOMPLETE_UPLOAD_DAYS (constructs/core/lifecycle-rules.ts)
   */
  readonly abortIncompleteUploadDays?: number;
}

/** `bucketLifecycle` as the core bucket's lifecycle: one rule per action, in a fixed order, each over the whole bucket. */
export function asLifecycleRules(bucketLifecycle: BucketLifecycle): LifecycleRules {
  const rules: LifecycleRule[] = [
    { id: "abort-incomplete-uploads", abortIncompleteUploadDays: bucketLifecycle.abortIncompleteUploadDays ?? ABORT_INCOMPLETE_UPLOAD_DAYS },
  ];
  if (bucketLifecycle.expirationDays !== undefined) rules.push({ id: "expire-objects", expirationDays: bucketLifecycle.expirationDays });
  if (bucketLifecycle.noncurrentVersionDays !== undefined) {
    rules.push({ id: "expire-noncurrent-versions", noncurrentVersionDays: bucketLifecycle.noncurrentVersionDays });
  }
  return lifecycle(rules);
}
