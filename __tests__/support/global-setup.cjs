// Jest globalSetup: synthesizes every environment once, with the real synth command (`node scripts/synth.cjs`, the
// esbuild bundle the cdktf CLI runs), into a temporary folder that suites read through `sharedSynthesis()`
// (__tests__/support/shared-synthesis.ts). A dozen suites used to synthesize the same stacks in-process, each paying
// for the stack modules' load and a full synth. A synth that fails fails the whole run, with its output.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

module.exports = async function globalSetup() {
  const root = path.resolve(__dirname, "../..");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fx-jest-synth-"));
  const env = { ...process.env, CDKTF_OUTDIR: path.join(dir, "cdktf.out"), FX_REVIEW_DIR: path.join(dir, "out") };
  delete env.FX_ENVIRONMENTS;
  delete env.FX_TEST_CRASH_AT;
  delete env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  const run = spawnSync(process.execPath, [path.join(root, "scripts/synth.cjs")], { cwd: root, env, encoding: "utf8" });
  if (run.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`jest globalSetup: npm run synth failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  }
  fs.writeFileSync(path.join(dir, "summary.txt"), run.stdout);
  process.env.FX_TEST_SHARED_SYNTH = dir;
};
