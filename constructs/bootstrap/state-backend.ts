/**
 * What the S3 backend of every stack needs before the first `terraform init`: the state bucket (versioned, so a
 * bad write can be rolled back; encrypted with its own KMS key; never public; TLS only) and the key behind the
 * backend's `kms_key_id` alias. Locking is S3-native (`use_lockfile`, Terraform ≥ 1.10): no DynamoDB table.
 * Both are protected from destruction.
 */
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import type { StateBackendConfig } from "../../config/types";
import { CustomerKey } from "../core/customer-key";
import { protectStateful } from "../core/protection";
import { waive } from "../policy/waiver";
import { NO_EVENT_NOTIFICATIONS_JUSTIFICATION } from "../core/secure-bucket";

/** Days a replaced state version stays recoverable (a bad apply or a corrupted write is rolled back from it). */
export const STATE_NONCURRENT_VERSION_DAYS = 90;

export interface StateBackendProps {
  readonly backend: StateBackendConfig;
  readonly accountId: string;
}

export class StateBackend extends Construct {
  readonly key: CustomerKey;
  readonly bucket: S3Bucket;
  readonly backend: StateBackendConfig;

  constructor(scope: Construct, id: string, props: StateBackendProps) {
    super(scope, id);
    const { backend } = props;
    if (!backend.kmsKeyId.startsWith("alias/")) {
      throw new Error(`StateBackend ${this.node.path}: stateBackend.kmsKeyId = "${backend.kmsKeyId}": the bootstrap creates the key, so the backend must name it by its alias ("alias/…")`);
    }
    this.backend = backend;
    this.key = new CustomerKey(this, "key", { aliasName: backend.kmsKeyId, description: `Terraform state in s3://${backend.bucket}`, accountId: props.accountId });
    this.bucket = protectStateful(new S3Bucket(this, "bucket", { bucket: backend.bucket }), true);
    waive(this.bucket, "CKV2_AWS_62", NO_EVENT_NOTIFICATIONS_JUSTIFICATION);
    waive(
      this.bucket,
      "CKV_AWS_144",
      "the state bucket is not replicated to another region: it is versioned, so every state revision can be restored in-region, and a lost region's state is rebuilt by importing the resources (an accepted risk of the bootstrap, which runs before any backup vault exists)",
    );
    waive(
      this.bucket,
      "CKV_AWS_18",
      "the state bucket is created before any access-log bucket exists (those are created by the environments' data stacks, whose state lives here); CloudTrail records its API calls, and its objects are encrypted with its own KMS key, which only principals granted by IAM may use",
    );
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: [
        { id: "noncurrent-state-versions", status: "Enabled", filter: [{ prefix: "" }], noncurrentVersionExpiration: [{ noncurrentDays: STATE_NONCURRENT_VERSION_DAYS }] },
        { id: "abort-incomplete-uploads", status: "Enabled", filter: [{ prefix: "" }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }] },
      ],
    });
    new S3BucketVersioningA(this, "versioning", { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" } });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.key.arn }, bucketKeyEnabled: true }],
    });
    new S3BucketPublicAccessBlock(this, "public-access", { bucket: this.bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    new S3BucketOwnershipControls(this, "ownership", { bucket: this.bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketPolicy(this, "policy", {
      bucket: this.bucket.id,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [`arn:aws:s3:::${backend.bucket}`, `arn:aws:s3:::${backend.bucket}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
    });
  }
}
