/**
 * Physical names of the backup resources, all derived from the naming helper. AWS Backup frameworks,
 * report plans and restore testing plans accept only letters, digits and underscores, so those use the
 * same name with `_` for `-`.
 */
import type { EnvironmentConfig } from "../../config/types";
import { bucketName, resourceName } from "../core/naming";

type NamingInput = Pick<EnvironmentConfig, "name" | "account" | "region" | "drRegion">;

/**
 * The part of an environment the backup constructs read: its names, account and regions, the `backup` section and
 * whether stateful resources are protected. A backup construct takes this, not the whole `EnvironmentConfig`.
 */
export type BackupEnvironment = NamingInput & Pick<EnvironmentConfig, "backup" | "protectStatefulResources">;

/** `fx_trader_<env>_<parts>` for AWS Backup names that refuse hyphens. */
export function underscoreName(config: Pick<EnvironmentConfig, "name">, ...parts: string[]): string {
  return resourceName(config, ...parts).replace(/-/g, "_");
}

/** Every backup-related physical name of an environment. */
export function backupNames(config: NamingInput) {
  return {
    vault: resourceName(config, "backup"),
    drVault: resourceName(config, "backup-dr"),
    plan: resourceName(config, "backup"),
    serviceRole: resourceName(config, "backup"),
    vaultKeyAlias: `alias/${resourceName(config, "backup-vault")}`,
    dataKeyAlias: `alias/${resourceName(config, "backup-data")}`,
    configurationBucket: bucketName(config, "configuration"),
    reportBucket: bucketName(config, "backup-reports"),
    restoreTestingPlan: underscoreName(config, "weekly_restore_test"),
    framework: underscoreName(config, "backup"),
    complianceReportPlan: underscoreName(config, "backup_compliance"),
    restoreJobReportPlan: underscoreName(config, "restore_jobs"),
    alertTopic: resourceName(config, "backup-alerts"),
    eventRulePrefix: resourceName(config, "backup"),
    alarmPrefix: resourceName(config, "backup"),
  } as const;
}

export type BackupNames = ReturnType<typeof backupNames>;
