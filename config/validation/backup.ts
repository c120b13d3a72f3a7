/**
 * B1–B5 backup rules. Schedules are parsed (`BackupSchedule`) and the largest gap between two consecutive
 * runs is checked against the RPO, so a schedule that cannot meet it fails before any stack is built.
 */
import { BackupSchedule, CronParseError, formatMinutes } from "../backup-schedule";
import { GUIDE } from "../policy";
import type { EnvironmentConfig } from "../types";
import type { ConfigChecker } from "./checker";

/** Engines whose AWS Backup protection supports continuous backup (point-in-time recovery). */
export const CONTINUOUS_BACKUP_ENGINES: ReadonlySet<EnvironmentConfig["database"]["engine"]> = new Set(["aurora-postgresql", "postgres"]);

/** AWS Backup runs a rule at most once an hour and will not start a job sooner than 60 minutes after the last. */
const AWS_MIN_GAP_MINUTES = 60;

/** Parses a schedule, recording an issue (and returning undefined) when it is not a usable AWS cron expression. */
function parsedSchedule(v: ConfigChecker, field: string, expression: string): BackupSchedule | undefined {
  try {
    return BackupSchedule.parse(expression);
  } catch (e) {
    if (!(e instanceof CronParseError)) throw e;
    v.require(false, field, expression, e.message.replace(`${JSON.stringify(expression)} is not`, "is not"));
    return undefined;
  }
}

/** Records an issue when `schedule` leaves more than `maxMinutes` between two runs. */
function requireGap(v: ConfigChecker, field: string, schedule: BackupSchedule, maxMinutes: number, why: string): void {
  v.require(
    schedule.largestGapMinutes <= maxMinutes,
    field,
    schedule.expression,
    `largest gap between consecutive runs is ${formatMinutes(schedule.largestGapMinutes)}, more than ${formatMinutes(maxMinutes)}: ${why}`,
  );
}

