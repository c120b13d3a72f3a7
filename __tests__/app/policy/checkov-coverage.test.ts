import { Testing } from "cdktf";
import { ACCOUNTS } from "../../../config/accounts";
import { CHECKOV_CHECKS, uncoveredChecks } from "../../../app/policy/checkov-catalog";
import { checkStackJson } from "../../../app/policy/check";
import type { TerraformJson } from "../../../app/policy/private/stack-model";
import { POLICY_RULES, ruleById } from "../../../app/policy/rules";
import { waiversIn } from "../../../constructs/policy/waiver";
import { AccountStack } from "../../../stacks/account-stack";
import { sharedTree } from "../../support/shared-synthesis";

/** Every resource type (data sources as `data.<type>`) of every stack of every environment (jest's shared synthesis). */
function synthesizedTypes(): Set<string> {
  const types = new Set<string>();
  for (const json of sharedTree().stacks.values() as Iterable<TerraformJson>) {
    for (const t of Object.keys(json.resource ?? {})) types.add(t);
    for (const t of Object.keys(json.data ?? {})) types.add(`data.${t}`);
  }
  return types;
}

const accountJson = () => structuredClone(new AccountStack(Testing.app(), { account: ACCOUNTS["fx-prod"]! }).toTerraform()) as TerraformJson & { resource: Record<string, Record<string, Record<string, unknown>>> };
const only = (id: string) => [ruleById(id)!];

describe("S3: every listed checkov AWS check of a synthesized resource type has a synth-time rule", () => {
  const types = synthesizedTypes();

  it("no listed check of a synthesized type lacks a rule (waivers are per resource, checked at synth)", () => {
    expect(uncoveredChecks(types, POLICY_RULES)).toEqual([]);
  });

  it("fails when a rule is missing (seeded: without CKV_AWS_26 the SNS topics are unchecked)", () => {
    expect(uncoveredChecks(types, POLICY_RULES.filter((r) => r.id !== "CKV_AWS_26"))).toEqual(["CKV_AWS_26 on aws_sns_topic"]);
  });

  it("lists every checkov rule the program has, and only types checkov runs it on", () => {
    const listed = new Set(CHECKOV_CHECKS.map((c) => c.id));
    expect(POLICY_RULES.filter((r) => r.id.startsWith("CKV") && r.id !== "CKV_SECRET_6" && !listed.has(r.id)).map((r) => r.id)).toEqual([]);
    // The catalog covers real types: each listed check applies to at least one synthesized type.
    expect(CHECKOV_CHECKS.filter((c) => !c.resourceTypes.some((t) => types.has(t))).map((c) => c.id)).toEqual([]);
  });
});

