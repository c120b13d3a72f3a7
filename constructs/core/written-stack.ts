/**
 * A stack's Terraform JSON as synthesis wrote it, for the checks and summaries that run after cdktf has
 * written the stack: reading the file back is much cheaper than rendering the stack again, which would
 * resolve every token a second time.
 */
import type { Manifest, TerraformStack } from "cdktf";
import fs from "node:fs";
import path from "node:path";

/**
 * The JSON of `stack` from the file `manifest` names under `outdir`. `cdktf synth --hcl` writes HCL, which is not
 * parsed here: the stack's JSON is then rendered again.
 */
export function writtenStackJson(stack: TerraformStack, outdir: string, manifest: Manifest): unknown {
  const file = path.join(outdir, manifest.forStack(stack).synthesizedStackPath);
  return file.endsWith(".json") ? JSON.parse(fs.readFileSync(file, "utf8")) : stack.toTerraform();
}
