/** Markdown report of a change review, for a pull-request comment. */
import type { AttributeChange, TreeDiff } from "./diff";
import { lineDiff, normalizeForDiff } from "./line-diff";
import { fmt, overallRisk, type Finding } from "./risk";

export interface ReportOptions {
  readonly baseLabel: string;
  readonly headLabel: string;
  readonly acknowledged: boolean;
}

const MAX_ATTRIBUTES = 12;
/** Lines of one value's or file's line diff in the report. */
const MAX_DIFF_LINES = 60;
/** Values longer than this (or spanning lines) are shown as a line diff, not `before → after`. */
const INLINE_LIMIT = 80;

/**
 * Characters of line diffs in one report. A GitHub comment holds at most 65,536 characters; the risks and the
 * lists of changes come first, and diffs past this budget are left out with a note, never cut in the middle.
 */
const DIFF_BUDGET_CHARS = 40_000;

/** Counts what the report's line diffs have used of {@link DIFF_BUDGET_CHARS}. */
class DiffBudget {
  private used = 0;
  omitted = 0;

  /** The folded diff, or a one-line note when it no longer fits. */
  fold(summary: string, diffLines: readonly string[], indent: string): string[] {
    const block = foldedDiff(summary, diffLines, indent);
    const size = block.reduce((n, l) => n + l.length + 1, 0);
    if (block.length > 0 && this.used + size > DIFF_BUDGET_CHARS) {
      this.omitted++;
      return [`${indent}(line diff left out: the report's size limit is reached; \`npm run review\` locally shows it)`];
    }
    this.used += size;
    return block;
  }
}

const isLong = (v: unknown) => typeof v === "string" && (v.length > INLINE_LIMIT || v.includes("\n"));

/** A fenced, folded `diff` block (GitHub renders `-`/`+` lines in colour). */
function foldedDiff(summary: string, diffLines: readonly string[], indent = ""): string[] {
  if (diffLines.length === 0) return [];
  const fence = diffLines.some((l) => l.includes("```")) ? "~~~~" : "```";
  return [`${indent}<details><summary>${summary}</summary>`, "", `${indent}${fence}diff`, ...diffLines.map((l) => `${indent}${l}`), `${indent}${fence}`, "", `${indent}</details>`];
}

/** One attribute change: inline for short values, a bounded line diff for long or multi-line strings (dashboards, rules). */
function attributeLines(a: AttributeChange, budget: DiffBudget): string[] {
  if (isLong(a.before) || isLong(a.after)) {
    const before = typeof a.before === "string" ? normalizeForDiff(a.before) : fmt(a.before);
    const after = typeof a.after === "string" ? normalizeForDiff(a.after) : fmt(a.after);
    return [`  - \`${a.path || "(value)"}\` changed:`, ...budget.fold("line diff", lineDiff(before, after, { maxLines: MAX_DIFF_LINES }), "    ")];
  }
  return [`  - \`${a.path || "(value)"}\`: ${fmt(a.before)} → ${fmt(a.after)}`];
}
const SIGN = { added: "+", removed: "-", changed: "~" } as const;

