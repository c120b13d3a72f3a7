/**
 * The AWS rules log retention must respect: S3 storage classes' transition rules, minimum storage
 * durations and minimum billable sizes, and the retention values CloudWatch Logs accepts.
 *
 * These are AWS limits, not the guide's numbers (those are in `policy.ts`). Validation and the lifecycle
 * value object both use {@link transitionProblems}, so a plan the config accepts is a plan S3 accepts and
 * never pays a minimum-duration charge for an object it deletes early.
 */
import type { StorageTransition, TransitionStorageClass } from "./types";

/** Storage classes a lifecycle rule may transition to, in S3's waterfall order. */
export const TRANSITION_STORAGE_CLASSES: readonly TransitionStorageClass[] = [
  "STANDARD_IA",
  "INTELLIGENT_TIERING",
  "ONEZONE_IA",
  "GLACIER_IR",
  "GLACIER",
  "DEEP_ARCHIVE",
];

/** What S3 requires of, and bills for, objects in one storage class. */
export interface StorageClassRules {
  /** S3 bills an object in this class for at least this many days: leaving earlier is charged the rest. */
  readonly minStorageDays: number;
  /** S3 rejects a lifecycle transition into this class earlier than this many days after creation. */
  readonly minDaysAfterCreation: number;
  /** S3 bills smaller objects in this class as this many bytes (0: no minimum). */
  readonly minBillableObjectBytes: number;
  /** Classes a lifecycle rule may move objects on to from this class (S3's supported transitions). */
  readonly next: readonly TransitionStorageClass[];
}

/** 128 KiB: the minimum billable object size of the infrequent-access classes, and S3's default transition floor. */
export const TRANSITION_MIN_OBJECT_BYTES = 128 * 1024;

/**
 * Per storage class, from the S3 User Guide ("Transitioning objects using Amazon S3 Lifecycle",
 * "Constraints and considerations for transitions") and the S3 pricing page's minimum storage durations.
 * INTELLIGENT_TIERING has had no minimum storage duration since September 2021.
 */
export const STORAGE_CLASS_RULES: Readonly<Record<TransitionStorageClass, StorageClassRules>> = {
  STANDARD_IA: { minStorageDays: 30, minDaysAfterCreation: 30, minBillableObjectBytes: TRANSITION_MIN_OBJECT_BYTES, next: ["INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"] },
  INTELLIGENT_TIERING: { minStorageDays: 0, minDaysAfterCreation: 0, minBillableObjectBytes: 0, next: ["ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"] },
  ONEZONE_IA: { minStorageDays: 30, minDaysAfterCreation: 30, minBillableObjectBytes: TRANSITION_MIN_OBJECT_BYTES, next: ["GLACIER", "DEEP_ARCHIVE"] },
  GLACIER_IR: { minStorageDays: 90, minDaysAfterCreation: 0, minBillableObjectBytes: TRANSITION_MIN_OBJECT_BYTES, next: ["GLACIER", "DEEP_ARCHIVE"] },
  GLACIER: { minStorageDays: 90, minDaysAfterCreation: 0, minBillableObjectBytes: 0, next: ["DEEP_ARCHIVE"] },
  DEEP_ARCHIVE: { minStorageDays: 180, minDaysAfterCreation: 0, minBillableObjectBytes: 0, next: [] },
};

/** One problem with a transition plan: the transition's index, the field at fault, and what is allowed. */
export interface TransitionProblem {
  readonly index: number;
  readonly field: "days" | "storageClass";
  readonly value: unknown;
  readonly allowed: string;
}

/**
 * Every problem with `transitions` for objects that expire after `expiryDays`: an unknown class, a move S3
 * does not support, a transition at or after expiry, one earlier than S3 accepts, one out of order, and
 * one that leaves an object in a class for less than the class's minimum storage duration.
 */
export function transitionProblems(transitions: readonly StorageTransition[], expiryDays: number): TransitionProblem[] {
  const problems: TransitionProblem[] = [];
  transitions.forEach((t, index) => {
    const problem = (field: TransitionProblem["field"], allowed: string) => problems.push({ index, field, value: t[field], allowed });
    const rules = STORAGE_CLASS_RULES[t.storageClass] as StorageClassRules | undefined;
    if (rules === undefined) {
      problem("storageClass", `must be one of ${TRANSITION_STORAGE_CLASSES.join(", ")}`);
      return;
    }
    const previous = transitions[index - 1];
    const previousRules = previous && (STORAGE_CLASS_RULES[previous.storageClass] as StorageClassRules | undefined);
    if (previous && previousRules && !previousRules.next.includes(t.storageClass)) {
      const allowed = previousRules.next.length > 0 ? previousRules.next.join(", ") : "no other class";
      problem("storageClass", `cannot follow ${previous.storageClass}: S3 moves ${previous.storageClass} objects only to ${allowed}`);
      return;
    }
    if (!Number.isInteger(t.days) || t.days < 0) {
      problem("days", "must be an integer ≥ 0 (days after object creation)");
      return;
    }
    if (t.days >= expiryDays) {
      problem("days", `must be less than the expiry (${expiryDays} days): a transition at or after expiry never runs`);
      return;
    }
    if (t.days < rules.minDaysAfterCreation) {
      problem("days", `must be ≥ ${rules.minDaysAfterCreation}: S3 transitions objects to ${t.storageClass} only ${rules.minDaysAfterCreation} or more days after creation`);
      return;
    }
    if (previous && t.days <= previous.days) {
      problem("days", `must be later than the previous transition (${previous.days} days)`);
      return;
    }
    const next = transitions[index + 1];
    const leaves = next !== undefined && Number.isInteger(next.days) && next.days < expiryDays ? { days: next.days, what: "the next transition" } : { days: expiryDays, what: "expiry" };
    if (leaves.days - t.days < rules.minStorageDays) {
      problem(
        "days",
        `must leave ≥ ${rules.minStorageDays} days in ${t.storageClass} before ${leaves.what} at ${leaves.days} days: ` +
          `S3 bills ${t.storageClass} for a minimum of ${rules.minStorageDays} days`,
      );
    }
  });
  return problems;
}

/**
 * The retention values CloudWatch Logs accepts (PutRetentionPolicy `retentionInDays`); any other value
 * fails at apply time. "Never expire" is deliberately not offered.
 */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
