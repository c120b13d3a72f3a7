/**
 * Attaches the policy checks to a stack as a cdktf validation, so `app.synth()` fails — before anything is
 * written — when a resource breaks a rule that no waiver covers. The check reads the stack's final Terraform
 * JSON (after aspects and cross-stack references), i.e. exactly what Terraform would get.
 */
import type { TerraformStack } from "cdktf";
import type { IValidation } from "constructs";
import { checkStackJson, formatFinding, type PolicyFinding, type PolicyResult } from "./check";
import type { TerraformJson } from "./private/stack-model";
import { waiversIn } from "./waiver";

/** Thrown by synthesis when a stack breaks a policy rule; lists every violation of that stack. */
export class PolicyViolationError extends Error {
  constructor(
    readonly stack: string,
    readonly violations: readonly PolicyFinding[],
  ) {
    super(
      `policy check failed for stack ${stack} (${violations.length} violation${violations.length === 1 ? "" : "s"}; rules in docs/security.md):\n` +
        violations.map((v) => `  - ${formatFinding(v)}`).join("\n"),
    );
    this.name = "PolicyViolationError";
  }
}

/** Runs the policy rules over `stack`'s synthesized JSON with its waivers. */
export function checkStack(stack: TerraformStack): PolicyResult {
  return checkStackJson(stack.toTerraform() as TerraformJson, waiversIn(stack));
}

class SecurityPolicyValidation implements IValidation {
  constructor(private readonly stack: TerraformStack) {}

  validate(): string[] {
    const { violations } = checkStack(this.stack);
    // Thrown rather than returned: cdktf's generic message for returned errors suggests `skipValidation`,
    // which is not a way out of a security gate; main.ts prints this error and writes nothing.
    if (violations.length > 0) throw new PolicyViolationError(this.stack.node.id, violations);
    return [];
  }
}

const enforced = new WeakSet<TerraformStack>();

/** Enforces every policy rule on `stack` at synth (idempotent). Waivers print as summary notes of their stack. */
export function enforceSecurityPolicy(stack: TerraformStack): void {
  if (enforced.has(stack)) return;
  enforced.add(stack);
  stack.node.addValidation(new SecurityPolicyValidation(stack));
}
