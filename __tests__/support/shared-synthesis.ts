/**
 * The one synthesis of every environment that jest's globalSetup (global-setup.cjs) made with the real synth command
 * before any suite started. Suites that only read synthesized files use it instead of synthesizing again.
 *
 * Read-only: a suite that changes files (terraform init, seeded defects) copies what it changes first
 * (`copyOfSharedStacks`), since other suites read the same folder at the same time.
 */
import fs from "node:fs";
import path from "node:path";
import { readSynthTree, type SynthTree } from "../../tools/review/tree";
import { filesUnder } from "./secret-scan";

export interface SharedSynthesis {
  /** The cdktf output folder (`cdktf.out`): manifest.json and stacks/<name>/cdk.tf.json. */
  readonly outdir: string;
  /** The review folder (`out`). */
  readonly reviewDir: string;
  /** What synth printed (the summary). */
  readonly summary: string;
  /** Every review file, relative to `reviewDir`, sorted. */
  readonly reviewFiles: readonly string[];
}

let cached: SharedSynthesis | undefined;
let cachedTree: SynthTree | undefined;

/** The shared synthesis; throws when jest ran without the project's globalSetup. */
export function sharedSynthesis(): SharedSynthesis {
  if (cached) return cached;
  const dir = process.env.FX_TEST_SHARED_SYNTH;
  if (!dir || !fs.existsSync(dir)) {
    throw new Error("no shared synthesis: run the tests with the project's jest config (jest.config.js globalSetup)");
  }
  const reviewDir = path.join(dir, "out");
  cached = {
    outdir: path.join(dir, "cdktf.out"),
    reviewDir,
    summary: fs.readFileSync(path.join(dir, "summary.txt"), "utf8"),
    reviewFiles: filesUnder(reviewDir),
  };
  return cached;
}

/** The shared synthesis read as a review tree (stacks' JSON and review files). */
export function sharedTree(): SynthTree {
  const s = sharedSynthesis();
  cachedTree ??= readSynthTree(s.outdir, s.reviewDir);
  return cachedTree;
}

/** A private copy of the shared `stacks/` folder in `dir` (for suites that write beside the stacks). */
export function copyOfSharedStacks(dir: string): string {
  const target = path.join(dir, "stacks");
  fs.cpSync(path.join(sharedSynthesis().outdir, "stacks"), target, { recursive: true, dereference: true });
  return target;
}
