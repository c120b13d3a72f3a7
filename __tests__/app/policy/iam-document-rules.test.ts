import { checkStackJson } from "../../../app/policy/check";
import { iamAction } from "../../../app/policy/private/iam-actions";
import type { TerraformJson } from "../../../app/policy/private/stack-model";
import { IAM_DOCUMENT_RULES } from "../../../app/policy/rules/iam-documents";

type Statement = Record<string, unknown>;

/** A stack JSON with one policy document (data source `d`) and one role policy (`p`) whose policy is JSON. */
function stackJson(documentStatements: Statement[], rolePolicy?: Statement[]): TerraformJson {
  return {
    data: { aws_iam_policy_document: { d: { statement: documentStatements } } },
    resource: rolePolicy === undefined ? {} : { aws_iam_role_policy: { p: { role: "r", policy: JSON.stringify({ Version: "2012-10-17", Statement: rolePolicy }) } } },
  } as unknown as TerraformJson;
}
const failing = (json: TerraformJson) => checkStackJson(json, [], IAM_DOCUMENT_RULES).violations.map((v) => `${v.ruleId} ${v.address}`);

describe("S1: the IAM policy-document rules follow cloudsplaining's model (CKV_AWS_107–111, 286–290, 355, 356)", () => {
  it("reads the action table from the AWS Service Authorization Reference: access level and wildcard-only", () => {
    expect(iamAction("kms:Decrypt")).toEqual({ name: "kms:Decrypt", access: "Write", wildcardOnly: false });
    expect(iamAction("KMS:CREATEGRANT")).toMatchObject({ access: "Permissions management", wildcardOnly: false });
    expect(iamAction("sts:GetCallerIdentity")).toMatchObject({ access: "Read", wildcardOnly: true });
    expect(iamAction("auditmanager:ListAssessments")).toMatchObject({ access: "List", wildcardOnly: true });
    expect(iamAction("ec2:RunInstances")).toBeUndefined();
  });

  it("passes wildcard-only actions on *, ARN-scoped statements and conditioned statements", () => {
    expect(
      failing(
        stackJson(
          [
            { actions: ["sts:GetCallerIdentity", "auditmanager:ListAssessments"], resources: ["*"] },
            { actions: ["kms:Decrypt", "s3:GetObject"], resources: ["arn:aws:s3:::fx-trader-test/*"] },
            { actions: ["kms:Decrypt"], resources: ["*"], condition: [{ test: "StringEquals", variable: "kms:ViaService", values: ["s3.ap-northeast-1.amazonaws.com"] }] },
          ],
          [{ Effect: "Allow", Action: ["kms:Decrypt"], Resource: "arn:aws:kms:ap-northeast-1:111111111111:key/x" }],
        ),
      ),
    ).toEqual([]);
  });

  it("fails (seeded) the same statement once its condition is removed", () => {
    expect(failing(stackJson([{ actions: ["kms:Decrypt"], resources: ["*"] }]))).toEqual(["CKV_AWS_111 data.aws_iam_policy_document.d", "CKV_AWS_356 data.aws_iam_policy_document.d"]);
  });

  it("expands action patterns against the table, and an unconditioned Deny takes actions back", () => {
    const messages = (json: TerraformJson) => checkStackJson(json, [], IAM_DOCUMENT_RULES).violations.map((v) => `${v.ruleId}: ${v.message}`);
    expect(messages(stackJson([{ actions: ["kms:Get*"], resources: ["*"] }]))).toEqual([
      "CKV_AWS_356: policy document d: it allows actions that support resource-level scoping on \"*\" without a condition (kms:GetKeyLastUsage, kms:GetKeyPolicy, kms:GetKeyRotationStatus, kms:GetParametersForImport, kms:GetPublicKey): name the resources",
    ]);
    expect(failing(stackJson([{ actions: ["kms:Get*"], resources: ["*"] }, { effect: "Deny", actions: ["kms:Get*"], resources: ["*"] }]))).toEqual([]);
    // A conditioned Deny may not hold, so it takes nothing back (stricter than cloudsplaining).
    expect(failing(stackJson([{ actions: ["kms:Get*"], resources: ["*"] }, { effect: "Deny", actions: ["kms:Get*"], resources: ["*"], condition: [{ test: "Bool", variable: "aws:MultiFactorAuthPresent", values: ["false"] }] }]))).toEqual([
      "CKV_AWS_356 data.aws_iam_policy_document.d",
    ]);
  });

  it("counts an action of a service not in the table as restrictable, and says so", () => {
    const [v] = checkStackJson(stackJson([{ actions: ["ec2:DescribeInstances"], resources: ["*"] }]), [], IAM_DOCUMENT_RULES).violations;
    expect(v?.ruleId).toBe("CKV_AWS_356");
    expect(v?.message).toContain("ec2:DescribeInstances is not in the action table, so counted as restrictable");
  });

  it("finds privilege escalation only when a whole combination is allowed, and credentials through wildcard-only actions on any resource", () => {
    const passRoleOnly = [{ Effect: "Allow", Action: ["iam:PassRole"], Resource: "*" }];
    expect(failing(stackJson([], passRoleOnly))).toEqual(["CKV_AWS_290 aws_iam_role_policy.p", "CKV_AWS_355 aws_iam_role_policy.p"]);
    const combo = [{ Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances"], Resource: "*" }];
    expect(failing(stackJson([], combo))).toContain("CKV_AWS_286 aws_iam_role_policy.p");
    expect(failing(stackJson([], [{ Effect: "Allow", Action: "sts:GetSessionToken", Resource: "arn:aws:iam::111111111111:role/x" }]))).toEqual(["CKV_AWS_287 aws_iam_role_policy.p"]);
  });

  it("follows an identity policy into the data document it references, and fails a policy it cannot read", () => {
    const json = stackJson([{ actions: ["s3:GetObject"], resources: ["*"] }]) as unknown as { resource: Record<string, unknown> };
    json.resource.aws_iam_role_policy = { p: { role: "r", policy: "${data.aws_iam_policy_document.d.json}" }, q: { role: "r", policy: "${var.policy}" } };
    expect(failing(json as unknown as TerraformJson)).toEqual([
      "CKV_AWS_108 data.aws_iam_policy_document.d",
      "CKV_AWS_356 data.aws_iam_policy_document.d",
      "CKV_AWS_286 aws_iam_role_policy.q",
      "CKV_AWS_287 aws_iam_role_policy.q",
      "CKV_AWS_288 aws_iam_role_policy.p",
      "CKV_AWS_288 aws_iam_role_policy.q",
      "CKV_AWS_289 aws_iam_role_policy.q",
      "CKV_AWS_290 aws_iam_role_policy.q",
      "CKV_AWS_355 aws_iam_role_policy.p",
      "CKV_AWS_355 aws_iam_role_policy.q",
    ]);
  });
});
