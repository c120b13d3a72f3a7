/**
 * The customer KMS key that encrypts the account's audit evidence (Config history, audit reports). It rotates
 * yearly; its policy leaves permissions to IAM (the account root statement), so the roles that write evidence
 * get exactly the key actions their own policies name.
 */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import type { AwsAccount } from "../../config/types";
import { accountResourceName } from "../core/naming";
import { protectStateful } from "../core/protection";

export interface EvidenceKeyProps {
  readonly account: AwsAccount;
  /** KMS deletion window in days (7–30). */
  readonly deletionWindowDays: number;
  readonly protect: boolean;
}

/** The rotating KMS key (and alias) of the account's audit evidence. */
export class EvidenceKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: EvidenceKeyProps) {
    super(scope, id);
    const days = props.deletionWindowDays;
    if (!Number.isInteger(days) || days < 7 || days > 30) {
      throw new Error(`EvidenceKey ${this.node.path}: deletionWindowDays = ${days}: must be an integer from 7 to 30 (AWS KMS; from security.evidence.keyDeletionWindowDays of account ${props.account.name})`);
    }
    const policy = new DataAwsIamPolicyDocument(this, "policy", {
      statement: [
        {
          sid: "AccountAdministersKeyThroughIam",
          principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${props.account.id}:root`] }],
          actions: ["kms:*"],
          resources: ["*"],
        },
      ],
    });
    this.key = protectStateful(
      new KmsKey(this, "key", {
        description: `${accountResourceName(props.account, "audit-evidence")}: Config history and audit reports`,
        enableKeyRotation: true,
        deletionWindowInDays: days,
        policy: policy.json,
      }),
      props.protect,
    );
    this.alias = new KmsAlias(this, "alias", { name: `alias/${accountResourceName(props.account, "audit-evidence")}`, targetKeyId: this.key.keyId });
  }
}
