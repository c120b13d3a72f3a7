/**
 * The lint rule that keeps `instanceof` off runtime classes (scripts/lint/no-runtime-instanceof.cjs): it flags
 * every way a cdktf/cdktn, constructs or provider class can reach an `instanceof`, leaves our own classes and
 * the static type guards alone, and the project's ESLint config applies it to the sources.
 */
import { RuleTester, type Rule } from "eslint";
import { spawnSync } from "node:child_process";
import path from "node:path";
import tseslint from "typescript-eslint";
import { ROOT } from "../support";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the rule is the CommonJS module ESLint loads
const rule = require("../../scripts/lint/no-runtime-instanceof.cjs") as Rule.RuleModule;

RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: "module" } });
const flagged = { messageId: "runtimeInstanceof" } as const;

tester.run("fx/no-runtime-instanceof", rule, {
  valid: [
    'import { TerraformResource } from "cdktf"; export const f = (c: unknown) => TerraformResource.isTerraformResource(c);',
    'import { TerraformStack } from "cdktf"; export const f = (cs: unknown[]) => cs.filter(TerraformStack.isStack);',
    'import { CustomerKey } from "./customer-key"; export const f = (k: unknown) => k instanceof CustomerKey;',
    'import type { TerraformResource } from "cdktf"; export const f = (e: unknown) => e instanceof Error;',
    "export const f = (e: unknown) => e instanceof Error;",
  ],
  invalid: [
    {
      code: 'import { TerraformResource } from "cdktf"; export const f = (c: unknown) => c instanceof TerraformResource;',
      errors: [{ ...flagged, data: { name: "TerraformResource", source: "cdktf", guard: "TerraformResource.isTerraformResource(x)" } }],
    },
    { code: 'import { TerraformStack as Stack } from "cdktn"; export const f = (c: unknown) => c instanceof Stack;', errors: [flagged] },
    { code: 'import * as cdktf from "cdktf"; export const f = (c: unknown) => c instanceof cdktf.TerraformDataSource;', errors: [flagged] },
    { code: 'import { Construct } from "constructs"; export const f = (c: unknown) => c instanceof Construct;', errors: [flagged] },
    { code: 'import { KmsKey } from "@cdktf/provider-aws/lib/kms-key"; export const f = (c: unknown) => c instanceof KmsKey;', errors: [flagged] },
    { code: 'import { Dashboard } from "../../.gen/providers/grafana/dashboard"; export const f = (c: unknown) => c instanceof Dashboard;', errors: [flagged] },
    { code: 'const { TerraformStack } = require("cdktf"); module.exports = (c) => c instanceof TerraformStack;', errors: [flagged] },
    { code: 'const cdktf = require("cdktf"); module.exports = (c) => c instanceof cdktf.App;', errors: [flagged] },
  ],
});

describe("the project's ESLint config", () => {
  it("fails a source file that uses instanceof on a runtime class", () => {
    // ESLint's CLI (its config loader needs native ES modules, which jest's module system does not provide).
    const code = 'import { TerraformResource } from "cdktf";\nexport const isResource = (c: unknown): boolean => c instanceof TerraformResource;\n';
    const eslint = spawnSync(process.execPath, [path.join(ROOT, "node_modules/eslint/bin/eslint.js"), "--format", "json", "--stdin", "--stdin-filename", "constructs/policy/seeded.ts"], { cwd: ROOT, input: code, encoding: "utf8" });
    const [result] = JSON.parse(eslint.stdout) as Array<{ messages: Array<{ ruleId: string; line: number }> }>;
    expect({ status: eslint.status, messages: result!.messages.map((m) => [m.ruleId, m.line]) }).toEqual({ status: 1, messages: [["fx/no-runtime-instanceof", 2]] });
  });
});
