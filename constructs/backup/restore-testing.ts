/**
 * B3 verification: an AWS Backup restore testing plan that, on its (weekly) schedule, picks a random recovery
 * point from the last `selectionWindowDays` of the vault, restores the database and the uploaded-files bucket
 * into throw-away resources, keeps them for the validation window and deletes them. Restore job durations
 * feed RESTORE_TIME_FOR_RESOURCES_MEET_TARGET in the audit framework.
 */
import { BackupRestoreTestingPlan } from "@cdktf/provider-aws/lib/backup-restore-testing-plan";
import { BackupRestoreTestingSelection } from "@cdktf/provider-aws/lib/backup-restore-testing-selection";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { BackupSchedule } from "../../config/backup-schedule";
import { backupNames, underscoreName, type BackupEnvironment } from "./backup-names";
import type { BackupServiceRole } from "./backup-service-role";
import type { BackupVault } from "./backup-vault";
import type { ProtectedResource } from "./protected-resources";

export interface RestoreTestingProps {
  readonly config: BackupEnvironment;
  /** The vault whose recovery points are tested. */
  readonly vault: BackupVault;
  /** The role that restores (the backup service role). */
  readonly serviceRole: BackupServiceRole;
  /** The resources to restore-test (those with `restoreTested`). */
  readonly resources: readonly ProtectedResource[];
  readonly tags: Record<string, string>;
  readonly provider: TerraformProvider;
}

/** The recovery point selection algorithm: a random point among those in the selection window (B3). */
export const RESTORE_TEST_ALGORITHM = "RANDOM_WITHIN_WINDOW";

export class RestoreTesting extends Construct {
  readonly plan: BackupRestoreTestingPlan;
  readonly selections: readonly BackupRestoreTestingSelection[];
  readonly schedule: BackupSchedule;

  constructor(scope: Construct, id: string, props: RestoreTestingProps) {
    super(scope, id);
    const { config } = props;
    const rt = config.backup.restoreTesting;
    this.schedule = BackupSchedule.parse(rt.schedule);
    const tested = props.resources.filter((r) => r.restoreTested);
    if (tested.length === 0) throw new Error(`RestoreTesting ${this.node.path} [${config.name}]: no protected resource is marked restoreTested`);
    this.plan = new BackupRestoreTestingPlan(this, "plan", {
      provider: props.provider,
      name: backupNames(config).restoreTestingPlan,
      scheduleExpression: rt.schedule,
      scheduleExpressionTimezone: "Etc/UTC",
      startWindowHours: rt.startWindowHours,
      recoveryPointSelection: [
        {
          algorithm: RESTORE_TEST_ALGORITHM,
          includeVaults: [props.vault.arn],
          // Both kinds: a point-in-time restore is what an incident uses, a snapshot what a region loss uses.
          recoveryPointTypes: config.backup.continuousBackup ? ["CONTINUOUS", "SNAPSHOT"] : ["SNAPSHOT"],
          selectionWindowDays: rt.selectionWindowDays,
        },
      ],
      tags: props.tags,
    });
    this.selections = tested.map(
      (r) =>
        new BackupRestoreTestingSelection(this, r.key, {
          provider: props.provider,
          name: underscoreName(config, r.key),
          restoreTestingPlanName: this.plan.name,
          protectedResourceType: r.resourceType,
          protectedResourceArns: [r.arn],
          iamRoleArn: props.serviceRole.arn,
          validationWindowHours: rt.validationWindowHours,
        }),
    );
  }
}
