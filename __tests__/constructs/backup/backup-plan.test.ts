import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing, TerraformStack } from "cdktf";
import { BackupSchedule } from "../../../config/backup-schedule";
import { BackupPlan } from "../../../constructs/backup/backup-plan";
import { BackupRule } from "../../../constructs/backup/backup-rule";
import { BackupVault } from "../../../constructs/backup/backup-vault";
import { protectedResources } from "../../../constructs/backup/protected-resources";
import { RecoveryObjectives } from "../../../constructs/backup/recovery-objectives";
import { envConfig } from "../../support";

function planIn(env: "dev" | "prod", rules?: (config: ReturnType<typeof envConfig>) => readonly BackupRule[]) {
  const config = envConfig(env);
  const stack = new TerraformStack(Testing.app(), "test");
  const provider = new AwsProvider(stack, "aws", { region: config.region });
  const vault = new BackupVault(stack, "vault", {
    name: "fx-trader-test-backup",
    kmsKeyArn: "arn:aws:kms:ap-northeast-1:111111111111:key/mrk-test",
    vaultLock: config.backup.vaultLock,
    breakGlassRoleArn: "arn:aws:iam::111111111111:role/break-glass",
    tags: {},
    protect: false,
    provider,
  });
  return () =>
    new BackupPlan(stack, "plan", {
      config,
      name: "fx-trader-test-backup",
      objectives: RecoveryObjectives.fromConfig(config.backup),
      rules: rules ? rules(config) : BackupRule.fromConfig(config),
      vault,
      serviceRoleArn: "arn:aws:iam::111111111111:role/backup",
      resources: protectedResources(config),
      provider,
    });
}

describe("BackupPlan", () => {
  it("builds when the environment needs no DR copy", () => {
    expect(planIn("dev")).not.toThrow();
  });

  it("fails when the environment requires a DR copy and no DR vault is given", () => {
    expect(planIn("prod")).toThrow("BackupPlan test/plan [prod]: backup.crossRegionCopy is true but no DR vault was given; the RPO would not hold through a region loss");
  });

  it("fails when no rule runs often enough for the RPO", () => {
    const twiceAWeek = (config: ReturnType<typeof envConfig>) =>
      BackupRule.fromConfig(config).map((r) => new BackupRule({ ...r, schedule: BackupSchedule.parse("cron(0 0 ? * MON,THU *)") }));
    expect(planIn("dev", twiceAWeek)).toThrow("BackupPlan test/plan [dev]: the most frequent rule leaves 96 h between backups, more than the RPO of 24 h (backup.schedules)");
  });
});
