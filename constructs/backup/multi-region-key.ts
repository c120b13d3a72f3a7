/**
 * A customer-managed multi-Region KMS key with an alias, and its replica (same key material, same alias) in
 * the DR region. KMS keys cannot be exported; the replica is their backup (B1, B2 "kept in a safe place"):
 * if the primary region is lost, recovery points copied to the DR vault stay decryptable there.
 */
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsReplicaKey } from "@cdktf/provider-aws/lib/kms-replica-key";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { protectStateful } from "../core/protection";

export interface MultiRegionKeyProps {
  /** `alias/...`, used in both regions. */
  readonly alias: string;
  readonly description: string;
  /** Key policy JSON, applied to the primary and the replica. */
  readonly policy: string;
  /** Days KMS waits before deleting the key once deletion is scheduled (7–30). */
  readonly deletionWindowDays: number;
  /** `prevent_destroy` on both keys. */
  readonly protect: boolean;
  /** Provider of the primary region. */
  readonly provider: TerraformProvider;
  /** Provider of the DR region, where the replica lives. */
  readonly drProvider: TerraformProvider;
}

export class MultiRegionKey extends Construct {
  readonly key: KmsKey;
  readonly replica: KmsReplicaKey;
  readonly alias: string;

  constructor(scope: Construct, id: string, props: MultiRegionKeyProps) {
    super(scope, id);
    if (!Number.isInteger(props.deletionWindowDays) || props.deletionWindowDays < 7 || props.deletionWindowDays > 30) {
      throw new Error(`MultiRegionKey ${this.node.path}: deletion window ${props.deletionWindowDays} days must be an integer from 7 to 30 (AWS KMS limit); set backup.keyDeletionWindowDays`);
    }
    if (!props.alias.startsWith("alias/")) throw new Error(`MultiRegionKey ${this.node.path}: alias "${props.alias}" must start with "alias/"`);
    this.alias = props.alias;
    this.key = protectStateful(
      new KmsKey(this, "key", {
        provider: props.provider,
        description: props.description,
        multiRegion: true,
        enableKeyRotation: true,
        deletionWindowInDays: props.deletionWindowDays,
        policy: props.policy,
      }),
      props.protect,
    );
    new KmsAlias(this, "alias", { provider: props.provider, name: props.alias, targetKeyId: this.key.keyId });
    this.replica = protectStateful(
      new KmsReplicaKey(this, "replica", {
        provider: props.drProvider,
        description: `${props.description} (DR replica)`,
        primaryKeyArn: this.key.arn,
        deletionWindowInDays: props.deletionWindowDays,
        policy: props.policy,
      }),
      props.protect,
    );
    new KmsAlias(this, "replica-alias", { provider: props.drProvider, name: props.alias, targetKeyId: this.replica.keyId });
  }
}
