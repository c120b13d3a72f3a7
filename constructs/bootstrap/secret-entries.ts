/**
 * S5: the Secrets Manager entries of an environment (secrets/catalog.ts), created without a value: no
 * `aws_secretsmanager_secret_version`, so no value is ever in this stack's state. Operators put each value
 * with the AWS CLI or console (README, first deploy). Protected from destruction; a deleted one is
 * recoverable for 30 days.
 */
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { Construct } from "constructs";
import type { AccountConfig } from "../../config/accounts";
import type { EnvironmentConfig } from "../../config/types";
import { accountVariableSecrets } from "../../secrets/terraform-access";
import { environmentSecrets, secretName } from "../../secrets/catalog";
import { protectStateful } from "../core/protection";

/** Days Secrets Manager keeps a deleted secret recoverable (its maximum). */
export const SECRET_RECOVERY_WINDOW_DAYS = 30;

/** One entry without a value, protected from destruction. */
function valuelessSecret(scope: Construct, id: string, name: string, description: string): SecretsmanagerSecret {
  return protectStateful(new SecretsmanagerSecret(scope, id, { name, description, recoveryWindowInDays: SECRET_RECOVERY_WINDOW_DAYS }), true);
}

export class SecretEntries extends Construct {
  readonly secrets: readonly SecretsmanagerSecret[];

  constructor(scope: Construct, id: string, props: { readonly config: EnvironmentConfig }) {
    super(scope, id);
    this.secrets = environmentSecrets(props.config).map((d) => valuelessSecret(this, d.id, secretName(props.config, d), d.description));
  }
}

/**
 * S5: the account's own Secrets Manager entries (the finding-alert SNS endpoints the account stack's variables come
 * from, `accountVariableSecrets`), created without a value like the environments' ones.
 */
export class AccountSecretEntries extends Construct {
  readonly secrets: readonly SecretsmanagerSecret[];

  constructor(scope: Construct, id: string, props: { readonly account: Pick<AccountConfig, "security"> }) {
    super(scope, id);
    this.secrets = accountVariableSecrets(props.account).map((v) =>
      valuelessSecret(this, v.severity, v.secret, `HTTPS endpoint of the ${v.severity} security finding topic's on-call receiver (the account stack's ${v.environmentVariable})`),
    );
  }
}
