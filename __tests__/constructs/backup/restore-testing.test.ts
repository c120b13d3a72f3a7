import { BackupRestoreTestingPlan } from "@cdktf/provider-aws/lib/backup-restore-testing-plan";
import { BackupRestoreTestingSelection } from "@cdktf/provider-aws/lib/backup-restore-testing-selection";
import { Testing } from "cdktf";
import type { BackupConfig } from "../../../config/types";
import type { ProtectedResource } from "../../../constructs/backup/protected-resources";
import { RESTORE_TEST_ALGORITHM, RestoreTesting } from "../../../constructs/backup/restore-testing";
import { backupEnvironment, PROTECTED, reference, vaultAndRole } from "./fixtures";

// Builds only what restore testing needs: the vault it samples, the role it restores as, the backup section.
function restoreTestingIn(backup: Partial<BackupConfig> = {}, resources: readonly ProtectedResource[] = PROTECTED) {
  const config = backupEnvironment(backup);
  const { stack, provider, vault, serviceRole } = vaultAndRole(config);
  const build = () => new RestoreTesting(stack, "restore-testing", { config, vault, serviceRole, resources, tags: {}, provider });
  return { stack, vault, serviceRole, build };
}

describe("RestoreTesting", () => {
  it("B3: samples the vault construct's recovery points and restores the restore-tested resources as the service role", () => {
    const { stack, vault, serviceRole, build } = restoreTestingIn();
    build();
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(BackupRestoreTestingPlan, {
      name: "fx_trader_dev_weekly_restore_test",
      schedule_expression: "cron(0 1 ? * SUN *)",
      recovery_point_selection: [
        { algorithm: RESTORE_TEST_ALGORITHM, include_vaults: [reference(stack, vault.vault, "arn")], recovery_point_types: ["CONTINUOUS", "SNAPSHOT"], selection_window_days: 7 },
      ],
    });
    expect(synthesized).toHaveResourceWithProperties(BackupRestoreTestingSelection, {
      protected_resource_arns: [PROTECTED[0].arn],
      iam_role_arn: reference(stack, serviceRole.role, "arn"),
      validation_window_hours: 4,
    });
    // Seeded failure: the resource that is not restore-tested gets no selection.
    expect(synthesized).not.toHaveResourceWithProperties(BackupRestoreTestingSelection, { protected_resource_arns: [PROTECTED[1].arn] });
  });

  it("B3: without continuous backup only snapshots are sampled", () => {
    const { stack, build } = restoreTestingIn({ continuousBackup: false });
    build();
    expect(Testing.synth(stack)).toHaveResourceWithProperties(BackupRestoreTestingPlan, { recovery_point_selection: [expect.objectContaining({ recovery_point_types: ["SNAPSHOT"] })] });
  });

  it("fails when no protected resource is restore-tested", () => {
    expect(restoreTestingIn({}, PROTECTED.map((r) => ({ ...r, restoreTested: false }))).build).toThrow(
      "RestoreTesting test/restore-testing [dev]: no protected resource is marked restoreTested",
    );
  });
});
