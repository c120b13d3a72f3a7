#!/usr/bin/env node
// Bundles main.ts (and everything it imports) into dist/main.js with esbuild, so synth runs under plain
// `node`: no ts-node, no type-checking on the hot path (that is `npm run typecheck`). Deep imports of
// the provider packages keep the bundle to the resources we use.
//
// The build is skipped when dist/main.js is newer than every file the last build read (esbuild's metafile
// lists them, node_modules included) and than the build scripts and the lock file, and was built with the CDK
// runtime installed now: `npm run synth` then costs one stat per input instead of a rebuild.
// `node scripts/build/build.cjs --force` rebuilds regardless.
//
// The CDK runtime is whatever `node_modules/cdktf` is: cdktf itself or its fork cdktn installed under that name
// (`npm run runtime:cdktn`). Each reviewed runtime has its patches in runtimes.json, each pinned to the sha256 of
// the module it was reviewed against: on cdktf 0.21.0, the token creation-stack capture is replaced in the
// bundle (not in node_modules; tests run the original) by a version that formats the same stack lazily (see
// lazy-stack-trace.cjs); on cdktn, whose runtime has its own switch for that cost, the bundle sets the switch
// instead. A runtime or module not reviewed fails the build until it is.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const here = __dirname;
const root = path.resolve(here, "../..");
const bundle = path.join(root, "dist/main.js");
const metafile = path.join(root, "dist/main.meta.json");

/**
 * Per reviewed runtime (`name@version` of node_modules/cdktf), the modules the build patches: which file, the
 * sha256 of the reviewed original, and either a `replacement` (path relative to the project root) loaded
 * instead of it, or `environment` defaults the bundle sets before anything loads; and why.
 */
const runtimesFile = path.join(here, "runtimes.json");
const RUNTIMES = JSON.parse(fs.readFileSync(runtimesFile, "utf8"));

/** The build's own files: a change to any of them rebuilds. */
const BUILD_INPUTS = [
  __filename,
  runtimesFile,
  ...Object.values(RUNTIMES).flatMap((r) => r.patches.filter((p) => p.replacement).map((p) => path.join(root, p.replacement))),
  path.join(root, "package-lock.json"),
];

/** `name@version` of the CDK runtime installed as `cdktf` (cdktf itself, or cdktn under that name). */
function installedRuntime() {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(root, "node_modules/cdktf/package.json"), "utf8"));
  return `${name}@${version}`;
}

/** The patches the build applies for `runtime`; throws for a runtime runtimes.json has not reviewed. */
function patchesFor(runtime) {
  const reviewed = RUNTIMES[runtime];
  if (reviewed === undefined) {
    throw new Error(
      `build: the CDK runtime in node_modules/cdktf is ${runtime}, which scripts/build/runtimes.json has not reviewed ` +
        `(reviewed: ${Object.keys(RUNTIMES).join(", ")}); review how it captures token creation stacks ` +
        `(lib/tokens/private/stack-trace.js) and add its patches there`,
    );
  }
  return reviewed.patches.map((p) => ({ ...p, replacement: p.replacement && path.join(root, p.replacement) }));
}

/**
 * Whether `bundleFile` is newer than everything it was built from, and was built with `runtime` (a runtime
 * switched in place keeps its install-time mtimes, which may be older than the bundle).
 */
/**
 * The last build's metafile, or undefined (and a note on stderr) when it is damaged, e.g. truncated by a kill or a
 * full disk: the bundle is then rebuilt, which rewrites it.
 */
