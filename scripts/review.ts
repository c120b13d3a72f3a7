/** CLI of the change review (`npm run review -- --base <ref> [--ack] [--out report.md] [--stacks-out stacks.json] [--risk-out risk.json] [--cache dir]`).
 * `--stacks-out` is written before the exit status is set, also on high risk: CI plans those stacks whether or
 * not the risk is acknowledged yet (the plan job must depend on that file, not on this command's exit status). */
import fs from "node:fs";
import { review } from "../tools/review/run";

function usage(message: string): never {
  console.error(`review: ${message}\nusage: npm run review -- --base <git-ref> [--ack] [--out <file.md>] [--stacks-out <changed-stacks.json>] [--risk-out <risk.json>] [--cache <dir>]`);
  process.exit(2);
}

const args = process.argv.slice(2);
let base: string | undefined;
let out: string | undefined;
let stacksOut: string | undefined;
let cache: string | undefined;
let riskOut: string | undefined;
let ack = process.env.FX_REVIEW_ACK === "1" || process.env.FX_REVIEW_ACK === "true";
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === "--base") base = args[++i];
  else if (arg === "--out") out = args[++i];
  else if (arg === "--stacks-out") stacksOut = args[++i];
  else if (arg === "--cache") cache = args[++i];
  else if (arg === "--risk-out") riskOut = args[++i];
  else if (arg === "--ack") ack = true;
  else usage(`unknown argument ${arg}`);
}
if (!base) usage("--base is required");

try {
  const result = review({ root: process.cwd(), base, acknowledged: ack, cacheDir: cache, environments: process.env.FX_ENVIRONMENTS, processEnv: process.env });
  if (out) fs.writeFileSync(out, result.markdown);
  if (stacksOut) fs.writeFileSync(stacksOut, `${JSON.stringify(result.changedStacks)}\n`);
  // For a gate step separate from the plans: {"risk":"high","acknowledged":false,"blocking":true}.
  if (riskOut) fs.writeFileSync(riskOut, `${JSON.stringify({ risk: result.risk, acknowledged: ack, blocking: result.blocking })}\n`);
  console.log(result.markdown);
  process.exitCode = result.exitCode;
} catch (error) {
  console.error(`review: ${(error as Error).message}`);
  process.exitCode = 2;
}
