/**
 * The checkov AWS checks of the resource types this program synthesizes that are plain attribute checks
 * (CloudTrail, SNS, KMS, the password policy, S3 configuration resources, Scheduler, GuardDuty, Config, IAM
 * trusts), re-implemented from checkov's check logic on the synthesized JSON and named by checkov ID.
 */
import { configsOf } from "../private/s3-relations";
import { blocks, isSet, isTrue, type StackModel, type TfBlock } from "../private/stack-model";
import type { Finding, PolicyRule } from "../rule";

function judgeEach(model: StackModel, type: string, judge: (block: TfBlock) => string | undefined): Finding[] {
  return model.resources(type).flatMap((block) => {
    const message = judge(block);
    return message === undefined ? [] : [{ block, message }];
  });
}

const label = (b: TfBlock) => JSON.stringify(b.attrs.name ?? b.attrs.bucket ?? b.attrs.description ?? b.name);

/** A rule that fails each resource of `type` for which `ok` is false. */
function attributeRule(id: string, title: string, type: string, passesWhen: string, ok: (attrs: TfBlock["attrs"]) => boolean, fix: string, requirements: readonly string[] = ["S3"]): PolicyRule {
  return {
    id,
    title,
    requirements,
    reportsOn: [type],
    passesWhen,
    check: (model) => judgeEach(model, type, (b) => (ok(b.attrs) ? undefined : `${type} ${label(b)}: ${fix}`)),
  };
}

const notFalse = (v: unknown) => v !== false && v !== "false";

// ---- CloudTrail -------------------------------------------------------------------------------------------
export const cloudTrailKms = attributeRule("CKV_AWS_35", "Ensure CloudTrail logs are encrypted at rest using KMS CMKs", "aws_cloudtrail", "`kms_key_id` is set", (a) => isSet(a.kms_key_id), "set kms_key_id to a customer key", ["S1"]);
export const cloudTrailValidation = attributeRule("CKV_AWS_36", "Ensure CloudTrail log file validation is enabled", "aws_cloudtrail", "`enable_log_file_validation = true`", (a) => isTrue(a.enable_log_file_validation), "set enable_log_file_validation: true", ["S1"]);
export const cloudTrailMultiRegion = attributeRule("CKV_AWS_67", "Ensure CloudTrail is enabled in all Regions", "aws_cloudtrail", "`is_multi_region_trail = true`", (a) => isTrue(a.is_multi_region_trail), "set is_multi_region_trail: true", ["S1"]);
export const cloudTrailLogging = attributeRule("CKV_AWS_251", "Ensure CloudTrail logging is enabled", "aws_cloudtrail", "`enable_logging` is not false", (a) => notFalse(a.enable_logging), "set enable_logging: true", ["S1"]);
export const cloudTrailSns = attributeRule(
  "CKV_AWS_252",
  "Ensure CloudTrail defines an SNS Topic",
  "aws_cloudtrail",
  "`sns_topic_name` is set",
  (a) => isSet(a.sns_topic_name),
  "set sns_topic_name (or waive: alerting reads the CloudWatch Logs copy)",
  ["S1"],
);
export const cloudTrailCloudWatch = attributeRule(
  "CKV2_AWS_10",
  "Ensure CloudTrail trails are integrated with CloudWatch Logs",
  "aws_cloudtrail",
  "`cloud_watch_logs_group_arn` and `cloud_watch_logs_role_arn` are set (checkov's graph check asks for the log group connection)",
  (a) => isSet(a.cloud_watch_logs_group_arn) && isSet(a.cloud_watch_logs_role_arn),
  "set cloud_watch_logs_group_arn and cloud_watch_logs_role_arn",
  ["S1"],
);