function recordedMeta(metaFile) {
  try {
    const meta = JSON.parse(fs.readFileSync(metaFile, "utf8"));
    if (typeof meta?.inputs === "object" && meta.inputs !== null && Object.keys(meta.inputs).length > 0) return meta;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  console.error(`fx-trader: ${path.relative(root, metaFile)} is damaged; rebuilding the bundle`);
  return undefined;
}

function upToDate({ bundleFile = bundle, metaFile = metafile, runtime = installedRuntime() } = {}) {
  const built = fs.statSync(bundleFile, { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined || !fs.existsSync(metaFile)) return false;
  const meta = recordedMeta(metaFile);
  if (meta === undefined) return false;
  if (meta.runtime !== runtime) return false;
  const sources = [...Object.keys(meta.inputs).map((i) => path.join(root, i)), ...BUILD_INPUTS];
  return sources.every((file) => (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) <= built);
}

/**
 * esbuild plugin: checks each patched module is the reviewed one and loads its replacement instead, if it has
 * one. Records what it checked in `applied`. Paths are compared resolved, since node_modules may be a symlink
 * (the change review builds a base revision in a worktree that links to this checkout's node_modules).
 */
const patchModules = (patches, applied) => ({
  name: "patch-modules",
  setup(build) {
    for (const { module, sha256, replacement } of patches) {
      const absolute = fs.realpathSync(path.join(root, module));
      build.onLoad({ filter: new RegExp(`${module.split("/").slice(-4).join("[\\\\/]").replace(/\./g, "\\.")}$`) }, (args) => {
        if (fs.realpathSync(args.path) !== absolute) return undefined;
        const actual = crypto.createHash("sha256").update(fs.readFileSync(absolute)).digest("hex");
        if (actual !== sha256) {
          return {
            errors: [
              {
                text: `${module} is not the version scripts/build/runtimes.json reviewed for ${installedRuntime()} (sha256 ${actual}, expected ${sha256}); review its patch against it, then update its sha256 there`,
              },
            ],
          };
        }
        applied.add(module);
        if (replacement === undefined) return undefined; // an environment switch: the module loads as it is
        return { contents: fs.readFileSync(replacement, "utf8"), loader: "js", resolveDir: path.dirname(absolute) };
      });
    }
  },
});

/**
 * The bundle's first lines: each patch's environment default, kept when the caller set the variable. They
 * open with the bundle's own "use strict" (esbuild writes it after the banner, where it would no longer count).
 */
function environmentBanner(patches) {
  const lines = patches.flatMap((p) => Object.entries(p.environment ?? {}).map(([name, value]) => `process.env.${name} ??= ${JSON.stringify(value)};`));
  return lines.length === 0 ? "" : ['"use strict";', "// Runtime switches (scripts/build/runtimes.json)", ...lines].join("\n");
}

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

/** The metafile the up-to-date check reads for `outfile`: dist/main.meta.json, or `<outfile without .js>.meta.json`. */
function metafileOf(outfile) {
  return outfile === bundle ? metafile : `${outfile.replace(/\.js$/, "")}.meta.json`;
}

/**
 * Runs `start` (one esbuild API call) with esbuild's service process started without Go's garbage collector, and
 * stops that process afterwards. The service keeps the collector on, as a long-lived server must; esbuild's own
 * command line turns it off for a one-shot build, and this build is one-shot: measured, a quarter less CPU per
 * build (about 0.3 s of 1.0 s on 2 cores) for about 50 MB more memory. A GOGC the caller set is kept.
 */
async function oneShot(esbuild, start) {
  const caller = process.env.GOGC;
  process.env.GOGC = caller ?? "off";
  let pending;
  try {
    pending = start(); // spawns the service, which takes its environment now
  } finally {
    if (caller === undefined) delete process.env.GOGC;
  }
  try {
    return await pending;
  } finally {
    await esbuild.stop();
  }
}

/**
 * Builds dist/main.js (or `outfile`, as tests do) and the metafile the up-to-date check reads. A code
 * cache of the previous bundle no longer matches its CRC and is rewritten on the next run.
 */
async function buildBundle(outfile = bundle) {
  const esbuild = require("esbuild"); // loaded only when building
  const runtime = installedRuntime();
  const patches = patchesFor(runtime);
  const applied = new Set();
  const started = new Date();
  const result = await oneShot(esbuild, () => esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(root, "main.ts")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    // No source map: nothing reads one (node maps stack frames only with --enable-source-maps, which no script
    // sets), and writing the 10 MB map was a third of each build's CPU (about 0.5 s of 1.5 s on 2 cores).
    sourcemap: false,
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
    // A key given twice in an object literal (a config section written twice) is an error, not a warning:
    // the second silently replaces the first, and nothing but the type checker would notice.
    logOverride: { "duplicate-object-key": "error" },
    write: false,
    banner: { js: environmentBanner(patches) },
    plugins: [patchModules(patches, applied)],
  }));
  if (applied.size !== new Set(patches.map((p) => p.module)).size) {
    const missing = patches.filter((p) => !applied.has(p.module)).map((p) => p.module);
    throw new Error(`build: ${missing.join(", ")} no longer in the bundle; remove its patch for ${runtime} from scripts/build/runtimes.json`);
  }
  // Each file is written beside its target and renamed over it, so a synth running meanwhile reads the old
  // bundle or the new one, never half of one. The bundle goes last: the up-to-date check compares its mtime.
  const outputs = [...result.outputFiles].sort((a, b) => Number(a.path === outfile) - Number(b.path === outfile));
  // The metafile goes before the bundle: a kill between them leaves a bundle older than its changed inputs.
  replaceFile(metafileOf(outfile), JSON.stringify({ runtime, inputs: Object.fromEntries(Object.keys(result.metafile.inputs).sort().map((i) => [i, {}])) }));
  for (const output of outputs) replaceFile(output.path, output.contents);
  fs.rmSync(`${outfile}.map`, { force: true }); // an earlier build's map, which no longer matches
  // Dated when the build started: an input edited while esbuild ran is newer, so the next synth rebuilds.
  fs.utimesSync(outfile, started, started);
}

/** Builds the bundle unless it is up to date (or always, with `force`). */
async function ensureBuilt({ force = false } = {}) {
  if (force || !upToDate()) await buildBundle();
}

module.exports = { bundle, ensureBuilt, environmentBanner, installedRuntime, metafileOf, patchesFor, upToDate };

// `node scripts/build/build.cjs [--force] [--outfile <path>]` (tests build a private copy with --outfile).
if (require.main === module) {
  const at = process.argv.indexOf("--outfile");
  const done = at > 0 ? buildBundle(path.resolve(process.argv[at + 1])) : ensureBuilt({ force: process.argv.includes("--force") });
  done.catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