export function renderReport(diff: TreeDiff, findings: readonly Finding[], options: ReportOptions): string {
  const budget = new DiffBudget();
  const lines: string[] = [`## Infrastructure change review: \`${options.baseLabel}\` → ${options.headLabel}`, ""];
  const total = diff.resources.length + diff.blocks.length + diff.files.length + diff.stacksAdded.length + diff.stacksRemoved.length;
  if (total === 0) {
    lines.push("No changes: every stack and review file is identical.", "");
    return lines.join("\n");
  }
  const level = overallRisk(findings);
  const count = (l: string) => findings.filter((f) => f.level === l).length;
  lines.push(`**Risk: ${level.toUpperCase()}** (${count("high")} high, ${count("medium")} medium, ${count("low")} low findings).`);
  if (level === "high") {
    lines.push(
      options.acknowledged
        ? "High risk acknowledged for this change."
        : "High risk: this review fails until the change is acknowledged (`npm run review -- --ack`, or the `risk-acknowledged` pull-request label). The plans of the changed stacks run either way, so the plan can be read before acknowledging.",
    );
  }
  lines.push("");
  if (findings.length > 0) {
    lines.push("### Risks", "", "| level | where | rule | finding |", "|---|---|---|---|");
    for (const f of findings) lines.push(`| ${f.level} | \`${f.where}\` | ${f.rule} | ${f.message.replace(/\|/g, "\\|")} |`);
    lines.push("");
  }
  const settingStacks = [...new Set(diff.blocks.map((b) => b.stack))].sort();
  if (settingStacks.length > 0) lines.push("### Stack settings (backend, providers, data sources, outputs, locals)", "");
  for (const stack of settingStacks) {
    lines.push(`#### ${stack}`, "");
    for (const b of diff.blocks.filter((x) => x.stack === stack)) {
      lines.push(`- \`${SIGN[b.kind]}\` \`${b.address}\``);
      for (const a of b.attributes.slice(0, MAX_ATTRIBUTES)) lines.push(...attributeLines(a, budget));
      if (b.attributes.length > MAX_ATTRIBUTES) lines.push(`  - … and ${b.attributes.length - MAX_ATTRIBUTES} more attributes`);
    }
    lines.push("");
  }
  const stacks = [...new Set(diff.resources.map((r) => r.stack))].sort();
  if (diff.stacksAdded.length > 0) lines.push(`Stacks added: ${diff.stacksAdded.map((s) => `\`${s}\``).join(", ")}`, "");
  if (diff.stacksRemoved.length > 0) lines.push(`Stacks removed: ${diff.stacksRemoved.map((s) => `\`${s}\``).join(", ")}`, "");
  if (stacks.length > 0) lines.push("### Resources", "");
  for (const stack of stacks) {
    const changes = diff.resources.filter((r) => r.stack === stack);
    const n = (k: string) => changes.filter((c) => c.kind === k).length;
    lines.push(`#### ${stack} (${n("added")} added, ${n("changed")} changed, ${n("removed")} removed)`, "");
    for (const c of changes) {
      lines.push(`- \`${SIGN[c.kind]}\` \`${c.type}.${c.name}\``);
      for (const a of c.attributes.slice(0, MAX_ATTRIBUTES)) lines.push(...attributeLines(a, budget));
      if (c.attributes.length > MAX_ATTRIBUTES) lines.push(`  - … and ${c.attributes.length - MAX_ATTRIBUTES} more attributes`);
    }
    lines.push("");
  }
  if (diff.files.length > 0) {
    lines.push("### Review files", "");
    for (const f of diff.files) {
      lines.push(`- \`${SIGN[f.kind]}\` \`out/${f.path}\``);
      if (f.kind === "changed") lines.push(...budget.fold("line diff", lineDiff(normalizeForDiff(f.before ?? ""), normalizeForDiff(f.after ?? ""), { maxLines: MAX_DIFF_LINES }), "  "));
    }
    lines.push("");
  }
  if (budget.omitted > 0) lines.push(`${budget.omitted} line diffs left out to keep the report within a pull-request comment.`, "");
  return bounded(lines);
}

/** Longest report, in characters: a GitHub comment holds 65,536, and the CI adds a marker line. */
export const MAX_REPORT_CHARS = 60_000;

/** The report, cut before a top-level list item or heading when it is too long, saying so. */
function bounded(lines: readonly string[]): string {
  const text = lines.join("\n");
  if (text.length <= MAX_REPORT_CHARS) return text;
  const note = "\n… the report is cut here to fit a pull-request comment; `npm run review` locally shows the rest.\n";
  let size = 0;
  let cut = 0;
  for (let i = 0; i < lines.length; i++) {
    if (size + lines[i]!.length + 1 + note.length > MAX_REPORT_CHARS) break;
    size += lines[i]!.length + 1;
    if (/^(- |#{2,4} )/.test(lines[i + 1] ?? "")) cut = i + 1;
  }
  return lines.slice(0, cut).join("\n") + note;
}
