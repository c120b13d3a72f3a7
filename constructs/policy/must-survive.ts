/**
 * Declares that a bucket's data must survive overwrites and deletions, which makes versioning (CKV_AWS_21)
 * mandatory for it. Buckets with Object Lock, in an AWS Backup selection or in a replication rule are
 * must-survive without this; use it for the others (e.g. configuration or audit evidence buckets).
 */
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";

/** The tag that declares a bucket must-survive; visible in the console and to the policy check alike. */
export const MUST_SURVIVE_TAG = { key: "data-durability", value: "must-survive" } as const;

/** Tags `bucket` as must-survive (merged with its other tags). Returns the bucket. */
export function markMustSurvive(bucket: S3Bucket): S3Bucket {
  bucket.tags = { ...(bucket.tagsInput ?? {}), [MUST_SURVIVE_TAG.key]: MUST_SURVIVE_TAG.value };
  return bucket;
}
