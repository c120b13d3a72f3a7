/** Jest: @swc/jest transforms TypeScript (type-checking is `npm run typecheck`, run separately). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript", decorators: true } } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!@grafana/grafana-foundation-sdk)"],
  // One synthesis of every environment with the real synth command, shared by the suites that read synthesized files.
  // Long suites first, also on a fresh machine without jest's timing cache.
  testSequencer: "<rootDir>/__tests__/support/sequencer.cjs",
  globalSetup: "<rootDir>/__tests__/support/global-setup.cjs",
  globalTeardown: "<rootDir>/__tests__/support/global-teardown.cjs",
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  testTimeout: 60000,
  // Jest defaults to one worker on a 2-core machine (cores - 1). Three workers on 2 cores: the engine suites spend much
  // of their time waiting on terraform, helm, promtool and amtool, so a third worker fills those waits (measured:
  // 121 s with 2 workers, 107 s with 3, 111 s with 4, full suite on an idle 2-core machine).
  maxWorkers: 3,
  reporters: ["default", "<rootDir>/__tests__/support/summary-reporter.js"],
};
