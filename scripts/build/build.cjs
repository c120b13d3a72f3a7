#!/usr/bin/env node
// Bundles main.ts (and everything it imports) into dist/main.js with esbuild, so synth runs under plain
// `node`: no ts-node, no type-checking on the hot path (that is `npm run typecheck`). Deep imports of
// the provider packages keep the bundle to the resources we use.
//
// The build is skipped when dist/main.js is newer than every file the last build read (esbuild's metafile
// lists them, node_modules included) and than the build scripts and the lock file: `npm run synth` then costs
// one stat per input instead of a rebuild. `node scripts/build/build.cjs --force` rebuilds regardless.
//
// One module of cdktf is replaced in the bundle (not in node_modules; tests run the original): its token
// creation-stack capture, by a version that formats the same stack lazily (see lazy-stack-trace.cjs). The
// original is pinned by hash, so a different cdktf (or the cdktn fork) fails the build until the
// replacement is reviewed against it.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const here = __dirname;
const root = path.resolve(here, "../..");
const bundle = path.join(root, "dist/main.js");
const metafile = path.join(root, "dist/main.meta.json");

/**
 * Modules of dependencies replaced in the bundle (replacements.json): which file, the sha256 of the reviewed
 * original, the replacement (paths relative to the project root), and why.
 */
const replacementsFile = path.join(here, "replacements.json");
const REPLACEMENTS = JSON.parse(fs.readFileSync(replacementsFile, "utf8")).map((r) => ({ ...r, replacement: path.join(root, r.replacement) }));

/** The build's own files: a change to any of them rebuilds. */
const BUILD_INPUTS = [__filename, replacementsFile, ...REPLACEMENTS.map((r) => r.replacement), path.join(root, "package-lock.json")];

/** Whether the bundle is newer than everything it was built from. */
function upToDate() {
  const built = fs.statSync(bundle, { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined || !fs.existsSync(metafile)) return false;
  const inputs = recordedInputs();
  if (inputs === undefined) return false;
  const sources = [...inputs.map((i) => path.join(root, i)), ...BUILD_INPUTS];
  return sources.every((file) => (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) <= built);
}

/**
 * The inputs the last build recorded, or undefined (and a note on stderr) when the metafile is damaged, e.g.
 * truncated by a kill or a full disk: the bundle is then rebuilt, which rewrites it.
 */
function recordedInputs() {
  try {
    const inputs = JSON.parse(fs.readFileSync(metafile, "utf8")).inputs;
    if (typeof inputs === "object" && inputs !== null && Object.keys(inputs).length > 0) return Object.keys(inputs);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  console.error(`fx-trader: ${path.relative(root, metafile)} is damaged; rebuilding the bundle`);
  return undefined;
}

/**
 * esbuild plugin: loads each replacement instead of its module, after checking the module is the reviewed one.
 * Records what it replaced in `replaced`. Paths are compared resolved, since node_modules may be a symlink
 * (the change review builds a base revision in a worktree that links to this checkout's node_modules).
 */
const replaceModules = (replaced) => ({
  name: "replace-modules",
  setup(build) {
    for (const { module, sha256, replacement } of REPLACEMENTS) {
      const absolute = fs.realpathSync(path.join(root, module));
      build.onLoad({ filter: new RegExp(`${module.split("/").slice(-4).join("[\\\\/]").replace(/\./g, "\\.")}$`) }, (args) => {
        if (fs.realpathSync(args.path) !== absolute) return undefined;
        const actual = crypto.createHash("sha256").update(fs.readFileSync(absolute)).digest("hex");
        if (actual !== sha256) {
          return {
            errors: [
              {
                text: `${module} is not the version ${path.relative(root, replacement)} replaces (sha256 ${actual}, expected ${sha256}); review the replacement against it, then update its sha256 in scripts/build/replacements.json`,
              },
            ],
          };
        }
        replaced.add(module);
        return { contents: fs.readFileSync(replacement, "utf8"), loader: "js", resolveDir: path.dirname(absolute) };
      });
    }
  },
});

/** Writes `contents` to `file` atomically (a temporary file in the same folder, then a rename). */
function replaceFile(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, contents);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Builds dist/main.js (or `outfile`) and, for dist/main.js, the metafile the up-to-date check reads. A code
 * cache of the previous bundle no longer matches its CRC and is rewritten on the next run.
 */
async function buildBundle(outfile = bundle) {
  const { build } = require("esbuild"); // loaded only when building
  const replaced = new Set();
  const started = new Date();
  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, "main.ts")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: "linked",
    legalComments: "none",
    logLevel: "warning",
    // A key given twice in an object literal (a config section written twice) is an error, not a warning:
    // the second silently replaces the first, and nothing but the type checker would notice.
    logOverride: { "duplicate-object-key": "error" },
    metafile: true,
    write: false,
    plugins: [replaceModules(replaced)],
  });
  if (replaced.size !== REPLACEMENTS.length) {
    const missing = REPLACEMENTS.filter((r) => !replaced.has(r.module)).map((r) => r.module);
    throw new Error(`build: ${missing.join(", ")} no longer in the bundle; remove it from scripts/build/replacements.json`);
  }
  // Each file is written beside its target and renamed over it, so a synth running meanwhile reads the old
  // bundle or the new one, never half of one. The bundle goes last: the up-to-date check compares its mtime.
  // The metafile goes before the bundle too: a kill between them leaves a bundle older than its changed inputs.
  const outputs = [...result.outputFiles].sort((a, b) => Number(a.path === outfile) - Number(b.path === outfile));
  if (outfile === bundle) replaceFile(metafile, JSON.stringify({ inputs: Object.fromEntries(Object.keys(result.metafile.inputs).sort().map((i) => [i, {}])) }));
  for (const output of outputs) replaceFile(output.path, output.contents);
  // Dated when the build started: an input edited while esbuild ran is newer, so the next synth rebuilds.
  fs.utimesSync(outfile, started, started);
}

/** Builds the bundle unless it is up to date (or always, with `force`). */
async function ensureBuilt({ force = false } = {}) {
  if (force || !upToDate()) await buildBundle();
}

module.exports = { bundle, ensureBuilt };

// `node scripts/build/build.cjs [--force] [--outfile <path>]` (tests build a private copy with --outfile).
if (require.main === module) {
  const at = process.argv.indexOf("--outfile");
  const done = at > 0 ? buildBundle(path.resolve(process.argv[at + 1])) : ensureBuilt({ force: process.argv.includes("--force") });
  done.catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
