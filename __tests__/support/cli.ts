/** Builds main.ts once per test file and runs it as `npm run synth` would, in a given working folder. */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { buildSync } from "esbuild";
import path from "node:path";
import { ROOT, tempDir } from "./index";

let bundle: string | undefined;

/** Path of a fresh esbuild bundle of main.ts (built once per test file). */
export function mainBundle(): string {
  if (bundle === undefined) {
    const out = path.join(tempDir("fx-trader-bundle-"), "main.js");
    buildSync({ entryPoints: [path.join(ROOT, "main.ts")], outfile: out, bundle: true, platform: "node", target: "node20", format: "cjs", logLevel: "error" });
    bundle = out;
  }
  return bundle;
}

/** Runs the synth entry point in `cwd` with extra environment variables. */
export function runMain(cwd: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CDKTF_") && !k.startsWith("FX_")));
  return spawnSync(process.execPath, [mainBundle()], { cwd, env: { ...clean, ...env }, encoding: "utf8" });
}
