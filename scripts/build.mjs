#!/usr/bin/env node
// Bundles main.ts (and everything it imports) into dist/main.js with esbuild, so synth runs under plain
// `node`: no ts-node, no type-checking on the hot path (that is `npm run typecheck`). Deep imports of
// the provider packages keep the bundle to the resources we use.
//
// The build is skipped when dist/main.js is newer than every file the last build read (esbuild's metafile
// lists them, node_modules included) and than this script and the lock file: `npm run synth` then costs
// one stat per input instead of a rebuild. `--force` rebuilds regardless.
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.join(root, "dist/main.js");
const metafile = path.join(root, "dist/main.meta.json");

/** Whether the bundle is newer than everything it was built from. */
function upToDate() {
  if (!fs.existsSync(outfile) || !fs.existsSync(metafile)) return false;
  const built = fs.statSync(outfile).mtimeMs;
  const inputs = Object.keys(JSON.parse(fs.readFileSync(metafile, "utf8")).inputs);
  const sources = [...inputs.map((i) => path.join(root, i)), fileURLToPath(import.meta.url), path.join(root, "package-lock.json")];
  return sources.every((file) => fs.existsSync(file) && fs.statSync(file).mtimeMs <= built);
}

if (process.argv.includes("--force") || !upToDate()) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, "main.ts")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: "linked",
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
  });
  fs.writeFileSync(metafile, JSON.stringify({ inputs: Object.fromEntries(Object.keys(result.metafile.inputs).sort().map((i) => [i, {}])) }));
}
