/**
 * CI's cdktn leg (scripts/cdktn/ci-leg.sh, run by .ci/run after `npm test`), executed in a scratch project with
 * stand-ins: the runtime switch writes node_modules/cdktf/package.json, synth writes a small output stamped with
 * that runtime, `npx` logs; the real comparison script and git are used. Proves the order of the steps, that a
 * difference beyond the two normalizations fails the leg with its diff, that a failing test or a changed lockfile
 * fails it, and that the runtime is switched back in every case. (The real switch and synth run in CI itself.)
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, tempDir } from "../support/paths";

/** The switch: records it, installs the runtime's package.json; on request also edits the lockfile (a seeded bug). */
const RUNTIME_STUB = `"use strict";
const fs = require("fs");
const [name] = process.argv.slice(2);
fs.appendFileSync("steps.log", "switch " + process.argv.slice(2).join(" ") + "\\n");
fs.mkdirSync("node_modules/cdktf", { recursive: true });
fs.writeFileSync("node_modules/cdktf/package.json", JSON.stringify({ name, version: name === "cdktn" ? "0.24.0" : "0.21.0" }));
if (name === "cdktn" && process.env.STUB_TOUCH_LOCK) fs.appendFileSync("package-lock.json", " ");
`;

/** Synth: one stack and one review file, as the runtime writes them; on request a value differs on cdktn. */
const SYNTH_STUB = `"use strict";
const fs = require("fs");
const { name, version } = JSON.parse(fs.readFileSync("node_modules/cdktf/package.json", "utf8"));
fs.appendFileSync("steps.log", "synth " + name + "\\n");
const retention = name === "cdktn" && process.env.STUB_DIFFER ? 1 : 365;
const stack = { "//": { metadata: { stackName: "a", version } }, resource: { aws_cloudwatch_log_group: { eks: { retention_in_days: retention } } } };
fs.mkdirSync(process.env.CDKTF_OUTDIR + "/stacks/a", { recursive: true });
fs.writeFileSync(process.env.CDKTF_OUTDIR + "/stacks/a/cdk.tf.json", JSON.stringify(stack, null, 2));
fs.writeFileSync(process.env.CDKTF_OUTDIR + "/manifest.json", JSON.stringify({ stacks: { a: { name: "a" } }, version }, null, 2) + "\\n");
fs.mkdirSync(process.env.FX_REVIEW_DIR + "/dev", { recursive: true });
fs.writeFileSync(process.env.FX_REVIEW_DIR + "/dev/alertmanager.yaml", "route:\\n  receiver: default\\n");
`;

/** A scratch project holding the leg, the real comparison, the stand-ins, and a committed package.json and lockfile. */
function scratchProject(replace: Record<string, string> = {}): string {
  const dir = tempDir("fx-cdktn-leg-");
  const write = (file: string, text: string, mode = 0o644) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text, { mode });
  };
  write("scripts/cdktn/ci-leg.sh", fs.readFileSync(path.join(ROOT, "scripts/cdktn/ci-leg.sh"), "utf8"), 0o755);
  write("scripts/cdktn/compare-synth.cjs", fs.readFileSync(path.join(ROOT, "scripts/cdktn/compare-synth.cjs"), "utf8"));
  write("scripts/cdktn/runtime.cjs", RUNTIME_STUB);
  write("scripts/synth.cjs", SYNTH_STUB);
  write("package.json", '{ "name": "scratch", "dependencies": { "cdktf": "0.21.0" } }\n');
  write("package-lock.json", '{ "packages": { "node_modules/cdktf": { "version": "0.21.0" } } }\n');
  write(".gitignore", "node_modules/\nsteps.log\nbin/\n");
  write("node_modules/cdktf/package.json", JSON.stringify({ name: "cdktf", version: "0.21.0" }));
  write("bin/npx", '#!/bin/sh\necho "npx $*" >> steps.log\nexit "${STUB_NPX_STATUS:-0}"\n', 0o755);
  for (const [file, text] of Object.entries(replace)) write(file, text);
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.email=ci@example.com", "-c", "user.name=ci", ...args], { cwd: dir, stdio: "ignore" });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "scratch");
  return dir;
}

