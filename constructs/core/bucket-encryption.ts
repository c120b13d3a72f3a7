/**
 * Default encryption of a bucket: SSE-KMS with a customer key, or SSE-S3 only with a written reason.
 *
 * Every bucket is meant to use SSE-KMS with a rotating customer key. Some AWS deliveries cannot write to
 * SSE-KMS buckets (ALB access logs, S3 server access logs); for those SSE-S3 is the only option, and the
 * justification travels with the bucket so synth and review print it (and the policy waiver records it).
 */
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { CustomerKey } from "./customer-key";

/** Shortest justification accepted: a reason, not a placeholder. */
const MIN_JUSTIFICATION_CHARS = 20;

export class BucketEncryption {
  /** SSE-KMS with `key` and an S3 Bucket Key (fewer KMS requests, lower cost). */
  static kms(key: KmsKey | CustomerKey): BucketEncryption {
    return new BucketEncryption("aws:kms", key instanceof CustomerKey ? key.key : key, undefined);
  }

  /** SSE-S3 (AES256), allowed only with a justification naming why SSE-KMS cannot be used. */
  static s3Managed(justification: string): BucketEncryption {
    if (justification.trim().length < MIN_JUSTIFICATION_CHARS) {
      throw new Error(
        `BucketEncryption.s3Managed: justification "${justification}" is too short: SSE-S3 instead of SSE-KMS needs a reason ` +
          `of at least ${MIN_JUSTIFICATION_CHARS} characters naming the AWS limitation`,
      );
    }
    return new BucketEncryption("AES256", undefined, justification.trim());
  }

  private constructor(
    /** `aws:kms` or `AES256`, as S3 names them. */
    readonly sseAlgorithm: "aws:kms" | "AES256",
    /** The customer key (SSE-KMS only). */
    readonly key: KmsKey | undefined,
    /** Why SSE-S3 is used (SSE-S3 only). */
    readonly justification: string | undefined,
  ) {}
}
