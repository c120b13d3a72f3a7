/**
 * Synthesis of the whole stack set, all or nothing: stacks and review files are written to a new generation
 * folder and published with one rename only when everything succeeded (`output-store.ts`), so a failure
 * (invalid config, a construct's validation, a policy rule, a kill, a full disk) leaves the previous output
 * untouched and nothing partial, and two synths of one folder run one after the other.
 */
import { App, TerraformStack } from "cdktf";
import fs from "node:fs";
import path from "node:path";
import type { EnvironmentConfig } from "../config/types";
import { ReviewArtifact } from "../constructs/core/review-artifact";
import { SummaryNote } from "../constructs/core/summary-note";
import { writtenStackJson } from "../constructs/core/written-stack";
import { AccountStack } from "../stacks/account-stack";
import { addFxTraderStacks } from "../stacks/app";
import { EnvironmentStack } from "../stacks/environment-stack";
import { OutputError, OutputStore, describeFsError, isFsError, type LockHolder } from "./output-store";
import { checkedStackJson, enforceOnEveryStack } from "./policy/security-policy";

export interface SynthOptions {
  readonly environments: readonly EnvironmentConfig[];
  /** Terraform output folder (`cdktf.out`). */
  readonly outdir: string;
  /** Review files folder (`out`); each environment gets `out/<env>/`, each account `out/account-<name>/`. */
  readonly reviewDir: string;
  /**
   * Run by the cdktf CLI (`cdktf synth|diff|deploy`), which afterwards deletes the stack folders it saw before
   * the run that the new manifest lacks, and fails when one is gone: the new generation then gets an empty
   * folder for each, for the CLI to delete. @default false
   */
  readonly cdktfCli?: boolean;
  /** Seconds to wait for another synth of the same output folder. @default 60 */
  readonly lockWaitSeconds?: number;
  /** Called when another synth holds the output folder and this one waits. */
  readonly onWait?: (holder: LockHolder, lockFile: string) => void;
  /** Test hook: the process kills itself on reaching this step (see `OutputStore`). */
  readonly crashAt?: string;
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
  /** Problems after publishing (an old generation that could not be removed), one line each. */
  readonly warnings: readonly string[];
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

/**
 * Summarizes one stack from the Terraform JSON synthesis wrote under `outdir`: the JSON the policy gate read back
 * from that file and checked, or the file read again for a stack the gate did not check there.
 */
export function summarizeStack(stack: TerraformStack, outdir: string): StackSummary {
  const json = (checkedStackJson(stack, outdir) ?? writtenStackJson(stack, outdir, App.of(stack).manifest)) as { resource?: Record<string, Record<string, unknown>> };
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

/** Files Terraform keeps in a stack folder between runs (providers, modules, their lock): carried to the next generation. */
const TERRAFORM_STATE_FILES = [".terraform", ".terraform.lock.hcl"];

/**
 * Moves Terraform's working files of every stack still synthesized from the published generation to the new
 * one, so `cdktf diff` after a synth does not download providers again. One that cannot be moved (root-owned)
 * stays behind; Terraform then initializes again.
 */
function carryTerraformFiles(from: string, to: string, stacks: readonly string[]): void {
  for (const stack of stacks) {
    for (const name of TERRAFORM_STATE_FILES) {
      const source = path.join(from, "stacks", stack, name);
      const target = path.join(to, "stacks", stack, name);
      if (!fs.existsSync(source) || !fs.existsSync(path.dirname(target))) continue;
      try {
        fs.renameSync(source, target);
      } catch {
        // not ours to move: Terraform re-initializes in the new folder
      }
    }
  }
}

/** Stack folders of the published generation (what the cdktf CLI listed before running the app). */
function publishedStackFolders(outdir: string | undefined): string[] {
  if (outdir === undefined) return [];
  try {
    return fs.readdirSync(path.join(outdir, "stacks"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

/** Builds, synthesizes and writes every stack and review file; all or nothing. */
export function synthesize(options: SynthOptions): SynthResult {
  const store = new OutputStore(options);
  try {
    const staging = store.open();
    const app = new App({ outdir: staging.outdir });
    addFxTraderStacks(app, options.environments);
    // S3/S4: every stack passes the policy rules (or carries a written waiver) or synthesis fails.
    enforceOnEveryStack(app);
    app.synth();
    store.checkpoint("synthesized");
    const reviewFiles = collectReviewFiles(app);
    writeFiles(staging.reviewDir, reviewFiles);
    store.checkpoint("review-written");
    const stackList = app.node.children.filter(TerraformStack.isStack);
    const stacks = stackList.map((s) => summarizeStack(s, staging.outdir));
    const names = stackList.map((s) => s.node.id);
    const previous = store.publishedOutdir();
    carryTerraformFiles(previous ?? "", staging.outdir, previous === undefined ? [] : names);
    if (options.cdktfCli) {
      for (const orphan of publishedStackFolders(previous).filter((n) => !names.includes(n))) {
        fs.mkdirSync(path.join(staging.outdir, "stacks", orphan), { recursive: true });
      }
    }
    const warnings = store.publish();
    return { stacks, reviewFiles: [...reviewFiles.keys()].sort(), warnings };
  } catch (error) {
    if (isFsError(error) && !(error instanceof OutputError)) throw new OutputError(describeFsError(error, "write"), false);
    throw error;
  } finally {
    store.close();
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
    for (const text of noteLines(stack)) lines.push(`  ${"".padEnd(width)}  ${text}`);
  }
  return lines.join("\n");
}

/**
 * A stack's notes as printed: each in order, except that waivers of one rule with one justification on several
 * resources (a rule every bucket waives for the same reason) are one line naming every resource, at the place of
 * the first, so the reason is read once.
 */
function noteLines(stack: StackSummary): string[] {
  const groups = new Map<string, { rule: string; reason: string; where: string[] }>();
  const out: Array<string | { rule: string; reason: string; where: string[] }> = [];
  for (const note of stack.notes) {
    const waiver = note.topic === "policy waiver" ? /^(\S+) on (\S+): ([\s\S]*)$/.exec(note.text) : null;
    if (!waiver) {
      out.push(`${note.topic}: ${note.text}`);
      continue;
    }
    const [, rule, where, reason] = waiver as unknown as [string, string, string, string];
    const key = `${rule}\0${reason}`;
    const group = groups.get(key);
    if (group) group.where.push(where);
    else {
      const created = { rule, reason, where: [where] };
      groups.set(key, created);
      out.push(created);
    }
  }
  return out.map((line) => {
    if (typeof line === "string") return line;
    if (line.where.length === 1) return `policy waiver: ${line.rule} on ${line.where[0]}: ${line.reason}`;
    const prefix = `${stack.name}/`;
    const short = line.where.map((w) => (w.startsWith(prefix) ? w.slice(prefix.length) : w));
    return `policy waiver: ${line.rule} on ${line.where.length} resources of ${stack.name} (${short.join(", ")}): ${line.reason}`;
  });
}
