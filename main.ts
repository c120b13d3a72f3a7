/**
 * Entry point: the only place that reads the process environment. Selects and validates environments,
 * then synthesizes their stacks. Defines no resources.
 *
 *   FX_ENVIRONMENTS=prod,staging   limit the environments built (default: all; blank also builds all, and says so)
 *   CDKTF_OUTDIR                   set by the cdktf CLI (`cdktf synth|diff|deploy`); output goes there
 *   FX_REVIEW_DIR                  where review files go (default `out`)
 *   FX_SUMMARY=detailed            list every resource type in the summary, not service families
 *   FX_LOCK_WAIT_SECONDS           how long to wait for another synth of the same folder (default 60)
 *   FX_TEST_CRASH_AT=<step>        tests only: the process kills itself at that step of the output store
 *
 *   --list-environments            print the registered environment names as a JSON array (for CI matrices)
 */
import { ConfigValidationError, ENVIRONMENT_NAMES, selectEnvironments, selectsAll, UnknownEnvironmentError } from "./config";
import { PolicyViolationError } from "./app/policy/security-policy";
import { OutputError } from "./app/output-store";
import { formatSummary, synthesize } from "./app/synthesize";

function main(): number {
  if (process.argv.includes("--list-environments")) {
    console.log(JSON.stringify(ENVIRONMENT_NAMES));
    return 0;
  }
  const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
  const reviewDir = process.env.FX_REVIEW_DIR ?? "out";
  try {
    const selection = process.env.FX_ENVIRONMENTS;
    const environments = selectEnvironments(selection);
    const waitSeconds = Number(process.env.FX_LOCK_WAIT_SECONDS ?? "60");
    const options = {
      environments,
      outdir,
      reviewDir,
      // The cdktf CLI sets this for the app it runs (and nothing else does): see SynthOptions.cdktfCli.
      cdktfCli: process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined,
      lockWaitSeconds: Number.isFinite(waitSeconds) && waitSeconds >= 0 ? waitSeconds : 60,
      onWait: (holder: { pid: number; started: string }, lockFile: string) =>
        console.error(`fx-trader: waiting for pid ${holder.pid} (synth started ${holder.started}) to finish with ${outdir} (lock ${lockFile})`),
      crashAt: process.env.FX_TEST_CRASH_AT,
    };
    const result = synthesize(options);
    if (selection !== undefined && selectsAll(selection)) {
      console.log(`fx-trader: FX_ENVIRONMENTS is blank: building every environment (${environments.map((e) => e.name).join(", ")})`);
    }
    console.log(formatSummary(result, options, { detailed: process.env.FX_SUMMARY === "detailed" }));
    for (const warning of result.warnings) console.error(`fx-trader: warning: ${warning}`);
    return 0;
  } catch (error) {
    if (error instanceof UnknownEnvironmentError || error instanceof ConfigValidationError) {
      console.error(`fx-trader: ${error.message}`);
      console.error("fx-trader: nothing was written.");
      return 1;
    }
    if (error instanceof PolicyViolationError || error instanceof OutputError) {
      console.error(`fx-trader: ${error.message}`);
      if (!(error instanceof OutputError && error.published)) console.error(`fx-trader: nothing was published: ${outdir} and ${reviewDir} are as before.`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main();
