/**
 * The one command that switches the CDK runtime (`npm run runtime:cdktn` / `runtime:cdktf`, scripts/cdktn/runtime.cjs):
 * its arguments, the npm command it runs, and the checks after it, with a stand-in `npm` that records its arguments
 * and installs nothing (the real switch runs in CI's cdktn leg, scripts/cdktn/ci-leg.sh).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, tempDir } from "../support";

interface Request {
  readonly runtime: { name: string; version: string };
  readonly spec: string;
  readonly save: boolean;
  readonly dryRun: boolean;
  readonly npmArguments: readonly string[];
  readonly lockfileArguments?: readonly string[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS script `npm run runtime:*` runs
const { parseArguments, reviewedRuntimes } = require("../../scripts/cdktn/runtime.cjs") as {
  parseArguments: (argv: string[]) => Request;
  reviewedRuntimes: () => { name: string; version: string }[];
};

const SCRIPT = path.join(ROOT, "scripts/cdktn/runtime.cjs");
const runtimeOf = (dir: string) => {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name: string; version: string };
  return `${name}@${version}`;
};
const INSTALLED = runtimeOf(path.join(ROOT, "node_modules/cdktf"));
const OTHER = reviewedRuntimes().find((r) => `${r.name}@${r.version}` !== INSTALLED)!;

/** Runs the script with a stand-in `npm` first on the PATH that logs its arguments and exits with `npmStatus`. */
function run(args: string[], npmStatus = 0) {
  const bin = tempDir("fx-runtime-npm-");
  const log = path.join(bin, "npm.log");
  fs.writeFileSync(path.join(bin, "npm"), `#!/bin/sh\necho "$*" >> "${log}"\nexit ${npmStatus}\n`, { mode: 0o755 });
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8", env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, npm: fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "" };
}

describe("runtime switch: npm run runtime:cdktn / runtime:cdktf", () => {
  it("installs cdktn as `cdktf`, saved with its exact version, or only in node_modules with --no-save", () => {
    expect(parseArguments(["cdktn"]).npmArguments).toEqual(["install", "--no-audit", "--no-fund", "--save-exact", "cdktf@npm:cdktn@0.24.0"]);
    // A saved switch rewrites the lockfile from package.json, so a round trip gives back the committed one.
    expect(parseArguments(["cdktn"]).lockfileArguments).toEqual(["install", "--no-audit", "--no-fund", "--package-lock-only"]);
    expect(parseArguments(["cdktn", "--no-save"]).lockfileArguments).toBeUndefined();
    expect(parseArguments(["cdktn", "--no-save"]).npmArguments).toEqual(["install", "--no-audit", "--no-fund", "--no-save", "cdktf@npm:cdktn@0.24.0"]);
    expect(parseArguments(["cdktf", "--no-save"]).npmArguments).toEqual(["install", "--no-audit", "--no-fund", "--no-save", "cdktf@0.21.0"]);
  });

  it("offers exactly the runtimes the build has reviewed (scripts/build/runtimes.json)", () => {
    const reviewed = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, "scripts/build/runtimes.json"), "utf8")) as object);
    expect(reviewedRuntimes().map((r) => `${r.name}@${r.version}`)).toEqual(reviewed);
    for (const r of reviewedRuntimes()) expect(parseArguments([r.name]).runtime).toEqual(r);
  });

  it("as package.json's scripts run it", () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect([scripts["runtime:cdktn"], scripts["runtime:cdktf"]]).toEqual(["node scripts/cdktn/runtime.cjs cdktn", "node scripts/cdktn/runtime.cjs cdktf"]);
  });

  it("with --dry-run prints what it would run and runs nothing", () => {
    const result = run([OTHER.name, "--dry-run"]);
    expect(result).toEqual({
      status: 0,
      stdout: expect.stringContaining(`would switch node_modules/cdktf from ${INSTALLED} to ${OTHER.name}@${OTHER.version}: npm install --no-audit --no-fund --save-exact`),
      stderr: "",
      npm: "",
    });
    expect(result.stdout).toContain(", then npm install --no-audit --no-fund --package-lock-only\n");
    expect(result.stdout).toContain("saved to package.json and package-lock.json (exact version); the @cdktf/provider-* packages are kept");
    expect(run([OTHER.name, "--no-save", "--dry-run"]).stdout).toContain("package.json and package-lock.json not changed (--no-save)");
  });

  it.each([
    [["cdktx"], 'runtime "cdktx" is not one scripts/build/runtimes.json has reviewed; allowed: cdktf, cdktn'],
    [[], "expected one runtime, got none; allowed: cdktf, cdktn"],
    [["cdktf", "cdktn"], 'expected one runtime, got "cdktf", "cdktn"; allowed: cdktf, cdktn'],
    [["cdktn", "--save"], 'unknown option "--save"; allowed: --no-save, --dry-run'],
  ])("fails when the arguments are %j: exit 2, naming the value and what is allowed, npm not run", (args, message) => {
    const result = run(args);
    expect(result).toEqual({ status: 2, stdout: "", stderr: `runtime: ${message}\nusage: runtime.cjs <cdktf|cdktn> [--no-save] [--dry-run]\n`, npm: "" });
  });

  it("fails when npm fails, saying which runtime is left", () => {
    const result = run([OTHER.name, "--no-save"], 1);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`runtime: npm install --no-audit --no-fund --no-save ${parseArguments([OTHER.name]).spec} failed (exit 1); node_modules/cdktf is ${INSTALLED}`);
  });

  it("fails when node_modules/cdktf is not the runtime asked for after npm ran (a seeded failure: npm installed nothing)", () => {
    const result = run([OTHER.name, "--no-save"]);
    expect(result.npm).toBe(`install --no-audit --no-fund --no-save ${parseArguments([OTHER.name]).spec}\n`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`runtime: node_modules/cdktf is ${INSTALLED} after \`npm install --no-audit --no-fund --no-save ${parseArguments([OTHER.name]).spec}\`, not ${OTHER.name}@${OTHER.version}`);
  });

  it("says what it did: the runtime, the provider packages kept on the root runtime, and that the bundle builds", () => {
    const current = INSTALLED.slice(0, INSTALLED.lastIndexOf("@"));
    const result = run([current, "--no-save"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`runtime: node_modules/cdktf was ${INSTALLED}, is now ${INSTALLED}; package.json and package-lock.json not changed (--no-save)`);
    expect(result.stdout).toContain("runtime: kept @cdktf/provider-aws@21.22.1, @cdktf/provider-helm@12.1.2, @cdktf/provider-kubernetes@12.1.1, each on the root runtime");
    expect(result.stdout).toContain(`runtime: the synth bundle builds on ${INSTALLED}`);
  });
});