function runLeg(env: Record<string, string> = {}, replace: Record<string, string> = {}) {
  const dir = scratchProject(replace);
  const run = spawnSync("bash", ["scripts/cdktn/ci-leg.sh"], { cwd: dir, encoding: "utf8", env: { ...process.env, ...env, PATH: `${path.join(dir, "bin")}:${process.env.PATH}` } });
  const runtime = (JSON.parse(fs.readFileSync(path.join(dir, "node_modules/cdktf/package.json"), "utf8")) as { name: string }).name;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, steps: fs.readFileSync(path.join(dir, "steps.log"), "utf8").trim().split("\n"), runtime };
}

describe("CI's cdktn leg (scripts/cdktn/ci-leg.sh)", () => {
  it("synthesizes on cdktf, switches, synthesizes on cdktn, compares, self-checks, runs tsc and jest on cdktn, switches back", () => {
    const leg = runLeg();
    expect(leg.steps).toEqual(["synth cdktf", "switch cdktn --no-save", "synth cdktn", "npx tsc --noEmit", "npx jest", "switch cdktf --no-save"]);
    expect(leg.stdout).toContain("compare-synth: 3 files equal on cdktf and cdktn");
    expect(leg.stdout).toContain("cdktn leg: self-check: the comparison fails on a seeded difference in cdktf.out/stacks/a/cdk.tf.json, as it must");
    expect({ status: leg.status, runtime: leg.runtime }).toEqual({ status: 0, runtime: "cdktf" });
  });

  it("fails when the cdktn output differs beyond the two normalizations (a seeded difference), with the diff, and switches back", () => {
    const leg = runLeg({ STUB_DIFFER: "1" });
    expect(leg.stdout).toContain('-        "retention_in_days": 365\n+        "retention_in_days": 1\n');
    expect(leg.stderr).toContain("compare-synth: 1 of 3 files differ between cdktf and cdktn");
    expect(leg.steps).toEqual(["synth cdktf", "switch cdktn --no-save", "synth cdktn", "switch cdktf --no-save"]);
    expect({ status: leg.status, runtime: leg.runtime }).toEqual({ status: 1, runtime: "cdktf" });
  });

  it("fails when a test fails on cdktn, and switches back", () => {
    const leg = runLeg({ STUB_NPX_STATUS: "1" });
    expect(leg.steps.slice(-2)).toEqual(["npx tsc --noEmit", "switch cdktf --no-save"]);
    expect({ status: leg.status, runtime: leg.runtime }).toEqual({ status: 1, runtime: "cdktf" });
  });

  it("fails when the switch left package-lock.json changed", () => {
    const leg = runLeg({ STUB_TOUCH_LOCK: "1" });
    expect(leg.stdout).toContain("diff --git a/package-lock.json b/package-lock.json");
    expect(leg.stdout).not.toContain("cdktn leg: passed");
    expect({ status: leg.status, runtime: leg.runtime }).toEqual({ status: 1, runtime: "cdktf" });
  });

  it("fails when the comparison cannot fail (a seeded comparison that accepts everything): the self-check catches it", () => {
    const leg = runLeg({}, { "scripts/cdktn/compare-synth.cjs": "process.exit(0);\n" });
    expect(leg.stderr).toContain("cdktn leg: self-check failed: the comparison accepted a seeded difference in cdktf.out/stacks/a/cdk.tf.json");
    expect(leg.steps).toEqual(["synth cdktf", "switch cdktn --no-save", "synth cdktn", "switch cdktf --no-save"]);
    expect({ status: leg.status, runtime: leg.runtime }).toEqual({ status: 1, runtime: "cdktf" });
  });

  it("narrows jest with FX_CDKTN_JEST_ARGS", () => {
    expect(runLeg({ FX_CDKTN_JEST_ARGS: "__tests__/cdktn/compare-synth.test.ts" }).steps).toContain("npx jest __tests__/cdktn/compare-synth.test.ts");
  });
});
