/** L2 retention rules, the log buckets' lifecycle plans and the CloudWatch log groups' retention. */
import { CLOUDWATCH_RETENTION_DAYS, TRANSITION_MIN_OBJECT_BYTES, transitionProblems } from "../log-storage";
import { GUIDE } from "../policy";
import { cloudWatchLogGroups, logRetentionTable, type LogClass } from "../retention-policy";
import type { EnvironmentConfig } from "../types";
import type { ConfigChecker } from "./checker";

/** The config field that sets each log class's retention, for messages. */
const RETENTION_FIELD: Readonly<Record<LogClass, "applicationDays" | "accessDays" | "auditDays" | "infrastructureDays">> = {
  application: "applicationDays",
  access: "accessDays",
  audit: "auditDays",
  infrastructure: "infrastructureDays",
};

export function checkLogRetention(c: EnvironmentConfig, v: ConfigChecker): void {
  const r = c.logRetention;
  const guided = c.policy === "guide";
  const days = (field: "applicationDays" | "accessDays" | "auditDays", guide: number) =>
    v.number(`logRetention.${field}`, r[field], {
      integer: true,
      min: guided ? guide : 1,
      max: 3653,
      reason: guided ? `guide L2 requires ${guide} days in ${c.name}` : "1 day to 10 years",
    });
  const before = v.issues.length;
  days("applicationDays", GUIDE.logRetention.applicationDays);
  days("accessDays", GUIDE.logRetention.accessDays);
  days("auditDays", GUIDE.logRetention.auditDays);
  v.number("logRetention.infrastructureDays", r.infrastructureDays, { integer: true, min: 1, max: 3653 });
  // Rules derived from a retention (transitions, CloudWatch) are checked only once the retention itself is
  // valid, so one wrong number yields one message.
  const invalidRetention = new Set(v.issues.slice(before).map((i) => i.field));
  const retentionValid = (logClass: LogClass) => !invalidRetention.has(`logRetention.${RETENTION_FIELD[logClass]}`);
  v.oneOf("logRetention.auditObjectLockMode", r.auditObjectLockMode, ["COMPLIANCE", "GOVERNANCE"] as const);
  if (c.name !== "dev") {
    v.require(r.auditObjectLockMode === "COMPLIANCE", "logRetention.auditObjectLockMode", r.auditObjectLockMode, `must be COMPLIANCE in ${c.name}: governance mode is allowed in dev only`);
  }
  v.number("logRetention.noncurrentVersionDays", r.noncurrentVersionDays, { integer: true, min: 1, max: 365 });
  v.number("logRetention.abortIncompleteUploadDays", r.abortIncompleteUploadDays, { integer: true, min: 1, max: 30 });
  v.number("logRetention.transitionMinObjectSizeBytes", r.transitionMinObjectSizeBytes, {
    integer: true,
    min: TRANSITION_MIN_OBJECT_BYTES,
    reason: "S3 bills smaller objects in STANDARD_IA, ONEZONE_IA and GLACIER_IR as 128 KiB, so moving them costs more than it saves",
  });

  for (const policy of logRetentionTable(c).filter((p) => retentionValid(p.logClass))) {
    const expiryField = `logRetention.${RETENTION_FIELD[policy.logClass]}`;
    for (const p of transitionProblems(policy.transitions, policy.retentionDays)) {
      const allowed = p.allowed.replace(/the expiry \((\d+) days\)/, `the expiry (${expiryField} = $1 days)`);
      v.require(false, `logRetention.transitions.${policy.logClass}[${p.index}].${p.field}`, p.value, allowed);
    }
  }

  for (const group of cloudWatchLogGroups(c)) {
    for (const logClass of group.classes.filter(retentionValid)) {
      const field = RETENTION_FIELD[logClass];
      v.require(
        CLOUDWATCH_RETENTION_DAYS.includes(r[field]),
        `logRetention.${field}`,
        r[field],
        `must be a retention CloudWatch Logs accepts (${CLOUDWATCH_RETENTION_DAYS.join(", ")}): ` +
          `it sets the retention of log group ${group.name}`,
      );
    }
  }
}