// ---- SNS, KMS, log groups, Scheduler ----------------------------------------------------------------------
export const snsEncrypted = attributeRule("CKV_AWS_26", "Ensure all data stored in the SNS topic is encrypted", "aws_sns_topic", "`kms_master_key_id` is set", (a) => isSet(a.kms_master_key_id), "set kms_master_key_id to a customer key");
export const kmsEnabled = attributeRule("CKV_AWS_227", "Ensure KMS key is enabled", "aws_kms_key", "`is_enabled` is not false", (a) => notFalse(a.is_enabled), "remove is_enabled: false");
export const kmsPolicyDefined = attributeRule("CKV2_AWS_64", "Ensure KMS key Policy is defined", "aws_kms_key", "`policy` is set (no implicit default key policy)", (a) => isSet(a.policy), "set policy (a CustomerKey builds one)");
export const logGroupYear = attributeRule(
  "CKV_AWS_338",
  "Ensure CloudWatch log groups retains logs for at least 1 year",
  "aws_cloudwatch_log_group",
  "`retention_in_days` is 0 (never expire) or at least 365",
  (a) => {
    const days = Number(a.retention_in_days ?? 0);
    return days === 0 || days >= 365;
  },
  "keep logs at least 365 days, or waive with the retention table's reason",
);
export const schedulerCmk = attributeRule("CKV_AWS_297", "Ensure EventBridge Scheduler Schedule uses Customer Managed Key (CMK)", "aws_scheduler_schedule", "`kms_key_arn` is set", (a) => isSet(a.kms_key_arn), "set kms_key_arn to a customer key");

// ---- Account baseline ---------------------------------------------------------------------------------------
const PASSWORD = "aws_iam_account_password_policy";
export const passwordMaxAge = attributeRule("CKV_AWS_9", "Ensure IAM password policy expires passwords within 90 days or less", PASSWORD, "`max_password_age` from 1 to 90", (a) => Number(a.max_password_age) >= 1 && Number(a.max_password_age) <= 90, "set max_password_age to at most 90", ["S1"]);
export const passwordLength = attributeRule("CKV_AWS_10", "Ensure IAM password policy requires minimum length of 14 or greater", PASSWORD, "`minimum_password_length` ≥ 14", (a) => Number(a.minimum_password_length) >= 14, "set minimum_password_length to at least 14", ["S1"]);
export const passwordLower = attributeRule("CKV_AWS_11", "Ensure IAM password policy requires at least one lowercase letter", PASSWORD, "`require_lowercase_characters = true`", (a) => isTrue(a.require_lowercase_characters), "set require_lowercase_characters: true", ["S1"]);
export const passwordNumbers = attributeRule("CKV_AWS_12", "Ensure IAM password policy requires at least one number", PASSWORD, "`require_numbers = true`", (a) => isTrue(a.require_numbers), "set require_numbers: true", ["S1"]);
export const passwordReuse = attributeRule("CKV_AWS_13", "Ensure IAM password policy prevents password reuse", PASSWORD, "`password_reuse_prevention` ≥ 24", (a) => Number(a.password_reuse_prevention) >= 24, "set password_reuse_prevention to 24", ["S1"]);
export const passwordSymbols = attributeRule("CKV_AWS_14", "Ensure IAM password policy requires at least one symbol", PASSWORD, "`require_symbols = true`", (a) => isTrue(a.require_symbols), "set require_symbols: true", ["S1"]);
export const passwordUpper = attributeRule("CKV_AWS_15", "Ensure IAM password policy requires at least one uppercase letter", PASSWORD, "`require_uppercase_characters = true`", (a) => isTrue(a.require_uppercase_characters), "set require_uppercase_characters: true", ["S1"]);
export const guardDutyEnabled = attributeRule("CKV2_AWS_3", "Ensure GuardDuty is enabled to specific org/region", "aws_guardduty_detector", "`enable` is not false (checkov's graph check also wants an organization configuration; this program's accounts are standalone)", (a) => notFalse(a.enable), "set enable: true", ["S1", "S2"]);
export const configRecordsAll = attributeRule(
  "CKV2_AWS_48",
  "Ensure AWS Config must record all possible resources",
  "aws_config_configuration_recorder",
  "`recording_group.all_supported = true` (global types are recorded in one region only, on purpose)",
  (a) => blocks(a.recording_group).some((g) => isTrue(g.all_supported)),
  "set recording_group.all_supported: true",
  ["S1", "S2"],
);

