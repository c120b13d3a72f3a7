/**
 * Whether any of the given stacks' saved plans (scripts/ci/plan-stack.sh results) has changes to apply:
 * `node plan-changes.cjs <plans-dir> <stack>...` prints `true` or `false`. A missing or failed result prints
 * `true`, so the apply job runs and scripts/ci/apply-stacks.sh refuses it loudly rather than skipping silently.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

function hasChanges(dir, stacks) {
  return stacks.some((stack) => {
    const file = path.join(dir, stack, "result.json");
    if (!fs.existsSync(file)) return true;
    return JSON.parse(fs.readFileSync(file, "utf8")).status !== "no-changes";
  });
}

if (require.main === module) {
  const [dir, ...stacks] = process.argv.slice(2);
  if (!dir) {
    console.error("usage: plan-changes.cjs <plans-dir> <stack>...");
    process.exit(2);
  }
  console.log(String(hasChanges(dir, stacks)));
}
module.exports = { hasChanges };
