import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Testing, TerraformStack } from "cdktf";
import { BucketEncryption } from "../../../constructs/core/bucket-encryption";
import { CustomerKey } from "../../../constructs/core/customer-key";

describe("BucketEncryption", () => {
  it("uses SSE-KMS with the given key", () => {
    const key = new KmsKey(new TerraformStack(Testing.app(), "test"), "key", {});
    const encryption = BucketEncryption.kms(key);
    expect(encryption).toMatchObject({ sseAlgorithm: "aws:kms", key, justification: undefined });
  });

  it("uses SSE-KMS with a customer key's KMS key", () => {
    const key = new CustomerKey(new TerraformStack(Testing.app(), "test"), "key", { aliasName: "alias/test", description: "test", accountId: "111111111111" });
    expect(BucketEncryption.kms(key)).toMatchObject({ sseAlgorithm: "aws:kms", key: key.key });
  });

  it("records why SSE-S3 is used", () => {
    expect(BucketEncryption.s3Managed("  ALB log delivery supports only SSE-S3 buckets ")).toMatchObject({
      sseAlgorithm: "AES256",
      key: undefined,
      justification: "ALB log delivery supports only SSE-S3 buckets",
    });
  });

  it("fails when SSE-S3 comes without a real justification", () => {
    expect(() => BucketEncryption.s3Managed("n/a")).toThrow(
      'BucketEncryption.s3Managed: justification "n/a" is too short: SSE-S3 instead of SSE-KMS needs a reason of at least 20 characters naming the AWS limitation',
    );
  });
});
