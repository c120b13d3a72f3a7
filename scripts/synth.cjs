#!/usr/bin/env node
// `npm run synth` and the cdktf app command: rebuilds dist/main.js if any input changed, then runs it in
// this process (one node start, not two) with a V8 code cache. Same environment variables as main.ts.
"use strict";
const { bundle, ensureBuilt } = require("./build/build.cjs");
const { runBundle } = require("./build/run-bundle.cjs");

ensureBuilt().then(
  () => runBundle(bundle),
  (error) => {
    // A file-system error names its path and what to do; esbuild's errors (with file:line) are kept as they are.
    const message = error && typeof error.code === "string" && typeof error.path === "string"
      ? `cannot write ${error.path} (${error.code}): check that dist/ is writable by you (a root-owned dist/ from sudo: sudo rm -rf dist)`
      : error instanceof Error ? error.message : String(error);
    console.error(`fx-trader: build failed: ${message}`);
    console.error("fx-trader: nothing was written (cdktf.out/ and out/ are unchanged).");
    process.exitCode = 1;
  },
);
