/**
 * Synthesis of the bootstrap stacks (stacks/bootstrap-stack.ts), the entry point of `npm run bootstrap:synth`
 * and of the validation of every synthesized stack (`npm run validate`): every stack passes the policy gate
 * (app/policy/) or synthesis fails.
 */
import { App } from "cdktf";
import path from "node:path";
import type { EnvironmentConfig } from "../config/types";
import { addBootstrapStacks } from "../stacks/bootstrap-stack";
import { enforceOnEveryStack } from "./policy/security-policy";

/** Synthesizes the bootstrap stacks of `environments` into `outdir`; returns each stack's name and folder (for `terraform`). */
export function synthesizeBootstrap(environments: readonly EnvironmentConfig[], outdir: string): Array<{ name: string; dir: string }> {
  const app = new App({ outdir });
  const stacks = addBootstrapStacks(app, environments);
  // S3/S4: every bootstrap stack passes the policy rules (or carries a written waiver) or synthesis fails.
  enforceOnEveryStack(app);
  app.synth();
  return stacks.map((s) => ({ name: s.node.id, dir: path.join(outdir, "stacks", s.node.id) }));
}
