#!/usr/bin/env node
// `npm run synth` and the cdktf app command: rebuilds dist/main.js if any input changed, then runs it in
// this process (one node start, not two) with a V8 code cache. Same environment variables as main.ts.
import { bundle, ensureBuilt } from "./build/build.mjs";
import { runBundle } from "./build/run-bundle.mjs";

await ensureBuilt();
runBundle(bundle);
