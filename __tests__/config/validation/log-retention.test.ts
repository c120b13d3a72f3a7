import { findConfigIssues } from "../../../config";
import { CLOUDWATCH_RETENTION_DAYS } from "../../../config/log-storage";
import { ENVIRONMENT_NAMES, envConfig, onlyConfigIssue } from "../../support";

const CLOUDWATCH_VALUES = CLOUDWATCH_RETENTION_DAYS.join(", ");

describe("log retention validation", () => {
  it.each(ENVIRONMENT_NAMES)("accepts the built-in %s lifecycle plan", (env) => {
    expect(findConfigIssues(envConfig(env)).filter((i) => i.field.startsWith("logRetention."))).toEqual([]);
  });

  it("fails when a retention is not one CloudWatch Logs accepts", () => {
    expect(onlyConfigIssue("dev", { logRetention: { infrastructureDays: 10 } })).toContain(
      `[dev] logRetention.infrastructureDays = 10: must be a retention CloudWatch Logs accepts (${CLOUDWATCH_VALUES}): ` +
        "it sets the retention of log group /aws/eks/fx-trader-dev/cluster",
    );
  });

  it("fails when the audit retention, which also sets the EKS log group's, is not one CloudWatch accepts", () => {
    expect(onlyConfigIssue("prod", { logRetention: { auditDays: 366 } })).toContain(
      `[prod] logRetention.auditDays = 366: must be a retention CloudWatch Logs accepts (${CLOUDWATCH_VALUES}): ` +
        "it sets the retention of log group /aws/eks/fx-trader-prod/cluster",
    );
  });

  it("fails when a transition comes after expiry", () => {
    expect(onlyConfigIssue("dev", { logRetention: { transitions: { access: [{ days: 45, storageClass: "STANDARD_IA" }] } } })).toContain(
      "[dev] logRetention.transitions.access[0].days = 45: must be less than the expiry (logRetention.accessDays = 30 days): " +
        "a transition at or after expiry never runs",
    );
  });

  it("fails when a transition leaves less than the storage class's minimum duration before expiry", () => {
    const transitions = { audit: [{ days: 30, storageClass: "STANDARD_IA" as const }, { days: 300, storageClass: "GLACIER_IR" as const }] };
    expect(onlyConfigIssue("prod", { logRetention: { transitions } })).toContain(
      "[prod] logRetention.transitions.audit[1].days = 300: must leave ≥ 90 days in GLACIER_IR before expiry at 365 days: " +
        "S3 bills GLACIER_IR for a minimum of 90 days",
    );
  });

  it("fails when objects leave STANDARD_IA for the next class before its 30-day minimum", () => {
    const transitions = { audit: [{ days: 30, storageClass: "STANDARD_IA" as const }, { days: 45, storageClass: "GLACIER_IR" as const }] };
    expect(onlyConfigIssue("staging", { logRetention: { transitions } })).toContain(
      "[staging] logRetention.transitions.audit[0].days = 30: must leave ≥ 30 days in STANDARD_IA before the next transition at 45 days: " +
        "S3 bills STANDARD_IA for a minimum of 30 days",
    );
  });

  it("fails when a STANDARD_IA transition comes earlier than 30 days after creation", () => {
    expect(onlyConfigIssue("prod", { logRetention: { transitions: { access: [{ days: 10, storageClass: "STANDARD_IA" }] } } })).toContain(
      "[prod] logRetention.transitions.access[0].days = 10: must be ≥ 30: S3 transitions objects to STANDARD_IA only 30 or more days after creation",
    );
  });

  it("fails when a transition moves objects up S3's storage-class waterfall", () => {
    const transitions = { audit: [{ days: 30, storageClass: "ONEZONE_IA" as const }, { days: 90, storageClass: "GLACIER_IR" as const }] };
    expect(onlyConfigIssue("prod", { logRetention: { transitions } })).toContain(
      '[prod] logRetention.transitions.audit[1].storageClass = "GLACIER_IR": cannot follow ONEZONE_IA: S3 moves ONEZONE_IA objects only to GLACIER, DEEP_ARCHIVE',
    );
  });

  it("fails when objects under 128 KiB would be transitioned", () => {
    expect(onlyConfigIssue("prod", { logRetention: { transitionMinObjectSizeBytes: 1024 } })).toContain(
      "[prod] logRetention.transitionMinObjectSizeBytes = 1024: must be an integer ≥ 131072 (S3 bills smaller objects in STANDARD_IA, ONEZONE_IA and GLACIER_IR as 128 KiB",
    );
  });

  it("fails when prod keeps audit logs under 365 days", () => {
    expect(onlyConfigIssue("prod", { logRetention: { auditDays: 180 } })).toContain(
      "[prod] logRetention.auditDays = 180: must be an integer from 365 to 3653 (guide L2 requires 365 days in prod)",
    );
  });

  it("fails when staging keeps audit logs under 365 days", () => {
    expect(onlyConfigIssue("staging", { logRetention: { auditDays: 90 } })).toContain(
      "[staging] logRetention.auditDays = 90: must be an integer from 365 to 3653 (guide L2 requires 365 days in staging)",
    );
  });

  it("fails when prod's audit Object Lock is in governance mode", () => {
    expect(onlyConfigIssue("prod", { logRetention: { auditObjectLockMode: "GOVERNANCE" } })).toContain(
      '[prod] logRetention.auditObjectLockMode = "GOVERNANCE": must be COMPLIANCE in prod: governance mode is allowed in dev only',
    );
  });

  it("fails when noncurrent versions would never expire", () => {
    expect(onlyConfigIssue("dev", { logRetention: { noncurrentVersionDays: 0 } })).toContain("[dev] logRetention.noncurrentVersionDays = 0: must be an integer from 1 to 365");
  });

  it("fails when incomplete multipart uploads would never be aborted", () => {
    expect(onlyConfigIssue("prod", { logRetention: { abortIncompleteUploadDays: 0 } })).toContain("[prod] logRetention.abortIncompleteUploadDays = 0: must be an integer from 1 to 30");
  });

  it("reports a wrong retention once, not again for the transitions and log group it drives", () => {
    const issues = findConfigIssues(envConfig("prod", { logRetention: { auditDays: 20 } }));
    expect(issues.map((i) => i.field)).toEqual(["logRetention.auditDays"]);
  });
});
