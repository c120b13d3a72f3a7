/**
 * The one validation function for environment configs: every field and every cross-field rule.
 * Domain rules live beside it in `validation/`; this composes them and throws with every issue found.
 */
import { ACCOUNTS, type AccountConfig } from "./accounts";
import { CHARTS } from "./charts";
import { accountSchema, chartSchema, environmentSchema } from "./schema";
import type { EnvironmentConfig, HelmChartRef } from "./types";
import { ConfigChecker, ConfigValidationError, type ConfigIssue } from "./validation/checker";
import { checkAlerts } from "./validation/alerts";
import { checkBackup } from "./validation/backup";
import { checkCapacity } from "./validation/capacity";
import { checkIdentity } from "./validation/identity";
import { checkLogRetention } from "./validation/log-retention";
import { checkObservability } from "./validation/observability";
import { accountIdentityIssues, chartIssues, duplicateAccountIssues, registryIssues } from "./validation/registry";
import { checkSecrets } from "./validation/secrets";
import { checkAccountSecurity } from "./validation/security";
import { checkSlo } from "./validation/slo";

export { ConfigValidationError, formatIssue, type ConfigIssue } from "./validation/checker";

import { shapeIssues } from "./validation/shape";

/**
 * Whether the value rules can run despite these shape issues: only when each is a string outside its literal
 * union (`"Weekly"` for a frequency), which the rules report with their reason. Unknown fields, wrong types
 * and missing fields stop there.
 */
function valuesReadable(shape: readonly ConfigIssue[]): boolean {
  return shape.every((i) => i.kind === "value");
}

/** The rules' issues, plus the shape issues of fields no rule reported. */
function withShape(shape: readonly ConfigIssue[], rules: readonly ConfigIssue[]): readonly ConfigIssue[] {
  const reported = new Set(rules.map((i) => i.field));
  return [...shape.filter((i) => !reported.has(i.field)), ...rules];
}

/**
 * Returns every issue in `config` (empty when valid). Its shape is checked first (unknown or misspelt fields,
 * wrong types): the value rules below read fields and would misreport a config of the wrong shape.
 */
export function findConfigIssues(config: EnvironmentConfig): readonly ConfigIssue[] {
  const shape = shapeIssues(config.name, config, environmentSchema);
  if (!valuesReadable(shape)) return shape;
  const v = new ConfigChecker(config.name);
  checkIdentity(config, v);
  checkObservability(config, v);
  checkAlerts(config, v);
  checkLogRetention(config, v);
  checkBackup(config, v);
  checkCapacity(config, v);
  checkSecrets(config, v);
  checkSlo(config, v);
  return withShape(shape, v.issues);
}

/** Returns every issue in an AWS account's settings (empty when valid); reported as `[account <name>] field = ...`. */
export function findAccountIssues(account: AccountConfig): readonly ConfigIssue[] {
  const shape = shapeIssues(`account ${account.name}`, account, accountSchema);
  if (!valuesReadable(shape)) return shape;
  const v = new ConfigChecker(`account ${account.name}`);
  checkAccountSecurity(account, v);
  return withShape(shape, v.issues);
}

/**
 * What an environment shares with its account. The account baseline (GuardDuty, Config, Security Hub, Inspector)
 * runs in the account's region and DR region: an environment in another region would run unwatched. The account's
 * bootstrap stack creates the one state bucket and key of the account: an environment naming another backend would
 * fail `terraform init` (or, worse, keep its state in a bucket nobody protects).
 */
function accountIssues(config: EnvironmentConfig, account: AccountConfig | undefined): readonly ConfigIssue[] {
  if (account === undefined) return [];
  const v = new ConfigChecker(config.name);
  v.require(config.region === account.region, "region", config.region, `must be ${account.region}, the region of account ${account.name} (config/accounts.ts), where its security baseline runs`);
  v.require(config.drRegion === account.drRegion, "drRegion", config.drRegion, `must be ${account.drRegion}, the DR region of account ${account.name} (config/accounts.ts), where its security baseline also runs`);
  for (const key of ["bucket", "region", "kmsKeyId"] as const) {
    const want = account.stateBackend[key];
    v.require(config.stateBackend[key] === want, `stateBackend.${key}`, config.stateBackend[key],
      `must be ${JSON.stringify(want)}, the state backend of account ${account.name} (config/accounts.ts), which its bootstrap stack creates`);
  }
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
  const issues = [...configs.flatMap(findConfigIssues), ...used.flatMap(findAccountIssues), ...configs.flatMap((c) => accountIssues(c, accounts[c.account.name]))];
  if (issues.length > 0) throw new ConfigValidationError(issues);
  return configs;
}

/** Validates one environment config (see {@link validateEnvironmentConfigs}). */
export function validateEnvironmentConfig(config: EnvironmentConfig): EnvironmentConfig {
  validateEnvironmentConfigs([config]);
  return config;
}

/**
 * Every issue of the configuration as a whole, whichever environments are selected: the registry (each `name`
 * its key; physical names and external identifiers unique across environments), every account of
 * `config/accounts.ts` (shape, ID, Regions, no ID twice) and every pinned chart. Shape problems of an
 * environment are reported here too, so a typo in any environment fails every synth.
 */
export function findRegistryIssues(
  environments: Readonly<Record<string, EnvironmentConfig>>,
  accounts: Readonly<Record<string, AccountConfig>> = ACCOUNTS,
  charts: Readonly<Record<string, HelmChartRef>> = CHARTS,
): readonly ConfigIssue[] {
  // Strings outside a literal union are left to each environment's rules, which say why.
  const structural = (issues: readonly ConfigIssue[]) => issues.filter((i) => i.kind !== "value");
  const shapes = Object.entries(environments).flatMap(([key, config]) => structural(shapeIssues(key, config, environmentSchema)));
  const accountIssues = Object.entries(accounts).flatMap(([key, account]) => {
    const shape = structural(shapeIssues(`account ${key}`, account, accountSchema));
    return shape.length > 0 ? shape : accountIdentityIssues(key, account);
  });
  const chartShapes = Object.entries(charts).flatMap(([key, ref]) => shapeIssues("charts", ref, chartSchema, [key]));
  // Cross-environment and chart rules read fields: only on a well-shaped configuration.
  if (shapes.length + accountIssues.length + chartShapes.length > 0) return [...shapes, ...accountIssues, ...chartShapes];
  return [...registryIssues(environments), ...duplicateAccountIssues(accounts), ...chartIssues(charts)];
}
