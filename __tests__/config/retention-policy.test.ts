import { cloudWatchLogGroups, logClassPolicy, logRetentionTable, LOG_CLASSES } from "../../config/retention-policy";
import { ENVIRONMENT_NAMES, envConfig } from "../support";

describe.each(ENVIRONMENT_NAMES)("retention table of %s", (env) => {
  const config = envConfig(env);
  const table = logRetentionTable(config);

  it("L2: has one row per log class, with the config's retention and transitions", () => {
    expect(table.map((p) => p.logClass)).toEqual([...LOG_CLASSES]);
    const r = config.logRetention;
    expect(table.map((p) => p.retentionDays)).toEqual([r.applicationDays, r.accessDays, r.auditDays, r.infrastructureDays]);
    expect(table.map((p) => p.transitions)).toEqual([r.transitions.application, r.transitions.access, r.transitions.audit, r.transitions.infrastructure]);
    expect(new Set(table.map((p) => p.bucketPurpose)).size).toBe(table.length);
  });

  it("L2: locks only audit logs, for the audit retention, in the configured mode", () => {
    expect(table.filter((p) => p.objectLock).map((p) => p.logClass)).toEqual(["audit"]);
    expect(logClassPolicy(config, "audit").objectLock).toEqual({ mode: config.logRetention.auditObjectLockMode, days: config.logRetention.auditDays });
  });

  it("L1: keeps the EKS control-plane log group for the longer of the infrastructure and audit retentions", () => {
    expect(cloudWatchLogGroups(config)).toEqual([
      expect.objectContaining({
        id: "eks-control-plane",
        name: `/aws/eks/${config.eks.clusterName}/cluster`,
        classes: ["infrastructure", "audit"],
        retentionDays: Math.max(config.logRetention.infrastructureDays, config.logRetention.auditDays),
      }),
    ]);
  });
});
