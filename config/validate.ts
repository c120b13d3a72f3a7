/**
 * The one validation function for environment configs: every field and every cross-field rule.
 * Domain rules live beside it in `validation/`; this composes them and throws with every issue found.
 */
import { ACCOUNTS, type AccountConfig } from "./accounts";
import type { EnvironmentConfig } from "./types";
import { ConfigChecker, ConfigValidationError, type ConfigIssue } from "./validation/checker";
import { checkAlerts } from "./validation/alerts";
import { checkBackup } from "./validation/backup";
import { checkCapacity } from "./validation/capacity";
import { checkIdentity } from "./validation/identity";
import { checkLogRetention } from "./validation/log-retention";
import { checkObservability } from "./validation/observability";
import { checkAccountSecurity } from "./validation/security";
import { checkSlo } from "./validation/slo";

export { ConfigValidationError, formatIssue, type ConfigIssue } from "./validation/checker";

/** Returns every issue in `config` (empty when valid). */
export function findConfigIssues(config: EnvironmentConfig): readonly ConfigIssue[] {
  const v = new ConfigChecker(config.name);
  checkIdentity(config, v);
  checkObservability(config, v);
  checkAlerts(config, v);
  checkLogRetention(config, v);
  checkBackup(config, v);
  checkCapacity(config, v);
  checkSlo(config, v);
  return v.issues;
}

/** Returns every issue in an AWS account's settings (empty when valid); reported as `[account <name>] field = ...`. */
export function findAccountIssues(account: AccountConfig): readonly ConfigIssue[] {
  const v = new ConfigChecker(`account ${account.name}`);
  checkAccountSecurity(account, v);
  return v.issues;
}

/**
 * Throws `ConfigValidationError` listing every issue of every config and of the AWS accounts they deploy into
 * (each account once); returns the configs when all are valid.
 */
export function validateEnvironmentConfigs(
  configs: readonly EnvironmentConfig[],
  accounts: Readonly<Record<string, AccountConfig>> = ACCOUNTS,
): readonly EnvironmentConfig[] {
  const used = [...new Set(configs.map((c) => c.account.name))].flatMap((name) => (accounts[name] === undefined ? [] : [accounts[name]]));
  const issues = [...configs.flatMap(findConfigIssues), ...used.flatMap(findAccountIssues)];
  if (issues.length > 0) throw new ConfigValidationError(issues);
  return configs;
}

/** Validates one environment config (see {@link validateEnvironmentConfigs}). */
export function validateEnvironmentConfig(config: EnvironmentConfig): EnvironmentConfig {
  validateEnvironmentConfigs([config]);
  return config;
}
