/**
 * A multi-Region `CustomerKey` and its replica (same key material, same alias, same key policy) in the DR
 * region. KMS keys cannot be exported; the replica is their backup (B1, B2 "kept in a safe place"): if the
 * primary region is lost, recovery points copied to the DR vault stay decryptable there.
 */
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsReplicaKey } from "@cdktf/provider-aws/lib/kms-replica-key";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { CustomerKey, type CustomerKeyProps } from "../core/customer-key";
import { protectStateful } from "../core/protection";

/** A `CustomerKey`'s props (always multi-Region), plus the DR region's provider for the replica. */
export interface MultiRegionKeyProps extends Omit<CustomerKeyProps, "multiRegion" | "provider"> {
  /** Provider of the primary region. */
  readonly provider: TerraformProvider;
  /** Provider of the DR region, where the replica lives. */
  readonly drProvider: TerraformProvider;
}

export class MultiRegionKey extends Construct {
  /** The primary key, its alias and its policy. */
  readonly primary: CustomerKey;
  readonly replica: KmsReplicaKey;

  constructor(scope: Construct, id: string, props: MultiRegionKeyProps) {
    super(scope, id);
    const { drProvider, ...primary } = props;
    this.primary = new CustomerKey(this, "primary", { ...primary, multiRegion: true });
    // The replica shares the primary's policy document, deletion window and protection.
    this.replica = protectStateful(
      new KmsReplicaKey(this, "replica", {
        provider: drProvider,
        description: `${props.description} (DR replica)`,
        primaryKeyArn: this.primary.arn,
        ...(props.guard !== undefined ? { bypassPolicyLockoutSafetyCheck: true } : {}),
        ...(props.deletionWindowDays !== undefined ? { deletionWindowInDays: props.deletionWindowDays } : {}),
        policy: this.primary.policyDocument.json,
      }),
      props.protect ?? true,
    );
    new KmsAlias(this, "replica-alias", { provider: drProvider, name: props.aliasName, targetKeyId: this.replica.keyId });
  }

  /** The primary KMS key. */
  get key(): KmsKey {
    return this.primary.key;
  }
}
