/**
 * The test sequencer (jest.config.js) starts the long suites first on a machine without jest's timing cache:
 * every suite it names exists (a renamed suite would silently lose its place), and it sorts them ahead of the rest.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../support";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Sequencer = require("../support/sequencer.cjs") as { new (opts: unknown): { sort(tests: unknown[]): Array<{ path: string }> }; LONG_SUITES: Record<string, number> };

describe("long-first test sequencer", () => {
  it("names only suites that exist", () => {
    expect(Object.keys(Sequencer.LONG_SUITES).filter((f) => !fs.existsSync(path.join(ROOT, f)))).toEqual([]);
  });

  it("orders the named suites first, longest first, then the others by file size, when there is no timing cache", () => {
    const cacheDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "fx-seq-"));
    const config = { rootDir: ROOT, cacheDirectory, id: "seq", name: "seq" };
    const sizes: Record<string, number> = { "__tests__/small.test.ts": 10, "__tests__/big.test.ts": 9000, "__tests__/alerts/e2e.test.ts": 5, "__tests__/tools/review/cli.test.ts": 1 };
    const context = { config, hasteFS: { getSize: (p: string) => sizes[path.relative(ROOT, p)] } };
    const tests = Object.keys(sizes).map((f) => ({ path: path.join(ROOT, f), context }));
    const sorted = new Sequencer({ contexts: [context], globalConfig: {} }).sort(tests).map((t) => path.relative(ROOT, t.path));
    expect(sorted).toEqual(["__tests__/tools/review/cli.test.ts", "__tests__/alerts/e2e.test.ts", "__tests__/big.test.ts", "__tests__/small.test.ts"]);
  });
});
