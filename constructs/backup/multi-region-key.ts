/**
 * A multi-Region `CustomerKey` and its replica (same key material, same alias, same key policy) in the DR
 * region. KMS keys cannot be exported; the replica is their backup (B1, B2 "kept in a safe place"): if the
 * primary region is lost, recovery points copied to the DR vault stay decryptable there.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsReplicaKey } from "@cdktf/provider-aws/lib/kms-replica-key";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { CustomerKey } from "../core/customer-key";
import { protectStateful } from "../core/protection";

export interface MultiRegionKeyProps {
  /** `alias/...`, used in both regions. */
  readonly aliasName: string;
  readonly description: string;
  /** The account whose root administers the key (in both regions). */
  readonly accountId: string;
  /**
   * Key policy statements after the account root, applied to the primary and the replica.
   * @default none
   */
  readonly policyStatements?: readonly DataAwsIamPolicyDocumentStatement[];
  /** Days KMS waits before deleting either key once deletion is scheduled (7–30). */
  readonly deletionWindowDays: number;
  /**
   * Where `deletionWindowDays` comes from, named in error messages.
   * @default none
   */
  readonly deletionWindowSource?: string;
  /** `prevent_destroy` on both keys. */
  readonly protect: boolean;
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
    const { deletionWindowDays, protect } = props;
    this.primary = new CustomerKey(this, "primary", {
      aliasName: props.aliasName,
      description: props.description,
      accountId: props.accountId,
      policyStatements: props.policyStatements,
      deletionWindowDays,
      deletionWindowSource: props.deletionWindowSource,
      multiRegion: true,
      protect,
      provider: props.provider,
    });
    this.replica = protectStateful(
      new KmsReplicaKey(this, "replica", {
        provider: props.drProvider,
        description: `${props.description} (DR replica)`,
        primaryKeyArn: this.primary.arn,
        deletionWindowInDays: deletionWindowDays,
        policy: this.primary.policyDocument.json,
      }),
      protect,
    );
    new KmsAlias(this, "replica-alias", { provider: props.drProvider, name: props.aliasName, targetKeyId: this.replica.keyId });
  }

  /** The primary KMS key. */
  get key(): KmsKey {
    return this.primary.key;
  }
}
