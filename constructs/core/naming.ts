/**
 * The one naming helper for physical names. Names are deterministic (no random suffixes), so synth is
 * reproducible and a rename is a visible, reviewable change.
 */
import { logClassPolicy } from "../../config/retention-policy";
import type { AwsAccount, EnvironmentConfig } from "../../config/types";

export const PROJECT = "fx-trader";

/** `fx-trader-<env>-<parts...>`, e.g. `fx-trader-prod-loki-chunks`. */
export function resourceName(env: Pick<EnvironmentConfig, "name">, ...parts: string[]): string {
  return [PROJECT, env.name, ...parts].join("-");
}

/**
 * Globally unique S3 bucket name: `fx-trader-<env>-<purpose>-<account>-<region>`.
 * Throws when the result breaks S3's 3–63 character rule, naming the purpose that made it too long.
 */
export function bucketName(env: Pick<EnvironmentConfig, "name" | "account" | "region">, purpose: string, region = env.region): string {
  const name = [PROJECT, env.name, purpose, env.account.id, region].join("-");
  if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(name)) {
    throw new Error(`[${env.name}] bucket name "${name}" for purpose "${purpose}" is not a valid S3 bucket name (3–63 lowercase letters, digits, '-')`);
  }
  return name;
}

/** ARN-style pattern matching every bucket name {@link bucketName} gives the environment (any purpose). */
export function bucketNamePattern(env: Pick<EnvironmentConfig, "name" | "account" | "region">): string {
  return [PROJECT, env.name, "*", env.account.id, env.region].join("-");
}

/**
 * Name of the environment's access-log bucket (log class `access` of the retention table): the server access
 * log target of the environment's other buckets, in every layer.
 */
export function accessLogBucketName(env: Pick<EnvironmentConfig, "name" | "account" | "region" | "logRetention">): string {
  return bucketName(env, logClassPolicy(env, "access").bucketPurpose);
}

/** Stack name of an environment layer: `fx-trader-<env>-<layer>`. */
export function stackName(env: Pick<EnvironmentConfig, "name">, layer: string): string {
  return resourceName(env, layer);
}

/** Stack name of an AWS account's baseline: `fx-trader-account-<account name>`. */
export function accountStackName(accountName: string): string {
  return [PROJECT, "account", accountName].join("-");
}

/** Physical name of an account-wide resource: `fx-trader-<account name>-<parts...>`, e.g. `fx-trader-fx-prod-config`. */
export function accountResourceName(account: Pick<AwsAccount, "name">, ...parts: string[]): string {
  return [PROJECT, account.name, ...parts].join("-");
}

/**
 * Globally unique name of an account-wide S3 bucket: `fx-trader-<account name>-<purpose>-<account id>-<region>`.
 * Throws when the result breaks S3's 3–63 character rule, naming the purpose that made it too long.
 */
export function accountBucketName(account: Pick<AwsAccount, "name" | "id">, region: string, purpose: string): string {
  const name = [PROJECT, account.name, purpose, account.id, region].join("-");
  if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(name)) {
    throw new Error(`[account ${account.name}] bucket name "${name}" for purpose "${purpose}" is not a valid S3 bucket name (3–63 lowercase letters, digits, '-')`);
  }
  return name;
}

/** Stack name of an AWS account's bootstrap (local state; applied by an administrator): `fx-trader-bootstrap-<account name>`. */
export function bootstrapStackName(accountName: string): string {
  return [PROJECT, "bootstrap", accountName].join("-");
}
