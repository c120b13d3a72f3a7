import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { S3BucketPublicAccessBlockConfig } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import type { TerraformStack } from "cdktf";
import { markMustSurvive } from "../../../constructs/policy/must-survive";
import { POLICY_RULES } from "../../../constructs/policy/rules";
import { waive, type Waivable } from "../../../constructs/policy/waiver";
import { FixtureBucket, JUSTIFICATION, policyError, policyStack, violatedRules } from "./fixtures";

/** A resource that breaks `rule`, and the (rule, resource) pairs the same defect necessarily breaks too. */
interface Violation {
  readonly resource: Waivable;
  readonly alsoBreaks?: ReadonlyArray<readonly [string, Waivable]>;
}

const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "pods.eks.amazonaws.com" } }] });

function publicAccessFlagOff(flag: keyof S3BucketPublicAccessBlockConfig, alsoPab: boolean) {
  return (stack: TerraformStack): Violation => {
    const fixture = new FixtureBucket(stack, "logs", { publicAccessBlock: { [flag]: false } });
    const pab = fixture.node.findChild("public-access-block") as Waivable;
    return { resource: pab, alsoBreaks: alsoPab ? [["CKV2_AWS_6", fixture.bucket]] : [] };
  };
}

/** One violating fixture per rule. */
const VIOLATIONS: Readonly<Record<string, { readonly what: string; readonly build: (stack: TerraformStack) => Violation }>> = {
  CKV_AWS_19: {
    what: "a bucket has no default encryption",
    build: (stack) => {
      const b = new FixtureBucket(stack, "logs", { omit: ["encryption"] }).bucket;
      return { resource: b, alsoBreaks: [["CKV_AWS_145", b]] };
    },
  },
  CKV_AWS_145: { what: "a bucket is encrypted with SSE-S3, not KMS", build: (stack) => ({ resource: new FixtureBucket(stack, "logs", { sseAlgorithm: "AES256" }).bucket }) },
  CKV_AWS_21: {
    what: "a must-survive bucket is not versioned",
    build: (stack) => ({ resource: markMustSurvive(new FixtureBucket(stack, "config").bucket) }),
  },
  CKV2_AWS_6: { what: "a bucket has no public access block", build: (stack) => ({ resource: new FixtureBucket(stack, "logs", { omit: ["publicAccessBlock"] }).bucket }) },
  CKV_AWS_53: { what: "a public access block does not block public ACLs", build: publicAccessFlagOff("blockPublicAcls", true) },
  CKV_AWS_54: { what: "a public access block does not block public policies", build: publicAccessFlagOff("blockPublicPolicy", true) },
  CKV_AWS_55: { what: "a public access block does not ignore public ACLs", build: publicAccessFlagOff("ignorePublicAcls", false) },
  CKV_AWS_56: { what: "a public access block does not restrict public buckets", build: publicAccessFlagOff("restrictPublicBuckets", false) },
  CKV_AWS_18: { what: "a bucket has no access logging", build: (stack) => ({ resource: new FixtureBucket(stack, "logs", { omit: ["logging"] }).bucket }) },
  CKV2_AWS_61: { what: "a bucket has no lifecycle configuration", build: (stack) => ({ resource: new FixtureBucket(stack, "logs", { omit: ["lifecycle"] }).bucket }) },
  CKV_AWS_7: { what: "a KMS key does not rotate", build: (stack) => ({ resource: new KmsKey(stack, "key", { description: "logs", enableKeyRotation: false }) }) },
  CKV_AWS_166: { what: "a backup vault has no customer key", build: (stack) => ({ resource: new BackupVault(stack, "vault", { name: "fx-trader-test" }) }) },
  CKV_AWS_66: {
    what: "a log group has no retention",
    build: (stack) => ({ resource: new CloudwatchLogGroup(stack, "log-group", { name: "/fx-trader/test", kmsKeyId: "arn:aws:kms:ap-northeast-1:111111111111:key/test" }) }),
  },
  CKV_AWS_158: { what: "a log group is not KMS-encrypted", build: (stack) => ({ resource: new CloudwatchLogGroup(stack, "log-group", { name: "/fx-trader/test", retentionInDays: 30 }) }) },
  "AVD-AWS-0057": {
    what: "a role policy allows a wildcard action",
    build: (stack) => {
      const role = new IamRole(stack, "role", { name: "loki", assumeRolePolicy: TRUST });
      const doc = new DataAwsIamPolicyDocument(stack, "doc", { statement: [{ actions: ["s3:*"], resources: ["arn:aws:s3:::fx-trader-test-loki/*"] }] });
      return { resource: new IamRolePolicy(stack, "role-policy", { role: role.id, policy: doc.json }) };
    },
  },
  CKV_SECRET_6: {
    what: "a secret value is inlined",
    build: (stack) => ({ resource: new SecretsmanagerSecretVersion(stack, "secret", { secretId: "fx-trader/test", secretString: "correct-horse-battery-staple" }) }),
  },
};

describe("policy rules: each fails synthesis naming the rule and the resource, and yields to a waiver", () => {
  it("covers every rule", () => {
    expect(Object.keys(VIOLATIONS).sort()).toEqual(POLICY_RULES.map((r) => r.id).sort());
  });

  describe.each(POLICY_RULES.map((r) => [r.id, r.requirements.join(", ")] as const))("%s (%s)", (ruleId) => {
    const { what, build } = VIOLATIONS[ruleId]!;

    it(`fails when ${what}, with the rule ID and the resource path`, () => {
      const stack = policyStack();
      const { resource, alsoBreaks = [] } = build(stack);
      const error = policyError(stack);
      expect(error).toBeDefined();
      expect(error!.message).toContain(`${ruleId} ${resource.node.path} (`);
      expect(error!.message).toContain("policy check failed for stack test");
      expect(violatedRules(stack)).toEqual([ruleId, ...alsoBreaks.map(([r]) => r)].sort());
    });

    it("passes when that resource carries a waiver of the rule", () => {
      const stack = policyStack();
      const { resource, alsoBreaks = [] } = build(stack);
      for (const [other, target] of alsoBreaks) waive(target, other, JUSTIFICATION);
      if (alsoBreaks.length > 0) expect(violatedRules(stack)).toEqual([ruleId]);
      waive(resource, ruleId, JUSTIFICATION);
      expect(policyError(stack)).toBeUndefined();
    });
  });
});
