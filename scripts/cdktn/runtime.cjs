#!/usr/bin/env node
// Switches the CDK runtime of this checkout between cdktf and its fork CDK Terrain (cdktn), in one command:
//   npm run runtime:cdktn [-- --no-save] [-- --dry-run]     cdktn, installed under the name `cdktf`
//   npm run runtime:cdktf [-- --no-save] [-- --dry-run]     back to cdktf
// The version of each is the one scripts/build/runtimes.json has reviewed (the build refuses any other). The runtime
// is installed as `cdktf` (`cdktf@npm:cdktn@<version>`), so no import changes and the `@cdktf/provider-*` packages
// stay: npm's overrides (package.json) make their `cdktf` peer the root one. By default the switch is saved
// (package.json and package-lock.json, exact version), for a project that moves; `--no-save` changes only
// node_modules (CI's cdktn leg, which restores the lockfile state after). A saved switch then rewrites the lockfile
// from package.json alone (`npm install --package-lock-only`): an install into an existing node_modules leaves stale
// `dev` flags in package-lock.json, and without this step a round trip cdktn -> cdktf would not give back the
// committed lockfile byte for byte. `--dry-run` prints what it would run.
// After installing it checks what it did: node_modules/cdktf is the runtime asked for, every provider package is
// still there at its version and loads the root runtime (a copy of its own would be a second runtime), and the
// synth bundle builds on it. Exit 0 when all holds, 1 when a check fails, 2 on bad arguments.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "../..");
const runtimesFile = path.join(root, "scripts/build/runtimes.json");
const USAGE = "usage: runtime.cjs <cdktf|cdktn> [--no-save] [--dry-run]";

/** The reviewed runtimes of runtimes.json as `{ name, version }`, in its order. */
function reviewedRuntimes() {
  return Object.keys(JSON.parse(fs.readFileSync(runtimesFile, "utf8"))).map((key) => {
    const at = key.lastIndexOf("@");
    return { name: key.slice(0, at), version: key.slice(at + 1) };
  });
}

/**
 * The switch `argv` asks for: the runtime, the npm package spec that installs it as `cdktf`, and whether it is saved.
 * Throws an error whose message names the argument, its value and what is allowed.
 */
