/**
 * STYLE.md "Dependencies point one way" (O1: the docs generators read the same definitions the stacks use, never a
 * construct's private helper): tools/dependency-check.ts on the program's import graph — layers only import
 * downwards, `private/` and config/validation/ only from their owner, no import cycle, no code in docs/ and no
 * module outside a layer (issue #20 layout). Seeded fixtures prove each rule reports its breach and leaves the
 * allowed forms alone.
 */
import fs from "node:fs";
import path from "node:path";
import { dependencyViolations, formatViolations, unexplained, type AllowedViolation } from "../../tools/dependency-check";
import { ROOT, tempDir } from "../support";

/**
 * Known breaches, each kept only until the change that removes it lands (issue #20). Printed on every run; an
 * entry that no longer matches fails the test, so the list only shrinks. Empty: none is known.
 */
const ALLOWED: readonly AllowedViolation[] = [];

function writeTree(files: Record<string, string>): string {
  const root = tempDir("fx-deps-");
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe("dependency direction, private folders and import cycles", () => {
  it("the program's imports break no rule beyond the commented allow-list", () => {
    console.log(`dependency-check allow-list (${ALLOWED.length}):\n${ALLOWED.map((a) => `  ${a.rule}: ${a.from} -> ${a.to} (${a.why})`).join("\n")}`);
    const { violations, stale } = unexplained(dependencyViolations(ROOT), ALLOWED);
    expect(formatViolations(violations)).toBe("");
    expect(stale).toEqual([]);
  });

  // The allowed forms stay unreported: a folder's own private/, config/index.ts re-exporting validation, stacks
  // importing pure data, the app pipeline importing stacks, main.ts importing app/, a docs generator importing stacks
  // and the policy gate.
  it("fails on an upward import, a foreign private/ or validation import, a cycle, code in docs/ and a module outside every layer (seeded)", () => {
    const root = writeTree({
      "config/types.ts": 'import { Bucket } from "../constructs/core/bucket";\nexport type T = Bucket;\n',
      "config/validation/rules.ts": "export const MAX = 3;\n",
      "config/index.ts": 'export { MAX } from "./validation/rules";\n',
      "alerts/catalog.ts": 'import type { T } from "../config/types";\nexport const A: T[] = [];\n',
      "constructs/core/bucket.ts": 'import type { Logs } from "./logs";\nimport { MAX } from "../../config/validation/rules";\nexport class Bucket { logs?: Logs; max = MAX; }\n',
      "constructs/core/logs.ts": 'import type { Bucket } from "./bucket";\nexport interface Logs { target: Bucket }\n',
      "constructs/core/private/helper.ts": "export const h = 1;\n",
      "constructs/core/user.ts": 'import { h } from "./private/helper";\nexport const u = h;\n',
      "constructs/logging/log.ts": 'import { h } from "../core/private/helper";\nexport const l = h;\n',
      "stacks/stack.ts": 'import { A } from "../alerts/catalog";\nimport { u } from "../constructs/core/user";\nexport const s = [A, u];\n',
      "app/synthesize.ts": 'import { s } from "../stacks/stack";\nimport { risk } from "../tools/review/risk";\nexport const synth = [s, risk];\n',
      "app/policy/gate.ts": 'import { s } from "../../stacks/stack";\nexport const gate = s;\n',
      "stacks/composition.ts": 'import { gate } from "../app/policy/gate";\nexport const c = gate;\n',
      "main.ts": 'import { synth } from "./app/synthesize";\nexport const m = synth;\n',
      "tools/review/risk.ts": 'import { s } from "../../stacks/stack";\nexport const risk = s;\n',
      "tools/docs/gen.ts": 'import { s } from "../../stacks/stack";\nimport { gate } from "../../app/policy/gate";\nexport const g = [s, gate];\n',
      "docs/generators/page.ts": 'import { g } from "../../tools/docs/gen";\nexport const p = g;\n',
      "misc/helper.ts": "export const x = 1;\n",
    });
    expect(formatViolations(dependencyViolations(root)).split("\n")).toEqual([
      "direction: app/synthesize.ts -> tools/review/risk.ts (app imports the higher layer tools)",
      "direction: config/types.ts -> constructs/core/bucket.ts (config imports the higher layer constructs)",
      "direction: stacks/composition.ts -> app/policy/gate.ts (stacks imports the higher layer app)",
      "private: constructs/core/bucket.ts -> config/validation/rules.ts (config/validation/ is imported from outside config/)",
      "private: constructs/logging/log.ts -> constructs/core/private/helper.ts (constructs/core/private/ is imported from outside constructs/core/)",
      "cycle: constructs/core/bucket.ts -> constructs/core/logs.ts (import cycle: constructs/core/bucket.ts -> constructs/core/logs.ts, constructs/core/logs.ts -> constructs/core/bucket.ts)",
      "layout: docs/generators/page.ts -> docs/ (docs/ holds only output; its code belongs under tools/)",
      "layout: misc/helper.ts -> misc (belongs to no layer: give its folder one in LAYERS, tools/dependency-check.ts)",
    ]);
  });
});
