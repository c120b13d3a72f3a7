/**
 * The customer KMS key that encrypts an environment's log buckets, CloudTrail log files and CloudWatch log
 * groups: a `CustomerKey` (rotated yearly, protected from destruction) whose policy grows with one statement
 * per AWS service that writes logs with it, added by the construct that sets up that service.
 */
import type { EnvironmentConfig } from "../../config/types";
import type { CustomerKeyProps } from "../core/customer-key";
import { breakGlassGuard } from "../core/key-guard";
import { resourceName } from "../core/naming";

/** The log key's alias, `alias/fx-trader-<env>-logs`. */
export function logKeyAliasName(config: Pick<EnvironmentConfig, "name">): string {
  return `alias/${resourceName(config, "logs")}`;
}

/** The props of an environment's log key, for `new CustomerKey(scope, id, logKeyProps(config))`. */
export function logKeyProps(config: Pick<EnvironmentConfig, "name" | "account" | "backup" | "protectStatefulResources">): CustomerKeyProps {
  return {
    aliasName: logKeyAliasName(config),
    description: `${resourceName(config, "logs")}: log buckets, CloudTrail and CloudWatch log groups (L2)`,
    accountId: config.account.id,
    // No deletion window: KMS's default and maximum, 30 days, is the longest chance to undo a scheduled
    // deletion of the key every log archive depends on.
    protect: config.protectStatefulResources,
    // S6: the audit bucket's Object Lock is only as durable as this key.
    guard: breakGlassGuard(config.account.id, config.backup.breakGlassRoleName),
  };
}
