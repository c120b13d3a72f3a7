/** Synthesizes real stack sets into temporary folders and reads them back as review trees. */
import path from "node:path";
import type { EnvironmentConfig } from "../../../config/types";
import { readSynthTree, type Json, type StackJson, type SynthTree } from "../../../tools/review/tree";
import { synthesize } from "../../../app/synthesize";
import { tempDir } from "../../support";

/** The synthesized tree of `environments` (validated or not: the review compares whatever synthesizes). */
export function synthTree(environments: readonly EnvironmentConfig[]): SynthTree {
  const dir = tempDir("fx-trader-review-test-");
  const outdir = path.join(dir, "cdktf.out");
  const reviewDir = path.join(dir, "out");
  synthesize({ environments, outdir, reviewDir });
  return readSynthTree(outdir, reviewDir);
}

const synthesized = new Map<string, SynthTree>();

/**
 * `synthTree(environments)`, synthesized once per test file for each distinct configuration (keyed by the
 * configs' JSON). The trees are shared: tests must not mutate them (editStack and editFile copy).
 */
export function sharedSynthTree(environments: readonly EnvironmentConfig[]): SynthTree {
  const key = JSON.stringify(environments);
  let tree = synthesized.get(key);
  if (tree === undefined) {
    tree = synthTree(environments);
    synthesized.set(key, tree);
  }
  return tree;
}

/** A deep copy of `tree` with `edit` applied to one stack's JSON. */
export function editStack(tree: SynthTree, stack: string, edit: (json: { resource: Record<string, Record<string, Record<string, Json>>> }) => void): SynthTree {
  const stacks = new Map<string, StackJson>();
  for (const [name, json] of tree.stacks) stacks.set(name, JSON.parse(JSON.stringify(json)) as StackJson);
  const target = stacks.get(stack);
  if (!target) throw new Error(`no stack ${stack}`);
  edit(target as { resource: Record<string, Record<string, Record<string, Json>>> });
  return { stacks, reviewFiles: new Map(tree.reviewFiles) };
}

/** A copy of `tree` with one review file replaced. */
export function editFile(tree: SynthTree, file: string, edit: (content: string) => string): SynthTree {
  const reviewFiles = new Map(tree.reviewFiles);
  const content = reviewFiles.get(file);
  if (content === undefined) throw new Error(`no review file ${file}`);
  reviewFiles.set(file, edit(content));
  return { stacks: tree.stacks, reviewFiles };
}

/** The logical name of the first resource of `type` whose body matches `predicate`. */
export function findResource(tree: SynthTree, stack: string, type: string, predicate: (body: Record<string, Json>) => boolean = () => true): string {
  const byName = tree.stacks.get(stack)?.resource?.[type] ?? {};
  const name = Object.keys(byName).find((n) => predicate(byName[n]!));
  if (!name) throw new Error(`no ${type} in ${stack} matching`);
  return name;
}
