/**
 * Detection → response, as data (no cdktf): which security findings reach which severity's alert topic, as
 * EventBridge event patterns, and the CIS AWS Foundations Benchmark monitoring controls as CloudWatch Logs
 * metric filters on the account trail. The account stack renders both (`security-alerts.ts`); docs/security.md
 * renders the same records, so the routing table cannot drift from the rules.
 */
import type { Severity } from "../../alerts/types";

/** A finding route: one EventBridge rule that publishes matching findings to one severity's topic. */
export interface FindingRoute {
  /** Stable key; names the rule (`<prefix>-<key>`) and its construct ID. */
  readonly key: string;
  readonly source: "GuardDuty" | "Security Hub" | "IAM Access Analyzer";
  readonly severity: Severity;
  /** What the route matches, in words (docs/security.md). */
  readonly matches: string;
  /** The EventBridge event pattern. */
  readonly pattern: Readonly<Record<string, unknown>>;
}

/**
 * GuardDuty's numeric severity bands (GuardDuty user guide, "Severity levels"): Low 1.0–3.9, Medium 4.0–6.9,
 * High 7.0–8.9, Critical 9.0–10.0. High and Critical page; Medium warns; Low informs.
 */
export const GUARDDUTY_SEVERITY_BANDS: ReadonlyArray<{ readonly severity: Severity; readonly from: number; readonly below?: number }> = [
  { severity: "critical", from: 7 },
  { severity: "warning", from: 4, below: 7 },
  { severity: "info", from: 0, below: 4 },
];

/** Security Hub's normalized `Severity.Label` values per severity. */
export const SECURITY_HUB_LABELS: Readonly<Record<Severity, readonly string[]>> = {
  critical: ["CRITICAL", "HIGH"],
  warning: ["MEDIUM"],
  info: ["LOW", "INFORMATIONAL"],
};

/**
 * Security Hub products whose findings have their own route: GuardDuty (by its numeric severity) and Access
 * Analyzer (always warning). Excluded from the Security Hub routes so nothing is delivered twice.
 */
export const SECURITY_HUB_EXCLUDED_PRODUCTS = ["GuardDuty", "IAM Access Analyzer"] as const;

/** EventBridge sources of the findings the DR region forwards to the primary region's default bus. */
export const FORWARDED_SOURCES = ["aws.guardduty", "aws.securityhub"] as const;

