/**
 * The checkov AWS checks (terraform, `checkov/terraform/checks/resource/aws/` and the CKV2 graph checks) that
 * apply to a resource type this program synthesizes, as read from checkov's sources, and how each is enforced
 * here: by a synth-time rule of the same ID (`rules/`), or by a stricter rule of another ID. Where a rule cannot
 * hold on one resource, that resource carries a waiver (`waive`), which synth prints and docs/security.md lists.
 * `__tests__/app/policy/checkov-coverage.test.ts` fails when a synthesized type has a listed check
 * without a rule.
 */
import type { PolicyRule } from "./rule";

export interface CheckovCheck {
  readonly id: string;
  readonly title: string;
  /** The Terraform resource types checkov runs the check on (those this program could synthesize). */
  readonly resourceTypes: readonly string[];
  /** A rule of another ID that enforces this check (stricter), when there is no rule of this ID. */
  readonly coveredBy?: string;
}

const POLICY_DOCUMENT = "data.aws_iam_policy_document";
const IDENTITY_POLICIES = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"];

export const CHECKOV_CHECKS: readonly CheckovCheck[] = [
  { id: "CKV_AWS_18", title: "Ensure the S3 bucket has access logging enabled", resourceTypes: ["aws_s3_bucket"] },
  { id: "CKV_AWS_19", title: "Ensure all data stored in the S3 bucket is securely encrypted at rest", resourceTypes: ["aws_s3_bucket"] },
  { id: "CKV_AWS_20", title: "S3 Bucket has an ACL defined which allows public READ access", resourceTypes: ["aws_s3_bucket"] },
  { id: "CKV_AWS_21", title: "Ensure all data stored in the S3 bucket have versioning enabled", resourceTypes: ["aws_s3_bucket"] },
  { id: "CKV_AWS_57", title: "S3 Bucket has an ACL defined which allows public WRITE access", resourceTypes: ["aws_s3_bucket"] },
  { id: "CKV_AWS_145", title: "Ensure that S3 buckets are encrypted with KMS by default", resourceTypes: ["aws_s3_bucket"] },
  { id: "CKV2_AWS_6", title: "Ensure that S3 bucket has a Public Access block", resourceTypes: ["aws_s3_bucket"] },
  { id: "CKV2_AWS_61", title: "Ensure that an S3 bucket has a lifecycle configuration", resourceTypes: ["aws_s3_bucket"] },
  { id: "CKV2_AWS_62", title: "Ensure S3 buckets should have event notifications enabled", resourceTypes: ["aws_s3_bucket"] },
  { id: "CKV2_AWS_65", title: "Ensure access control lists for S3 buckets are disabled", resourceTypes: ["aws_s3_bucket_ownership_controls"] },
  { id: "CKV_AWS_300", title: "Ensure S3 lifecycle configuration sets period for aborting failed uploads", resourceTypes: ["aws_s3_bucket_lifecycle_configuration"] },
  { id: "CKV_AWS_53", title: "Ensure S3 bucket has block public ACLS enabled", resourceTypes: ["aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"] },
  { id: "CKV_AWS_54", title: "Ensure S3 bucket has block public policy enabled", resourceTypes: ["aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"] },
  { id: "CKV_AWS_55", title: "Ensure S3 bucket has ignore public ACLs enabled", resourceTypes: ["aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"] },
  { id: "CKV_AWS_56", title: "Ensure S3 bucket has 'restrict_public_buckets' enabled", resourceTypes: ["aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"] },
  { id: "CKV_AWS_7", title: "Ensure rotation for customer created CMKs is enabled", resourceTypes: ["aws_kms_key"] },
  { id: "CKV_AWS_33", title: "Ensure KMS key policy does not contain wildcard (*) principal", resourceTypes: ["aws_kms_key"] },
  { id: "CKV_AWS_227", title: "Ensure KMS key is enabled", resourceTypes: ["aws_kms_key"] },
  { id: "CKV2_AWS_64", title: "Ensure KMS key Policy is defined", resourceTypes: ["aws_kms_key"] },
  { id: "CKV_AWS_35", title: "Ensure CloudTrail logs are encrypted at rest using KMS CMKs", resourceTypes: ["aws_cloudtrail"] },
  { id: "CKV_AWS_36", title: "Ensure CloudTrail log file validation is enabled", resourceTypes: ["aws_cloudtrail"] },
  { id: "CKV_AWS_67", title: "Ensure CloudTrail is enabled in all Regions", resourceTypes: ["aws_cloudtrail"] },
  { id: "CKV_AWS_251", title: "Ensure CloudTrail logging is enabled", resourceTypes: ["aws_cloudtrail"] },
  { id: "CKV_AWS_252", title: "Ensure CloudTrail defines an SNS Topic", resourceTypes: ["aws_cloudtrail"] },
  { id: "CKV2_AWS_10", title: "Ensure CloudTrail trails are integrated with CloudWatch Logs", resourceTypes: ["aws_cloudtrail"] },
  { id: "CKV_AWS_66", title: "Ensure that CloudWatch Log Group specifies retention days", resourceTypes: ["aws_cloudwatch_log_group"] },
  { id: "CKV_AWS_158", title: "Ensure that CloudWatch Log Group is encrypted by KMS", resourceTypes: ["aws_cloudwatch_log_group"] },
  { id: "CKV_AWS_338", title: "Ensure CloudWatch log groups retains logs for at least 1 year", resourceTypes: ["aws_cloudwatch_log_group"] },
  { id: "CKV_AWS_26", title: "Ensure all data stored in the SNS topic is encrypted", resourceTypes: ["aws_sns_topic"] },
  { id: "CKV_AWS_166", title: "Ensure Backup Vault is encrypted at rest using KMS CMK", resourceTypes: ["aws_backup_vault"] },
  { id: "CKV_AWS_297", title: "Ensure EventBridge Scheduler Schedule uses Customer Managed Key (CMK)", resourceTypes: ["aws_scheduler_schedule"] },
  { id: "CKV_AWS_9", title: "Ensure IAM password policy expires passwords within 90 days or less", resourceTypes: ["aws_iam_account_password_policy"] },
  { id: "CKV_AWS_10", title: "Ensure IAM password policy requires minimum length of 14 or greater", resourceTypes: ["aws_iam_account_password_policy"] },
  { id: "CKV_AWS_11", title: "Ensure IAM password policy requires at least one lowercase letter", resourceTypes: ["aws_iam_account_password_policy"] },
  { id: "CKV_AWS_12", title: "Ensure IAM password policy requires at least one number", resourceTypes: ["aws_iam_account_password_policy"] },
  { id: "CKV_AWS_13", title: "Ensure IAM password policy prevents password reuse", resourceTypes: ["aws_iam_account_password_policy"] },
  { id: "CKV_AWS_14", title: "Ensure IAM password policy requires at least one symbol", resourceTypes: ["aws_iam_account_password_policy"] },
  { id: "CKV_AWS_15", title: "Ensure IAM password policy requires at least one uppercase letter", resourceTypes: ["aws_iam_account_password_policy"] },
  { id: "CKV2_AWS_3", title: "Ensure GuardDuty is enabled to specific org/region", resourceTypes: ["aws_guardduty_detector"] },
  { id: "CKV2_AWS_48", title: "Ensure AWS Config must record all possible resources", resourceTypes: ["aws_config_configuration_recorder"] },
  { id: "CKV_AWS_60", title: "Ensure IAM role allows only specific services or principals to assume it", resourceTypes: ["aws_iam_role"] },
  { id: "CKV_AWS_61", title: "Ensure AWS IAM policy does not allow assume role permission across all services", resourceTypes: ["aws_iam_role"] },
  { id: "CKV_AWS_274", title: "Disallow IAM roles, users, and groups from using the AWS AdministratorAccess policy", resourceTypes: ["aws_iam_role", "aws_iam_role_policy_attachment"] },
  { id: "CKV_AWS_1", title: 'Ensure IAM policies that allow full "*-*" administrative privileges are not created', resourceTypes: [POLICY_DOCUMENT] },
  { id: "CKV_AWS_49", title: 'Ensure no IAM policies documents allow "*" as a statement\'s actions', resourceTypes: [POLICY_DOCUMENT] },
  { id: "CKV_AWS_107", title: "Ensure IAM policies does not allow credentials exposure", resourceTypes: [POLICY_DOCUMENT] },
  { id: "CKV_AWS_108", title: "Ensure IAM policies does not allow data exfiltration", resourceTypes: [POLICY_DOCUMENT] },
  { id: "CKV_AWS_109", title: "Ensure IAM policies does not allow permissions management / resource exposure without constraints", resourceTypes: [POLICY_DOCUMENT] },
  { id: "CKV_AWS_110", title: "Ensure IAM policies does not allow privilege escalation", resourceTypes: [POLICY_DOCUMENT] },
  { id: "CKV_AWS_111", title: "Ensure IAM policies does not allow write access without constraints", resourceTypes: [POLICY_DOCUMENT] },
  { id: "CKV_AWS_356", title: 'Ensure no IAM policies documents allow "*" as a statement\'s resource for restrictable actions', resourceTypes: [POLICY_DOCUMENT] },
  { id: "CKV_AWS_286", title: "Ensure IAM policies does not allow privilege escalation", resourceTypes: IDENTITY_POLICIES },
  { id: "CKV_AWS_287", title: "Ensure IAM policies does not allow credentials exposure", resourceTypes: IDENTITY_POLICIES },
  { id: "CKV_AWS_288", title: "Ensure IAM policies does not allow data exfiltration", resourceTypes: IDENTITY_POLICIES },
  { id: "CKV_AWS_289", title: "Ensure IAM policies does not allow permissions management / resource exposure without constraints", resourceTypes: IDENTITY_POLICIES },
  { id: "CKV_AWS_290", title: "Ensure IAM policies does not allow write access without constraints", resourceTypes: IDENTITY_POLICIES },
  { id: "CKV_AWS_355", title: 'Ensure no IAM policies documents allow "*" as a statement\'s resource for restrictable actions', resourceTypes: IDENTITY_POLICIES },
  { id: "CKV_AWS_144", title: "Ensure that S3 bucket has cross-region replication enabled", resourceTypes: ["aws_s3_bucket"] },
  { id: "CKV_AWS_62", title: 'Ensure IAM policies that allow full "*-*" administrative privileges are not created', resourceTypes: IDENTITY_POLICIES, coveredBy: "AVD-AWS-0057" },
  { id: "CKV_AWS_63", title: 'Ensure no IAM policies documents allow "*" as a statement\'s actions', resourceTypes: IDENTITY_POLICIES, coveredBy: "AVD-AWS-0057" },
];

