// Prints one plain closing line after jest's own summary ("jest: N passed, N failed, N skipped"),
// so CI logs end with a count any reader (or log parser) understands.
//
// In CI (CI set, and not "" or "false", as the suites that require their tools in CI read it) a skipped or todo
// test fails the run: the developers' guide counts a skipped test in CI as a defect, and a skip there usually means a
// missing tool or a runtime a suite does not cover, which would otherwise pass unseen. The message names each
// skipped test's file and title. jest (@jest/core's TestScheduler) asks every reporter for `getLastError()` after
// `onRunComplete` and marks the run failed (exit 1) when one returns an Error; it does not print it, so this does.
"use strict";
const path = require("node:path");

/** Assertion statuses jest gives a test it did not run: `it.skip`/`describe.skip` (pending), `it.todo` (todo). */
const NOT_RUN = new Set(["pending", "skipped", "todo", "disabled"]);

/** Whether `env` says the run is CI's. */
function inCI(env = process.env) {
  return env.CI !== undefined && env.CI !== "" && env.CI !== "false";
}

/** The tests of `results` (jest's aggregated results) that did not run, as `<file relative to rootDir>: <full title>`. */
function notRun(results, rootDir) {
  return results.testResults.flatMap((file) =>
    file.testResults
      .filter((t) => NOT_RUN.has(t.status))
      .map((t) => `${path.relative(rootDir, file.testFilePath)}: ${[...t.ancestorTitles, t.title].join(" › ")}${t.status === "todo" ? " (todo)" : ""}`),
  );
}

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig?.rootDir ?? process.cwd();
    this.error = undefined;
  }

  onRunComplete(_contexts, results) {
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numTodoTests: todo } = results;
    process.stdout.write(`\njest: ${passed} passed, ${failed} failed, ${skipped + todo} skipped\n`);
    const tests = notRun(results, this.rootDir);
    if (!inCI() || tests.length === 0) return;
    const message =
      `jest: ${tests.length} test(s) skipped in CI, which fails the run (a skipped test in CI is a defect: ` +
      `make the suite run here, or define only the tests that hold here):\n${tests.map((t) => `  ${t}`).join("\n")}`;
    process.stderr.write(`\n${message}\n`);
    this.error = new Error(message);
  }

  getLastError() {
    return this.error;
  }
}

module.exports = SummaryReporter;
module.exports.inCI = inCI;
module.exports.notRun = notRun;
