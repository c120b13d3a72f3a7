/**
 * The one lifecycle vocabulary of every bucket: a rule states what S3 does to which objects (`LifecycleRule`),
 * `lifecycleRule` renders it, and `lifecycle` makes a bucket's `LifecycleRules` from its rules. Domains keep the
 * value objects that fit their data (log classes with transitions, component backstops, report expiry) and
 * build them from these, so every bucket's rules have one shape: the same whole-bucket filter, the same
 * abort-upload default, the same field spellings.
 */
import type { S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import type { StorageTransition } from "../../config/types";

/**
 * Days after which S3 aborts an unfinished multipart upload (its parts are billed until then), for buckets whose
 * environment config does not set it (the log buckets take `logRetention.abortIncompleteUploadDays`). A week
 * covers a retried upload over a weekend; nothing of ours uploads for longer.
 */
export const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

/** What S3's `transition_default_minimum_object_size` may be set to. */
export type TransitionDefaultMinimumObjectSize = "all_storage_classes_128K" | "varies_by_storage_class";

export interface LifecycleRules {
  /**
   * Days after creation when current versions expire; `undefined` when no rule expires them (the bucket's
   * owner deletes objects). Object Lock must not outlast it.
   */
  readonly expirationDays: number | undefined;
  /**
   * S3's `transition_default_minimum_object_size`, stated where transitions rely on it so a changed S3
   * default cannot move small objects.
   * @default not stated (S3's default applies)
   */
  readonly transitionDefaultMinimumObjectSize?: TransitionDefaultMinimumObjectSize;
  /** The lifecycle configuration's rules, in order; at least one must be enabled (CKV2_AWS_61). */
  rules(): S3BucketLifecycleConfigurationRule[];
}

/** One enabled lifecycle rule: which objects, and what S3 does to them. Only the actions set are rendered. */
export interface LifecycleRule {
  /** The rule's ID, unique in the bucket. */
  readonly id: string;
  /**
   * Only objects larger than this many bytes.
   * @default every object in the bucket (an empty filter)
   */
  readonly objectSizeGreaterThan?: number;
  /** Days after creation when current versions expire. */
  readonly expirationDays?: number;
  /** Days a noncurrent version is kept before S3 deletes it. */
  readonly noncurrentVersionDays?: number;
  /** Days after which an incomplete multipart upload is aborted. */
  readonly abortIncompleteUploadDays?: number;
  /** Storage-class transitions, ascending by days. */
  readonly transitions?: readonly StorageTransition[];
}

/**
 * The S3 rule for `rule`. A rule for the whole bucket has the empty filter (`filter {}`), which the AWS provider
 * documents as "applies to all objects"; `prefix = ""` says the same through a deprecated-looking detour.
 */
export function lifecycleRule(rule: LifecycleRule): S3BucketLifecycleConfigurationRule {
  return {
    id: rule.id,
    status: "Enabled",
    filter: [rule.objectSizeGreaterThan === undefined ? {} : { objectSizeGreaterThan: rule.objectSizeGreaterThan }],
    ...(rule.expirationDays === undefined ? {} : { expiration: [{ days: rule.expirationDays }] }),
    ...(rule.noncurrentVersionDays === undefined ? {} : { noncurrentVersionExpiration: [{ noncurrentDays: rule.noncurrentVersionDays }] }),
    ...(rule.abortIncompleteUploadDays === undefined ? {} : { abortIncompleteMultipartUpload: [{ daysAfterInitiation: rule.abortIncompleteUploadDays }] }),
    ...(rule.transitions === undefined ? {} : { transition: rule.transitions.map((t) => ({ days: t.days, storageClass: t.storageClass })) }),
  };
}

/**
 * A bucket's lifecycle from its rules, in order. Its `expirationDays` is the earliest expiry of a whole-bucket
 * rule (a size-filtered rule does not expire every object).
 */
export function lifecycle(rules: readonly LifecycleRule[], transitionDefaultMinimumObjectSize?: TransitionDefaultMinimumObjectSize): LifecycleRules {
  const expiries = rules.filter((r) => r.objectSizeGreaterThan === undefined && r.expirationDays !== undefined).map((r) => r.expirationDays!);
  return {
    expirationDays: expiries.length === 0 ? undefined : Math.min(...expiries),
    ...(transitionDefaultMinimumObjectSize === undefined ? {} : { transitionDefaultMinimumObjectSize }),
    rules: () => rules.map(lifecycleRule),
  };
}