// ---- S3 configuration resources -----------------------------------------------------------------------------
export const s3AclsDisabled = attributeRule(
  "CKV2_AWS_65",
  "Ensure access control lists for S3 buckets are disabled",
  "aws_s3_bucket_ownership_controls",
  "`rule.object_ownership = \"BucketOwnerEnforced\"`",
  (a) => blocks(a.rule).every((r) => r.object_ownership === "BucketOwnerEnforced") && blocks(a.rule).length > 0,
  'set rule.object_ownership: "BucketOwnerEnforced"',
  ["S2", "S3"],
);
export const s3AbortUploads = attributeRule(
  "CKV_AWS_300",
  "Ensure S3 lifecycle configuration sets period for aborting failed uploads",
  "aws_s3_bucket_lifecycle_configuration",
  "a rule sets `abort_incomplete_multipart_upload.days_after_initiation`",
  (a) => blocks(a.rule).some((r) => blocks(r.abort_incomplete_multipart_upload).some((x) => isSet(x.days_after_initiation))),
  "add abort_incomplete_multipart_upload to an enabled rule",
);
const PUBLIC_READ = ["public-read", "public-read-write", "authenticated-read"];
export const s3NoPublicRead = attributeRule("CKV_AWS_20", "S3 Bucket has an ACL defined which allows public READ access", "aws_s3_bucket", "the bucket sets no public canned `acl` (`public-read`, `public-read-write`, `authenticated-read`)", (a) => !PUBLIC_READ.includes(String(a.acl)), "remove the public acl", ["S2"]);
export const s3NoPublicWrite = attributeRule("CKV_AWS_57", "S3 Bucket has an ACL defined which allows public WRITE access", "aws_s3_bucket", "the bucket's canned `acl` is not `public-read-write`", (a) => a.acl !== "public-read-write", "remove the public-read-write acl", ["S2"]);
export const s3EventNotifications: PolicyRule = {
  id: "CKV2_AWS_62",
  title: "Ensure S3 buckets should have event notifications enabled",
  requirements: ["S3"],
  reportsOn: ["aws_s3_bucket"],
  passesWhen: "an `aws_s3_bucket_notification` targets the bucket. Every bucket of this program carries a waiver",
  check: (model) =>
    judgeEach(model, "aws_s3_bucket", (b) =>
      configsOf(model, b, "aws_s3_bucket_notification").length > 0 ? undefined : `S3 bucket ${label(b)} sends no event notifications: add an aws_s3_bucket_notification, or waive it with the reason`,
    ),
};

export const s3CrossRegionReplication: PolicyRule = {
  id: "CKV_AWS_144",
  title: "Ensure that S3 bucket has cross-region replication enabled",
  requirements: ["S3"],
  reportsOn: ["aws_s3_bucket"],
  passesWhen: "the bucket has a `replication_configuration` rule or an `aws_s3_bucket_replication_configuration` with a rule whose `status` is `Enabled`. Every bucket of this program carries a waiver with its reason: the DR copies are AWS Backup's (the configuration bucket is in its selection); the other buckets accept losing their in-region copy with the region",
  check: (model) =>
    judgeEach(model, "aws_s3_bucket", (b) => {
      const enabled = (rules: unknown) => blocks(rules).some((r) => r.status === "Enabled");
      const inline = blocks(b.attrs.replication_configuration).some((c) => enabled(c.rules));
      const separate = configsOf(model, b, "aws_s3_bucket_replication_configuration").some((c) => enabled(c.attrs.rule));
      return inline || separate ? undefined : `S3 bucket ${label(b)} is not replicated to another region: add an aws_s3_bucket_replication_configuration, or waive it with where the DR copy comes from`;
    }),
};

// ---- IAM ------------------------------------------------------------------------------------------------------
/** Principals and effects of a trust or resource policy, read from an `aws_iam_policy_document` reference or a JSON string. */
function trustStatements(model: StackModel, value: unknown): Array<{ effect: string; aws: string[]; service: string[]; conditioned: boolean }> {
  const ref = model.referenced(value);
  if (ref !== undefined && ref.block.type === "aws_iam_policy_document") {
    return blocks(ref.block.attrs.statement).map((s) => {
      const principals = blocks(s.principals);
      const ids = (type: string) => principals.filter((p) => p.type === type).flatMap((p) => (Array.isArray(p.identifiers) ? p.identifiers.map(String) : []));
      return { effect: String(s.effect ?? "Allow"), aws: [...ids("AWS"), ...ids("*")], service: ids("Service"), conditioned: blocks(s.condition).length > 0 };
    });
  }
  if (typeof value !== "string") return [];
  try {
    const doc = JSON.parse(value) as { Statement?: unknown };
    const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    return list.flatMap((s) => {
      if (typeof s !== "object" || s === null) return [];
      const st = s as { Effect?: string; Principal?: unknown; Condition?: unknown };
      const p = st.Principal;
      const pick = (key: string): string[] => {
        if (p === "*") return key === "AWS" ? ["*"] : [];
        const v = typeof p === "object" && p !== null ? (p as Record<string, unknown>)[key] : undefined;
        return v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String);
      };
      return [{ effect: st.Effect ?? "Allow", aws: pick("AWS"), service: pick("Service"), conditioned: st.Condition !== undefined }];
    });
  } catch {
    return [];
  }
}