describe("checkov rules reject what they must (seeded failures on the account stack's JSON)", () => {
  it("CKV_AWS_61: a role trusting the account root", () => {
    const json = accountJson();
    const role = Object.values(json.resource.aws_iam_role!).find((r) => String(r.name).endsWith("security-auditor"))!;
    role.assume_role_policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: "sts:AssumeRole" }] });
    expect(checkStackJson(json, [], only("CKV_AWS_61")).violations.map((v) => v.message)).toEqual([
      'role "fx-trader-fx-prod-security-auditor" trusts arn:aws:iam::222222222222:root: name the role(s) that may assume it',
    ]);
    expect(checkStackJson(accountJson(), [], only("CKV_AWS_61")).violations).toEqual([]);
  });

  it("CKV2_AWS_10 and CKV_AWS_36: a trail without CloudWatch Logs delivery or log file validation", () => {
    const json = accountJson();
    const trail = Object.values(json.resource.aws_cloudtrail!)[0]!;
    delete trail.cloud_watch_logs_group_arn;
    trail.enable_log_file_validation = false;
    expect(checkStackJson(json, [], [...only("CKV2_AWS_10"), ...only("CKV_AWS_36")]).violations.map((v) => v.ruleId)).toEqual(["CKV2_AWS_10", "CKV_AWS_36"]);
  });

  it("CKV_AWS_26: an unencrypted topic; CKV_AWS_10: a short password", () => {
    const json = accountJson();
    delete Object.values(json.resource.aws_sns_topic!)[0]!.kms_master_key_id;
    Object.values(json.resource.aws_iam_account_password_policy!)[0]!.minimum_password_length = 8;
    expect(checkStackJson(json, [], [...only("CKV_AWS_26"), ...only("CKV_AWS_10")]).violations.map((v) => v.ruleId)).toEqual(["CKV_AWS_26", "CKV_AWS_10"]);
  });

  it("CKV_AWS_274: AdministratorAccess attached; CKV2_AWS_65: ACLs enabled; CKV_AWS_300: no multipart abort", () => {
    const json = accountJson();
    Object.values(json.resource.aws_iam_role_policy_attachment!)[0]!.policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess";
    Object.values(json.resource.aws_s3_bucket_ownership_controls!)[0]!.rule = { object_ownership: "BucketOwnerPreferred" };
    const lifecycle = Object.values(json.resource.aws_s3_bucket_lifecycle_configuration!)[0]!;
    lifecycle.rule = (lifecycle.rule as Array<Record<string, unknown>>).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== "abort_incomplete_multipart_upload")));
    expect(checkStackJson(json, [], [...only("CKV_AWS_274"), ...only("CKV2_AWS_65"), ...only("CKV_AWS_300")]).violations.map((v) => v.ruleId)).toEqual(["CKV_AWS_274", "CKV2_AWS_65", "CKV_AWS_300"]);
  });

  it("CKV2_AWS_62 holds on no bucket (no notification consumer), so every bucket carries the written waiver", () => {
    const json = accountJson();
    const buckets = Object.keys(json.resource.aws_s3_bucket!).length;
    expect(checkStackJson(json, [], only("CKV2_AWS_62")).violations).toHaveLength(buckets);
  });

  type Documents = Record<string, { statement: Array<{ actions: string[]; resources?: string[]; condition?: unknown }> }>;
  const documentsOf = (json: TerraformJson) => (json.data as Record<string, Documents>).aws_iam_policy_document!;
  const auditorDocument = (json: TerraformJson) => Object.entries(documentsOf(json)).find(([name]) => name.includes("auditor-permissions"))![1];

  it("CKV_AWS_355/356: the auditor's unscoped Audit Manager calls are wildcard-only, so they pass; a restrictable one on * fails", () => {
    const rules = [...only("CKV_AWS_355"), ...only("CKV_AWS_356")];
    const clean = accountJson();
    const unscoped = auditorDocument(clean).statement.filter((st) => st.resources?.includes("*"));
    expect(unscoped.flatMap((st) => st.actions)).toEqual(["auditmanager:ListAssessments", "auditmanager:GetAccountStatus"]);
    const onlyKeyPolicies = (json: TerraformJson) => checkStackJson(json, [], rules).violations.filter((v) => !v.path.includes("key"));
    expect(onlyKeyPolicies(clean)).toEqual([]);
    // Seeded: a read that supports resource-level scoping (GetAssessment) moved to the unscoped statement.
    const json = accountJson();
    auditorDocument(json).statement.find((st) => st.resources?.includes("*"))!.actions.push("auditmanager:GetAssessment");
    expect(onlyKeyPolicies(json).map((v) => [v.ruleId, v.path])).toEqual([
      ["CKV_AWS_355", "fx-trader-account-fx-prod/security/quarterly-audit/auditor-policy"],
      ["CKV_AWS_356", "fx-trader-account-fx-prod/security/quarterly-audit/auditor-permissions"],
    ]);
  });

  it("CKV_AWS_109/111/356 hold on no key policy (Resource * is the key), so every key policy carries the written waivers, and nothing else needs one", () => {
    const stack = new AccountStack(Testing.app(), { account: ACCOUNTS["fx-prod"]! });
    const json = structuredClone(stack.toTerraform()) as TerraformJson;
    const keyPolicies = Object.values((json.resource as Record<string, Record<string, { policy?: string }>>).aws_kms_key!).map((k) => k.policy);
    const ids = ["CKV_AWS_109", "CKV_AWS_111", "CKV_AWS_356"];
    const unwaived = checkStackJson(json, [], ids.map((id) => ruleById(id)!)).violations;
    expect(new Set(unwaived.map((v) => `\${${v.address}.json}`))).toEqual(new Set(keyPolicies));
    expect(unwaived).toHaveLength(ids.length * keyPolicies.length);
    expect(checkStackJson(json, waiversIn(stack), ids.map((id) => ruleById(id)!)).violations).toEqual([]);
  });
});
