/**
 * A customer-managed KMS key with an alias: rotated yearly by KMS (`enable_key_rotation`), protected from
 * destruction, optionally multi-Region (a primary whose replicas the caller creates in other regions).
 *
 * The key policy starts with the account root, so IAM policies govern use as AWS recommends, and grows with
 * one statement per AWS service that needs the key, added by the construct that sets up that service
 * (`addToPolicy`), each scoped to this account and to the resources that service writes.
 */
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { guardedKeyStatements, type KeyGuard } from "./key-guard";
import { allowAws } from "./policy-statements";
import { waive } from "../policy/waiver";
import { protectStateful } from "./protection";

/** The policy-document rules a key policy cannot pass, and what it grants that trips them. */
const KEY_POLICY_WAIVERS: ReadonlyArray<readonly [string, string]> = [
  ["CKV_AWS_356", "it grants KMS actions"],
  ["CKV_AWS_111", "it grants KMS write actions (administration, or use such as kms:Encrypt)"],
  ["CKV_AWS_109", "it grants KMS permissions-management actions (kms:CreateGrant, kms:PutKeyPolicy for administration)"],
];

/** AWS KMS's limits on the deletion window, in days. */
export const KMS_DELETION_WINDOW_DAYS = { min: 7, max: 30 } as const;

/** Sid of the key policy statement that delegates the key's administration to IAM policies of the account. */
export const ACCOUNT_ROOT_SID = "EnableIamPoliciesOfTheAccount";

export interface CustomerKeyProps {
  /** The alias, `alias/<name>` (from the naming helper). */
  readonly aliasName: string;
  /** What the key encrypts, shown in the console and in plans. */
  readonly description: string;
  /** The account whose root (and so whose IAM policies) administers the key. */
  readonly accountId: string;
  /**
   * Statements after the account root statement (e.g. an AWS service that writes with the key).
   * @default none; add more with `addToPolicy`
   */
  readonly policyStatements?: readonly DataAwsIamPolicyDocumentStatement[];
  /**
   * Days KMS waits before deleting the key once deletion is scheduled (7–30).
   * @default KMS's default and maximum, 30 (not written to the resource)
   */
  readonly deletionWindowDays?: number;
  /**
   * Where `deletionWindowDays` comes from, named in error messages (e.g. `[prod] backup.keyDeletionWindowDays`).
   * @default none
   */
  readonly deletionWindowSource?: string;
  /**
   * A multi-Region primary key, so replicas in other regions share its key material.
   * @default false
   */
  readonly multiRegion?: boolean;
  /**
   * Sets `prevent_destroy` on the key; environments relax it only through `protectStatefulResources`.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * S6: a key whose loss destroys evidence or backups: administration and use in separate statements, and
   * deletion, disabling and policy changes denied to everyone but the break-glass role with MFA
   * (`guardedKeyStatements`). KMS's lockout safety check is bypassed for such a key, because the principal
   * creating it (the deploy role) is itself denied `kms:PutKeyPolicy`; the break-glass role keeps it, so
   * changing a guarded key's policy later is an apply as the break-glass role.
   * @default none: the account root statement (`kms:*`)
   */
  readonly guard?: KeyGuard;
  /**
   * Provider of the key, its alias and its policy document.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

export class CustomerKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;
  readonly aliasName: string;
  /** The break-glass guard of the key policy, when the key has one. */
  readonly guard?: KeyGuard;
  readonly policyDocument: DataAwsIamPolicyDocument;
  private readonly statements: DataAwsIamPolicyDocumentStatement[];

  constructor(scope: Construct, id: string, props: CustomerKeyProps) {
    super(scope, id);
    const { provider, deletionWindowDays: days } = props;
    const where = `CustomerKey ${this.node.path}`;
    if (days !== undefined && (!Number.isInteger(days) || days < KMS_DELETION_WINDOW_DAYS.min || days > KMS_DELETION_WINDOW_DAYS.max)) {
      const from = props.deletionWindowSource !== undefined ? `; from ${props.deletionWindowSource}` : "";
      throw new Error(`${where}: deletionWindowDays = ${days}: must be an integer from ${KMS_DELETION_WINDOW_DAYS.min} to ${KMS_DELETION_WINDOW_DAYS.max} (AWS KMS limit${from})`);
    }
    if (!/^alias\/[a-zA-Z0-9/_-]+$/.test(props.aliasName) || props.aliasName.startsWith("alias/aws/")) {
      throw new Error(`${where}: aliasName = "${props.aliasName}": must be "alias/" followed by letters, digits, "/", "_" or "-", and not start with "alias/aws/" (reserved for AWS managed keys)`);
    }
    this.aliasName = props.aliasName;
    this.guard = props.guard;
    const head = props.guard !== undefined ? guardedKeyStatements(props.accountId, props.guard) : [allowAws(ACCOUNT_ROOT_SID, `arn:aws:iam::${props.accountId}:root`, ["kms:*"], ["*"])];
    this.statements = [...head, ...(props.policyStatements ?? [])];
    this.policyDocument = new DataAwsIamPolicyDocument(this, "policy", { provider, statement: [...this.statements] });
    // checkov runs its identity-policy checks on every policy document, key policies included. In a key policy
    // `Resource: "*"` can only mean this key, and each statement is scoped by its principal (and, for services,
    // by conditions), so the "no restrictable action on *" checks cannot hold here.
    for (const [ruleId, what] of KEY_POLICY_WAIVERS) waive(this.policyDocument, ruleId, `key policy: ${what} on "Resource: *", which in a key policy is this key alone; each statement names its principal (the account root or admin/break-glass roles, or a service with aws:SourceAccount/ARN conditions)`);
    this.key = protectStateful(
      new KmsKey(this, "key", {
        provider,
        description: props.description,
        ...(props.multiRegion === true ? { multiRegion: true } : {}),
        enableKeyRotation: true,
        ...(props.guard !== undefined ? { bypassPolicyLockoutSafetyCheck: true } : {}),
        ...(days !== undefined ? { deletionWindowInDays: days } : {}),
        policy: this.policyDocument.json,
      }),
      props.protect ?? true,
    );
    this.alias = new KmsAlias(this, "alias", { provider, name: this.aliasName, targetKeyId: this.key.keyId });
  }

  /** Key ARN. */
  get arn(): string {
    return this.key.arn;
  }

  /** Adds a statement to the key policy (e.g. an AWS service that writes with the key). */
  addToPolicy(statement: DataAwsIamPolicyDocumentStatement): void {
    this.statements.push(statement);
    this.policyDocument.putStatement([...this.statements]);
  }
}