export const roleNotAllServices: PolicyRule = {
  id: "CKV_AWS_60",
  title: "Ensure IAM role allows only specific services or principals to assume it",
  requirements: ["S1"],
  reportsOn: ["aws_iam_role"],
  passesWhen: "no Allow statement of `assume_role_policy` names the service principal `*`",
  check: (model) =>
    judgeEach(model, "aws_iam_role", (role) =>
      trustStatements(model, role.attrs.assume_role_policy).some((s) => s.effect === "Allow" && s.service.includes("*")) ? `role ${label(role)} may be assumed by every service: name the service` : undefined,
    ),
};

export const roleNotAllAccounts: PolicyRule = {
  id: "CKV_AWS_61",
  title: "Ensure AWS IAM policy does not allow assume role permission across all services",
  requirements: ["S1"],
  reportsOn: ["aws_iam_role"],
  passesWhen: "no Allow statement of `assume_role_policy` names the AWS principal `*` (checkov's check); this rule also rejects an account root (`arn:aws:iam::<account>:root`), which trusts every principal of the account",
  check: (model) =>
    judgeEach(model, "aws_iam_role", (role) => {
      const wide = trustStatements(model, role.attrs.assume_role_policy)
        .filter((s) => s.effect === "Allow")
        .flatMap((s) => s.aws.filter((p) => p === "*" || /:root$/.test(p)));
      return wide.length > 0 ? `role ${label(role)} trusts ${wide.join(", ")}: name the role(s) that may assume it` : undefined;
    }),
};

const ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess";
export const noAdministratorAccess: PolicyRule = {
  id: "CKV_AWS_274",
  title: "Disallow IAM roles, users, and groups from using the AWS AdministratorAccess policy",
  requirements: ["S1"],
  reportsOn: ["aws_iam_role", "aws_iam_role_policy_attachment", "aws_iam_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment"],
  passesWhen: "no policy attachment (nor `managed_policy_arns` of a role) names `AdministratorAccess`",
  check: (model) => [
    ...["aws_iam_role_policy_attachment", "aws_iam_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment"].flatMap((type) =>
      judgeEach(model, type, (a) => (a.attrs.policy_arn === ADMIN_POLICY ? `${type} attaches AdministratorAccess: attach least-privilege policies` : undefined)),
    ),
    ...judgeEach(model, "aws_iam_role", (r) => (Array.isArray(r.attrs.managed_policy_arns) && r.attrs.managed_policy_arns.includes(ADMIN_POLICY) ? `role ${label(r)} has AdministratorAccess` : undefined)),
  ],
};

export const kmsNoPublicPrincipal: PolicyRule = {
  id: "CKV_AWS_33",
  title: "Ensure KMS key policy does not contain wildcard (*) principal",
  requirements: ["S1", "S6"],
  reportsOn: ["aws_kms_key"],
  passesWhen: "no Allow statement of the key policy names the AWS principal `*` without a condition (checkov rejects `*` outright; a conditioned `*` is how AWS documents some service grants, and none is used here)",
  check: (model) =>
    judgeEach(model, "aws_kms_key", (key) =>
      trustStatements(model, key.attrs.policy).some((s) => s.effect === "Allow" && s.aws.includes("*") && !s.conditioned)
        ? `KMS key ${label(key)} allows every principal: name the account, roles or services`
        : undefined,
    ),
};

/** The checkov attribute rules, in docs order. */
export const CHECKOV_AWS_RULES: readonly PolicyRule[] = [
  cloudTrailKms,
  cloudTrailValidation,
  cloudTrailMultiRegion,
  cloudTrailLogging,
  cloudTrailSns,
  cloudTrailCloudWatch,
  snsEncrypted,
  kmsEnabled,
  kmsNoPublicPrincipal,
  kmsPolicyDefined,
  logGroupYear,
  schedulerCmk,
  passwordMaxAge,
  passwordLength,
  passwordLower,
  passwordNumbers,
  passwordReuse,
  passwordSymbols,
  passwordUpper,
  guardDutyEnabled,
  configRecordsAll,
  s3AclsDisabled,
  s3AbortUploads,
  s3NoPublicRead,
  s3NoPublicWrite,
  s3EventNotifications,
  s3CrossRegionReplication,
  roleNotAllServices,
  roleNotAllAccounts,
  noAdministratorAccess,
];
