/**
 * `npm run bootstrap:synth`: writes the bootstrap stack of every AWS account (stacks/bootstrap-stack.ts) to
 * `bootstrap.out/stacks/fx-trader-bootstrap-<account>/`, for an administrator to apply once per account with
 * Terraform (README, first deploy). Builds every environment of the registry; fails on a config error or a policy violation.
 */
import { ConfigValidationError, selectEnvironments } from "../config";
import { PolicyViolationError } from "../app/policy/security-policy";
import { synthesizeBootstrap } from "../app/synthesize-bootstrap";

export const BOOTSTRAP_OUTDIR = "bootstrap.out";

try {
  for (const s of synthesizeBootstrap(selectEnvironments(undefined), BOOTSTRAP_OUTDIR)) console.log(`fx-trader bootstrap: ${BOOTSTRAP_OUTDIR}/stacks/${s.name}`);
} catch (error) {
  if (!(error instanceof ConfigValidationError || error instanceof PolicyViolationError)) throw error;
  console.error(`fx-trader bootstrap: ${error.message}\nfx-trader bootstrap: nothing was written.`);
  process.exitCode = 1;
}
