import fs from "node:fs";
import path from "node:path";
import { selectEnvironments } from "../../../config";
import { ACCOUNTS } from "../../../config/accounts";
import { POLICY_RULES } from "../../../app/policy/rules";
import { managedRules } from "../../../constructs/security/config-managed-rules";
import { collectWaivers, RELEASE_GATE_SCRIPT, securityDoc } from "../../../tools/docs/security";
import { ROOT } from "../../support";

describe("docs/security.md", () => {
  const environments = selectEnvironments(undefined);
  const doc = securityDoc.render(environments);

  it("S3: lists every policy rule by its checkov or trivy ID", () => {
    for (const rule of POLICY_RULES) expect(doc).toContain(`| \`${rule.id}\` | ${rule.title} |`);
  });

  it("S3: lists every waiver the stacks carry, with its justification", () => {
    const waivers = collectWaivers(environments);
    expect(waivers.length).toBeGreaterThan(0);
    for (const w of waivers) expect(doc).toContain(`| \`${w.stack}\` | \`${w.path.slice(w.stack.length + 1)}\` (\`${w.address}\`) | \`${w.ruleId}\` | ${w.justification} |`);
  });

  it.each(Object.values(ACCOUNTS).map((a) => [a.name, a] as const))("S1, S2, S4: describes account %s's baseline, Config rules and cadence", (name, account) => {
    expect(doc).toContain(`### Account \`${name}\``);
    for (const rule of managedRules(account.security)) expect(doc).toContain(`| \`fx-trader-${name}-${rule.name}\` | \`${rule.identifier}\` |`);
    expect(doc).toContain(`monthly, \`${account.security.cadence.monthlyCheckSchedule}\``);
    expect(doc).toContain(`quarterly, \`${account.security.cadence.quarterlyAuditSchedule}\``);
  });

  it("S4: documents the pre-release gate that package.json defines", () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(scripts[RELEASE_GATE_SCRIPT]).toBe("npm audit --omit=dev --audit-level=high && npm run synth");
    expect(doc).toContain(`\`npm run ${RELEASE_GATE_SCRIPT}\``);
    expect(doc).toContain("`npm audit --omit=dev --audit-level=high`");
  });
});
