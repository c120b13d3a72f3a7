/** L2 retention rules. */
import { GUIDE } from "../policy";
import type { EnvironmentConfig } from "../types";
import type { ConfigChecker } from "./checker";

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
  days("applicationDays", GUIDE.logRetention.applicationDays);
  days("accessDays", GUIDE.logRetention.accessDays);
  days("auditDays", GUIDE.logRetention.auditDays);
  v.number("logRetention.infrastructureDays", r.infrastructureDays, { integer: true, min: 1, max: 3653 });
  v.oneOf("logRetention.auditObjectLockMode", r.auditObjectLockMode, ["COMPLIANCE", "GOVERNANCE"] as const);
  if (c.name !== "dev") {
    v.require(r.auditObjectLockMode === "COMPLIANCE", "logRetention.auditObjectLockMode", r.auditObjectLockMode, `must be COMPLIANCE in ${c.name}: governance mode is allowed in dev only`);
  }
}
