import { Testing } from "cdktf";
import { ACCOUNTS } from "../../../config/accounts";
import { CIS } from "../../../config/policy";
import { checkStack } from "../../../app/policy/security-policy";
import { managedRules } from "../../../constructs/security/config-managed-rules";
import { AUDITOR_MANAGED_POLICIES, CREATE_ASSESSMENT_REPORT_TARGET } from "../../../constructs/security/quarterly-audit";
import { START_RULES_EVALUATION_TARGET } from "../../../constructs/security/monthly-check";
import { AccountStack } from "../../../stacks/account-stack";
import { onlyResource, parse, resources, type SynthesizedJson } from "../../support";
import { policyDocumentStatements } from "../../support/synthesized-buckets";

const ACCOUNT_LIST = Object.values(ACCOUNTS);

/** The only resource of `type` in the primary region (no provider) or the DR region (provider `aws.dr`). */
function onlyIn(json: SynthesizedJson, type: string, region: "primary" | "dr"): Record<string, unknown> {
  const all = Object.values(resources(json, type)).filter((r) => (region === "dr" ? r.provider === "aws.dr" : r.provider === undefined));
  if (all.length !== 1) throw new Error(`expected exactly one ${type} in the ${region} region, found ${all.length}`);
  return Object.fromEntries(Object.entries(all[0]!).filter(([key]) => key !== "provider"));
}
const inDr = (json: SynthesizedJson, type: string) => Object.values(resources(json, type)).filter((r) => r.provider === "aws.dr");
const inPrimary = (json: SynthesizedJson, type: string) => Object.values(resources(json, type)).filter((r) => r.provider === undefined);

function synthAccount(name: string): { stack: AccountStack; json: SynthesizedJson } {
  const stack = new AccountStack(Testing.app(), { account: ACCOUNTS[name]! });
  return { stack, json: parse(Testing.synth(stack)) };
}

/** The resource of `type` whose construct path ends with `suffix` (paths come from cdktf metadata). */
function byPath(stack: AccountStack, type: string, suffix: string): Record<string, unknown> {
  const raw = stack.toTerraform() as { resource: Record<string, Record<string, Record<string, unknown> & { "//": { metadata: { path: string } } }>> };
  const match = Object.values(raw.resource[type] ?? {}).filter((r) => r["//"].metadata.path.endsWith(suffix));
  if (match.length !== 1) throw new Error(`expected one ${type} at …${suffix}, found ${match.length}`);
  return Object.fromEntries(Object.entries(match[0]!).filter(([key]) => key !== "//"));
}

