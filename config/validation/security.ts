/**
 * S1–S4 account baseline rules: the CIS password policy, the Config rules' parameters and frequency, and the
 * audit cadence (a monthly and a quarterly schedule that really are monthly and quarterly).
 */
import type { AccountConfig } from "../accounts";
import { CLOUDWATCH_RETENTION_DAYS } from "../log-storage";
import { CIS, GUIDE } from "../policy";
import type { ConfigChecker } from "./checker";

/** AWS Config's `MaximumExecutionFrequency` values, shortest first. */
export const CONFIG_FREQUENCIES = ["One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours"] as const;
const INSPECTOR_TYPES = ["ECR", "LAMBDA", "LAMBDA_CODE", "EC2"] as const;
/** Ports that have their own Config rule (restricted-ssh) or are never legitimately public (RDP). */
const NEVER_PUBLIC_PORTS = [22, 3389];

/** `cron(min hour day-of-month month day-of-week year)` of EventBridge Scheduler, split into its six fields. */
function cronFields(expression: string): string[] | undefined {
  const match = /^cron\(([^)]*)\)$/.exec(expression);
  const fields = match?.[1]!.trim().split(/\s+/);
  return fields?.length === 6 ? fields : undefined;
}

const inRange = (field: string, min: number, max: number) => /^\d{1,2}$/.test(field) && Number(field) >= min && Number(field) <= max;

/** True when `expression` fires once a month: a fixed minute, hour and day (1–28 or L), every month. */
export function isMonthlyCron(expression: string): boolean {
  const f = cronFields(expression);
  if (f === undefined) return false;
  const [minute, hour, day, month, weekday, year] = f as [string, string, string, string, string, string];
  return inRange(minute, 0, 59) && inRange(hour, 0, 23) && (inRange(day, 1, 28) || day === "L") && month === "*" && weekday === "?" && year === "*";
}

/** True when `expression` fires once a quarter: a fixed minute, hour and day in four months three apart. */
export function isQuarterlyCron(expression: string): boolean {
  const f = cronFields(expression);
  if (f === undefined) return false;
  const [minute, hour, day, month, weekday, year] = f as [string, string, string, string, string, string];
  const months = month.split(",");
  if (months.length !== 4 || !months.every((m) => inRange(m, 1, 12))) return false;
  const sorted = months.map(Number).sort((a, b) => a - b);
  const spacedByThree = sorted.every((m, i) => i === 0 || m - sorted[i - 1]! === 3);
  return inRange(minute, 0, 59) && inRange(hour, 0, 23) && (inRange(day, 1, 28) || day === "L") && spacedByThree && weekday === "?" && year === "*";
}

