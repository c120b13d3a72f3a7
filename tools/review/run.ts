/**
 * `npm run review -- --base <git-ref>`: synthesizes the base revision (in a temporary git worktree, with
 * its own code) and the working tree, compares them resource by resource and prints a Markdown report.
 * Exits 1 on high risk unless acknowledged, 2 on a usage or synthesis error. Offline; a few seconds.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { diffTrees } from "./diff";
import { renderReport } from "./report";
import { assessRisk, overallRisk, type RiskLevel } from "./risk";
import { readSynthTree, type SynthTree } from "./tree";

export interface ReviewOptions {
  /** Project root (a git work tree). */
  readonly root: string;
  readonly base: string;
  readonly acknowledged: boolean;
  /** Environments to synthesize on both sides (FX_ENVIRONMENTS syntax); empty means all. */
  readonly environments?: string;
  /**
   * Folder keeping the base revision's synthesized tree per commit and environment selection, so reviews of
   * several working trees against one base synthesize it once (tests, local iterations). A commit's synthesis is
   * byte-identical by design, so a cached tree is the tree. @default no cache
   */
  readonly cacheDir?: string;
  /** Environment of the synthesis child processes (PATH etc.), passed in by the CLI. */
  readonly processEnv: Readonly<Record<string, string | undefined>>;
}

export interface ReviewResult {
  readonly markdown: string;
  readonly exitCode: number;
  /** The highest finding's level. */
  readonly risk: RiskLevel;
  /** High risk not acknowledged: the review check fails (the plans of `changedStacks` still run). */
  readonly blocking: boolean;
  /**
   * Stacks whose plan can change (sorted): any resource or stack-setting change (backend, providers, data
   * sources, outputs, locals), added or removed. Independent of the risk level and of acknowledgement: a
   * high-risk change gets its plan before anyone acknowledges it.
   */
  readonly changedStacks: readonly string[];
}

function git(root: string, ...args: string[]): string {
  return execFileSync("git", ["-C", root, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** Synthesizes the checkout at `dir` with its own build script into `work/<label>`; returns its tree. */
export function synthesizeCheckout(dir: string, work: string, label: string, options: Pick<ReviewOptions, "environments" | "processEnv">): SynthTree {
  const outdir = path.join(work, `${label}.cdktf.out`);
  const reviewDir = path.join(work, `${label}.out`);
  const env = { ...options.processEnv, CDKTF_OUTDIR: outdir, FX_REVIEW_DIR: reviewDir, FX_ENVIRONMENTS: options.environments ?? "", CHECKPOINT_DISABLE: "1" };
  try {
    const run = (script: string) => execFileSync(process.execPath, [path.join(dir, script)], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    const launcher = ["scripts/synth.cjs", "scripts/synth.mjs"].find((f) => fs.existsSync(path.join(dir, f)));
    if (launcher !== undefined) run(launcher);
    else {
      // Revisions before the one-process launcher built and ran the bundle in two steps.
      run("scripts/build.mjs");
      run("dist/main.js");
    }
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string };
    throw new Error(`synthesis of the ${label} (${dir}) failed:\n${e.stderr?.toString() ?? e.message}`);
  }
  return readSynthTree(outdir, reviewDir);
}

/** The base revision's tree: from the cache when it holds this commit, else synthesized in a temporary worktree. */
function baseTree(options: ReviewOptions, commit: string, work: string): SynthTree {
  const cached = options.cacheDir === undefined ? undefined : path.join(options.cacheDir, `${commit}-${(options.environments ?? "").replace(/[^A-Za-z0-9,-]/g, "_") || "all"}`);
  if (cached !== undefined && fs.existsSync(path.join(cached, "complete"))) return readSynthTree(path.join(cached, "base.cdktf.out"), path.join(cached, "base.out"));
  const baseDir = path.join(work, "base");
  git(options.root, "worktree", "add", "--detach", "--quiet", baseDir, commit);
  try {
    fs.symlinkSync(path.join(options.root, "node_modules"), path.join(baseDir, "node_modules"));
    const tree = synthesizeCheckout(baseDir, cached ?? work, "base", options);
    if (cached !== undefined) fs.writeFileSync(path.join(cached, "complete"), `${commit}\n`);
    return tree;
  } finally {
    git(options.root, "worktree", "remove", "--force", baseDir);
  }
}

export function review(options: ReviewOptions): ReviewResult {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "fx-trader-review-"));
  const commit = git(options.root, "rev-parse", "--verify", `${options.base}^{commit}`);
  try {
    const base = baseTree(options, commit, work);
    const head = synthesizeCheckout(options.root, work, "head", options);
    const diff = diffTrees(base, head);
    const findings = assessRisk(diff);
    const markdown = renderReport(diff, findings, {
      baseLabel: `${options.base} (${commit.slice(0, 12)})`,
      headLabel: "working tree",
      acknowledged: options.acknowledged,
    });
    const risk = overallRisk(findings);
    const blocking = risk === "high" && !options.acknowledged;
    const changedStacks = [...new Set([...diff.resources.map((r) => r.stack), ...diff.blocks.map((b) => b.stack), ...diff.stacksAdded, ...diff.stacksRemoved])].sort();
    return { markdown, exitCode: blocking ? 1 : 0, risk, blocking, changedStacks };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
