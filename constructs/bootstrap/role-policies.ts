/**
 * The permissions of the Terraform roles CI assumes (bootstrap stack), as IAM identity-policy statements. Pure
 * data, so the tests evaluate exactly what the roles get.
 *
 * - plan (pull requests, deploy plans, drift): AWS's `ReadOnlyAccess`, reading the state (no lock: plans run
 *   `-lock=false`), and `secretsmanager:GetSecretValue` on the environment's read-only Grafana token only.
 * - deploy (the apply jobs of protected GitHub environments): AWS's `PowerUserAccess`, IAM limited to the
 *   project's own roles and policies, state read/write with S3-native locking, and `GetSecretValue` on the
 *   managing Grafana token only.
 *
 * Both (S5, #21): an explicit Deny of `GetSecretValue` on every other secret, and of every other way to read or
 * write a secret value, so no managed policy, present or future, can widen what a pull request's code reads.
 * The further secrets the pipeline reads for Terraform, the SNS endpoints (the backup on-call one per environment,
 * the finding-alert ones per account), are in the list because AWS stores them on the subscription and Terraform
 * in state by nature (see `secrets/catalog.ts` and `accountVariableSecrets`).
 */
import type { EnvironmentConfig, StateBackendConfig } from "../../config/types";
import type { TerraformRole } from "../../secrets/catalog";
import type { AccountConfig } from "../../config/accounts";
import { accountSecretAccess, secretArn, terraformReadableSecrets, terraformSecretAccess, type IamStatement } from "../../secrets/terraform-access";

/** An identity-policy statement in the policy document's own shape. */
export interface IdentityStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action: readonly string[];
  readonly Resource?: readonly string[];
  readonly NotResource?: readonly string[];
}

/** AWS managed policies the roles attach (their content is AWS's; the Deny statements below bound them). */
export const MANAGED_POLICY: Readonly<Record<TerraformRole, string>> = {
  plan: "arn:aws:iam::aws:policy/ReadOnlyAccess",
  deploy: "arn:aws:iam::aws:policy/PowerUserAccess",
};

/** Secrets Manager actions that read or write a secret's value besides `GetSecretValue`. */
export const SECRET_VALUE_ACTIONS = ["secretsmanager:BatchGetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecret", "secretsmanager:RestoreSecret"] as const;

/** What the role may touch in the state bucket and key (the key's ARN is a Terraform reference). */
export interface StateAccess {
  readonly backend: StateBackendConfig;
  readonly keyArn: string;
}

function stateStatements(role: TerraformRole, state: StateAccess): IdentityStatement[] {
  const bucket = `arn:aws:s3:::${state.backend.bucket}`;
  const objects = role === "plan" ? ["s3:GetObject"] : ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"];
  const key = role === "plan" ? ["kms:Decrypt", "kms:DescribeKey"] : ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"];
  return [
    { Sid: "StateBucket", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketVersioning"], Resource: [bucket] },
    { Sid: "StateObjects", Effect: "Allow", Action: objects, Resource: [`${bucket}/fx-trader/*`] },
    { Sid: "StateKey", Effect: "Allow", Action: key, Resource: [state.keyArn] },
  ];
}

function secretStatements(allow: IamStatement | undefined, readable: readonly string[]): IdentityStatement[] {
  const grants: IdentityStatement[] = allow && allow.Resource.length > 0 ? [allow] : [];
  return [
    ...grants,
    // NotResource: GetSecretValue is denied on every ARN but the ones granted above (none for account roles).
    readable.length > 0
      ? { Sid: "DenyOtherSecretValues", Effect: "Deny", Action: ["secretsmanager:GetSecretValue"], NotResource: readable }
      : { Sid: "DenyOtherSecretValues", Effect: "Deny", Action: ["secretsmanager:GetSecretValue"], Resource: ["*"] },
    { Sid: "DenySecretValueAccess", Effect: "Deny", Action: [...SECRET_VALUE_ACTIONS], Resource: ["*"] },
  ];
}

/** IAM actions the deploy role needs on the project's own roles and policies (created by the stacks). */
export const PROJECT_IAM_ACTIONS = [
  "iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:UntagRole", "iam:PassRole",
  "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:ListAttachedRolePolicies",
  "iam:ListInstanceProfilesForRole", "iam:CreatePolicy", "iam:DeletePolicy", "iam:GetPolicy", "iam:GetPolicyVersion", "iam:CreatePolicyVersion", "iam:DeletePolicyVersion",
  "iam:ListPolicyVersions", "iam:TagPolicy", "iam:UntagPolicy",
] as const;

function iamStatements(accountId: string): IdentityStatement[] {
  return [
    { Sid: "ManageProjectIam", Effect: "Allow", Action: [...PROJECT_IAM_ACTIONS], Resource: [`arn:aws:iam::${accountId}:role/fx-trader-*`, `arn:aws:iam::${accountId}:policy/fx-trader-*`] },
    { Sid: "AccountIam", Effect: "Allow", Action: ["iam:CreateServiceLinkedRole", "iam:GetAccountPasswordPolicy", "iam:UpdateAccountPasswordPolicy", "iam:ListRoles", "iam:ListPolicies"], Resource: ["*"] },
    // The roles CI itself assumes are the bootstrap's (local state, an administrator's apply): never CI's to change.
    { Sid: "DenyChangingCiRoles", Effect: "Deny", Action: ["iam:*"], Resource: [`arn:aws:iam::${accountId}:role/fx-trader-*-terraform-*`] },
  ];
}

/** The inline policy statements of an environment's Terraform role. */
export function environmentRoleStatements(config: EnvironmentConfig, role: TerraformRole, state: StateAccess): IdentityStatement[] {
  const readable = terraformReadableSecrets(config, role).map((name) => secretArn(config, name));
  return [
    ...stateStatements(role, state),
    ...(role === "deploy" ? iamStatements(config.account.id) : []),
    ...secretStatements(terraformSecretAccess(config, role), readable),
  ];
}

/**
 * The inline policy statements of an account stack's Terraform role: of the secrets, only the account's
 * finding-alert SNS endpoints, which the pipeline passes to the account stack as input variables.
 */
export function accountRoleStatements(account: Pick<AccountConfig, "id" | "region" | "security">, role: TerraformRole, state: StateAccess): IdentityStatement[] {
  const access = accountSecretAccess(account, role);
  return [...stateStatements(role, state), ...(role === "deploy" ? iamStatements(account.id) : []), ...secretStatements(access, access.Resource)];
}

/** A policy document (JSON) of `statements`. */
export function policyDocument(statements: readonly IdentityStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
