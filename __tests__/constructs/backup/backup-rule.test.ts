import { BackupSchedule } from "../../../config/backup-schedule";
import { BackupRule } from "../../../constructs/backup/backup-rule";
import { ENVIRONMENT_NAMES, envConfig } from "../../support";

const props = {
  name: "incremental",
  schedule: BackupSchedule.parse("cron(0 * * * ? *)"),
  retentionDays: 7,
  continuous: true,
  startWindowMinutes: 60,
  completionWindowMinutes: 180,
};

describe("BackupRule", () => {
  it.each(ENVIRONMENT_NAMES)("B2: %s has a daily full and a frequent rule built from its config", (env) => {
    const b = envConfig(env).backup;
    const [daily, frequent] = BackupRule.fromConfig(envConfig(env));
    expect([daily!.name, daily!.schedule.expression, daily!.retentionDays, daily!.continuous]).toEqual(["daily-full", b.schedules.dailyFull, b.dailyRetentionDays, false]);
    expect([frequent!.name, frequent!.schedule.expression, frequent!.retentionDays, frequent!.continuous]).toEqual([
      "incremental",
      b.schedules.incremental,
      b.hourlyRetentionDays,
      b.continuousBackup,
    ]);
  });

  it("renders the plan rule with copy action and recovery point tags", () => {
    const rule = new BackupRule(props).toPlanRule({ vaultName: "v", drVaultArn: "arn:dr", recoveryPointTags: { rpo: "1h" } });
    expect(rule).toEqual({
      ruleName: "incremental",
      targetVaultName: "v",
      schedule: "cron(0 * * * ? *)",
      scheduleExpressionTimezone: "Etc/UTC",
      startWindow: 60,
      completionWindow: 180,
      enableContinuousBackup: true,
      lifecycle: { deleteAfter: 7 },
      recoveryPointTags: { rpo: "1h" },
      copyAction: [{ destinationVaultArn: "arn:dr", lifecycle: { deleteAfter: 7 } }],
    });
    expect(new BackupRule(props).cadence).toBe("every 1 h");
  });

  it("fails when the rule name is not one AWS Backup accepts", () => {
    expect(() => new BackupRule({ ...props, name: "hourly rule" })).toThrow(`BackupRule: name "hourly rule" must be 1–50 letters, digits, '.', '_' or '-' (AWS Backup rule names)`);
  });

  it("fails when a continuous rule would keep more than 35 days", () => {
    expect(() => new BackupRule({ ...props, retentionDays: 36 })).toThrow("BackupRule incremental: retention 36 days exceeds the 35 days continuous backup allows");
  });
});
