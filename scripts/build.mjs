#!/usr/bin/env node
// Bundles main.ts (and everything it imports) into dist/main.js with esbuild, so synth runs under plain
// `node`: no ts-node, no type-checking on the hot path (that is `npm run typecheck`). Deep imports of
// the provider packages keep the bundle to the resources we use.
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

await build({
  entryPoints: [path.join(root, "main.ts")],
  outfile: path.join(root, "dist/main.js"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "linked",
  legalComments: "none",
  logLevel: "warning",
});
