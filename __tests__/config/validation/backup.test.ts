import { findConfigIssues, formatIssue } from "../../../config/validate";
import type { EnvironmentConfig, Overrides } from "../../../config/types";
import type { EnvironmentName } from "../../../config/environments";
import { BackupSchedule } from "../../../config/backup-schedule";
import { ENVIRONMENT_NAMES, envConfig, configIssues } from "../../support";

describe("backup config validation (B1–B5)", () => {
  it.each(ENVIRONMENT_NAMES)("B2/B4: %s's frequent schedule meets its RPO and the daily full runs daily", (env) => {
    const b = envConfig(env).backup;
    expect(BackupSchedule.parse(b.schedules.incremental).largestGapMinutes).toBeLessThanOrEqual(b.rpoHours * 60);
    expect(BackupSchedule.parse(b.schedules.dailyFull).largestGapMinutes).toBeLessThanOrEqual(24 * 60);
    expect(findConfigIssues(envConfig(env)).filter((i) => i.field.startsWith("backup."))).toEqual([]);
  });

  it.each(["staging", "prod"] as const)("B2/B4: %s backs up hourly and copies to the DR region", (env) => {
    const b = envConfig(env).backup;
    expect(BackupSchedule.parse(b.schedules.incremental).largestGapMinutes).toBe(60);
    expect(b.crossRegionCopy).toBe(true);
    expect(b.rpoHours).toBe(1);
    expect(b.rtoHours).toBe(4);
  });

  it.each<[string, EnvironmentName, Overrides<EnvironmentConfig>, string]>([
    [
      "a schedule cannot meet the RPO (every 2 h for an RPO of 1 h)",
      "prod",
      { backup: { schedules: { incremental: "cron(0 */2 * * ? *)" } } },
      '[prod] backup.schedules.incremental = "cron(0 */2 * * ? *)": largest gap between consecutive runs is 2 h, more than 1 h: this schedule cannot meet backup.rpoHours (1 h)',
    ],
    [
      "a schedule's runs are uneven and the largest gap exceeds the RPO (0,6,12 h for an RPO of 8 h)",
      "dev",
      { backup: { rpoHours: 8, schedules: { incremental: "cron(0 0,6,12 * * ? *)" } } },
      '[dev] backup.schedules.incremental = "cron(0 0,6,12 * * ? *)": largest gap between consecutive runs is 12 h, more than 8 h: this schedule cannot meet backup.rpoHours (8 h)',
    ],
    [
      "a schedule is not an AWS cron expression",
      "staging",
      { backup: { schedules: { incremental: "rate(1 hour)" } } },
      '[staging] backup.schedules.incremental = "rate(1 hour)": is not a usable AWS cron expression: must have the form cron(Minutes Hours Day-of-month Month Day-of-week Year)',
    ],
    [
      "the daily full backup skips weekends",
      "prod",
      { backup: { schedules: { dailyFull: "cron(0 22 ? * MON-FRI *)" } } },
      '[prod] backup.schedules.dailyFull = "cron(0 22 ? * MON-FRI *)": largest gap between consecutive runs is 72 h, more than 24 h: guide B2 requires a full backup every day',
    ],
    [
      "a retention is shorter than the vault lock minimum",
      "prod",
      { backup: { hourlyRetentionDays: 3 } },
      "[prod] backup.hourlyRetentionDays = 3: is shorter than backup.vaultLock.minRetentionDays (7): the vault lock would refuse these recovery points",
    ],
    [
      "a retention is longer than the vault lock maximum",
      "staging",
      { backup: { dailyRetentionDays: 500 } },
      "[staging] backup.dailyRetentionDays = 500: is longer than backup.vaultLock.maxRetentionDays (400): the vault lock would refuse these recovery points",
    ],
    [
      "the DR copy is missing where the environment requires it",
      "staging",
      { backup: { crossRegionCopy: false } },
      "[staging] backup.crossRegionCopy = false: must be true in staging: the RPO must hold through a region loss",
    ],
    [
      "prod's RPO is looser than the guide's 1 h",
      "prod",
      { backup: { rpoHours: 2 } },
      '[prod] backup.rpoHours = 2: must be 1 in prod: the guide fixes the recovery point objective at 1 h (B4); only an environment with policy "relaxed" may set another',
    ],
    [
      "staging's RTO is looser than the guide's 4 h",
      "staging",
      { backup: { rtoHours: 8 } },
      '[staging] backup.rtoHours = 8: must be 4 in staging: the guide fixes the recovery time objective at 4 h (B4); only an environment with policy "relaxed" may set another',
    ],
    [
      "the restore test runs monthly, not weekly",
      "prod",
      { backup: { restoreTesting: { schedule: "cron(0 1 1 * ? *)" } } },
      '[prod] backup.restoreTesting.schedule = "cron(0 1 1 * ? *)": largest gap between consecutive runs is 31 d, more than 7 d: B3 requires a restore test every week',
    ],
    [
      "a job may start later than the next scheduled run",
      "prod",
      { backup: { startWindowMinutes: 120, completionWindowMinutes: 240 } },
      "[prod] backup.startWindowMinutes = 120: must be ≤ the 1 h between runs of backup.schedules.incremental: a job allowed to start later would run into the next one",
    ],
    [
      "the completion window does not exceed the start window by an hour",
      "staging",
      { backup: { completionWindowMinutes: 90 } },
      "[staging] backup.completionWindowMinutes = 90: must be an integer from 120 to 144000 (AWS Backup requires the completion window to exceed the start window by at least 60 minutes)",
    ],
    [
      "the compliance-mode grace time is below AWS's 3 days",
      "prod",
      { backup: { vaultLock: { changeableForDays: 1 } } },
      "[prod] backup.vaultLock.changeableForDays = 1: must be an integer from 3 to 36500 (AWS Backup's compliance-mode grace time is at least 3 days)",
    ],
    [
      "continuous backup would keep more than 35 days",
      "prod",
      { backup: { hourlyRetentionDays: 40 } },
      "[prod] backup.hourlyRetentionDays = 40: must be an integer from 1 to 35 (continuous backup keeps at most 35 days)",
    ],
    [
      "a recovery point would expire before the next one is taken",
      "dev",
      { backup: { hourlyRetentionDays: 1 } },
      "[dev] backup.hourlyRetentionDays = 1: is not longer than the 24 h between runs of backup.schedules.incremental: a recovery point would expire before the next one exists",
    ],
    [
      "the restore test's validation window is empty",
      "dev",
      { backup: { restoreTesting: { validationWindowHours: 0 } } },
      "[dev] backup.restoreTesting.validationWindowHours = 0: must be an integer from 1 to 168 (AWS Backup allows 1–168 hours)",
    ],
    [
      "the break-glass role name is not an IAM role name",
      "prod",
      { backup: { breakGlassRoleName: "break glass" } },
      '[prod] backup.breakGlassRoleName = "break glass": must be an IAM role name (1–64 letters, digits and +=,.@_-)',
    ],
    [
      "the uploads bucket name is not an S3 bucket name",
      "prod",
      { database: { uploadsBucketName: "Uploads_Bucket" } },
      '[prod] database.uploadsBucketName = "Uploads_Bucket": must be a valid S3 bucket name',
    ],
  ])("fails when %s", (_what, env, overrides, message) => {
    expect(configIssues(env, overrides)).toEqual([message]);
  });

  it("fails when a rule would run more often than AWS Backup allows, naming both consequences", () => {
    expect(configIssues("dev", { backup: { schedules: { incremental: "cron(*/30 * * * ? *)" } } })).toEqual([
      '[dev] backup.schedules.incremental = "cron(*/30 * * * ? *)": runs 30 min apart: AWS Backup runs a rule at most once every 60 minutes',
      "[dev] backup.startWindowMinutes = 60: must be ≤ the 30 min between runs of backup.schedules.incremental: a job allowed to start later would run into the next one",
    ]);
  });

  it("fails when continuous backup is asked of an engine that lacks it", () => {
    const config = envConfig("dev");
    const unsupported = { ...config, database: { ...config.database, engine: "mysql" as unknown as "postgres" } };
    expect(findConfigIssues(unsupported).map(formatIssue)).toContain(
      '[dev] backup.continuousBackup = true: must be false for database.engine "mysql": AWS Backup supports continuous backup only for aurora-postgresql, postgres',
    );
  });
});
