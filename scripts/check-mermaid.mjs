#!/usr/bin/env node
// Parses every ```mermaid block of the given Markdown files with Mermaid itself (the parser GitHub's renderer
// uses), in a jsdom window since Mermaid expects a browser. Prints `file:line: message` per broken diagram and
// exits 1 when any is broken. Usage: node scripts/check-mermaid.mjs FILE.md [...]
import fs from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

let diagrams = 0;
const failures = [];
for (const file of process.argv.slice(2)) {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== "```mermaid") continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end].trim() !== "```") end++;
    diagrams++;
    try {
      await mermaid.parse(lines.slice(start, end).join("\n"));
    } catch (e) {
      failures.push(`${file}:${start + 1}: ${String(e?.message ?? e).split("\n").slice(0, 4).join(" ")}`);
    }
    i = end;
  }
}
for (const f of failures) console.error(f);
console.log(`${diagrams} diagrams parsed, ${failures.length} broken`);
process.exit(failures.length > 0 ? 1 : 0);
