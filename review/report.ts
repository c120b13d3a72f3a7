/** Markdown report of a change review, for a pull-request comment. */
import type { TreeDiff } from "./diff";
import { fmt, overallRisk, type Finding } from "./risk";

export interface ReportOptions {
  readonly baseLabel: string;
  readonly headLabel: string;
  readonly acknowledged: boolean;
}

const MAX_ATTRIBUTES = 12;
const SIGN = { added: "+", removed: "-", changed: "~" } as const;

export function renderReport(diff: TreeDiff, findings: readonly Finding[], options: ReportOptions): string {
  const lines: string[] = [`## Infrastructure change review: \`${options.baseLabel}\` → ${options.headLabel}`, ""];
  const total = diff.resources.length + diff.files.length + diff.stacksAdded.length + diff.stacksRemoved.length;
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
        : "High risk: this review fails until the change is acknowledged (`npm run review -- --ack`, or the `risk-acknowledged` pull-request label).",
    );
  }
  lines.push("");
  if (findings.length > 0) {
    lines.push("### Risks", "", "| level | where | rule | finding |", "|---|---|---|---|");
    for (const f of findings) lines.push(`| ${f.level} | \`${f.where}\` | ${f.rule} | ${f.message.replace(/\|/g, "\\|")} |`);
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
      for (const a of c.attributes.slice(0, MAX_ATTRIBUTES)) lines.push(`  - \`${a.path || "(value)"}\`: ${fmt(a.before)} → ${fmt(a.after)}`);
      if (c.attributes.length > MAX_ATTRIBUTES) lines.push(`  - … and ${c.attributes.length - MAX_ATTRIBUTES} more attributes`);
    }
    lines.push("");
  }
  if (diff.files.length > 0) {
    lines.push("### Review files", "");
    for (const f of diff.files) lines.push(`- \`${SIGN[f.kind]}\` \`out/${f.path}\``);
    lines.push("");
  }
  return lines.join("\n");
}
