/**
 * Entry point: the only place that reads the process environment. Selects and validates environments,
 * then synthesizes their stacks. Defines no resources.
 *
 *   FX_ENVIRONMENTS=prod,staging   limit the environments built (default: all)
 *   CDKTF_OUTDIR                   set by the cdktf CLI (`cdktf synth|diff|deploy`); output goes there
 *   FX_REVIEW_DIR                  where review files go (default `out`)
 *   FX_SUMMARY=detailed            list every resource type in the summary, not service families
 */
import { ConfigValidationError, selectEnvironments, UnknownEnvironmentError } from "./config";
import { PolicyViolationError } from "./constructs/policy/security-policy";
import { formatSummary, synthesize } from "./stacks/synthesize";

function main(): number {
  try {
    const environments = selectEnvironments(process.env.FX_ENVIRONMENTS);
    const options = {
      environments,
      outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out",
      reviewDir: process.env.FX_REVIEW_DIR ?? "out",
    };
    const result = synthesize(options);
    console.log(formatSummary(result, options, { detailed: process.env.FX_SUMMARY === "detailed" }));
    return 0;
  } catch (error) {
    if (error instanceof UnknownEnvironmentError || error instanceof ConfigValidationError || error instanceof PolicyViolationError) {
      console.error(`fx-trader: ${error.message}`);
      console.error("fx-trader: nothing was written.");
      return 1;
    }
    throw error;
  }
}

process.exitCode = main();
