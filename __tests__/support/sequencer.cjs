// Jest test sequencer: long suites first, so no worker is left running one alone at the end. Jest's own sequencer
// orders by the durations of the previous run on this machine, and by file size when it has none, as on a fresh CI
// machine, where the longest suites (engine proofs that wait on prometheus, git clones, synth subprocesses) are small
// files and would start last. Here a suite without a recorded duration takes the one of LONG_SUITES (seconds, measured
// on an idle 2-core machine; only the order matters, so a stale figure costs time, never correctness).
"use strict";
const path = require("node:path");
const Sequencer = require("@jest/test-sequencer").default;

const LONG_SUITES = {
  "__tests__/tools/review/cli.test.ts": 40,
  "__tests__/tools/review/review.test.ts": 40,
  "__tests__/alerts/e2e.test.ts": 36,
  "__tests__/github/workflow-runs.test.ts": 26,
  "__tests__/app/output-integrity.test.ts": 26,
  "__tests__/alerts/rules.test.ts": 19,
  "__tests__/stacks/cdktf-cli.test.ts": 15,
  "__tests__/build/bundle.test.ts": 15,
  "__tests__/stacks/app.test.ts": 13,
  "__tests__/config/add-environment.test.ts": 13,
  "__tests__/stacks/account-stack.test.ts": 12,
  "__tests__/app/policy/security-policy.test.ts": 12,
  "__tests__/tools/terraform-validate.test.ts": 11,
  "__tests__/cdktn/ci-leg.test.ts": 10,
};

class LongFirstSequencer extends Sequencer {
  sort(tests) {
    const known = (test) => {
      const recorded = this.time(test);
      if (recorded != null) return recorded;
      const seconds = LONG_SUITES[path.relative(test.context.config.rootDir, test.path).split(path.sep).join("/")];
      return seconds === undefined ? undefined : seconds * 1000;
    };
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    const keyed = tests.map((test) => ({ test, failed: this.hasFailed(test), duration: known(test) }));
    // Failed first (quick feedback, as jest does), then by duration, longest first, then the rest by file size.
    keyed.sort((a, b) => {
      if (a.failed !== b.failed) return a.failed ? -1 : 1;
      if ((a.duration == null) !== (b.duration == null)) return a.duration == null ? 1 : -1;
      if (a.duration != null && b.duration != null) return b.duration - a.duration;
      return size(b.test) - size(a.test);
    });
    return keyed.map((k) => k.test);
  }
}

module.exports = LongFirstSequencer;
module.exports.LONG_SUITES = LONG_SUITES;
