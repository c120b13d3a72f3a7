/**
 * An account-baseline S3 bucket that passes every policy rule by construction: default encryption with a
 * customer key, all four public access blocks, bucket-owner-enforced ownership, a TLS-only policy, a
 * lifecycle with expiry, server access logging, and versioning when its data must survive. Where a rule
 * cannot hold (SSE-S3 or no access logging on the access-log bucket itself) the caller states why and the
 * construct records a waiver with that justification.
 */
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { protectStateful } from "../core/protection";
import { markMustSurvive } from "../policy/must-survive";
import { waive } from "../policy/waiver";

/** Default encryption: a customer KMS key, or SSE-S3 with the reason KMS is impossible (waives CKV_AWS_145). */
export type SecureBucketEncryption = { readonly kmsKey: KmsKey } | { readonly s3ManagedBecause: string };

/** Server access logging into another bucket, or why the bucket has none (waives CKV_AWS_18). */
export type SecureBucketAccessLogs = { readonly target: SecureBucket; readonly prefix: string } | { readonly noneBecause: string };

export interface SecureBucketProps {
  readonly bucketName: string;
  readonly encryption: SecureBucketEncryption;
  readonly accessLogs: SecureBucketAccessLogs;
  /** Days after which objects expire. */
  readonly expirationDays: number;
  /**
   * The data must survive overwrites and deletions: versioning on, tagged must-survive (CKV_AWS_21).
   * @default false
   */
  readonly mustSurvive?: boolean;
  /**
   * Days a replaced or deleted version is kept, when versioned.
   * @default 30
   */
  readonly noncurrentVersionDays?: number;
  /**
   * Statements added after the TLS-only deny, given the bucket ARN (e.g. a service principal's writes).
   * @default none
   */
  readonly policyStatements?: (bucketArn: string) => DataAwsIamPolicyDocumentStatement[];
  /** Sets `prevent_destroy` on the bucket. */
  readonly protect: boolean;
}

/** An account-baseline bucket that passes every policy rule (or records why not). */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly versioning?: S3BucketVersioningA;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    if (!Number.isInteger(props.expirationDays) || props.expirationDays < 1) {
      throw new Error(`SecureBucket ${this.node.path}: expirationDays = ${props.expirationDays}: must be a positive integer (days)`);
    }
    const bucket = protectStateful(new S3Bucket(this, "bucket", { bucket: props.bucketName }), props.protect);
    this.bucket = bucket;
    new S3BucketOwnershipControls(this, "ownership", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });

    const enc = props.encryption;
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: bucket.id,
      rule: [
        "kmsKey" in enc
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: enc.kmsKey.arn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
    });
    if ("s3ManagedBecause" in enc) waive(bucket, "CKV_AWS_145", enc.s3ManagedBecause);

    const noncurrentDays = props.noncurrentVersionDays ?? 30;
    if (props.mustSurvive === true) {
      markMustSurvive(bucket);
      this.versioning = new S3BucketVersioningA(this, "versioning", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
    }
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: bucket.id,
      rule: [
        {
          id: "expire",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: props.expirationDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          ...(this.versioning === undefined ? {} : { noncurrentVersionExpiration: [{ noncurrentDays }] }),
        },
      ],
      dependsOn: this.versioning === undefined ? undefined : [this.versioning],
    });

    const logs = props.accessLogs;
    if ("target" in logs) {
      new S3BucketLoggingA(this, "access-logs", { bucket: bucket.id, targetBucket: logs.target.bucket.id, targetPrefix: `${logs.prefix}/` });
    } else {
      waive(bucket, "CKV_AWS_18", logs.noneBecause);
    }

    const policy = new DataAwsIamPolicyDocument(this, "policy-document", {
      statement: [
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          principals: [{ type: "*", identifiers: ["*"] }],
          actions: ["s3:*"],
          resources: [bucket.arn, `${bucket.arn}/*`],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
        ...(props.policyStatements?.(bucket.arn) ?? []),
      ],
    });
    new S3BucketPolicy(this, "policy", { bucket: bucket.id, policy: policy.json });
  }
}
