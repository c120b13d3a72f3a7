#!/usr/bin/env node
// `npm run synth` and the cdktf app command: rebuilds dist/main.js if any input changed, then runs it in
// this process (one node start, not two) with a V8 code cache. Same environment variables as main.ts.
"use strict";
const { bundle, ensureBuilt } = require("./build/build.cjs");
const { runBundle } = require("./build/run-bundle.cjs");

ensureBuilt().then(
  () => runBundle(bundle),
  (error) => {
    console.error(`fx-trader: build failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  },
);
