import { auditControls, requiredFrequency } from "../../../constructs/backup/audit-controls";
import { envConfig } from "../../support";

describe("audit controls (B4)", () => {
  it("expresses the required frequency in hours up to AWS's 24, in days beyond", () => {
    expect([requiredFrequency(1), requiredFrequency(24), requiredFrequency(48), requiredFrequency(36)]).toEqual([
      ["hours", 1],
      ["hours", 24],
      ["days", 2],
      ["days", 2],
    ]);
  });

  it("drops the cross-region and vault-lock controls where the environment has neither", () => {
    const names = auditControls(envConfig("dev")).map((c) => c.name);
    expect(names).not.toContain("BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION");
    expect(names).not.toContain("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK");
    expect(auditControls(envConfig("prod")).map((c) => c.name)).toEqual(expect.arrayContaining(["BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION", "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK"]));
  });
});
