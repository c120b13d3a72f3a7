#!/usr/bin/env node
// Is `cdktf synth --hcl` an exit path (keep the HCL, drop the program)? Synthesizes every environment as HCL, the
// way the CLI's `--hcl` does (it only sets SYNTH_HCL_OUTPUT=true for the app, then runs `terraform fmt` on what the
// app wrote), into a temporary folder, and asks the real `terraform fmt` whether each stack's cdk.tf parses.
// Today, on cdktf 0.21.0 and cdktn 0.24.0 alike, 8 of 11 stacks do not: a string that holds a Terraform reference
// (`${...}`) is written into HCL without escaping its quotes (the JSON inputs of schedules, dashboards, Helm values).
//
// `node scripts/cdktn/hcl-check.cjs`: prints each stack's verdict; exit 0 when every stack parses, 1 when one does
// not, 2 when synth or terraform could not run. Not part of `npm test` (terraform's error recovery on the broken
// files takes 10-25 s of CPU); __tests__/cdktn/hcl-output.test.ts runs the same check on one stack of each kind.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "../..");

/** Terraform's verdict on an HCL file: whether it parses, and its first error when not. */
function terraformParses(file) {
  const fmt = spawnSync("terraform", ["fmt", "-check", "-no-color", "-list=false", file], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  if (fmt.error) throw new Error(`terraform could not run (${fmt.error.message}); install Terraform (see .ci/run)`);
  const error = /^Error: (.+)$/m.exec(fmt.stderr)?.[1];
  return error === undefined ? { parses: true } : { parses: false, error };
}

/** Synthesizes every environment as HCL into `dir` (`cdktf.out/`, `out/`); returns the stacks folder. */
function synthesizeHcl(dir) {
  const env = { ...process.env, SYNTH_HCL_OUTPUT: "true", CDKTF_OUTDIR: path.join(dir, "cdktf.out"), FX_REVIEW_DIR: path.join(dir, "out") };
  const synth = spawnSync(process.execPath, [path.join(root, "scripts/synth.cjs")], { cwd: root, env, encoding: "utf8" });
  if (synth.status !== 0) throw new Error(`synth with SYNTH_HCL_OUTPUT=true failed:\n${synth.stderr}`);
  return path.join(dir, "cdktf.out/stacks");
}

module.exports = { synthesizeHcl, terraformParses };

if (require.main === module) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fx-hcl-check-"));
  try {
    const stacksDir = synthesizeHcl(dir);
    const stacks = fs.readdirSync(stacksDir).sort();
    const broken = [];
    for (const stack of stacks) {
      const verdict = terraformParses(path.join(stacksDir, stack, "cdk.tf"));
      if (!verdict.parses) broken.push(stack);
      console.log(`${stack.padEnd(30)} ${verdict.parses ? "parses" : `does not parse: ${verdict.error}`}`);
    }
    const { name, version } = JSON.parse(fs.readFileSync(path.join(root, "node_modules/cdktf/package.json"), "utf8"));
    console.log(`\n${name}@${version}: ${broken.length} of ${stacks.length} stacks written as HCL that Terraform cannot parse`);
    process.exitCode = broken.length === 0 ? 0 : 1;
  } catch (error) {
    console.error(`hcl-check: ${error.message}`);
    process.exitCode = 2;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
