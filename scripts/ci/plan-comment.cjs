/**
 * Renders the plan comment (and the approver's job summary) from the per-stack results of
 * scripts/ci/plan-stack.sh: one row per stack in dependency order with its status and add / change / destroy
 * counts, stateful destroys and replacements called out, errors shown, each plan's text folded and bounded.
 *
 *   node plan-comment.cjs <plans-dir> <marker> <title> <stack>...   (stacks in dependency order)
 *
 * Writes Markdown on stdout; exits 1 when any stack's plan failed or has no result (its job did not
 * finish), so the step that posts the comment also fails the check, after posting.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

/** GitHub rejects comments over 65,536 characters; keep room for the table. */
const MAX_TEXT_PER_STACK = 12000;
const MAX_TEXT_TOTAL = 48000;
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

function readResult(dir, stack) {
  const file = path.join(dir, stack, "result.json");
  if (!fs.existsSync(file)) return { stack, status: "missing" };
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

function readText(dir, stack) {
  const file = path.join(dir, stack, "plan.txt");
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").replace(ANSI, "").replace(/\r/g, "") : "";
}

/** Terraform's `Error:` blocks (they run to the next blank line after the message), else the last lines. */
function errorOf(text) {
  const blocks = text.split(/\n(?=(?:╷\n│ )?Error: |│ Error: )/).slice(1);
  const found = blocks.map((b) => b.split(/\n╵|\n\n\n/)[0].trim()).filter(Boolean);
  return (found.length > 0 ? found.join("\n\n") : text.trim().split("\n").slice(-15).join("\n")).slice(0, 4000);
}

/** Keeps the plan's resource lines: drops init chatter ahead of the plan proper. */
function planBody(text) {
  const at = text.search(/^(Terraform used the selected providers|No changes\.|Terraform will perform)/m);
  return (at >= 0 ? text.slice(at) : text).trim();
}

function bounded(text, max) {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf("\n"))}\n… (${text.length - max} more characters: the full plan is in the job's artifact)`;
}

const fence = (text) => `\`\`\`\`text\n${text}\n\`\`\`\``;
const STATUS = { "no-changes": "✅ no changes", changes: "📝 changes", failed: "❌ plan failed", missing: "❌ no result (job did not finish)" };

function render(dir, marker, title, stacks) {
  const results = stacks.map((s) => readResult(dir, s));
  const failed = results.filter((r) => r.status === "failed" || r.status === "missing");
  const lines = [marker, `## ${title}`, ""];
  const commit = results.find((r) => r.commit)?.commit;
  if (commit) lines.push(`Commit \`${commit.slice(0, 12)}\`; plans run with Terraform on the synthesized JSON of each stack.`, "");
  lines.push(
    failed.length > 0 ? `**${failed.length} of ${results.length} plans failed.**` : `All ${results.length} plans succeeded.`,
    "",
    "| stack | result | add | change | destroy | stateful destroyed or replaced |",
    "|---|---|---:|---:|---:|---|",
  );
  for (const r of results) {
    const n = (k) => (r[k] === undefined ? "–" : String(r[k]));
    const stateful = (r.stateful || []).map((s) => `⚠️ ${s.action} \`${s.address}\``).join("<br>");
    const replace = r.replace ? ` (${r.replace} replaced)` : "";
    lines.push(`| \`${r.stack}\` | ${STATUS[r.status] || r.status} | ${n("add")} | ${n("change")} | ${n("destroy")}${replace} | ${stateful} |`);
  }
  lines.push("");
  let budget = MAX_TEXT_TOTAL;
  for (const r of results) {
    const text = readText(dir, r.stack);
    if (r.status === "failed" || r.status === "missing") {
      lines.push(`### ❌ \`${r.stack}\``, "", r.status === "missing" ? "The plan job did not report a result (cancelled, or no runner picked it up)." : fence(errorOf(text)), "");
    }
    if (r.status === "missing" || text === "") continue;
    const body = bounded(planBody(text), Math.max(0, Math.min(MAX_TEXT_PER_STACK, budget)));
    budget -= body.length;
    lines.push(`<details><summary>Plan of <code>${r.stack}</code></summary>`, "", fence(body), "", "</details>", "");
  }
  return { markdown: lines.join("\n"), failed: failed.length };
}

function main() {
  const [dir, marker, title, ...stacks] = process.argv.slice(2);
  if (!dir || !marker || !title || stacks.length === 0) {
    console.error("usage: plan-comment.cjs <plans-dir> <marker> <title> <stack>...");
    process.exit(2);
  }
  const { markdown, failed } = render(dir, marker, title, stacks);
  process.stdout.write(`${markdown}\n`);
  process.exitCode = failed > 0 ? 1 : 0;
}

if (require.main === module) main();
module.exports = { render, errorOf };