/**
 * checkov checks on synthesized types that are NOT mirrored yet, with the reason. Empty: every listed check has a
 * rule (the IAM policy-document checks since #18; their action data is in `private/iam-actions.ts`). Kept so
 * docs/security.md states a gap instead of hiding it, should one appear.
 */
export const CHECKOV_NOT_MIRRORED: ReadonlyArray<{ readonly ids: string; readonly resourceTypes: readonly string[] }> = [];

/** How a check is enforced on one resource type: the rule's ID, or undefined when nothing enforces it. */
export function enforcingRule(check: CheckovCheck, resourceType: string, rules: readonly PolicyRule[]): string | undefined {
  const byId = (id: string) => rules.find((r) => r.id === id && (r.reportsOn.includes(resourceType) || r.reportsOn.includes("*")));
  return byId(check.id)?.id ?? (check.coveredBy !== undefined ? byId(check.coveredBy)?.id : undefined);
}

/** The checks listed for the synthesized types that no rule enforces, as `<id> on <type>`. */
export function uncoveredChecks(synthesizedTypes: ReadonlySet<string>, rules: readonly PolicyRule[], checks: readonly CheckovCheck[] = CHECKOV_CHECKS): string[] {
  return checks.flatMap((c) => c.resourceTypes.filter((t) => synthesizedTypes.has(t) && enforcingRule(c, t, rules) === undefined).map((t) => `${c.id} on ${t}`));
}
