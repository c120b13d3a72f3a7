import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { Fn, type TerraformStack } from "cdktf";
import { checkStack } from "../../../app/policy/security-policy";
import { FixtureBucket, policyStack } from "./fixtures";

const doc = (statements: object[]) => ({ Version: "2012-10-17", Statement: statements });
const TRUST = JSON.stringify(doc([{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "pods.eks.amazonaws.com" } }]));

function findings(build: (stack: TerraformStack) => void) {
  const stack = policyStack();
  build(stack);
  return checkStack(stack).violations.filter((v) => v.ruleId === "AVD-AWS-0057");
}

describe("AVD-AWS-0057: no wildcard IAM actions on our roles and policies (S1)", () => {
  it("S1: exact actions pass in every way cdktf code writes a policy", () => {
    const result = findings((stack) => {
      const bucket = new FixtureBucket(stack, "loki").bucket;
      const data = new DataAwsIamPolicyDocument(stack, "doc", { statement: [{ actions: ["s3:GetObject", "s3:PutObject"], resources: [`${bucket.arn}/*`] }] });
      new IamPolicy(stack, "data", { policy: data.json });
      new IamPolicy(stack, "json", { policy: JSON.stringify(doc([{ Effect: "Allow", Action: ["s3:ListBucket"], Resource: bucket.arn }])) });
      new IamPolicy(stack, "jsonencode", { policy: Fn.jsonencode(doc([{ Effect: "Allow", Action: ["s3:GetObject"], Resource: [bucket.arn, `${bucket.arn}/*`] }])) });
      new IamRole(stack, "role", { name: "loki", assumeRolePolicy: TRUST, inlinePolicy: [{ name: "read", policy: data.json }] });
    });
    expect(result).toEqual([]);
  });

  const wildcards: ReadonlyArray<readonly [string, (stack: TerraformStack) => void, string]> = [
    ["a JSON policy allows \"*\"", (stack) => new IamPolicy(stack, "p", { policy: JSON.stringify(doc([{ Effect: "Allow", Action: "*", Resource: "*" }])) }), 'wildcard action "*"'],
    ["a jsonencode policy allows \"s3:*\"", (stack) => new IamPolicy(stack, "p", { policy: Fn.jsonencode(doc([{ Effect: "Allow", Action: ["s3:*"], Resource: ["arn:aws:s3:::x"] }])) }), 'wildcard action "s3:*"'],
    [
      "a policy document allows a prefix wildcard \"s3:Get*\"",
      (stack) => {
        const d = new DataAwsIamPolicyDocument(stack, "doc", { statement: [{ actions: ["s3:Get*", "s3:ListBucket"], resources: ["arn:aws:s3:::x"] }] });
        new IamPolicy(stack, "p", { policy: d.json });
      },
      'wildcard action "s3:Get*"',
    ],
    [
      "a role's inline policy allows \"kms:*\"",
      (stack) => new IamRole(stack, "p", { name: "r", assumeRolePolicy: TRUST, inlinePolicy: [{ name: "kms", policy: JSON.stringify(doc([{ Effect: "Allow", Action: "kms:*", Resource: "*" }])) }] }),
      'wildcard action "kms:*"',
    ],
    [
      "a source policy document of the document allows \"iam:*\"",
      (stack) => {
        const inner = new DataAwsIamPolicyDocument(stack, "inner", { statement: [{ actions: ["iam:*"], resources: ["*"] }] });
        const outer = new DataAwsIamPolicyDocument(stack, "outer", { sourcePolicyDocuments: [inner.json], statement: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::x/*"] }] });
        new IamPolicy(stack, "p", { policy: outer.json });
      },
      'wildcard action "iam:*"',
    ],
    ["an Allow statement uses NotAction", (stack) => new IamPolicy(stack, "p", { policy: JSON.stringify(doc([{ Effect: "Allow", NotAction: ["iam:*"], Resource: "*" }])) }), "uses NotAction"],
    ["the policy is not readable at synth time", (stack) => new IamPolicy(stack, "p", { policy: Fn.file("policy.json") }), "cannot be checked"],
  ];

  it.each(wildcards)("fails when %s, naming the policy's path", (_what, build, text) => {
    const result = findings(build);
    expect(result).toHaveLength(1);
    expect(result[0]!.path).toBe("test/p");
    expect(result[0]!.message).toContain(text);
  });

  it("S1: Deny statements and resource policies (TLS-only bucket policy) may use wildcards", () => {
    const result = findings((stack) => {
      const bucket = new FixtureBucket(stack, "loki").bucket;
      new IamPolicy(stack, "deny", { policy: JSON.stringify(doc([{ Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }])) });
      new S3BucketPolicy(stack, "tls-only", { bucket: bucket.id, policy: JSON.stringify(doc([{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `${bucket.arn}/*` }])) });
    });
    expect(result).toEqual([]);
  });
});
