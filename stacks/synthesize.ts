/**
 * Synthesis of the whole stack set, all or nothing: stacks and review files are written to sibling
 * staging folders and swapped into place only when everything succeeded, so a failure (invalid config,
 * a construct's validation, a policy rule) leaves the previous output untouched and nothing partial.
 */
import { App, TerraformStack } from "cdktf";
import fs from "node:fs";
import path from "node:path";
import type { EnvironmentConfig } from "../config/types";
import { ReviewArtifact } from "../constructs/core/review-artifact";
import { SummaryNote } from "../constructs/core/summary-note";
import { writtenStackJson } from "../constructs/core/written-stack";
import { AccountStack } from "./account-stack";
import { addFxTraderStacks } from "./app";
import { EnvironmentStack } from "./environment-stack";

export interface SynthOptions {
  readonly environments: readonly EnvironmentConfig[];
  /** Terraform output folder (`cdktf.out`). */
  readonly outdir: string;
  /** Review files folder (`out`); each environment gets `out/<env>/`, each account `out/account-<name>/`. */
  readonly reviewDir: string;
}

export interface StackSummary {
  readonly name: string;
  readonly resourceCount: number;
  /** Resource counts by Terraform type, sorted by type. */
  readonly resourcesByType: ReadonlyArray<readonly [string, number]>;
  readonly notes: readonly SummaryNote[];
}

export interface SynthResult {
  readonly stacks: readonly StackSummary[];
  /** Review files written, relative to `reviewDir`, sorted. */
  readonly reviewFiles: readonly string[];
}

/** The folder under `out/` that holds a stack's review files. */
export function reviewFolderOf(stack: TerraformStack): string {
  if (stack instanceof EnvironmentStack) return stack.config.name;
  if (stack instanceof AccountStack) return `account-${stack.account.name}`;
  throw new Error(`stack ${stack.node.id} is neither an environment nor an account stack`);
}

/** Collects the review artifacts of every stack in `app`, keyed by path relative to the review folder. */
export function collectReviewFiles(app: App): Map<string, string> {
  const files = new Map<string, string>();
  for (const stack of app.node.children.filter(TerraformStack.isStack)) {
    for (const artifact of stack.node.findAll().filter(ReviewArtifact.isReviewArtifact)) {
      const rel = path.posix.join(reviewFolderOf(stack), artifact.path);
      const existing = files.get(rel);
      if (existing !== undefined && existing !== artifact.content) {
        throw new Error(`two different review files would be written to out/${rel} (second from ${artifact.node.path})`);
      }
      files.set(rel, artifact.content);
    }
  }
  return files;
}

/** Writes `files` (relative path → content) under `dir`. */
export function writeFiles(dir: string, files: ReadonlyMap<string, string>): void {
  for (const [rel, content] of files) {
    const target = path.join(dir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
}

/** Summarizes one stack from the Terraform JSON synthesis wrote under `outdir`. */
export function summarizeStack(stack: TerraformStack, outdir: string): StackSummary {
  const json = writtenStackJson(stack, outdir, App.of(stack).manifest) as { resource?: Record<string, Record<string, unknown>> };
  const resourcesByType = Object.entries(json.resource ?? {})
    .map(([type, byName]) => [type, Object.keys(byName).length] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return {
    name: stack.node.id,
    resourceCount: resourcesByType.reduce((n, [, count]) => n + count, 0),
    resourcesByType,
    notes: stack.node.findAll().filter(SummaryNote.isSummaryNote),
  };
}

function replaceDir(staging: string, target: string): void {
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(staging, target);
}

/** Builds, synthesizes and writes every stack and review file; all or nothing. */
export function synthesize(options: SynthOptions): SynthResult {
  const stagingOut = `${options.outdir}.staging`;
  const stagingReview = `${options.reviewDir}.staging`;
  for (const dir of [stagingOut, stagingReview]) fs.rmSync(dir, { recursive: true, force: true });
  try {
    const app = new App({ outdir: stagingOut });
    addFxTraderStacks(app, options.environments);
    app.synth();
    const reviewFiles = collectReviewFiles(app);
    fs.mkdirSync(stagingReview, { recursive: true });
    writeFiles(stagingReview, reviewFiles);
    const stacks = app.node.children
      .filter(TerraformStack.isStack)
      .map((s) => summarizeStack(s, stagingOut));
    replaceDir(stagingOut, options.outdir);
    replaceDir(stagingReview, options.reviewDir);
    return { stacks, reviewFiles: [...reviewFiles.keys()].sort() };
  } finally {
    for (const dir of [stagingOut, stagingReview]) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The service family of a Terraform type: `aws_s3_bucket_policy` → `s3`, `helm_release` → `helm`. */
export function serviceOf(type: string): string {
  const [provider, service] = type.split("_");
  return provider === "aws" && service !== undefined ? service : provider!;
}

/** Resource counts by service family, largest first (ties by name). */
function byService(stack: StackSummary): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const [type, n] of stack.resourcesByType) counts.set(serviceOf(type), (counts.get(serviceOf(type)) ?? 0) + n);
  return [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}

export interface SummaryOptions {
  /** Every resource type, instead of counts by service family. @default false */
  readonly detailed?: boolean;
}

/**
 * Formats the synth summary printed by `npm run synth`: per stack, its resources (by service family, or by
 * type when detailed) and the notes its constructs add (policy, retention, backup, waivers with their reasons).
 */
export function formatSummary(
  result: SynthResult,
  options: Pick<SynthOptions, "outdir" | "reviewDir" | "environments">,
  summary: SummaryOptions = {},
): string {
  const width = Math.max(...result.stacks.map((s) => s.name.length));
  const lines = [
    `fx-trader: synthesized ${result.stacks.length} stacks for ${options.environments.map((e) => e.name).join(", ")} ` +
      `→ ${options.outdir}/stacks, ${result.reviewFiles.length} review files → ${options.reviewDir}/`,
  ];
  for (const stack of result.stacks) {
    const counts = summary.detailed ? stack.resourcesByType.map(([t, n]) => [t.replace(/^aws_/, ""), n] as const) : byService(stack);
    const types = counts.map(([t, n]) => `${t} ${n}`).join(", ");
    lines.push(`  ${stack.name.padEnd(width)}  ${String(stack.resourceCount).padStart(3)} resources: ${types}`.trimEnd());
    for (const note of stack.notes) lines.push(`  ${"".padEnd(width)}  ${note.topic}: ${note.text}`);
  }
  return lines.join("\n");
}
