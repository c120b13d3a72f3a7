/**
 * The lifecycle of a log bucket as a value object: expiry, noncurrent-version expiry, abort of incomplete
 * multipart uploads, and cost transitions that respect the storage classes' minimum durations and sizes.
 *
 * It renders two rules. `retention` applies to every object (a size filter there would exempt small objects
 * from expiry). `transitions` applies only to objects above the minimum size: S3 bills smaller objects in the
 * infrequent-access classes as 128 KiB, so moving them costs more than it saves.
 */
import type { S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { TRANSITION_MIN_OBJECT_BYTES, transitionProblems } from "../../config/log-storage";
import type { LogClassPolicy } from "../../config/retention-policy";
import type { LogRetentionConfig, StorageTransition } from "../../config/types";
import { lifecycleRule, type LifecycleRule, type LifecycleRules } from "../core/lifecycle-rules";

export interface LifecyclePolicyProps {
  /** Days after creation when an object's current version expires (the retention). */
  readonly expirationDays: number;
  /** Days a noncurrent version is kept before S3 deletes it. */
  readonly noncurrentVersionDays: number;
  /** Days after which incomplete multipart uploads are aborted. */
  readonly abortIncompleteUploadDays: number;
  /**
   * Cost transitions, ascending by days.
   * @default [] (objects stay in STANDARD until they expire)
   */
  readonly transitions?: readonly StorageTransition[];
  /**
   * Only objects larger than this (bytes) are transitioned; at least 128 KiB.
   * @default 131072 (128 KiB)
   */
  readonly transitionMinObjectSizeBytes?: number;
  /**
   * Where the values come from, for error messages (e.g. `[prod] logRetention.transitions.audit`).
   * @default "LifecyclePolicy"
   */
  readonly source?: string;
}

export class LifecyclePolicy implements LifecycleRules {
  /** The lifecycle of one row of the retention table, with the environment's shared lifecycle settings. */
  static forLogClass(policy: LogClassPolicy, retention: LogRetentionConfig, environment: string): LifecyclePolicy {
    return new LifecyclePolicy({
      expirationDays: policy.retentionDays,
      noncurrentVersionDays: retention.noncurrentVersionDays,
      abortIncompleteUploadDays: retention.abortIncompleteUploadDays,
      transitions: policy.transitions,
      transitionMinObjectSizeBytes: retention.transitionMinObjectSizeBytes,
      source: `[${environment}] logRetention (${policy.logClass})`,
    });
  }

  readonly expirationDays: number;
  readonly noncurrentVersionDays: number;
  readonly abortIncompleteUploadDays: number;
  readonly transitions: readonly StorageTransition[];
  readonly transitionMinObjectSizeBytes: number;
  /** S3's default since September 2024, stated so a changed default cannot move small objects. */
  readonly transitionDefaultMinimumObjectSize = "all_storage_classes_128K" as const;

  constructor(props: LifecyclePolicyProps) {
    const source = props.source ?? "LifecyclePolicy";
    const problems: string[] = [];
    const positive = (name: string, value: number) => {
      if (!Number.isInteger(value) || value < 1) problems.push(`${name} = ${value}: must be an integer ≥ 1`);
    };
    positive("expirationDays", props.expirationDays);
    positive("noncurrentVersionDays", props.noncurrentVersionDays);
    positive("abortIncompleteUploadDays", props.abortIncompleteUploadDays);
    const minSize = props.transitionMinObjectSizeBytes ?? TRANSITION_MIN_OBJECT_BYTES;
    if (!Number.isInteger(minSize) || minSize < TRANSITION_MIN_OBJECT_BYTES) {
      problems.push(`transitionMinObjectSizeBytes = ${minSize}: must be an integer ≥ ${TRANSITION_MIN_OBJECT_BYTES} (128 KiB, the infrequent-access classes' minimum billable size)`);
    }
    const transitions = props.transitions ?? [];
    for (const p of transitionProblems(transitions, props.expirationDays)) {
      problems.push(`transitions[${p.index}].${p.field} = ${JSON.stringify(p.value)}: ${p.allowed}`);
    }
    if (problems.length > 0) throw new Error(`${source}: invalid lifecycle:\n  - ${problems.join("\n  - ")}`);
    this.expirationDays = props.expirationDays;
    this.noncurrentVersionDays = props.noncurrentVersionDays;
    this.abortIncompleteUploadDays = props.abortIncompleteUploadDays;
    this.transitions = transitions;
    this.transitionMinObjectSizeBytes = minSize;
  }

  /** The S3 lifecycle rules: `retention` for every object, then `transitions` (when any) for large objects. */
  rules(): S3BucketLifecycleConfigurationRule[] {
    const rules: LifecycleRule[] = [
      {
        id: "retention",
        expirationDays: this.expirationDays,
        noncurrentVersionDays: this.noncurrentVersionDays,
        abortIncompleteUploadDays: this.abortIncompleteUploadDays,
      },
    ];
    if (this.transitions.length > 0) {
      rules.push({ id: "transitions", objectSizeGreaterThan: this.transitionMinObjectSizeBytes, transitions: this.transitions });
    }
    return rules.map(lifecycleRule);
  }
}
