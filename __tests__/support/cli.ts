/**
 * Builds main.ts once per test file with the project's build (scripts/build/build.cjs: the same esbuild
 * options and module replacements as `npm run synth`, into a private folder) and runs it as `npm run synth`
 * does (scripts/build/run-bundle.cjs, with its V8 code cache), in a given working folder.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from "node:child_process";
import path from "node:path";
import { ROOT, tempDir } from "./index";

let bundle: string | undefined;

/** Path of a fresh bundle of main.ts (built once per test file). */
export function mainBundle(): string {
  if (bundle === undefined) {
    const out = path.join(tempDir("fx-trader-bundle-"), "main.js");
    execFileSync(process.execPath, [path.join(ROOT, "scripts/build/build.cjs"), "--outfile", out], { stdio: ["ignore", "pipe", "pipe"] });
    bundle = out;
  }
  return bundle;
}

/** Runs the synth entry point in `cwd` with extra environment variables. */
export function runMain(cwd: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CDKTF_") && !k.startsWith("FX_")));
  return spawnSync(process.execPath, [path.join(ROOT, "scripts/build/run-bundle.cjs"), mainBundle()], { cwd, env: { ...clean, ...env }, encoding: "utf8" });
}
