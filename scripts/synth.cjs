#!/usr/bin/env node
// `npm run synth` and the cdktf app command: rebuilds dist/main.js if any input changed, then runs it in
// this process (one node start, not two) with a V8 code cache. Same environment variables as main.ts.
"use strict";
const { bundle, ensureBuilt } = require("./build/build.cjs");
const { runBundle } = require("./build/run-bundle.cjs");

/** What to do about a file-system error of the build, by code (the synth's own are in app/output-store.ts). */
const HINTS = {
  EACCES: "check its owner and permissions (a root-owned dist/ from sudo: sudo rm -rf dist)",
  EPERM: "check its owner and permissions (a root-owned dist/ from sudo: sudo rm -rf dist)",
  EROFS: "the file system is read-only: build in a writable checkout",
  ENOSPC: "the disk is full: free some space",
  ENOTDIR: "a file is in the way of a folder on that path: move or remove it",
  EEXIST: "a file is in the way of a folder on that path: move or remove it",
  EISDIR: "a folder is in the way of a file on that path: move or remove it",
  ENOENT: "it is missing: run npm ci (or restore it from git)",
};

ensureBuilt().then(
  () => runBundle(bundle),
  (error) => {
    // A file-system error is one line: what failed on which path, and what to do; esbuild's errors (with
    // file:line) are kept as they are.
    const message = error && typeof error.code === "string" && typeof error.path === "string"
      ? `cannot ${error.syscall ?? "access"} ${error.path} (${error.code}): ${HINTS[error.code] ?? error.message}`
      : error instanceof Error ? error.message : String(error);
    console.error(`fx-trader: build failed: ${message}`);
    console.error("fx-trader: nothing was written (cdktf.out/ and out/ are unchanged).");
    process.exitCode = 1;
  },
);
