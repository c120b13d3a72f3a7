/**
 * What a `SecureBucket` needs of its lifecycle: the rules, and the expiry they enforce. Each domain keeps the
 * lifecycle value object that fits its data (log classes with transitions, component backstops, report
 * expiry) and hands it over through this interface, so the bucket construct does not prescribe rule shapes.
 */
import type { S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";

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
  readonly transitionDefaultMinimumObjectSize?: "all_storage_classes_128K" | "varies_by_storage_class";
  /** The lifecycle configuration's rules, in order; at least one must be enabled (CKV2_AWS_61). */
  rules(): S3BucketLifecycleConfigurationRule[];
}