/** Records every issue in an account's `security` section (CIS password policy, Config rule inputs, S4 cadence, evidence retention). */
export function checkAccountSecurity(account: AccountConfig, v: ConfigChecker): void {
  const s = account.security;
  const p = s.passwordPolicy;
  v.number("security.passwordPolicy.minimumLength", p.minimumLength, {
    integer: true,
    min: CIS.passwordPolicy.minimumLength,
    max: 128,
    reason: `CIS: at least ${CIS.passwordPolicy.minimumLength}; IAM allows up to 128`,
  });
  for (const key of ["requireLowercase", "requireUppercase", "requireNumbers", "requireSymbols"] as const) {
    v.require(p[key] === true, `security.passwordPolicy.${key}`, p[key], "must be true (CIS: passwords use every character class)");
  }
  v.number("security.passwordPolicy.reusePrevention", p.reusePrevention, {
    integer: true,
    min: CIS.passwordPolicy.reusePrevention,
    max: 24,
    reason: `CIS: remember ${CIS.passwordPolicy.reusePrevention} passwords; IAM remembers at most 24`,
  });
  v.number("security.passwordPolicy.maxAgeDays", p.maxAgeDays, {
    integer: true,
    min: 1,
    max: CIS.passwordPolicy.maxAgeDays,
    reason: `CIS: passwords expire within ${CIS.passwordPolicy.maxAgeDays} days`,
  });
  v.number("security.unusedAccessAgeDays", s.unusedAccessAgeDays, { integer: true, min: 1, max: 365, reason: "IAM Access Analyzer accepts 1–365 days" });

  v.oneOf("security.config.ruleFrequency", s.config.ruleFrequency, CONFIG_FREQUENCIES, "S4: periodic rules evaluate at least daily");
  v.oneOf("security.config.snapshotFrequency", s.config.snapshotFrequency, CONFIG_FREQUENCIES);
  v.number("security.config.unusedCredentialsMaxAgeDays", s.config.unusedCredentialsMaxAgeDays, {
    integer: true,
    min: 1,
    max: CIS.unusedCredentialsMaxAgeDays,
    reason: `CIS: credentials unused for ${CIS.unusedCredentialsMaxAgeDays} days are disabled`,
  });
  const ports = (field: string, list: readonly number[]) =>
    v.require(
      list.every((port) => Number.isInteger(port) && port >= 1 && port <= 65535) && new Set(list).size === list.length,
      field,
      list,
      "must be distinct TCP ports from 1 to 65535",
    );
  ports("security.config.authorizedPublicTcpPorts", s.config.authorizedPublicTcpPorts);
  ports("security.config.blockedPublicTcpPorts", s.config.blockedPublicTcpPorts);
  const neverPublic = s.config.authorizedPublicTcpPorts.filter((port) => NEVER_PUBLIC_PORTS.includes(port) || s.config.blockedPublicTcpPorts.includes(port));
  v.require(
    neverPublic.length === 0,
    "security.config.authorizedPublicTcpPorts",
    s.config.authorizedPublicTcpPorts,
    `must not authorize ${neverPublic.join(", ")}: SSH (22), RDP (3389) and the blocked ports are never open to the internet (S2)`,
  );
  v.require(
    s.config.blockedPublicTcpPorts.length >= 1 && s.config.blockedPublicTcpPorts.length <= 5,
    "security.config.blockedPublicTcpPorts",
    s.config.blockedPublicTcpPorts,
    "must list 1 to 5 ports (RESTRICTED_INCOMING_TRAFFIC has five blockedPort parameters)",
  );

  v.oneOf("security.guardDutyFindingFrequency", s.guardDutyFindingFrequency, ["FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"] as const);
  v.require(
    s.inspectorResourceTypes.every((t) => (INSPECTOR_TYPES as readonly string[]).includes(t)) && ["ECR", "LAMBDA", "EC2"].every((t) => s.inspectorResourceTypes.includes(t as "ECR")),
    "security.inspectorResourceTypes",
    s.inspectorResourceTypes,
    `must include ECR, LAMBDA and EC2 (S3: container images, functions and the EKS nodes are scanned for vulnerable dependencies) and only ${INSPECTOR_TYPES.join(", ")}`,
  );
  v.oneOf("security.securityHub.cisVersion", s.securityHub.cisVersion, ["1.4.0", "3.0.0"] as const, "the CIS standards Security Hub offers with a regional ARN");
  v.oneOf("security.securityHub.foundationalVersion", s.securityHub.foundationalVersion, ["1.0.0"] as const);

  v.require(
    isMonthlyCron(s.cadence.monthlyCheckSchedule),
    "security.cadence.monthlyCheckSchedule",
    s.cadence.monthlyCheckSchedule,
    "must fire once a month (S4), e.g. cron(0 3 1 * ? *): fixed minute, hour and day 1–28 or L, month *, day-of-week ?",
  );
  v.require(
    isQuarterlyCron(s.cadence.quarterlyAuditSchedule),
    "security.cadence.quarterlyAuditSchedule",
    s.cadence.quarterlyAuditSchedule,
    "must fire once a quarter (S4), e.g. cron(0 4 1 1,4,7,10 ? *): fixed minute, hour and day in four months three apart",
  );
  v.pattern("security.cadence.timezone", s.cadence.timezone, /^(UTC|[A-Z][A-Za-z_]+\/[A-Za-z_]+(\/[A-Za-z_]+)?)$/, "an IANA time zone such as UTC or Asia/Tokyo");
  v.pattern("security.breakGlassRoleName", s.breakGlassRoleName, /^[\w+=,.@-]{1,64}$/, "an IAM role name (1–64 letters, digits and +=,.@_-)");
  v.pattern("security.auditorPrincipalRoleName", s.auditorPrincipalRoleName, /^[\w+=,.@-]{1,64}$/, "an IAM role name (1–64 letters, digits and +=,.@_-): the one principal trusted to assume the security-auditor role");
  v.number("security.trail.cloudWatchLogsRetentionDays", s.trail.cloudWatchLogsRetentionDays, {
    integer: true,
    min: GUIDE.logRetention.auditDays,
    max: 3653,
    reason: `the trail's log group holds audit logs (guide L2: ${GUIDE.logRetention.auditDays} days); CloudWatch Logs accepts fixed values up to 3653`,
  });
  v.require(
    CLOUDWATCH_RETENTION_DAYS.includes(s.trail.cloudWatchLogsRetentionDays),
    "security.trail.cloudWatchLogsRetentionDays",
    s.trail.cloudWatchLogsRetentionDays,
    `must be one of CloudWatch Logs' retention values ${CLOUDWATCH_RETENTION_DAYS.join(", ")}`,
  );
  for (const severity of ["critical", "warning", "info"] as const) {
    v.pattern(`security.findingAlertEndpointSecrets.${severity}`, s.findingAlertEndpointSecrets[severity], /^[\w/+=.@-]{1,512}$/, "a Secrets Manager secret name (letters, digits and /_+=.@-) holding the HTTPS endpoint URL");
  }
  v.require(s.cadence.auditFrameworkName.trim().length > 0, "security.cadence.auditFrameworkName", s.cadence.auditFrameworkName, "must name an Audit Manager standard framework");

  v.number("security.evidence.retentionDays", s.evidence.retentionDays, {
    integer: true,
    min: GUIDE.logRetention.auditDays,
    max: 36500,
    reason: `audit evidence is kept at least as long as audit logs (guide L2: ${GUIDE.logRetention.auditDays} days)`,
  });
  v.number("security.evidence.accessLogRetentionDays", s.evidence.accessLogRetentionDays, {
    integer: true,
    min: GUIDE.logRetention.accessDays,
    max: 36500,
    reason: `guide L2: access logs are kept ${GUIDE.logRetention.accessDays} days`,
  });
  v.number("security.evidence.keyDeletionWindowDays", s.evidence.keyDeletionWindowDays, { integer: true, min: 7, max: 30, reason: "AWS KMS allows 7–30 days" });
}
