import { BackupPlan as AwsBackupPlan } from "@cdktf/provider-aws/lib/backup-plan";
import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection";
import { Testing } from "cdktf";
import { BackupSchedule } from "../../../config/backup-schedule";
import type { BackupConfig } from "../../../config/types";
import { BackupPlan } from "../../../constructs/backup/backup-plan";
import { BackupRule } from "../../../constructs/backup/backup-rule";
import { RecoveryObjectives } from "../../../constructs/backup/recovery-objectives";
import { backupEnvironment, PROTECTED, reference, vaultAndRole } from "./fixtures";

// Builds only what the plan needs: a vault (on a bare key), the service role and the backup section.
function planIn(backup: Partial<BackupConfig> = {}, rules?: (config: ReturnType<typeof backupEnvironment>) => readonly BackupRule[]) {
  const config = backupEnvironment(backup);
  const { stack, provider, vault, serviceRole } = vaultAndRole(config);
  const build = () =>
    new BackupPlan(stack, "plan", {
      config,
      name: "fx-trader-test-backup",
      objectives: RecoveryObjectives.fromConfig(config.backup),
      rules: rules ? rules(config) : BackupRule.fromConfig(config),
      vault,
      serviceRole,
      resources: PROTECTED,
      provider,
    });
  return { stack, vault, serviceRole, build };
}

describe("BackupPlan", () => {
  it("B1: both selections run as the service role construct, and the rules target the vault construct, by reference", () => {
    const { stack, vault, serviceRole, build } = planIn();
    build();
    const synthesized = Testing.synth(stack);
    const roleArn = reference(stack, serviceRole.role, "arn");
    expect(synthesized).toHaveResourceWithProperties(BackupSelection, { name: "fx-trader-test-backup-resources", iam_role_arn: roleArn, resources: PROTECTED.map((r) => r.arn) });
    expect(synthesized).toHaveResourceWithProperties(BackupSelection, { name: "fx-trader-test-backup-tier-critical", iam_role_arn: roleArn });
    expect(synthesized).toHaveResourceWithProperties(AwsBackupPlan, { rule: expect.arrayContaining([expect.objectContaining({ target_vault_name: reference(stack, vault.vault, "name") })]) });
    // Seeded failure: the matcher rejects a selection that names a role by a string rather than the construct.
    expect(synthesized).not.toHaveResourceWithProperties(BackupSelection, { iam_role_arn: "arn:aws:iam::111111111111:role/fx-trader-test-backup" });
  });

  it("builds when the environment needs no DR copy", () => {
    expect(planIn({ crossRegionCopy: false }).build).not.toThrow();
  });

  it("fails when the environment requires a DR copy and no DR vault is given", () => {
    expect(planIn({ crossRegionCopy: true }).build).toThrow(
      "BackupPlan test/plan [dev]: backup.crossRegionCopy is true but no DR vault was given; the RPO would not hold through a region loss",
    );
  });

  it("fails when no rule runs often enough for the RPO", () => {
    const twiceAWeek = (config: ReturnType<typeof backupEnvironment>) =>
      BackupRule.fromConfig(config).map((r) => new BackupRule({ ...r, schedule: BackupSchedule.parse("cron(0 0 ? * MON,THU *)") }));
    expect(planIn({ rpoHours: 24 }, twiceAWeek).build).toThrow(
      "BackupPlan test/plan [dev]: the most frequent rule leaves 96 h between backups, more than the RPO of 24 h (backup.schedules)",
    );
  });
});
