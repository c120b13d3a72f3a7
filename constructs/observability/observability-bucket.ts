/** An S3 bucket for a component's object storage: KMS-encrypted, private, TLS-only, with a lifecycle. */
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { logClassPolicy } from "../../config/retention-policy";
import type { EnvironmentConfig } from "../../config/types";
import { bucketName } from "../core/naming";
import { protectStateful } from "../core/protection";
import { lifecycleRules, type BucketLifecycle } from "./bucket-lifecycle";
import type { StorageKey } from "./storage-key";

export interface ObservabilityBucketProps {
  readonly config: EnvironmentConfig;
  /** Purpose in the bucket name, e.g. `loki-chunks`. */
  readonly purpose: string;
  readonly encryptionKey: StorageKey;
  readonly lifecycle: BucketLifecycle;
  /**
   * Keep previous object versions. Off for chunk and trace data, whose retention is enforced by deleting
   * objects (a version history would keep deleted logs); on for configuration such as ruler rules.
   * @default false
   */
  readonly versioned?: boolean;
}

/**
 * The bucket, its default SSE-KMS encryption (with an S3 bucket key, to cut KMS requests), a full public
 * access block, bucket-owner-enforced ownership (no ACLs), a policy denying any request without TLS, and its
 * lifecycle rules. Its `retention-days` tag is computed from the same lifecycle it describes.
 */
export class ObservabilityBucket extends Construct {
  readonly bucket: S3Bucket;
  /** Name of the bucket (deterministic, from the naming helper; releases also depend on {@link bucket}). */
  readonly name: string;
  readonly lifecycle: BucketLifecycle;

  constructor(scope: Construct, id: string, props: ObservabilityBucketProps) {
    super(scope, id);
    const { config, lifecycle } = props;
    if (lifecycle.expirationDays !== undefined && (!Number.isInteger(lifecycle.expirationDays) || lifecycle.expirationDays < 1)) {
      throw new Error(`[${config.name}] ObservabilityBucket ${props.purpose}: lifecycle.expirationDays = ${lifecycle.expirationDays}: must be a whole number of days ≥ 1`);
    }
    this.lifecycle = lifecycle;
    const tags: Record<string, string> = { purpose: props.purpose };
    if (lifecycle.expirationDays !== undefined) tags["retention-days"] = String(lifecycle.expirationDays);
    this.name = bucketName(config, props.purpose);
    this.bucket = protectStateful(new S3Bucket(this, "bucket", { bucket: this.name, tags }), config.protectStatefulResources);
    const bucket = this.bucket.id;
    new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.encryptionKey.arn }, bucketKeyEnabled: true }],
    });
    if (props.versioned) {
      new S3BucketVersioningA(this, "versioning", { bucket, versioningConfiguration: { status: "Enabled" } });
    }
    new S3BucketLifecycleConfiguration(this, "lifecycle", { bucket, rule: lifecycleRules(lifecycle) });
    // Server access logs go to the environment's access-log bucket (data layer, applied first), by name:
    // a cross-stack reference would only add a remote-state lookup for a name the naming helper fixes.
    new S3BucketLoggingA(this, "access-logging", { bucket, targetBucket: bucketName(config, logClassPolicy(config, "access").bucketPurpose), targetPrefix: `s3/${props.purpose}/` });
    new S3BucketPolicy(this, "policy", {
      bucket,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
    });
  }

  /** ARN of the bucket. */
  get arn(): string {
    return this.bucket.arn;
  }
}
