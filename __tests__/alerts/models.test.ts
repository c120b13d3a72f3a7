/**
 * C3, A1–A9: the typed Alertmanager 0.25 and rule-file models (alerts/models.ts) replace the run-time shape
 * checks KubePrometheusStack used to make. The engine here is the TypeScript compiler itself: each snippet is
 * compiled against the real alerts/models.ts, the well-formed ones must compile clean and each seeded
 * malformed one must be rejected, so the types provably carry the rules the old checks enforced.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { buildAlertmanagerConfig } from "../../alerts/alertmanager";
import { buildRuleGroups } from "../../alerts/rules";
import { ENVIRONMENT_NAMES, ROOT, envConfig, tempDir } from "../support";

const MODELS = path.join(ROOT, "alerts/models.ts").replace(/\.ts$/, "");

/** Compiles each snippet (with the models imported) in one program; returns the diagnostics per snippet. */
function compile(snippets: Readonly<Record<string, string>>): Record<string, string[]> {
  const dir = tempDir("fx-models-");
  const files = Object.entries(snippets).map(([name, code]) => {
    const file = path.join(dir, `${name}.ts`);
    const header = `import type { AlertmanagerConfig, PrometheusRule, PrometheusRuleGroup } from ${JSON.stringify(MODELS)};\n`;
    fs.writeFileSync(file, `${header}${code}\nexport {};\n`);
    return [name, file] as const;
  });
  const program = ts.createProgram(
    files.map(([, f]) => f),
    { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true, types: [], lib: ["lib.es2022.d.ts"] },
  );
  return Object.fromEntries(
    files.map(([name, file]) => [name, ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "))]),
  );
}

const VALID = {
  minimalAlertmanager: `const a: AlertmanagerConfig = { route: { receiver: "r" }, receivers: [{ name: "r" }] };`,
  rules: `const g: PrometheusRuleGroup = { name: "g", rules: [{ alert: "A", expr: "up == 0", for: "5m", labels: { severity: "critical" } }, { record: "r", expr: "sum(up)" }] };`,
};

const MALFORMED = {
  noReceivers: `const a: AlertmanagerConfig = { route: { receiver: "r" }, receivers: [] };`,
  noRoute: `const a: AlertmanagerConfig = { receivers: [{ name: "r" }] };`,
  rootRouteWithoutReceiver: `const a: AlertmanagerConfig = { route: { group_by: ["alertname"] }, receivers: [{ name: "r" }] };`,
  // AVOIDED_FIELDS: amtool 0.25 rejects webhook url_file; the model does not have it.
  webhookUrlFile: `const a: AlertmanagerConfig = { route: { receiver: "r" }, receivers: [{ name: "r", webhook_configs: [{ url: "https://x", url_file: "/f" }] }] };`,
  ruleNeitherAlertNorRecord: `const r: PrometheusRule = { expr: "up" };`,
  ruleBothAlertAndRecord: `const r: PrometheusRule = { alert: "A", record: "r", expr: "up" };`,
  ruleWithoutExpr: `const r: PrometheusRule = { alert: "A" };`,
  labelNotAString: `const r: PrometheusRule = { alert: "A", expr: "up", labels: { severity: 1 } };`,
};

describe("typed Alertmanager and rule-file models", () => {
  const diagnostics = compile({ ...VALID, ...MALFORMED });

  it.each(Object.keys(VALID))("C3: the well-formed %s snippet compiles clean", (name) => {
    expect(diagnostics[name]).toEqual([]);
  });

  it.each(Object.keys(MALFORMED))("fails when %s: tsc rejects it", (name) => {
    expect(diagnostics[name]!.length).toBeGreaterThan(0);
  });

  it.each(ENVIRONMENT_NAMES)("C3: %s's builders return the models, non-empty where Alertmanager and Prometheus need it", (env) => {
    const c = envConfig(env);
    const am = buildAlertmanagerConfig(c);
    expect(am.receivers.map((r) => r.name)).toContain(am.route.receiver);
    const groups = buildRuleGroups(c);
    expect(new Set(groups.map((g) => g.name)).size).toBe(groups.length);
    expect(groups.every((g) => g.rules.length > 0)).toBe(true);
  });
});
