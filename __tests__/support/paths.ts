/**
 * The project's folders and temporary folders, without the rest of the helpers: suites that only run the
 * project's commands (synth, review, the cdktf CLI, CI scripts) import this, and so do not load the config, the
 * validation and the AWS provider binding that `./index` brings (about 0.1 s of each such suite's CPU).
 * `./index` re-exports all of it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Folder of the shared reference data (chart values, provider schema): FX_REFERENCE_DIR or ../shared/reference. */
export const REFERENCE_DIR = path.resolve(__dirname, "../..", process.env.FX_REFERENCE_DIR ?? "../shared/reference");

/** Project root. */
export const ROOT = path.resolve(__dirname, "../..");

/** A fresh temporary folder, removed by the caller (or left to the OS). */
export function tempDir(prefix = "fx-trader-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
