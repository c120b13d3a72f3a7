import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { checkStack } from "../../../app/policy/security-policy";
import { KEY_POLICY, policyStack, violatedRules } from "./fixtures";

describe("KMS and log group rules", () => {
  it("S3: asymmetric keys, which cannot rotate, are not asked to (CKV_AWS_7)", () => {
    const stack = policyStack();
    new KmsKey(stack, "signing", { customerMasterKeySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY", policy: KEY_POLICY });
    new KmsKey(stack, "rotating", { enableKeyRotation: true, policy: KEY_POLICY });
    expect(violatedRules(stack)).toEqual([]);
  });

  it("fails CKV_AWS_66 when a log group keeps logs forever (retention_in_days = 0)", () => {
    const stack = policyStack();
    new CloudwatchLogGroup(stack, "forever", { name: "/fx-trader/forever", retentionInDays: 0, kmsKeyId: "arn:aws:kms:ap-northeast-1:111111111111:key/x" });
    const [violation] = checkStack(stack).violations;
    expect(violation).toMatchObject({ ruleId: "CKV_AWS_66", path: "test/forever" });
    expect(violation!.message).toContain("retention_in_days = 0");
  });
});
