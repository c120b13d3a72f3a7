/**
 * The synth bundle's performance measures must not change what synth writes: the module replacements are
 * pinned to the reviewed originals and behave like them, and the bundle (run with its code cache) writes
 * exactly what the TypeScript sources write when run in-process.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { selectEnvironments } from "../../config";
import { synthesize } from "../../app/synthesize";
import { ROOT, tempDir } from "../support";
import { mainBundle, runMain } from "../support/cli";
import { listTree } from "../support/tree";

interface Patch {
  readonly module: string;
  readonly sha256: string;
  readonly replacement?: string;
  readonly environment?: Readonly<Record<string, string>>;
  readonly why: string;
}

const RUNTIMES = JSON.parse(fs.readFileSync(path.join(ROOT, "scripts/build/runtimes.json"), "utf8")) as Record<string, { patches: Patch[] }>;
const installed = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/cdktf/package.json"), "utf8")) as { name: string; version: string };
const RUNTIME = `${installed.name}@${installed.version}`;
const PATCHES = RUNTIMES[RUNTIME]?.patches ?? [];

/** Code each replacement has and the module it replaces has not (as esbuild prints it). */
const REPLACEMENT_MARKERS: Readonly<Record<string, string>> = {
  "scripts/build/lazy-stack-trace.cjs": "return new Proxy([], {",
  "scripts/build/fast-resolve.cjs": "function isPlainLeaf(x) {",
  "scripts/build/fast-encoding.cjs": 'this.firstEscapeMatch(ESCAPE_TOKEN_BEGIN_REGEX, "escapeBeginMemo", startIndex)',
};

type CaptureStackTrace = (below?: (...args: never[]) => unknown) => string[];

describe("synth bundle: module replacements", () => {
  it("the installed runtime (node_modules/cdktf) is one the build has reviewed", () => {
    expect(Object.keys(RUNTIMES)).toContain(RUNTIME);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's CommonJS module
    const { patchesFor } = require(path.join(ROOT, "scripts/build/build.cjs")) as { patchesFor: (runtime: string) => unknown };
    expect(() => patchesFor("cdktn@0.99.0")).toThrow("build: the CDK runtime in node_modules/cdktf is cdktn@0.99.0, which scripts/build/runtimes.json has not reviewed");
  });

  it.each(PATCHES.map((p) => [p.module, p] as const))(`%s is the version reviewed for ${RUNTIME} (sha256 as recorded)`, (_module, p) => {
    const actual = crypto.createHash("sha256").update(fs.readFileSync(path.join(ROOT, p.module))).digest("hex");
    expect(actual).toBe(p.sha256);
    expect(p.why.length).toBeGreaterThan(20);
    expect(p.replacement === undefined).toBe(p.environment !== undefined);
  });

  it("the lazy stack capture returns the frames cdktf's original returns, as an array", () => {
    /* eslint-disable @typescript-eslint/no-require-imports -- the two CommonJS modules compared, loaded as they are */
    // A fresh copy of cdktf's module: the jest setup file (__tests__/setup.ts) swaps the shared one's export for the lazy one.
    let original!: CaptureStackTrace;
    jest.isolateModules(() => {
      original = (require(path.join(ROOT, "node_modules/cdktf/lib/tokens/private/stack-trace.js")) as { captureStackTrace: CaptureStackTrace }).captureStackTrace;
    });
    const lazy = (require(path.join(ROOT, "scripts/build/lazy-stack-trace.cjs")) as { captureStackTrace: CaptureStackTrace }).captureStackTrace;
    /* eslint-enable @typescript-eslint/no-require-imports */
    function createdHere(): [string[], string[]] {
      return [original(), lazy()];
    }
    const [expected, actual] = createdHere();
    const withoutColumns = (frames: string[]) => frames.map((f) => f.replace(/:\d+:\d+\)?$/, ""));
    expect(Array.isArray(actual)).toBe(true);
    expect(actual.length).toBe(expected.length);
    // The first frame is the call site in this file (named differently for the two calls); the rest are the same.
    expect(actual[0]).toContain("__tests__/build/bundle.test.ts:");
    expect(withoutColumns([...actual].slice(1))).toEqual(withoutColumns(expected.slice(1)));
    expect(actual.join("\n  at ").split("\n  at ")).toEqual([...actual]);
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
  });

  it("the bundle carries the installed runtime's patches: the replacement, or the runtime's own switch", () => {
    const bundle = fs.readFileSync(mainBundle(), "utf8");
    for (const patch of PATCHES) {
      const start = bundle.indexOf(`"${patch.module}"`);
      const module = bundle.slice(start, bundle.indexOf("__commonJS({", start)); // up to the next module
      if (patch.replacement !== undefined) expect(module).toContain(REPLACEMENT_MARKERS[patch.replacement]);
      for (const [name, value] of Object.entries(patch.environment ?? {})) expect(bundle.slice(0, 500)).toContain(`process.env.${name} ??= ${JSON.stringify(value)};`);
    }
    expect(bundle.startsWith('"use strict";')).toBe(true);
  });

  // Defined only for a runtime with environment switches (cdktn): on cdktf 0.21.0, which has none, it would check nothing.
  const SWITCHES = PATCHES.filter((patch) => patch.environment !== undefined);
  if (SWITCHES.length > 0) {
    it.each(SWITCHES.map((p) => [p.module, p] as const))("%s honours its environment switch (no creation stack when set)", (_module, p) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the runtime's CommonJS module
      const { captureCreationStack } = require(path.join(ROOT, p.module)) as { captureCreationStack: () => string[] };
      const saved = { ...process.env };
      try {
        Object.assign(process.env, p.environment);
        expect(captureCreationStack()).toEqual([]);
        for (const name of Object.keys(p.environment!)) delete process.env[name];
        expect(captureCreationStack().length).toBeGreaterThan(0);
      } finally {
        process.env = saved;
      }
    });
  }
});

describe("synth bundle: output", () => {
  it("writes byte for byte what synthesize() writes in-process, with and without its code cache, and with a damaged one", () => {
    const inProcess = tempDir();
    synthesize({ environments: selectEnvironments(undefined), outdir: path.join(inProcess, "cdktf.out"), reviewDir: path.join(inProcess, "out") });
    const cache = `${mainBundle()}.v8cache`;
    fs.rmSync(cache, { force: true });
    for (const run of ["first run: compiles, writes the cache", "second run: uses the cache", "third run: the cache is damaged, recompiles"]) {
      if (run.startsWith("third")) {
        const damaged = fs.readFileSync(cache);
        damaged[damaged.length >> 1] ^= 0xff;
        fs.writeFileSync(cache, damaged);
      }
      const dir = tempDir();
      const result = runMain(dir);
      expect({ run, status: result.status, stderr: result.stderr }).toEqual({ run, status: 0, stderr: "" });
      expect(listTree(dir)).toEqual(listTree(inProcess));
      expect(fs.existsSync(cache)).toBe(true);
    }
  });
});
