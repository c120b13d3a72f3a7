/**
 * S6: the key policy of a key whose loss destroys evidence or backups (the backup vault and data keys, the log
 * key, the account's audit evidence key). Administration and use are separate statements delegated to the
 * account's IAM policies, and the actions that make the key unusable or change who may use it (deletion,
 * disabling, policy replacement, rotation off, key-material deletion) are denied to every principal but the
 * break-glass role, and to that role too unless its session was assumed with MFA.
 *
 * The default policy (`kms:*` to the account root) lets any IAM administrator or the deploy role schedule the
 * deletion of the key, and with it every compliance-locked recovery point it encrypts.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { condition } from "./policy-statements";

/** The actions a guarded key denies to everyone but the break-glass role with MFA. */
export const PROTECTED_KEY_ACTIONS = [
  "kms:ScheduleKeyDeletion",
  "kms:DisableKey",
  "kms:PutKeyPolicy",
  "kms:DisableKeyRotation",
  "kms:DeleteImportedKeyMaterial",
] as const;

/** Use of the key (what AWS's default key policy calls "key users"), granted through IAM policies. */
export const KEY_USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey", "kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"] as const;

/**
 * Administration of the key (AWS's default "key administrators" statement), granted through IAM policies; the
 * protected actions among them are denied by the statements below except to the break-glass role.
 */
export const KEY_ADMIN_ACTIONS = [
  "kms:Create*",
  "kms:Describe*",
  "kms:Enable*",
  "kms:List*",
  "kms:Put*",
  "kms:Update*",
  "kms:Revoke*",
  "kms:Disable*",
  "kms:Get*",
  "kms:Delete*",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:RotateKeyOnDemand",
  "kms:ReplicateKey",
] as const;

/** Sids of a guarded key policy's statements, in order. */
export const KEY_GUARD_SIDS = {
  use: "AllowKeyUseThroughIamPolicies",
  admin: "AllowKeyAdministrationThroughIamPolicies",
  breakGlassOnly: "DenyKeyDestructionExceptBreakGlass",
  mfa: "DenyKeyDestructionWithoutMfa",
} as const;

/** Who alone may destroy a guarded key. */
export interface KeyGuard {
  /** ARN of the break-glass role (`arn:aws:iam::<account>:role/<name>`), assumed with MFA. */
  readonly breakGlassRoleArn: string;
}

/** The guarded key policy's statements (before any service statements). */
export function guardedKeyStatements(accountId: string, guard: KeyGuard): DataAwsIamPolicyDocumentStatement[] {
  const root = [{ type: "AWS", identifiers: [`arn:aws:iam::${accountId}:root`] }];
  const everyone = [{ type: "AWS", identifiers: ["*"] }];
  return [
    { sid: KEY_GUARD_SIDS.use, effect: "Allow", principals: root, actions: [...KEY_USE_ACTIONS], resources: ["*"] },
    { sid: KEY_GUARD_SIDS.admin, effect: "Allow", principals: root, actions: [...KEY_ADMIN_ACTIONS], resources: ["*"] },
    {
      sid: KEY_GUARD_SIDS.breakGlassOnly,
      effect: "Deny",
      principals: everyone,
      actions: [...PROTECTED_KEY_ACTIONS],
      resources: ["*"],
      condition: [condition("ArnNotEquals", "aws:PrincipalArn", [guard.breakGlassRoleArn])],
    },
    {
      sid: KEY_GUARD_SIDS.mfa,
      effect: "Deny",
      principals: everyone,
      actions: [...PROTECTED_KEY_ACTIONS],
      resources: ["*"],
      condition: [condition("BoolIfExists", "aws:MultiFactorAuthPresent", ["false"])],
    },
  ];
}

/** The guard naming an account's break-glass role by name (`backup.breakGlassRoleName`, `security.breakGlassRoleName`). */
export function breakGlassGuard(accountId: string, roleName: string): KeyGuard {
  return { breakGlassRoleArn: `arn:aws:iam::${accountId}:role/${roleName}` };
}
