/**
 * The synth bundle's performance measures must not change what synth writes: the module replacements are
 * pinned to the reviewed originals and behave like them, and the bundle (run with its code cache) writes
 * exactly what the TypeScript sources write when run in-process.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { selectEnvironments } from "../../config";
import { synthesize } from "../../stacks/synthesize";
import { ROOT, tempDir } from "../support";
import { mainBundle, runMain } from "../support/cli";
import { listTree } from "../support/tree";

interface Replacement {
  readonly module: string;
  readonly sha256: string;
  readonly replacement: string;
  readonly why: string;
}

const REPLACEMENTS = JSON.parse(fs.readFileSync(path.join(ROOT, "scripts/build/replacements.json"), "utf8")) as Replacement[];

type CaptureStackTrace = (below?: (...args: never[]) => unknown) => string[];

describe("synth bundle: module replacements", () => {
  it.each(REPLACEMENTS.map((r) => [r.module, r] as const))("%s is the reviewed version (sha256 as recorded)", (_module, r) => {
    const actual = crypto.createHash("sha256").update(fs.readFileSync(path.join(ROOT, r.module))).digest("hex");
    expect(actual).toBe(r.sha256);
    expect(r.why.length).toBeGreaterThan(20);
  });

  it("the lazy stack capture returns the frames cdktf's original returns, as an array", () => {
    /* eslint-disable @typescript-eslint/no-require-imports -- the two CommonJS modules compared, loaded as they are */
    const original = (require(path.join(ROOT, "node_modules/cdktf/lib/tokens/private/stack-trace.js")) as { captureStackTrace: CaptureStackTrace }).captureStackTrace;
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

  it("is what the bundle contains instead of the original", () => {
    const bundle = fs.readFileSync(mainBundle(), "utf8");
    const module = bundle.slice(bundle.indexOf('"node_modules/cdktf/lib/tokens/private/stack-trace.js"'));
    expect(module.slice(0, 2000)).toContain("return new Proxy([], {");
    expect(module.slice(0, 2000)).not.toContain('.split("\\n").slice(1).map((s) => s.replace(/^\\s*at\\s+/, ""));\n    }\n  }\n});');
  });
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
