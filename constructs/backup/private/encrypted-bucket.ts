/**
 * A private, versioned, KMS-encrypted S3 bucket with TLS-only access: the baseline both buckets of the
 * backup domain share (configuration, audit reports).
 */
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration, type S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { protectStateful } from "../../core/protection";
import { denyInsecureTransport, policyDocument, type PolicyStatement } from "./policy-documents";

export interface EncryptedBucketProps {
  readonly bucketName: string;
  readonly kmsKeyArn: string;
  readonly lifecycleRules: readonly S3BucketLifecycleConfigurationRule[];
  /** Statements added to the bucket policy after the TLS-only deny. */
  readonly extraPolicyStatements?: (bucketArn: string) => readonly PolicyStatement[];
  readonly tags?: Record<string, string>;
  /** Server access logs: the environment's access-log bucket and this bucket's prefix in it. */
  readonly accessLogs: { readonly targetBucket: string; readonly prefix: string };
  readonly protect: boolean;
  readonly provider: TerraformProvider;
}

export class EncryptedBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly versioning: S3BucketVersioningA;

  constructor(scope: Construct, id: string, props: EncryptedBucketProps) {
    super(scope, id);
    const provider = props.provider;
    this.bucket = protectStateful(new S3Bucket(this, "bucket", { provider, bucket: props.bucketName, tags: props.tags }), props.protect);
    const bucket = this.bucket.id;
    this.versioning = new S3BucketVersioningA(this, "versioning", { provider, bucket, versioningConfiguration: { status: "Enabled" } });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      provider,
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }],
    });
    new S3BucketPublicAccessBlock(this, "public-access-block", {
      provider,
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", { provider, bucket, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketLoggingA(this, "access-logging", { provider, bucket, targetBucket: props.accessLogs.targetBucket, targetPrefix: props.accessLogs.prefix });
    const arn = `arn:aws:s3:::${props.bucketName}`;
    new S3BucketPolicy(this, "policy", {
      provider,
      bucket,
      policy: policyDocument([denyInsecureTransport(arn), ...(props.extraPolicyStatements?.(arn) ?? [])]),
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      provider,
      bucket,
      rule: [...props.lifecycleRules],
      dependsOn: [this.versioning],
    });
  }
}
