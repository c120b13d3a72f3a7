/**
 * The backup failure signals as pure data (no cdktf): which AWS Backup events and CloudWatch metrics mean
 * a backup, a DR copy or a restore (test) failed, how severe that is and what to do. `BackupFailureAlerts`
 * renders them as EventBridge rules and CloudWatch alarms on the on-call SNS topic; the alert catalog and
 * `docs/backup-and-dr.md` list them from here.
 */
import type { EnvironmentConfig } from "../../config/types";

export interface BackupFailureSignal {
  /** Stable key, used in construct IDs and physical names. */
  readonly key: "backup-job" | "copy-job" | "restore-job";
  /** Alert name in the catalog (CamelCase). */
  readonly alertName: string;
  readonly severity: "critical" | "warning";
  /** Requirement the signal protects. */
  readonly requirement: "B3" | "B4";
  /** EventBridge `detail-type` of the AWS Backup event. */
  readonly detailType: "Backup Job State Change" | "Copy Job State Change" | "Restore Job State Change";
  /** AWS Backup reports backup and copy jobs in `detail.state`, restore jobs in `detail.status`. */
  readonly stateField: "state" | "status";
  readonly failedStates: readonly string[];
  /** `AWS/Backup` CloudWatch metric counting the failures, by `BackupVaultName`. */
  readonly metricName: string;
  /** Only meaningful when recovery points are copied to the DR region. */
  readonly needsCrossRegionCopy: boolean;
  readonly summary: string;
  /** First response, for the runbook. */
  readonly action: string;
}

export const BACKUP_FAILURE_SIGNALS: readonly BackupFailureSignal[] = [
  {
    key: "backup-job",
    alertName: "BackupJobFailed",
    severity: "critical",
    requirement: "B4",
    detailType: "Backup Job State Change",
    stateField: "state",
    // EXPIRED: the job did not start within the start window, so a scheduled recovery point is missing.
    failedStates: ["FAILED", "ABORTED", "EXPIRED", "PARTIAL"],
    metricName: "NumberOfBackupJobsFailed",
    needsCrossRegionCopy: false,
    summary: "An AWS Backup job failed, was aborted or expired: the RPO is at risk until the next run succeeds.",
    action: "Read the job's status message (`aws backup describe-backup-job`), fix the cause, then start an on-demand backup (`aws backup start-backup-job`).",
  },
  {
    key: "copy-job",
    alertName: "BackupCopyJobFailed",
    severity: "critical",
    requirement: "B4",
    detailType: "Copy Job State Change",
    stateField: "state",
    failedStates: ["FAILED", "PARTIAL"],
    metricName: "NumberOfCopyJobsFailed",
    needsCrossRegionCopy: true,
    summary: "Copying a recovery point to the DR vault failed: the RPO does not hold through a region loss.",
    action: "Read the copy job's status message (`aws backup describe-copy-job`); check the DR vault's key replica and lock, then copy the latest recovery point again (`aws backup start-copy-job`).",
  },
  {
    key: "restore-job",
    alertName: "BackupRestoreJobFailed",
    severity: "warning",
    requirement: "B3",
    detailType: "Restore Job State Change",
    stateField: "status",
    failedStates: ["FAILED", "ABORTED"],
    metricName: "NumberOfRestoreJobsFailed",
    needsCrossRegionCopy: false,
    summary: "A restore job failed; for the weekly restore test this means a backup could not be proven restorable.",
    action: "Read the restore job's status message (`aws backup describe-restore-job`), fix the cause and rerun the restore test from the console (Restore testing → Run now) the same week.",
  },
];

/** The EventBridge pattern that matches a signal's failure events. */
export function failureEventPattern(signal: BackupFailureSignal): Record<string, unknown> {
  return {
    source: ["aws.backup"],
    "detail-type": [signal.detailType],
    detail: { [signal.stateField]: [...signal.failedStates] },
  };
}

/** The signals that apply to an environment (no copy-job signal without DR copies). */
export function signalsFor(config: Pick<EnvironmentConfig, "backup">): readonly BackupFailureSignal[] {
  return BACKUP_FAILURE_SIGNALS.filter((s) => !s.needsCrossRegionCopy || config.backup.crossRegionCopy);
}
