/** The KMS key that encrypts the observability buckets (Loki chunks and rules, Tempo traces). */
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "../../config/types";
import { resourceName } from "../core/naming";
import { protectStateful } from "../core/protection";

export interface StorageKeyProps {
  readonly config: EnvironmentConfig;
}

/**
 * A customer-managed, yearly-rotated KMS key with the account's default key policy: access is granted by
 * IAM policies (the pod roles name this key's ARN), so the key policy needs no per-role statements.
 * Protected from destruction like the data it encrypts.
 */
export class StorageKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: StorageKeyProps) {
    super(scope, id);
    const { config } = props;
    this.key = protectStateful(
      new KmsKey(this, "key", {
        description: `${resourceName(config, "observability")}: Loki and Tempo object storage`,
        enableKeyRotation: true,
        deletionWindowInDays: config.observability.storageKeyDeletionWindowDays,
      }),
      config.protectStatefulResources,
    );
    this.alias = new KmsAlias(this, "alias", { name: `alias/${resourceName(config, "observability")}`, targetKeyId: this.key.keyId });
  }

  /** ARN of the key. */
  get arn(): string {
    return this.key.arn;
  }
}
