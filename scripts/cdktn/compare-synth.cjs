#!/usr/bin/env node
// Compares two synth outputs (each a folder holding `cdktf.out/` and `out/` as `npm run synth` writes them: real
// folders, or the symlinks into its generation store that `CDKTF_OUTDIR=<dir>/cdktf.out FX_REVIEW_DIR=<dir>/out`
// leaves), one made on cdktf and one on cdktn: they must be equal byte for byte after exactly two normalizations,
// the two ways the runtimes' writers differ today:
//   1. the runtime's version stamp: `//.metadata.version` of each stack's cdk.tf.json (and the `version` at the top
//      of cdktf.out/manifest.json, the same stamp in the manifest);
//   2. an empty object or array written over two lines by cdktf (`{\n   }`) and on one by cdktn (`{}`).
// Anything else (a value, a key, a file more or less) is a difference, printed as a unified diff.
//
// `node scripts/cdktn/compare-synth.cjs <cdktf-output> <cdktn-output>`: exit 0 when equal, 1 with the diffs.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const VERSION_PLACEHOLDER = "<runtime version>";

/** The two folders of a synth output; `npm run synth` publishes each as a symlink into its generation store. */
const OUTPUT_FOLDERS = ["cdktf.out", "out"];

/**
 * Every file of the output in `dir` (its `cdktf.out/` and `out/`, followed when they are symlinks), as sorted
 * paths relative to `dir`.
 */
function listFiles(dir) {
  return OUTPUT_FOLDERS.filter((folder) => fs.existsSync(path.join(dir, folder)))
    .flatMap((folder) => {
      const real = fs.realpathSync(path.join(dir, folder));
      return fs
        .readdirSync(real, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => [folder, ...path.relative(real, path.join(e.parentPath, e.name)).split(path.sep)].join("/"));
    })
    .sort();
}

/**
 * Replaces the value of the stamp the regular expression's group 1 captures, after checking that it is the value
 * at `stampPath` of the parsed document (so no other `"version"` is ever touched).
 */
function replaceStamp(text, file, pattern, stampPath) {
  const parsed = JSON.parse(text);
  const value = stampPath.reduce((node, key) => (node !== null && typeof node === "object" ? node[key] : undefined), parsed);
  if (typeof value !== "string") return text; // no stamp here: compared as it is
  const match = pattern.exec(text);
  if (match === null || match[1] !== value) throw new Error(`${file}: ${stampPath.join(".")} = ${JSON.stringify(value)} is not where the writer puts it`);
  const at = match.index + match[0].length - match[1].length - 1;
  return `${text.slice(0, at)}${VERSION_PLACEHOLDER}${text.slice(at + match[1].length)}`;
}

/** `//.metadata.version`: the first `"version"` line directly in the metadata block that opens a stack's JSON. */
const STACK_STAMP = /^\{\n  "\/\/": \{\n    "metadata": \{\n(?: {6}.*\n)*? {6}"version": "([^"\n]*)"/;
/** The manifest's own `version`: its last top-level key. */
const MANIFEST_STAMP = /\n {2}"version": "([^"\n]*)"\n\}\n?$/;
/** An empty object or array over two lines: a newline is never inside a JSON string, so this is never data. */
const EMPTY_OVER_LINES = /([[{])\n[ \t]*([\]}])/g;

/** `text` of `file` (a path relative to the output folder) after the two normalizations. */
function normalize(file, text) {
  if (!file.endsWith(".json")) return text;
  let normalized = text.replace(EMPTY_OVER_LINES, (whole, open, close) => (open === "[" ? close === "]" : close === "}") ? `${open}${close}` : whole);
  if (/^cdktf\.out\/stacks\/[^/]+\/cdk\.tf\.json$/.test(file)) normalized = replaceStamp(normalized, file, STACK_STAMP, ["//", "metadata", "version"]);
  else if (file === "cdktf.out/manifest.json") normalized = replaceStamp(normalized, file, MANIFEST_STAMP, ["version"]);
  return normalized;
}

/** A unified diff of two texts, labelled with `label` (diffutils' `diff -u`). */
function unifiedDiff(label, before, after) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fx-compare-synth-"));
  try {
    fs.writeFileSync(path.join(dir, "a"), before);
    fs.writeFileSync(path.join(dir, "b"), after);
    const diff = spawnSync("diff", ["-u", "--label", `cdktf/${label}`, "--label", `cdktn/${label}`, "a", "b"], { cwd: dir, encoding: "utf8" });
    if (diff.error) throw diff.error;
    return diff.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The differences between the cdktf output in `cdktfDir` and the cdktn output in `cdktnDir` that the two
 * normalizations do not explain: one entry per file, with its diff. Empty when they are equal.
 */
function compareOutputs(cdktfDir, cdktnDir) {
  const left = listFiles(cdktfDir);
  const right = listFiles(cdktnDir);
  if (left.length === 0) throw new Error(`${cdktfDir}: no files (synthesize there first)`);
  const differences = [];
  for (const file of [...new Set([...left, ...right])].sort()) {
    if (!right.includes(file)) differences.push({ file, diff: `only in the cdktf output: ${file}\n` });
    else if (!left.includes(file)) differences.push({ file, diff: `only in the cdktn output: ${file}\n` });
    else {
      const before = normalize(file, fs.readFileSync(path.join(cdktfDir, file), "utf8"));
      const after = normalize(file, fs.readFileSync(path.join(cdktnDir, file), "utf8"));
      if (before !== after) differences.push({ file, diff: unifiedDiff(file, before, after) });
    }
  }
  return differences;
}

module.exports = { compareOutputs, normalize };

if (require.main === module) {
  const [cdktfDir, cdktnDir] = process.argv.slice(2);
  if (cdktnDir === undefined) {
    console.error("usage: compare-synth.cjs <cdktf-output> <cdktn-output>");
    process.exit(2);
  }
  const files = listFiles(cdktfDir).length;
  const differences = compareOutputs(cdktfDir, cdktnDir);
  if (differences.length > 0) {
    for (const { diff } of differences) process.stdout.write(diff);
    console.error(`compare-synth: ${differences.length} of ${files} files differ between cdktf and cdktn beyond the version stamp and empty {}/[] on one line`);
    process.exit(1);
  }
  console.log(`compare-synth: ${files} files equal on cdktf and cdktn (after normalizing the version stamp and empty {}/[] on one line)`);
}
