/** Jest: @swc/jest transforms TypeScript (type-checking is `npm run typecheck`, run separately). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript", decorators: true } } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!@grafana/grafana-foundation-sdk)"],
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  testTimeout: 60000,
  // Jest defaults to one worker on a 2-core machine (cores - 1); the suites are independent, so use both.
  maxWorkers: 2,
  reporters: ["default", "<rootDir>/__tests__/support/summary-reporter.js"],
};
