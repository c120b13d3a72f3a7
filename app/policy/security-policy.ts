/**
 * Puts the policy checks in front of a stack's output: `enforceSecurityPolicy` wraps the stack's synthesizer,
 * so synthesis fails when the stack's written Terraform JSON — exactly what Terraform would get, after aspects
 * and cross-stack references — breaks a rule that no waiver covers. The JSON is read back from the file cdktf
 * just wrote rather than rebuilt, which would resolve every token of the stack a second time. The app
 * pipeline's entry points that write Terraform JSON (`synthesize()`, app/synthesize.ts; `synthesizeBootstrap()`,
 * app/synthesize-bootstrap.ts) put every stack of their app behind it (`enforceOnEveryStack`); `synthesize()`
 * writes into a staging folder, so a failing check still publishes nothing.
 */
import { TerraformStack, type App, type ISynthesisSession, type IStackSynthesizer } from "cdktf";
import { writtenStackJson } from "../../constructs/core/written-stack";
import { checkStackJson, formatFinding, type PolicyFinding, type PolicyResult } from "./check";
import type { TerraformJson } from "./private/stack-model";
import { waiversIn } from "../../constructs/policy/waiver";

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

/** Runs the policy rules over `stack`'s Terraform JSON (built now) with its waivers. */
export function checkStack(stack: TerraformStack): PolicyResult {
  return checkStackJson(stack.toTerraform() as TerraformJson, waiversIn(stack));
}

/** Throws `PolicyViolationError` when `json`, the Terraform JSON of `stack`, has a violation. */
function enforce(stack: TerraformStack, json: TerraformJson): void {
  const { violations } = checkStackJson(json, waiversIn(stack));
  // A thrown error, not a cdktf validation message: cdktf's generic message for failed validations
  // suggests `skipValidation`, which is not a way out of a security gate. main.ts prints this error.
  if (violations.length > 0) throw new PolicyViolationError(stack.node.id, violations);
}

/** Synthesizes with cdktf's own synthesizer, then checks the JSON file it wrote. */
class PolicyGate implements IStackSynthesizer {
  constructor(
    private readonly stack: TerraformStack,
    private readonly inner: IStackSynthesizer,
  ) {}

  synthesize(session: ISynthesisSession): void {
    this.inner.synthesize(session);
    const json = writtenStackJson(this.stack, session.outdir, session.manifest) as TerraformJson;
    enforce(this.stack, json);
    checked.set(this.stack, { outdir: session.outdir, json });
  }
}

/** The JSON each gated stack's last synthesis wrote and the gate checked, with the folder it was written to. */
const checked = new WeakMap<TerraformStack, { readonly outdir: string; readonly json: TerraformJson }>();

/**
 * The Terraform JSON the gate checked when `stack` was last synthesized into `outdir` (read from the file written
 * there), or undefined when it was not: for the summary, which then needs neither the file read nor parsed again.
 */
export function checkedStackJson(stack: TerraformStack, outdir: string): TerraformJson | undefined {
  const last = checked.get(stack);
  return last?.outdir === outdir ? last.json : undefined;
}

const enforced = new WeakSet<TerraformStack>();

/**
 * Enforces every policy rule on `stack` whenever it is synthesized (`app.synth()`, `Testing.fullSynth`);
 * idempotent. Waivers print as summary notes of their stack.
 */
export function enforceSecurityPolicy(stack: TerraformStack): void {
  if (enforced.has(stack)) return;
  enforced.add(stack);
  stack.synthesizer = new PolicyGate(stack, stack.synthesizer);
}

/** Enforces every policy rule on every stack of `app` (`enforceSecurityPolicy`); returns those stacks. */
export function enforceOnEveryStack(app: App): TerraformStack[] {
  const stacks = app.node.children.filter(TerraformStack.isStack);
  for (const stack of stacks) enforceSecurityPolicy(stack);
  return stacks;
}
