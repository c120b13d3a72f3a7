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

export class SecretEntries extends Construct {
  readonly secrets: readonly SecretsmanagerSecret[];

  constructor(scope: Construct, id: string, props: { readonly config: EnvironmentConfig }) {
    super(scope, id);
    this.secrets = environmentSecrets(props.config).map((definition) =>
      protectStateful(
        new SecretsmanagerSecret(this, definition.id, {
          name: secretName(props.config, definition),
          description: definition.description,
          recoveryWindowInDays: SECRET_RECOVERY_WINDOW_DAYS,
        }),
        true,
      ),
    );
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
      protectStateful(
        new SecretsmanagerSecret(this, v.severity, {
          name: v.secret,
          description: `HTTPS endpoint of the ${v.severity} security finding topic's on-call receiver (the account stack's ${v.environmentVariable})`,
          recoveryWindowInDays: SECRET_RECOVERY_WINDOW_DAYS,
        }),
        true,
      ),
    );
  }
}