describe.each(ACCOUNT_LIST.map((a) => [a.name]))("security baseline of account %s", (name) => {
  const account = ACCOUNTS[name]!;
  const { stack, json } = synthAccount(name);

  it("S1: enforces the CIS password policy: length ≥ 14, every character class, 24 remembered, 90-day expiry", () => {
    const policy = onlyResource(json, "aws_iam_account_password_policy");
    expect(policy).toEqual({
      minimum_password_length: account.security.passwordPolicy.minimumLength,
      require_lowercase_characters: true,
      require_uppercase_characters: true,
      require_numbers: true,
      require_symbols: true,
      password_reuse_prevention: 24,
      max_password_age: 90,
      allow_users_to_change_password: true,
      hard_expiry: false,
    });
    expect(policy.minimum_password_length).toBeGreaterThanOrEqual(CIS.passwordPolicy.minimumLength);
  });

  it("S1: runs an external-access and an unused-access analyzer", () => {
    const analyzers = Object.values(resources(json, "aws_accessanalyzer_analyzer"));
    expect(analyzers.map((a) => [a.analyzer_name, a.type])).toEqual([
      [`fx-trader-${name}-external-access`, "ACCOUNT"],
      [`fx-trader-${name}-unused-access`, "ACCOUNT_UNUSED_ACCESS"],
    ]);
    expect(analyzers[1]!.configuration).toEqual({ unused_access: { unused_access_age: account.security.unusedAccessAgeDays } });
  });

  it("S1, S2: records every resource type (global IAM types included) and delivers into the encrypted evidence bucket", () => {
    expect(onlyIn(json, "aws_config_configuration_recorder", "primary").recording_group).toEqual({ all_supported: true, include_global_resource_types: true });
    const channel = onlyIn(json, "aws_config_delivery_channel", "primary");
    expect(channel).toMatchObject({ s3_key_prefix: "config", snapshot_delivery_properties: { delivery_frequency: account.security.config.snapshotFrequency } });
    expect(channel.s3_bucket_name).toMatch(/^\$\{aws_s3_bucket\.security_evidence_bucket_[0-9A-F]+\.id\}$/);
    expect(channel.s3_kms_key_arn).toMatch(/^\$\{aws_kms_key\.security_evidence-key_[0-9A-F]+\.arn\}$/);
    expect(onlyIn(json, "aws_config_configuration_recorder_status", "primary").is_enabled).toBe(true);
  });

  it("runs Config, GuardDuty, Security Hub and Inspector in the DR region too (every region the environments use)", () => {
    expect((json.provider as Record<string, Array<Record<string, unknown>>>).aws!.map((p) => [p.alias ?? "default", p.region])).toEqual([
      ["default", account.region],
      ["dr", account.drRegion],
    ]);
    // IAM is global: the DR recorder reuses the primary's role and records no global types (no double IAM history).
    const recorder = onlyIn(json, "aws_config_configuration_recorder", "dr");
    expect(recorder.recording_group).toEqual({ all_supported: true, include_global_resource_types: false });
    expect(recorder.role_arn).toBe(onlyIn(json, "aws_config_configuration_recorder", "primary").role_arn);
    expect(onlyIn(json, "aws_config_delivery_channel", "dr")).toMatchObject({ s3_key_prefix: "config" });
    expect(onlyIn(json, "aws_config_configuration_recorder_status", "dr").is_enabled).toBe(true);
    expect(onlyIn(json, "aws_guardduty_detector", "dr")).toEqual({ enable: true, finding_publishing_frequency: "FIFTEEN_MINUTES" });
    expect(inDr(json, "aws_guardduty_detector_feature").map((f) => f.name).sort()).toEqual(inPrimary(json, "aws_guardduty_detector_feature").map((f) => f.name).sort());
    expect(onlyIn(json, "aws_inspector2_enabler", "dr")).toEqual({ account_ids: [account.id], resource_types: ["ECR", "LAMBDA", "LAMBDA_CODE", "EC2"] });
    expect(onlyIn(json, "aws_securityhub_account", "dr")).toEqual({ enable_default_standards: false, control_finding_generator: "SECURITY_CONTROL", auto_enable_controls: true });
    expect(inDr(json, "aws_securityhub_standards_subscription").map((s) => s.standards_arn)).toEqual([
      `arn:aws:securityhub:${account.drRegion}::standards/cis-aws-foundations-benchmark/v/3.0.0`,
      `arn:aws:securityhub:${account.drRegion}::standards/aws-foundational-security-best-practices/v/1.0.0`,
    ]);
  });

  it("S1, S2, S4: has the audit items' Config rules, periodic ones at the configured frequency", () => {
    const rules = Object.values(resources(json, "aws_config_config_rule"));
    const bySource = new Map(rules.map((r) => [(r.source as { source_identifier: string }).source_identifier, r]));
    expect([...bySource.keys()].sort()).toEqual(
      [
        "IAM_PASSWORD_POLICY",
        "IAM_USER_UNUSED_CREDENTIALS_CHECK",
        "ROOT_ACCOUNT_MFA_ENABLED",
        "INCOMING_SSH_DISABLED",
        "RESTRICTED_INCOMING_TRAFFIC",
        "VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS",
        "S3_BUCKET_PUBLIC_READ_PROHIBITED",
        "S3_BUCKET_PUBLIC_WRITE_PROHIBITED",
        "S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC",
        "ENCRYPTED_VOLUMES",
        "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED",
      ].sort(),
    );
    for (const spec of managedRules(account.security)) {
      const rule = bySource.get(spec.identifier)!;
      expect(rule.maximum_execution_frequency).toBe(spec.trigger === "change" ? undefined : account.security.config.ruleFrequency);
      expect(rule.scope).toEqual(spec.trigger === "periodic" ? undefined : { compliance_resource_types: spec.resourceTypes });
      expect(rule.depends_on).toEqual([expect.stringMatching(/^aws_config_configuration_recorder\./)]);
    }
    for (const periodic of ["IAM_PASSWORD_POLICY", "IAM_USER_UNUSED_CREDENTIALS_CHECK", "ROOT_ACCOUNT_MFA_ENABLED"]) {
      expect(bySource.get(periodic)!.maximum_execution_frequency).toBe("TwentyFour_Hours");
    }
    expect(bySource.get("ENCRYPTED_VOLUMES")!.maximum_execution_frequency).toBeUndefined();
  });

  it("S1, S2: gives the Config rules the account's own password policy and port lists", () => {
    const rules = Object.values(resources(json, "aws_config_config_rule"));
    const params = (id: string) => JSON.parse(rules.find((r) => (r.source as { source_identifier: string }).source_identifier === id)!.input_parameters as string);
    const p = account.security.passwordPolicy;
    expect(params("IAM_PASSWORD_POLICY")).toEqual({
      MaxPasswordAge: String(p.maxAgeDays),
      MinimumPasswordLength: String(p.minimumLength),
      PasswordReusePrevention: String(p.reusePrevention),
      RequireLowercaseCharacters: "true",
      RequireNumbers: "true",
      RequireSymbols: "true",
      RequireUppercaseCharacters: "true",
    });
    expect(params("IAM_USER_UNUSED_CREDENTIALS_CHECK")).toEqual({ maxCredentialUsageAge: "45" });
    expect(params("VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS")).toEqual({ authorizedTcpPorts: "443" });
    expect(params("RESTRICTED_INCOMING_TRAFFIC")).toEqual({ blockedPort1: "20", blockedPort2: "21", blockedPort3: "3389", blockedPort4: "3306", blockedPort5: "5432" });
  });

  it("detects threats with GuardDuty (S3 data events, EKS audit logs, EKS runtime monitoring, EBS malware scans, RDS login events)", () => {
    expect(onlyIn(json, "aws_guardduty_detector", "primary")).toEqual({ enable: true, finding_publishing_frequency: "FIFTEEN_MINUTES" });
    const features = inPrimary(json, "aws_guardduty_detector_feature");
    expect(features.map((f) => [f.name, f.status]).sort()).toEqual([
      ["EBS_MALWARE_PROTECTION", "ENABLED"],
      ["EKS_AUDIT_LOGS", "ENABLED"],
      ["RDS_LOGIN_EVENTS", "ENABLED"],
      ["RUNTIME_MONITORING", "ENABLED"],
      ["S3_DATA_EVENTS", "ENABLED"],
    ]);
    expect(features.find((f) => f.name === "RUNTIME_MONITORING")!.additional_configuration).toEqual([{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }]);
  });

  it("S3: scans ECR images, Lambda functions and EC2 instances (the EKS nodes) for vulnerable dependencies with Inspector", () => {
    expect(onlyIn(json, "aws_inspector2_enabler", "primary")).toEqual({ account_ids: [account.id], resource_types: ["ECR", "LAMBDA", "LAMBDA_CODE", "EC2"] });
  });

  it("subscribes Security Hub to the CIS and AWS Foundational standards", () => {
    expect(onlyIn(json, "aws_securityhub_account", "primary")).toEqual({ enable_default_standards: false, control_finding_generator: "SECURITY_CONTROL", auto_enable_controls: true });
    expect(inPrimary(json, "aws_securityhub_standards_subscription").map((s) => s.standards_arn)).toEqual([
      "arn:aws:securityhub:ap-northeast-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
      "arn:aws:securityhub:ap-northeast-1::standards/aws-foundational-security-best-practices/v/1.0.0",
    ]);
  });

  it("S2: blocks public S3 access account-wide", () => {
    expect(onlyResource(json, "aws_s3_account_public_access_block")).toEqual({
      account_id: account.id,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it("S4: re-evaluates every Config rule monthly through EventBridge Scheduler", () => {
    const schedule = byPath(stack, "aws_scheduler_schedule", "/monthly-check/schedule");
    expect(schedule).toMatchObject({ schedule_expression: "cron(0 3 1 * ? *)", schedule_expression_timezone: "Asia/Tokyo", flexible_time_window: { mode: "OFF" } });
    const target = schedule.target as { arn: string; input: string };
    expect(target.arn).toBe(START_RULES_EVALUATION_TARGET);
    const ruleNames = Object.values(resources(json, "aws_config_config_rule")).map((r) => r.name);
    const input = JSON.parse(target.input) as { ConfigRuleNames: string[] };
    expect(input.ConfigRuleNames).toHaveLength(ruleNames.length);
    for (const n of input.ConfigRuleNames) expect(n).toMatch(/^\$\{aws_config_config_rule\.security_config-rules_.+\.name\}$/);
  });

  it("S4: runs a quarterly Audit Manager assessment report into the evidence bucket", () => {
    const assessment = onlyResource(json, "aws_auditmanager_assessment");
    expect(assessment.assessment_reports_destination).toEqual([{ destination: expect.stringMatching(/^s3:\/\/\$\{aws_s3_bucket\.security_evidence_bucket_[0-9A-F]+\.bucket\}\/audit-manager$/), destination_type: "S3" }]);
    expect(assessment.roles).toEqual([{ role_arn: expect.stringMatching(/^\$\{aws_iam_role\.security_quarterly-audit_auditor-role_/), role_type: "PROCESS_OWNER" }]);
    expect(Object.values(json.data?.aws_auditmanager_framework ?? {})).toEqual([{ name: account.security.cadence.auditFrameworkName, framework_type: "Standard" }]);
    const schedule = byPath(stack, "aws_scheduler_schedule", "/quarterly-audit/schedule");
    expect(schedule.schedule_expression).toBe("cron(0 4 1 1,4,7,10 ? *)");
    const target = schedule.target as { arn: string; input: string };
    expect(target.arn).toBe(CREATE_ASSESSMENT_REPORT_TARGET);
    expect(JSON.parse(target.input)).toEqual({
      AssessmentId: expect.stringMatching(/^\$\{aws_auditmanager_assessment\..+\.id\}$/),
      Name: "quarterly-<aws.scheduler.execution-id>",
      Description: "S4 quarterly comprehensive audit report",
    });
    const attachments = Object.values(resources(json, "aws_iam_role_policy_attachment")).map((a) => a.policy_arn);
    expect(attachments).toEqual(expect.arrayContaining([...AUDITOR_MANAGED_POLICIES]));
  });

  it("S4: the security-auditor role trusts only the configured auditors' role (MFA), with read-only access and no Audit Manager administration", () => {
    const role = byPath(stack, "aws_iam_role", "/quarterly-audit/auditor-role");
    const trust = policyDocumentStatements(json, role.assume_role_policy);
    expect(trust).toEqual([
      {
        actions: ["sts:AssumeRole"],
        principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${account.id}:role/${account.security.auditorPrincipalRoleName}`] }],
        condition: [{ test: "Bool", variable: "aws:MultiFactorAuthPresent", values: ["true"] }],
      },
    ]);
    const attached = Object.values(resources(json, "aws_iam_role_policy_attachment")).filter((a) => String(a.role).includes("auditor-role")).map((a) => a.policy_arn);
    expect(attached).toEqual(["arn:aws:iam::aws:policy/SecurityAudit"]);
    expect(JSON.stringify(json)).not.toContain("AWSAuditManagerAdministratorAccess");
    const inline = policyDocumentStatements(json, byPath(stack, "aws_iam_role_policy", "/quarterly-audit/auditor-policy").policy);
    expect(inline.map((s) => s.sid)).toEqual(["ReviewQuarterlyAssessment", "ListAssessments", "ReadReports", "ListReports", "DecryptReports"]);
    for (const s of inline) for (const action of s.actions as string[]) expect(action).not.toMatch(/\*|Delete|Update|Batch|Register|Deregister/);
    expect(inline[0]!.resources).toEqual([expect.stringMatching(/^\$\{aws_auditmanager_assessment\.[\w-]+\.arn\}$/)]);
  });

  it("keeps audit evidence in an Object-Locked (compliance, 365 d), versioned, KMS-encrypted, access-logged, protected bucket", () => {
    const evidence = byPath(stack, "aws_s3_bucket", "/evidence/bucket");
    expect(evidence).toMatchObject({ bucket: `fx-trader-${name}-evidence-${account.id}-ap-northeast-1`, tags: { "data-durability": "must-survive" }, lifecycle: { prevent_destroy: true } });
    expect(byPath(stack, "aws_s3_bucket_versioning", "/evidence/versioning").versioning_configuration).toEqual({ status: "Enabled" });
    expect(byPath(stack, "aws_s3_bucket_server_side_encryption_configuration", "/evidence/encryption").rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\./) }, bucket_key_enabled: true },
    ]);
    expect(byPath(stack, "aws_s3_bucket_lifecycle_configuration", "/evidence/lifecycle").rule).toEqual([
      expect.objectContaining({ status: "Enabled", expiration: [{ days: account.security.evidence.retentionDays }], noncurrent_version_expiration: [{ noncurrent_days: 30 }] }),
    ]);
    expect(byPath(stack, "aws_s3_bucket_logging", "/evidence/access-logging")).toMatchObject({
      target_bucket: expect.stringMatching(/^\$\{aws_s3_bucket\.security_access-logs_bucket_/),
      target_prefix: "evidence/",
    });
    expect(evidence.object_lock_enabled).toBe(true);
    expect(byPath(stack, "aws_s3_bucket_object_lock_configuration", "/evidence/object-lock").rule).toEqual({ default_retention: { mode: "COMPLIANCE", days: 365 } });
    expect(byPath(stack, "aws_kms_key", "/evidence-key/key")).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
  });

  it("lets only the evidence bucket deliver server access logs into the access-log bucket, under its prefix", () => {
    const logs = `arn:aws:s3:::fx-trader-${name}-access-logs-${account.id}-ap-northeast-1`;
    const statements = policyDocumentStatements(json, byPath(stack, "aws_s3_bucket_policy", "/access-logs/policy").policy);
    expect(statements.map((s) => s.sid)).toEqual(["DenyInsecureTransport", "S3ServerAccessLogsDelivery"]);
    expect(statements[1]).toMatchObject({
      principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
      actions: ["s3:PutObject"],
      resources: [`${logs}/evidence/*`],
      condition: [
        { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:aws:s3:::fx-trader-${name}-evidence-${account.id}-ap-northeast-1`] },
        { test: "StringEquals", variable: "aws:SourceAccount", values: [account.id] },
      ],
    });
  });

  it("S3: passes every policy rule, with exactly the access-log bucket, notification, replication, key-policy, trail SNS and schedule key waivers", () => {
    const result = checkStack(stack);
    expect(result.violations).toEqual([]);
    const at = (p: string) => `fx-trader-account-${name}/security/${p}`;
    expect(result.waived.map((w) => [w.ruleId, w.path]).sort()).toEqual(
      [
        ["CKV_AWS_145", at("access-logs/bucket")],
        ["CKV_AWS_18", at("access-logs/bucket")],
        ["CKV2_AWS_62", at("access-logs/bucket")],
        ["CKV2_AWS_62", at("evidence/bucket")],
        ["CKV_AWS_252", at("trail/trail")],
        ["CKV_AWS_297", at("monthly-check/schedule")],
        ["CKV_AWS_297", at("quarterly-audit/schedule")],
        ["CKV_AWS_144", at("access-logs/bucket")],
        ["CKV_AWS_144", at("evidence/bucket")],
        ...["CKV_AWS_109", "CKV_AWS_111", "CKV_AWS_356"].flatMap((id) => [
          [id, at("alerts/key/policy")],
          [id, at("evidence-key/policy")],
        ]),
      ].sort(),
    );
  });
});