export function checkBackup(c: EnvironmentConfig, v: ConfigChecker): void {
  const b = c.backup;
  const guided = c.policy === "guide";
  // Held to the guide, the objectives are fixed values, not ranges: say so rather than "from 1 to 1".
  const objective = (field: "rpoHours" | "rtoHours", guide: number, what: string) => {
    if (guided) {
      v.require(b[field] === guide, `backup.${field}`, b[field],
        `must be ${guide} in ${c.name}: the guide fixes the ${what} at ${guide} h (B4); only an environment with policy "relaxed" may set another`);
    } else {
      v.number(`backup.${field}`, b[field], { integer: true, min: 1, max: 168, reason: field === "rpoHours" ? "1 h (AWS Backup's smallest schedule) to 1 week" : "1 h to 1 week" });
    }
  };
  objective("rpoHours", GUIDE.recovery.rpoHours, "recovery point objective");
  objective("rtoHours", GUIDE.recovery.rtoHours, "recovery time objective");

  const incremental = parsedSchedule(v, "backup.schedules.incremental", b.schedules.incremental);
  if (incremental) {
    requireGap(v, "backup.schedules.incremental", incremental, b.rpoHours * 60, `this schedule cannot meet backup.rpoHours (${b.rpoHours} h)`);
    v.require(
      incremental.smallestGapMinutes >= AWS_MIN_GAP_MINUTES,
      "backup.schedules.incremental",
      b.schedules.incremental,
      `runs ${formatMinutes(incremental.smallestGapMinutes)} apart: AWS Backup runs a rule at most once every 60 minutes`,
    );
  }
  const dailyFull = parsedSchedule(v, "backup.schedules.dailyFull", b.schedules.dailyFull);
  if (dailyFull) {
    requireGap(v, "backup.schedules.dailyFull", dailyFull, GUIDE.backupFrequency.databaseFullEveryHours * 60, "guide B2 requires a full backup every day");
  }
  v.require(
    !b.continuousBackup || CONTINUOUS_BACKUP_ENGINES.has(c.database.engine),
    "backup.continuousBackup",
    b.continuousBackup,
    `must be false for database.engine ${JSON.stringify(c.database.engine)}: AWS Backup supports continuous backup only for ${[...CONTINUOUS_BACKUP_ENGINES].join(", ")}`,
  );

  v.number("backup.startWindowMinutes", b.startWindowMinutes, { integer: true, min: 60, max: 1440, reason: "AWS Backup's start window is 60 minutes to 1 day" });
  if (incremental && Number.isFinite(incremental.smallestGapMinutes)) {
    v.require(
      b.startWindowMinutes <= incremental.smallestGapMinutes,
      "backup.startWindowMinutes",
      b.startWindowMinutes,
      `must be ≤ the ${formatMinutes(incremental.smallestGapMinutes)} between runs of backup.schedules.incremental: a job allowed to start later would run into the next one`,
    );
  }
  v.number("backup.completionWindowMinutes", b.completionWindowMinutes, {
    integer: true,
    min: b.startWindowMinutes + 60,
    max: 100 * 1440,
    reason: "AWS Backup requires the completion window to exceed the start window by at least 60 minutes",
  });

  v.number("backup.dailyRetentionDays", b.dailyRetentionDays, { integer: true, min: 1, max: 36500 });
  v.number("backup.hourlyRetentionDays", b.hourlyRetentionDays, { integer: true, min: 1, max: 35, reason: "continuous backup keeps at most 35 days" });
  for (const [field, schedule, scheduleField] of [
    ["hourlyRetentionDays", incremental, "incremental"],
    ["dailyRetentionDays", dailyFull, "dailyFull"],
  ] as const) {
    if (schedule === undefined || !Number.isFinite(schedule.largestGapMinutes)) continue;
    v.require(
      b[field] * 1440 > schedule.largestGapMinutes,
      `backup.${field}`,
      b[field],
      `is not longer than the ${formatMinutes(schedule.largestGapMinutes)} between runs of backup.schedules.${scheduleField}: a recovery point would expire before the next one exists`,
    );
  }
  v.oneOf("backup.vaultLock.mode", b.vaultLock.mode, ["compliance", "governance", "none"] as const);
  if (b.vaultLock.mode !== "none") {
    v.number("backup.vaultLock.minRetentionDays", b.vaultLock.minRetentionDays, { integer: true, min: 1, max: 36500 });
    v.number("backup.vaultLock.maxRetentionDays", b.vaultLock.maxRetentionDays, { integer: true, min: b.vaultLock.minRetentionDays, max: 36500, reason: "≥ vaultLock.minRetentionDays" });
    for (const field of ["dailyRetentionDays", "hourlyRetentionDays"] as const) {
      v.require(
        b[field] >= b.vaultLock.minRetentionDays,
        `backup.${field}`,
        b[field],
        `is shorter than backup.vaultLock.minRetentionDays (${b.vaultLock.minRetentionDays}): the vault lock would refuse these recovery points`,
      );
      v.require(
        b[field] <= b.vaultLock.maxRetentionDays,
        `backup.${field}`,
        b[field],
        `is longer than backup.vaultLock.maxRetentionDays (${b.vaultLock.maxRetentionDays}): the vault lock would refuse these recovery points`,
      );
    }
  }
  if (b.vaultLock.mode === "compliance") {
    v.number("backup.vaultLock.changeableForDays", b.vaultLock.changeableForDays, { integer: true, min: 3, max: 36500, reason: "AWS Backup's compliance-mode grace time is at least 3 days" });
  }
  v.number("backup.keyDeletionWindowDays", b.keyDeletionWindowDays, { integer: true, min: 7, max: 30, reason: "AWS KMS allows 7–30 days" });
  if (guided) {
    v.require(b.crossRegionCopy, "backup.crossRegionCopy", b.crossRegionCopy, `must be true in ${c.name}: the RPO must hold through a region loss`);
  }
  if (guided) {
    // S6: a governance-mode lock can be lifted by anyone with backup:BypassBackupVaultLock; only dev may relax it.
    v.require(b.vaultLock.mode === "compliance", "backup.vaultLock.mode", b.vaultLock.mode, `must be compliance in ${c.name} (S6): a governance lock can be removed by any principal allowed backup:BypassBackupVaultLock; only a relaxed environment (dev) may choose governance or none`);
  }
  v.pattern("backup.breakGlassRoleName", b.breakGlassRoleName, /^[\w+=,.@-]{1,64}$/, "an IAM role name (1–64 letters, digits and +=,.@_-)");
  v.pattern("database.uploadsBucketName", c.database.uploadsBucketName, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "a valid S3 bucket name");

  const rt = b.restoreTesting;
  const restoreSchedule = parsedSchedule(v, "backup.restoreTesting.schedule", rt.schedule);
  if (restoreSchedule) {
    requireGap(v, "backup.restoreTesting.schedule", restoreSchedule, GUIDE.verification.restoreTestEveryDays * 1440, "B3 requires a restore test every week");
  }
  v.number("backup.restoreTesting.startWindowHours", rt.startWindowHours, { integer: true, min: 1, max: 168, reason: "AWS Backup allows 1–168 hours" });
  v.number("backup.restoreTesting.selectionWindowDays", rt.selectionWindowDays, { integer: true, min: 1, max: 365, reason: "AWS Backup allows 1–365 days" });
  v.number("backup.restoreTesting.validationWindowHours", rt.validationWindowHours, { integer: true, min: 1, max: 168, reason: "AWS Backup allows 1–168 hours" });
  v.number("backup.auditReportRetentionDays", b.auditReportRetentionDays, { integer: true, min: 1, max: 3653 });
}
