/**
 * S5: reads a Secrets Manager secret through Terraform's ephemeral `aws_secretsmanager_secret_version`
 * (Terraform ≥ 1.10, AWS provider ≥ 5.83; the stacks pin 6.25.0): the value exists only while Terraform runs
 * and is never written to state or a saved plan. Only provider configurations and other ephemeral contexts
 * may use it.
 */
import { TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";

/** Terraform type of the ephemeral resource. */
export const EPHEMERAL_SECRET_TYPE = "aws_secretsmanager_secret_version";

/**
 * Declares `ephemeral "aws_secretsmanager_secret_version" "<name>"` in `scope`'s stack and returns a
 * reference to its `secret_string`.
 *
 * This is the program's one escape hatch for ephemeral blocks: cdktf 0.21 (and @cdktf/provider-aws 21.x)
 * generate no construct for ephemeral resources, so the block is added as a stack override. Nothing else
 * may add `ephemeral` overrides; `__tests__/constructs/core/ephemeral-secret.test.ts` checks the JSON.
 */
export function ephemeralSecretString(scope: IConstruct, name: string, secretId: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) {
    throw new Error(`ephemeral secret ${JSON.stringify(name)}: name must be a Terraform identifier (lowercase letters, digits, '_')`);
  }
  const stack = TerraformStack.of(scope);
  stack.addOverride(`ephemeral.${EPHEMERAL_SECRET_TYPE}.${name}`, { secret_id: secretId });
  return `\${ephemeral.${EPHEMERAL_SECRET_TYPE}.${name}.secret_string}`;
}
