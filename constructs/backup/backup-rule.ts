/**
 * One rule of the backup plan (B2): when it runs, how long its recovery points are kept, whether it is
 * continuous (point-in-time recovery) and whether its recovery points are copied to the DR vault. Built from
 * config with the schedule parsed, so the rule that is synthesized is the rule that was checked.
 */
import type { BackupPlanRule } from "@cdktf/provider-aws/lib/backup-plan";
import { BackupSchedule, formatMinutes } from "../../config/backup-schedule";
import type { EnvironmentConfig } from "../../config/types";

/** Where a rule's recovery points go. */
export interface BackupRuleTarget {
  readonly vaultName: string;
  /** DR vault ARN; recovery points are copied there with the same retention when set. */
  readonly drVaultArn?: string;
  /** Tags every recovery point of the rule carries. */
  readonly recoveryPointTags: Record<string, string>;
}

export interface BackupRuleProps {
  /** Rule name, unique in the plan (AWS: letters, digits, `-_.`, ≤ 50). */
  readonly name: string;
  readonly schedule: BackupSchedule;
  readonly retentionDays: number;
  /** Continuous backup (PITR) instead of snapshots. */
  readonly continuous: boolean;
  readonly startWindowMinutes: number;
  readonly completionWindowMinutes: number;
}

export class BackupRule {
  /** The plan's rules in a fixed order: daily full, then the frequent (incremental) rule. */
  static fromConfig(config: Pick<EnvironmentConfig, "backup">): readonly BackupRule[] {
    const b = config.backup;
    const windows = { startWindowMinutes: b.startWindowMinutes, completionWindowMinutes: b.completionWindowMinutes };
    return [
      new BackupRule({
        name: "daily-full",
        schedule: BackupSchedule.parse(b.schedules.dailyFull),
        retentionDays: b.dailyRetentionDays,
        continuous: false,
        ...windows,
      }),
      new BackupRule({
        name: "incremental",
        schedule: BackupSchedule.parse(b.schedules.incremental),
        retentionDays: b.hourlyRetentionDays,
        continuous: b.continuousBackup,
        ...windows,
      }),
    ];
  }

  readonly name: string;
  readonly schedule: BackupSchedule;
  readonly retentionDays: number;
  readonly continuous: boolean;
  readonly startWindowMinutes: number;
  readonly completionWindowMinutes: number;

  constructor(props: BackupRuleProps) {
    if (!/^[A-Za-z0-9._-]{1,50}$/.test(props.name)) {
      throw new Error(`BackupRule: name "${props.name}" must be 1–50 letters, digits, '.', '_' or '-' (AWS Backup rule names)`);
    }
    if (props.continuous && props.retentionDays > 35) {
      throw new Error(`BackupRule ${props.name}: retention ${props.retentionDays} days exceeds the 35 days continuous backup allows`);
    }
    this.name = props.name;
    this.schedule = props.schedule;
    this.retentionDays = props.retentionDays;
    this.continuous = props.continuous;
    this.startWindowMinutes = props.startWindowMinutes;
    this.completionWindowMinutes = props.completionWindowMinutes;
  }

  /** `every 1 h` / `every 24 h`, from the parsed schedule. */
  get cadence(): string {
    return `every ${formatMinutes(this.schedule.largestGapMinutes)}`;
  }

  /** The rule as the `aws_backup_plan` block. Times are UTC, the zone the schedule was checked in. */
  toPlanRule(target: BackupRuleTarget): BackupPlanRule {
    const lifecycle = { deleteAfter: this.retentionDays };
    return {
      ruleName: this.name,
      targetVaultName: target.vaultName,
      schedule: this.schedule.expression,
      scheduleExpressionTimezone: "Etc/UTC",
      startWindow: this.startWindowMinutes,
      completionWindow: this.completionWindowMinutes,
      enableContinuousBackup: this.continuous,
      lifecycle,
      recoveryPointTags: target.recoveryPointTags,
      copyAction: target.drVaultArn === undefined ? undefined : [{ destinationVaultArn: target.drVaultArn, lifecycle }],
    };
  }
}
