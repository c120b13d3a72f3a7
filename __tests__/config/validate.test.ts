import { GUIDE } from "../../config/policy";
import { findConfigIssues, selectEnvironments } from "../../config";
import { ENVIRONMENT_NAMES, envConfig, onlyConfigIssue } from "../support";

describe("environment config validation", () => {
  it.each(ENVIRONMENT_NAMES)("the built-in %s config is valid", (name) => {
    expect(findConfigIssues(envConfig(name))).toEqual([]);
  });

  it.each(["staging", "prod"] as const)("L2/B4/K1: %s uses the guide's values", (name) => {
    const c = envConfig(name);
    expect(c.policy).toBe("guide");
    expect(c.logRetention).toMatchObject({ applicationDays: 30, accessDays: 90, auditDays: 365 });
    expect(c.backup.rpoHours).toBeLessThanOrEqual(GUIDE.recovery.rpoHours);
    expect(c.backup.rtoHours).toBeLessThanOrEqual(GUIDE.recovery.rtoHours);
    expect(c.capacity).toMatchObject({ cpuTargetPercent: 70, memoryTargetPercent: 80, diskExpansionPercent: 70 });
  });

  it("fails when a retention is negative, naming environment, field, value and range", () => {
    const msg = onlyConfigIssue("dev", { logRetention: { applicationDays: -5 } });
    expect(msg).toContain("[dev] logRetention.applicationDays = -5: must be an integer from 1 to 3653");
  });

  it("fails when the CPU target is 150%", () => {
    const msg = onlyConfigIssue("dev", { capacity: { cpuTargetPercent: 150 } });
    expect(msg).toContain("[dev] capacity.cpuTargetPercent = 150: must be an integer from 10 to 95");
  });

  it("fails when prod's audit retention is below the guide's 365 days", () => {
    const msg = onlyConfigIssue("prod", { logRetention: { auditDays: 90 } });
    expect(msg).toContain("[prod] logRetention.auditDays = 90: must be an integer from 365 to 3653 (guide L2 requires 365 days in prod)");
  });

  it("fails when a backup schedule cannot meet the RPO", () => {
    const msg = onlyConfigIssue("dev", { backup: { rpoHours: 4, schedules: { incremental: "cron(0 */6 * * ? *)" } } });
    expect(msg).toContain(
      '[dev] backup.schedules.incremental = "cron(0 */6 * * ? *)": largest gap between consecutive runs is 6 h, more than 4 h: this schedule cannot meet backup.rpoHours (4 h)',
    );
  });

  it("fails when staging relaxes the policy", () => {
    const msg = onlyConfigIssue("staging", { policy: "relaxed" });
    expect(msg).toContain('[staging] policy = "relaxed": must be "guide" in staging: only dev may relax the operations guide');
  });

  it("fails when prod turns off deletion protection", () => {
    expect(onlyConfigIssue("prod", { protectStatefulResources: false })).toContain("[prod] protectStatefulResources = false: must be true in prod");
  });

  it("fails when the DR region equals the primary region", () => {
    expect(onlyConfigIssue("prod", { drRegion: "ap-northeast-1" })).toContain('[prod] drRegion = "ap-northeast-1": must differ from region');
  });

  it("fails when the account ID does not match config/accounts.ts", () => {
    expect(onlyConfigIssue("prod", { account: { id: "333333333333" } })).toContain(
      '[prod] account.id = "333333333333": must equal the ID of account fx-prod in config/accounts.ts (222222222222)',
    );
  });

  it("fails when the memory scale-out target is not below the 90% critical alert", () => {
    const msg = onlyConfigIssue("dev", { capacity: { memoryTargetPercent: 92 } });
    expect(msg).toContain("[dev] capacity.memoryTargetPercent = 92: must be below the critical alert threshold of the same resource (90%)");
  });

  it("fails when the peak minimum lies outside min/max replicas", () => {
    const msg = onlyConfigIssue("prod", { capacity: { dbReaders: { peakMin: 50 } } });
    expect(msg).toContain("[prod] capacity.dbReaders.peakMin = 50: must be an integer from 1 to 4 (scheduled peaks must sit inside capacity.dbReaders.min/max)");
  });

  it("fails when prod runs a single Prometheus replica", () => {
    expect(onlyConfigIssue("prod", { observability: { prometheus: { replicas: 1 } } })).toContain(
      "[prod] observability.prometheus.replicas = 1: must be an integer ≥ 2 (C1: prod runs Prometheus highly available)",
    );
  });

  it("fails when a KMS deletion window is outside AWS's 7–30 days", () => {
    expect(onlyConfigIssue("dev", { backup: { keyDeletionWindowDays: 3 } })).toContain("[dev] backup.keyDeletionWindowDays = 3: must be an integer from 7 to 30 (AWS KMS allows 7–30 days)");
  });

  it("fails when prod's backup vault lock is not compliance mode", () => {
    expect(onlyConfigIssue("prod", { backup: { vaultLock: { mode: "governance" } } })).toContain('[prod] backup.vaultLock.mode = "governance": must be compliance in prod (S6)');
    expect(onlyConfigIssue("staging", { backup: { vaultLock: { mode: "governance" } } })).toContain('[staging] backup.vaultLock.mode = "governance": must be compliance in staging (S6)');
  });

  it("fails when an alert override has an invalid duration", () => {
    expect(onlyConfigIssue("dev", { alerts: { overrides: { HttpLatencyHigh: { for: "five minutes" } } } })).toContain(
      '[dev] alerts.overrides.HttpLatencyHigh.for = "five minutes": must be a Prometheus duration such as 5m',
    );
  });

  it("reports every problem at once", () => {
    const issues = findConfigIssues(envConfig("dev", { capacity: { cpuTargetPercent: 150 }, logRetention: { auditDays: 0 } }));
    expect(issues.map((i) => i.field)).toEqual(["logRetention.auditDays", "capacity.cpuTargetPercent"]);
  });
});

describe("environment selection", () => {
  it("selects every environment in deployment order by default", () => {
    // The registry's order (config/environments/index.ts), whatever environments it holds.
    for (const blank of [undefined, "", "  ", " , "]) expect(selectEnvironments(blank).map((e) => e.name)).toEqual([...ENVIRONMENT_NAMES]);
  });

  it("selects a subset, in deployment order", () => {
    expect(selectEnvironments("prod, staging").map((e) => e.name)).toEqual(["staging", "prod"]);
  });

  it("fails when an environment name is unknown, listing the valid ones", () => {
    expect(() => selectEnvironments("prod,nope")).toThrow('FX_ENVIRONMENTS: unknown environment "nope"; valid environments are dev, staging, prod');
  });
});