function parseArguments(argv, runtimes = reviewedRuntimes()) {
  const options = argv.filter((a) => a.startsWith("-"));
  const names = argv.filter((a) => !a.startsWith("-"));
  const unknown = options.filter((o) => o !== "--no-save" && o !== "--dry-run");
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.map((o) => JSON.stringify(o)).join(", ")}; allowed: --no-save, --dry-run\n${USAGE}`);
  const allowed = runtimes.map((r) => r.name).join(", ");
  if (names.length !== 1) throw new Error(`expected one runtime, got ${names.length === 0 ? "none" : names.map((n) => JSON.stringify(n)).join(", ")}; allowed: ${allowed}\n${USAGE}`);
  const runtime = runtimes.find((r) => r.name === names[0]);
  if (runtime === undefined) throw new Error(`runtime ${JSON.stringify(names[0])} is not one scripts/build/runtimes.json has reviewed; allowed: ${allowed}\n${USAGE}`);
  const spec = runtime.name === "cdktf" ? `cdktf@${runtime.version}` : `cdktf@npm:${runtime.name}@${runtime.version}`;
  const save = !options.includes("--no-save");
  return {
    runtime,
    spec,
    save,
    dryRun: options.includes("--dry-run"),
    npmArguments: ["install", "--no-audit", "--no-fund", save ? "--save-exact" : "--no-save", spec],
    lockfileArguments: save ? ["install", "--no-audit", "--no-fund", "--package-lock-only"] : undefined,
  };
}

/** `name@version` of the package installed in `dir`, or undefined. */
function installed(dir) {
  const file = path.join(dir, "package.json");
  if (!fs.existsSync(file)) return undefined;
  const { name, version } = JSON.parse(fs.readFileSync(file, "utf8"));
  return `${name}@${version}`;
}

/** The `@cdktf/provider-*` dependencies of package.json. */
function providerPackages() {
  const { dependencies = {} } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  return Object.keys(dependencies).filter((name) => name.startsWith("@cdktf/provider-")).sort();
}

/** Each provider package as installed (`name@version`), and the runtime its code loads (a path). */
function providersState() {
  return providerPackages().map((name) => {
    const dir = path.join(root, "node_modules", name);
    const version = installed(dir);
    let runtime;
    try {
      runtime = path.dirname(require.resolve("cdktf/package.json", { paths: [dir] }));
    } catch {
      runtime = undefined;
    }
    return { name, installed: version, runtime };
  });
}

function main(argv) {
  let request;
  try {
    request = parseArguments(argv);
  } catch (error) {
    console.error(`runtime: ${error.message}`);
    return 2;
  }
  const { runtime, save, dryRun, npmArguments, lockfileArguments } = request;
  const target = `${runtime.name}@${runtime.version}`;
  const before = installed(path.join(root, "node_modules/cdktf")) ?? "none";
  const saving = save ? "saved to package.json and package-lock.json (exact version)" : "package.json and package-lock.json not changed (--no-save)";
  const command = `npm ${npmArguments.join(" ")}`;
  if (dryRun) {
    const then = lockfileArguments ? `, then npm ${lockfileArguments.join(" ")}` : "";
    console.log(`runtime: would switch node_modules/cdktf from ${before} to ${target}: ${command}${then}`);
    console.log(`runtime: ${saving}; the @cdktf/provider-* packages are kept`);
    return 0;
  }
  const providersBefore = providersState();
  for (const args of [npmArguments, lockfileArguments].filter((a) => a !== undefined)) {
    console.log(`runtime: npm ${args.join(" ")}`);
    const npm = spawnSync("npm", args, { cwd: root, stdio: "inherit" });
    if (npm.error || npm.status !== 0) {
      console.error(`runtime: npm ${args.join(" ")} failed (${npm.error ? npm.error.message : `exit ${npm.status}`}); node_modules/cdktf is ${installed(path.join(root, "node_modules/cdktf")) ?? "missing"}`);
      return 1;
    }
  }
  const problems = [];
  const after = installed(path.join(root, "node_modules/cdktf")) ?? "missing";
  if (after !== target) problems.push(`node_modules/cdktf is ${after} after \`${command}\`, not ${target}`);
  const rootRuntime = fs.realpathSync(path.join(root, "node_modules/cdktf"));
  for (const provider of providersState()) {
    const earlier = providersBefore.find((p) => p.name === provider.name)?.installed;
    if (provider.installed !== earlier) problems.push(`${provider.name} is ${provider.installed ?? "missing"}, was ${earlier ?? "missing"}`);
    else if (provider.runtime === undefined || fs.realpathSync(provider.runtime) !== rootRuntime) {
      problems.push(`${provider.name} loads the runtime at ${provider.runtime ?? "nowhere"}, not node_modules/cdktf: a second copy of the runtime (check the overrides in package.json)`);
    }
  }
  if (problems.length === 0) {
    // The build refuses a runtime runtimes.json has not reviewed, or a reviewed module that changed: find out now.
    const build = spawnSync(process.execPath, [path.join(root, "scripts/build/build.cjs")], { cwd: root, encoding: "utf8" });
    if (build.status !== 0) problems.push(`the synth bundle does not build on ${after}: ${(build.stderr || build.stdout).trim()}`);
  }
  if (problems.length > 0) {
    for (const problem of problems) console.error(`runtime: ${problem}`);
    return 1;
  }
  console.log(`runtime: node_modules/cdktf was ${before}, is now ${target}; ${saving}`);
  console.log(`runtime: kept ${providersState().map((p) => p.installed).join(", ")}, each on the root runtime (no copy of its own)`);
  console.log(`runtime: the synth bundle builds on ${target} (its patches in scripts/build/runtimes.json); next: npm run synth`);
  return 0;
}

module.exports = { parseArguments, reviewedRuntimes };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
