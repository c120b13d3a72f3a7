/**
 * The KMS key that encrypts the observability buckets (Loki chunks and rules, Tempo traces): a `CustomerKey`
 * whose policy is the account root alone. Access is granted by IAM policies (the pod roles name this key's
 * ARN), so the key policy needs no per-role statements.
 */
import type { EnvironmentConfig } from "../../config/types";
import type { CustomerKeyProps } from "../core/customer-key";
import { resourceName } from "../core/naming";

/** The props of an environment's storage key, for `new CustomerKey(scope, id, storageKeyProps(config))`. */
export function storageKeyProps(config: Pick<EnvironmentConfig, "name" | "account" | "observability" | "protectStatefulResources">): CustomerKeyProps {
  return {
    aliasName: `alias/${resourceName(config, "observability")}`,
    description: `${resourceName(config, "observability")}: Loki and Tempo object storage`,
    accountId: config.account.id,
    deletionWindowDays: config.observability.storageKeyDeletionWindowDays,
    deletionWindowSource: `[${config.name}] observability.storageKeyDeletionWindowDays`,
    protect: config.protectStatefulResources,
  };
}
