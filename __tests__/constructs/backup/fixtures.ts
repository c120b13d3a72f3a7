/**
 * Small fixtures for the backup constructs: the `BackupEnvironment` slice they read (names, account, regions,
 * the `backup` section, protection), written out here rather than taken from a full environment, and a stack
 * with the two AWS providers the domain uses.
 */
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing, TerraformStack } from "cdktf";
import type { BackupConfig } from "../../../config/types";
import type { BackupEnvironment } from "../../../constructs/backup/backup-names";
import { BackupServiceRole } from "../../../constructs/backup/backup-service-role";
import { BackupVault } from "../../../constructs/backup/backup-vault";
import type { ProtectedResource } from "../../../constructs/backup/protected-resources";

/** A backup section with the guide's values: hourly continuous plus a daily full, one-hour RPO, a weekly restore test. */
export const BACKUP_SECTION: BackupConfig = {
  rpoHours: 1,
  rtoHours: 4,
  schedules: { dailyFull: "cron(0 17 * * ? *)", incremental: "cron(0 * * * ? *)" },
  continuousBackup: true,
  startWindowMinutes: 60,
  completionWindowMinutes: 180,
  dailyRetentionDays: 35,
  hourlyRetentionDays: 7,
  crossRegionCopy: false,
  vaultLock: { mode: "governance", minRetentionDays: 7, maxRetentionDays: 35, changeableForDays: 3 },
  keyDeletionWindowDays: 30,
  breakGlassRoleName: "fx-trader-break-glass",
  restoreTesting: { schedule: "cron(0 1 ? * SUN *)", startWindowHours: 4, selectionWindowDays: 7, validationWindowHours: 4 },
  auditReportRetentionDays: 365,
};

/** The slice of an environment a backup construct takes; `backup` fields may be overridden. */
export function backupEnvironment(backup: Partial<BackupConfig> = {}): BackupEnvironment {
  return {
    name: "dev",
    account: { id: "111111111111", name: "fx-test" },
    region: "ap-northeast-1",
    drRegion: "ap-northeast-3",
    backup: { ...BACKUP_SECTION, ...backup },
    protectStatefulResources: false,
  };
}

/** A database (restore-tested) and a bucket (not), by ARN. */
export const PROTECTED: readonly ProtectedResource[] = [
  {
    key: "database",
    description: "test database",
    arn: "arn:aws:rds:ap-northeast-1:111111111111:cluster:fx-trader-test",
    resourceType: "Aurora",
    restoreTested: true,
    managedHere: false,
  },
  { key: "configuration", description: "test bucket", arn: "arn:aws:s3:::fx-trader-test-configuration", resourceType: "S3", restoreTested: false, managedHere: true },
];

/** A stack with the primary (`aws`) and DR (`aws-dr`) providers. */
export function backupStack() {
  const stack = new TerraformStack(Testing.app(), "test");
  const provider = new AwsProvider(stack, "aws", { region: "ap-northeast-1" });
  const drProvider = new AwsProvider(stack, "aws-dr", { region: "ap-northeast-3", alias: "dr" });
  return { stack, provider, drProvider };
}

/** A primary stack with what the plan and restore testing refer to: a vault on a bare key and the service role. */
export function vaultAndRole(config: BackupEnvironment) {
  const { stack, provider } = backupStack();
  const vault = new BackupVault(stack, "vault", {
    name: "fx-trader-test-backup",
    encryptionKey: new KmsKey(stack, "key", { provider }),
    vaultLock: config.backup.vaultLock,
    breakGlassRoleArn: "arn:aws:iam::111111111111:role/break-glass",
    tags: {},
    protect: false,
    provider,
  });
  const serviceRole = new BackupServiceRole(stack, "service-role", { name: "fx-trader-test-backup", accountId: config.account.id, provider });
  return { stack, provider, vault, serviceRole };
}

export { reference } from "../../support/terraform-reference";
