/**
 * Checks across the whole registry, whichever environments are selected: each environment's `name` is the key
 * it is registered under, no two environments share a physical name or external identifier (an apply-time
 * failure otherwise, or worse, two environments managing one resource), the accounts of `config/accounts.ts`
 * are well-formed AWS accounts, and every chart of `config/charts.ts` is pinned to an exact version.
 */
import type { AccountConfig } from "../accounts";
import { AWS_REGIONS, isAwsRegion } from "../aws-regions";
import type { EnvironmentConfig, HelmChartRef } from "../types";
import { ConfigChecker, type ConfigIssue } from "./checker";
import { didYouMean } from "./did-you-mean";

const ACCOUNT_ID = /^\d{12}$/;
/** An exact SemVer 2.0 version: no range (`^`, `~`, `x`, `>=`), no `v` prefix, no spaces. */
const EXACT_SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

/**
 * Records an issue unless `value` is a known AWS Region, suggesting the nearest one. The suggestion (an edit
 * distance to every Region) is worked out only for a value that is not one (a lazy message): every validation checks
 * each environment's and account's regions, and building the message for the valid ones cost about 0.3 s of the 2 s
 * that the config validation suites take.
 */
export function checkRegion(v: ConfigChecker, field: string, value: unknown, where = ""): void {
  v.require(isAwsRegion(value), field, value,
    () => `must be an AWS Region${where}${typeof value === "string" ? didYouMean(value, AWS_REGIONS) : ""} (config/aws-regions.ts lists them)`);
}

/** The physical names and external identifiers that must differ between environments, with why. */
const UNIQUE: ReadonlyArray<readonly [string, (c: EnvironmentConfig) => string, string]> = [
  ["dnsDomain", (c) => c.dnsDomain, "each environment serves its own domain"],
  ["eks.clusterName", (c) => `${c.account.id}/${c.region}/${c.eks.clusterName}`, "each environment deploys into its own cluster"],
  ["database.identifier", (c) => `${c.account.id}/${c.region}/${c.database.identifier}`, "each environment backs up and watches its own database"],
  ["database.uploadsBucketName", (c) => c.database.uploadsBucketName, "S3 bucket names are global and each environment backs up its own uploads"],
  ["cache.replicationGroupId", (c) => `${c.account.id}/${c.region}/${c.cache.replicationGroupId}`, "each environment scales and watches its own cache"],
];

/** Every issue of the registry as a whole (names, uniqueness); each environment's own fields are checked apart. */
export function registryIssues(environments: Readonly<Record<string, EnvironmentConfig>>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const entries = Object.entries(environments);
  for (const [key, config] of entries) {
    const v = new ConfigChecker(key);
    v.require(config.name === key, "name", config.name,
      `must be "${key}", the key it is registered under in config/environments/index.ts (stacks, state keys and physical names are named after it)`);
    issues.push(...v.issues);
  }
  for (const [field, valueOf, why] of UNIQUE) {
    const seen = new Map<string, string>();
    for (const [key, config] of entries) {
      const id = valueOf(config);
      const first = seen.get(id);
      if (first === undefined) seen.set(id, key);
      else {
        const shown = field === "dnsDomain" || field === "database.uploadsBucketName" ? id : id.split("/").pop();
        issues.push({ environment: key, field, value: shown, allowed: `must differ from ${first}'s (${why})` });
      }
    }
  }
  return issues;
}

/** The identity of one account of `config/accounts.ts`: key, ID, Regions. Reported as `[account <key>]`. */
export function accountIdentityIssues(key: string, account: AccountConfig): ConfigIssue[] {
  const v = new ConfigChecker(`account ${key}`);
  const where = " (config/accounts.ts)";
  v.require(account.name === key, "name", account.name, `must be "${key}", the key it is listed under in config/accounts.ts`);
  v.pattern("id", account.id, ACCOUNT_ID, `a 12-digit AWS account ID${where}`);
  checkRegion(v, "region", account.region, where);
  checkRegion(v, "drRegion", account.drRegion, where);
  v.require(account.drRegion !== account.region, "drRegion", account.drRegion, `must differ from region ${account.region}${where}: the baseline runs in both`);
  checkRegion(v, "stateBackend.region", account.stateBackend.region, where);
  return [...v.issues];
}

/** Accounts listed twice under different names (one ID, two baselines fighting over one account's singletons). */
export function duplicateAccountIssues(accounts: Readonly<Record<string, AccountConfig>>): ConfigIssue[] {
  const seen = new Map<string, string>();
  const issues: ConfigIssue[] = [];
  for (const [key, account] of Object.entries(accounts)) {
    const first = seen.get(account.id);
    if (first === undefined) seen.set(account.id, key);
    else issues.push({ environment: `account ${key}`, field: "id", value: account.id, allowed: `must differ from account ${first}'s (config/accounts.ts): one account has one baseline stack` });
  }
  return issues;
}

/** Every chart pinned to an exact version, from an HTTPS (or OCI) repository. Reported as `[charts]`. */
export function chartIssues(charts: Readonly<Record<string, HelmChartRef>>): ConfigIssue[] {
  const v = new ConfigChecker("charts");
  for (const [key, ref] of Object.entries(charts)) {
    v.pattern(`${key}.version`, ref.version, EXACT_SEMVER,
      "an exact chart version such as 1.2.3 (no range, no 'v', no spaces; an empty version makes Helm install the newest chart) in config/charts.ts");
    v.pattern(`${key}.repository`, ref.repository, /^(https|oci):\/\/\S+$/, "an https:// or oci:// chart repository URL in config/charts.ts");
    v.pattern(`${key}.chart`, ref.chart, /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "a chart name (lowercase letters, digits, '-') in config/charts.ts");
  }
  return [...v.issues];
}
