/**
 * The closing summary reporter (__tests__/support/summary-reporter.js, jest.config.js `reporters`) is CI's backstop
 * against skipped tests: in CI a skipped or todo test fails the run, naming each one's file and title; elsewhere it
 * only counts them. Proven by jest itself: a nested run (its own small config in a temporary folder, this reporter,
 * one suite with an `it.skip` and an `it.todo`) exits 1 with the message under CI=true, and 0 with the count without CI.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, tempDir } from "../support";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the reporter is the CommonJS module jest loads
const { inCI } = require("../support/summary-reporter.js") as { inCI: (env: Record<string, string | undefined>) => boolean };

const REPORTER = path.join(ROOT, "__tests__/support/summary-reporter.js");

/** A project with one suite that passes one test, skips one and has one todo, run by the checkout's jest. */
function nestedJest(ci: string | undefined): { status: number | null; stdout: string; stderr: string } {
  const dir = tempDir("fx-skip-reporter-");
  fs.writeFileSync(
    path.join(dir, "jest.config.js"),
    `module.exports = ${JSON.stringify({ rootDir: dir, testMatch: ["**/*.test.js"], transform: {}, cacheDirectory: path.join(dir, "cache"), reporters: ["default", REPORTER] })};\n`,
  );
  fs.writeFileSync(
    path.join(dir, "fixture.test.js"),
    ['describe("fixture", () => {', '  it("runs", () => {});', '  it.skip("is skipped", () => {});', '  it.todo("is still to do");', "});", ""].join("\n"),
  );
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "CI" && !name.startsWith("JEST_")));
  if (ci !== undefined) env.CI = ci;
  try {
    const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules/jest/bin/jest.js"), "--config", path.join(dir, "jest.config.js"), "--runInBand", "--no-watchman"], {
      cwd: dir,
      env,
      encoding: "utf8",
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("summary reporter: no skipped test passes CI", () => {
  it("fails when a test is skipped or todo under CI=true: exit 1, naming each one's file and title", () => {
    const run = nestedJest("true");
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 1, stdout: "\njest: 1 passed, 0 failed, 2 skipped\n" });
    expect(run.stderr).toContain("jest: 2 test(s) skipped in CI, which fails the run");
    expect(run.stderr).toContain("define only the tests that hold here):\n  fixture.test.js: fixture › is skipped\n  fixture.test.js: fixture › is still to do (todo)\n");
  });

  it("without CI the same run passes and prints the skipped count", () => {
    const run = nestedJest(undefined);
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 0, stdout: "\njest: 1 passed, 0 failed, 2 skipped\n" });
    expect(run.stderr).not.toContain("skipped in CI");
    expect(run.stderr).toContain("Tests:       1 skipped, 1 todo, 1 passed, 3 total");
  });

  it("reads CI as the suites that require their tools in CI do: set, and not empty or \"false\"", () => {
    expect([{ CI: "true" }, { CI: "1" }, {}, { CI: "" }, { CI: "false" }].map((env) => inCI(env))).toEqual([true, true, false, false, false]);
  });
});