function guardDutyRoute(band: (typeof GUARDDUTY_SEVERITY_BANDS)[number]): FindingRoute {
  const numeric = band.below === undefined ? [">=", band.from] : [">=", band.from, "<", band.below];
  return {
    key: `guardduty-${band.severity}`,
    source: "GuardDuty",
    severity: band.severity,
    matches: `GuardDuty findings with severity ${band.below === undefined ? `≥ ${band.from}` : `${band.from} to < ${band.below}`}`,
    pattern: { source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"], detail: { severity: [{ numeric }] } },
  };
}

function securityHubRoute(severity: Severity): FindingRoute {
  const labels = SECURITY_HUB_LABELS[severity];
  return {
    key: `securityhub-${severity}`,
    source: "Security Hub",
    severity,
    matches: `new, active Security Hub findings (Config rules, Inspector, controls) labelled ${labels.join(" or ")}, except ${SECURITY_HUB_EXCLUDED_PRODUCTS.join(" and ")} findings`,
    pattern: {
      source: ["aws.securityhub"],
      "detail-type": ["Security Hub Findings - Imported"],
      detail: {
        findings: {
          Severity: { Label: [...labels] },
          Workflow: { Status: ["NEW"] },
          RecordState: ["ACTIVE"],
          ProductName: [{ "anything-but": [...SECURITY_HUB_EXCLUDED_PRODUCTS] }],
        },
      },
    },
  };
}

/** Every finding route, in docs order. */
export const FINDING_ROUTES: readonly FindingRoute[] = [
  ...GUARDDUTY_SEVERITY_BANDS.map(guardDutyRoute),
  ...(["critical", "warning", "info"] as const).map(securityHubRoute),
  {
    key: "access-analyzer-warning",
    source: "IAM Access Analyzer",
    severity: "warning",
    matches: "active external-access and unused-access findings",
    pattern: {
      source: ["aws.access-analyzer"],
      "detail-type": ["Access Analyzer Finding", "Unused Access Finding for IAM entities"],
      detail: { status: ["ACTIVE"] },
    },
  },
];

/** One CIS monitoring control: a metric filter on the trail's log group and an alarm on its metric. */
export interface CisMetricFilter {
  /** CIS AWS Foundations Benchmark v1.4 control (4.x; v3.0 numbers the same controls 4.x as well). */
  readonly cis: string;
  /** Security Hub's control ID for the same check. */
  readonly control: string;
  /** Stable key: metric name, filter and alarm name suffix. */
  readonly key: string;
  readonly title: string;
  readonly severity: Severity;
  /** The filter, built from event sources and names below. */
  readonly pattern: string;
}

const q = (v: string) => JSON.stringify(v);
/** `($.eventName = A) || ($.eventName = B) ...`, optionally ANDed with one event source. */
function eventsPattern(names: readonly string[], eventSource?: string): string {
  const any = names.map((n) => `($.eventName = ${q(n)})`).join(" || ");
  return eventSource === undefined ? `{ ${any} }` : `{ ($.eventSource = ${q(eventSource)}) && (${any}) }`;
}

/** CIS AWS Foundations Benchmark monitoring controls (v1.4 4.1–4.15), the patterns as the benchmark gives them. */
export const CIS_METRIC_FILTERS: readonly CisMetricFilter[] = [
  { cis: "4.1", control: "CloudWatch.2", key: "unauthorized-api-calls", title: "Unauthorized API calls", severity: "warning", pattern: `{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }` },
  {
    cis: "4.2",
    control: "CloudWatch.3",
    key: "console-signin-without-mfa",
    title: "Management console sign-in without MFA",
    severity: "critical",
    pattern: `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }`,
  },
  { cis: "4.3", control: "CloudWatch.1", key: "root-account-usage", title: "Usage of the root user", severity: "critical", pattern: `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }` },
  {
    cis: "4.4",
    control: "CloudWatch.4",
    key: "iam-policy-changes",
    title: "IAM policy changes",
    severity: "warning",
    pattern: eventsPattern([
      "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy",
      "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy",
    ]),
  },
  { cis: "4.5", control: "CloudWatch.5", key: "cloudtrail-changes", title: "CloudTrail configuration changes", severity: "critical", pattern: eventsPattern(["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"]) },
  { cis: "4.6", control: "CloudWatch.6", key: "console-auth-failures", title: "Management console authentication failures", severity: "warning", pattern: `{ ($.eventName = "ConsoleLogin") && ($.errorMessage = "Failed authentication") }` },
  { cis: "4.7", control: "CloudWatch.7", key: "cmk-disable-or-deletion", title: "Disabling or scheduled deletion of customer managed keys", severity: "critical", pattern: eventsPattern(["DisableKey", "ScheduleKeyDeletion"], "kms.amazonaws.com") },
  {
    cis: "4.8",
    control: "CloudWatch.8",
    key: "s3-bucket-policy-changes",
    title: "S3 bucket policy changes",
    severity: "warning",
    pattern: eventsPattern(
      ["PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication", "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication"],
      "s3.amazonaws.com",
    ),
  },
  { cis: "4.9", control: "CloudWatch.9", key: "config-changes", title: "AWS Config configuration changes", severity: "warning", pattern: eventsPattern(["StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder"], "config.amazonaws.com") },
  {
    cis: "4.10",
    control: "CloudWatch.10",
    key: "security-group-changes",
    title: "Security group changes",
    severity: "warning",
    pattern: eventsPattern(["AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup"]),
  },
  {
    cis: "4.11",
    control: "CloudWatch.11",
    key: "nacl-changes",
    title: "Network ACL changes",
    severity: "warning",
    pattern: eventsPattern(["CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"]),
  },
  {
    cis: "4.12",
    control: "CloudWatch.12",
    key: "network-gateway-changes",
    title: "Network gateway changes",
    severity: "warning",
    pattern: eventsPattern(["CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway"]),
  },
  {
    cis: "4.13",
    control: "CloudWatch.13",
    key: "route-table-changes",
    title: "Route table changes",
    severity: "warning",
    pattern: eventsPattern(["CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable"], "ec2.amazonaws.com"),
  },
  {
    cis: "4.14",
    control: "CloudWatch.14",
    key: "vpc-changes",
    title: "VPC changes",
    severity: "warning",
    pattern: eventsPattern([
      "CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection",
      "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink", "EnableVpcClassicLink",
    ]),
  },
  {
    cis: "4.15",
    control: "CloudWatch.15",
    key: "organizations-changes",
    title: "AWS Organizations changes",
    severity: "warning",
    pattern: eventsPattern(
      [
        "AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy", "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy",
        "DetachPolicy", "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount", "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit",
      ],
      "organizations.amazonaws.com",
    ),
  },
];

/** Namespace of the CIS metrics the filters publish. */
export const CIS_METRIC_NAMESPACE = "FxTrader/CISBenchmark";
