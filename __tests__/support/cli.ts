/**
 * Builds main.ts with the project's build (scripts/build/build.cjs: the same esbuild options and module
 * replacements as `npm run synth`) into a folder of its own under the system's temporary folder, shared by the
 * test files of this checkout and rebuilt, as `npm run synth` rebuilds dist/main.js, only when an input is newer
 * (one esbuild run per change instead of one per test file), and runs it as `npm run synth` does
 * (scripts/build/run-bundle.cjs, with its V8 code cache), in a given working folder.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from "node:child_process";
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./paths";

interface Build {
  upToDate(options: { bundleFile: string; metaFile: string }): boolean;
  metafileOf(outfile: string): string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require(path.join(ROOT, "scripts/build/build.cjs")) as Build;

let bundle: string | undefined;

/** Path of an up-to-date bundle of main.ts (checked once per test file; built when stale). */
export function mainBundle(): string {
  if (bundle === undefined) {
    const id = crypto.createHash("sha256").update(ROOT).digest("hex").slice(0, 12);
    const out = path.join(os.tmpdir(), `fx-trader-test-bundle-${id}`, "main.js");
    if (!build.upToDate({ bundleFile: out, metaFile: build.metafileOf(out) })) {
      execFileSync(process.execPath, [path.join(ROOT, "scripts/build/build.cjs"), "--outfile", out], { stdio: ["ignore", "pipe", "pipe"] });
    }
    bundle = out;
  }
  return bundle;
}

/** Runs the synth entry point in `cwd` with extra environment variables. */
export function runMain(cwd: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CDKTF_") && !k.startsWith("FX_")));
  return spawnSync(process.execPath, [path.join(ROOT, "scripts/build/run-bundle.cjs"), mainBundle()], { cwd, env: { ...clean, ...env }, encoding: "utf8" });
}
