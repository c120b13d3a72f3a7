import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Testing } from "cdktf";
import { CustomerKey } from "../../../constructs/core/customer-key";
import { accessLogBucketName } from "../../../constructs/core/naming";
import { SecureBucket } from "../../../constructs/core/secure-bucket";
import { observabilityBucketProps } from "../../../constructs/observability/observability-bucket";
import { bucketEnvironment, podRoleStack, reference } from "./fixtures";

// Builds only one observability bucket and the key it is encrypted with, from the bucket's environment slice.
function chunksBucket(protect = false) {
  const { stack } = podRoleStack();
  const config = bucketEnvironment(protect);
  const encryptionKey = new CustomerKey(stack, "key", { aliasName: "alias/fx-trader-dev-observability", description: "test storage key", accountId: config.account.id, protect });
  const bucket = new SecureBucket(stack, "chunks", observabilityBucketProps(config, { purpose: "loki-chunks", encryptionKey, lifecycle: { expirationDays: 365 } }));
  return { stack, config, encryptionKey, bucket, synthesized: Testing.synth(stack) };
}

describe("observability bucket (small fixture)", () => {
  it("C4, L2: named by purpose, tagged with the retention its lifecycle enforces, encrypted with the key construct", () => {
    const { stack, encryptionKey, synthesized } = chunksBucket();
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, {
      bucket: "fx-trader-dev-loki-chunks-111111111111-ap-northeast-1",
      tags: { purpose: "loki-chunks", "retention-days": "365" },
    });
    expect(synthesized).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: reference(stack, encryptionKey.key, "arn") }, bucket_key_enabled: true }],
    });
    // Seeded failure: the matcher rejects another retention tag.
    expect(synthesized).not.toHaveResourceWithProperties(S3Bucket, { tags: { purpose: "loki-chunks", "retention-days": "30" } });
  });

  it("C4, C5: logs its access into the environment's access-log bucket, by name, under s3/<purpose>/", () => {
    const { config, synthesized } = chunksBucket();
    expect(synthesized).toHaveResourceWithProperties(S3BucketLoggingA, { target_bucket: accessLogBucketName(config), target_prefix: "s3/loki-chunks/" });
  });

  it("C4: is protected from destruction exactly when the environment protects stateful resources", () => {
    expect(chunksBucket(true).synthesized).toHaveResourceWithProperties(S3Bucket, { lifecycle: { prevent_destroy: true } });
    expect(chunksBucket(false).synthesized).not.toHaveResourceWithProperties(S3Bucket, { lifecycle: { prevent_destroy: true } });
  });
});
