/**
 * S5: the Secrets Manager access a Terraform role of an environment needs, as IAM policy statements for the
 * bootstrap roles (plan: every CI plan, read-only; deploy: the CI apply jobs). No role may read a secret the
 * pods use: those reach the cluster through External Secrets Operator. A plan role reads the read-only
 * Grafana token, a deploy role the managing one, and both the backup on-call endpoint, which the pipeline
 * passes to the data layer as a sensitive input variable (stored in state by nature). Nothing else: no `secretsmanager:*`, no wildcard beyond the
 * six-character suffix Secrets Manager appends to every secret ARN.
 */
import type { AccountConfig } from "../config/accounts";
import type { EnvironmentConfig } from "../config/types";
import { environmentSecrets, secretName, type TerraformRole } from "./catalog";

/** An IAM policy statement in the policy document's own shape. */
export interface IamStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
}

/**
 * ARN of a secret by name: Secrets Manager appends `-` and six random characters to every secret ARN, which
 * `-??????` matches exactly (a `*` would also match `<name>-other`).
 */
export function secretArn(config: { readonly region: string; readonly account: { readonly id: string } }, name: string): string {
  return `arn:aws:secretsmanager:${config.region}:${config.account.id}:secret:${name}-??????`;
}

/** The Secrets Manager names a Terraform role of `config` may read, sorted. */
export function terraformReadableSecrets(config: EnvironmentConfig, role: TerraformRole): string[] {
  return environmentSecrets(config)
    .filter((s) => s.terraform?.roles.includes(role))
    .map((s) => secretName(config, s))
    .sort();
}

/**
 * The one statement granting `role` of `config` its secrets: `GetSecretValue` on exactly
 * {@link terraformReadableSecrets}. Import it into the bootstrap role's policy; add no other Secrets Manager
 * read action.
 */
export function terraformSecretAccess(config: EnvironmentConfig, role: TerraformRole): IamStatement {
  return {
    Sid: `ReadTerraformSecrets${role === "plan" ? "Plan" : "Deploy"}`,
    Effect: "Allow",
    Action: ["secretsmanager:GetSecretValue"],
    Resource: terraformReadableSecrets(config, role).map((name) => secretArn(config, name)),
  };
}

/** A secret the pipeline passes to a stack layer as a sensitive Terraform input variable. */
export interface TerraformVariableSecret {
  readonly layer: "grafana" | "data";
  /** Terraform variable name, e.g. `backup_on_call_endpoint`. */
  readonly variable: string;
  /** Environment variable the pipeline sets before plan and apply: `TF_VAR_<variable>`. */
  readonly environmentVariable: string;
  /** Secrets Manager name the pipeline reads it from (with the plan or deploy role). */
  readonly secret: string;
}

/**
 * The input variables the pipeline must set for `config`'s stacks, from which secrets: read each with
 * `aws secretsmanager get-secret-value` and export it as `environmentVariable` (masked) before plan and apply.
 */
export function terraformVariableSecrets(config: EnvironmentConfig): TerraformVariableSecret[] {
  return environmentSecrets(config).flatMap((s) =>
    s.terraform?.read === "variable" ? [{ layer: s.terraform.layer, variable: s.terraform.variable, environmentVariable: `TF_VAR_${s.terraform.variable}`, secret: secretName(config, s) }] : [],
  );
}

type FindingSeverity = keyof AccountConfig["security"]["findingAlertEndpointSecrets"];

/** A secret the pipeline passes to an account stack as a sensitive Terraform input variable. */
export interface AccountVariableSecret {
  readonly severity: FindingSeverity;
  /** Terraform variable name, e.g. `security_alert_endpoint_critical`. */
  readonly variable: string;
  /** Environment variable the pipeline sets before plan: `TF_VAR_<variable>`. */
  readonly environmentVariable: string;
  /** Secrets Manager name the pipeline reads it from (with the account stack's plan or deploy role). */
  readonly secret: string;
}

/**
 * The input variables of an account stack and the secrets they come from: each finding severity's HTTPS endpoint
 * URL (constructs/security/security-alerts.ts), which the SNS subscription stores in state anyway, as the backup
 * on-call endpoint does per environment. Nothing else of the account is secret to Terraform.
 */
export function accountVariableSecrets(account: Pick<AccountConfig, "security">): readonly AccountVariableSecret[] {
  const severities: readonly FindingSeverity[] = ["critical", "warning", "info"];
  return severities.map((severity) => {
    const variable = `security_alert_endpoint_${severity}`;
    return { severity, variable, environmentVariable: `TF_VAR_${variable}`, secret: account.security.findingAlertEndpointSecrets[severity] };
  });
}

/** The one statement granting an account stack's role its secrets: `GetSecretValue` on exactly the endpoints above. */
export function accountSecretAccess(account: Pick<AccountConfig, "security" | "region" | "id">, role: TerraformRole): IamStatement {
  return {
    Sid: `ReadAccountTerraformSecrets${role === "plan" ? "Plan" : "Deploy"}`,
    Effect: "Allow",
    Action: ["secretsmanager:GetSecretValue"],
    Resource: [...new Set(accountVariableSecrets(account).map((v) => v.secret))].sort().map((name) => secretArn({ region: account.region, account: { id: account.id } }, name)),
  };
}
