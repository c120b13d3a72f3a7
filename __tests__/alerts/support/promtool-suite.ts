/** Writes an environment's rule file and one promtool test file per alert, runs promtool once, and returns each alert's result. */
import path from "node:path";
import { renderRuleFile } from "../../../alerts/rules";
import { activeAlerts } from "../../../alerts/resolve";
import type { ResolvedAlert } from "../../../alerts/types";
import type { EnvironmentConfig } from "../../../config/types";
import { renderPromtoolTest } from "./promtool-cases";
import { SCENARIOS } from "./scenarios";
import { promtoolTestRules, scratchDir, writeTemp } from "./tools";

export interface SuiteResult {
  readonly status: number | null;
  /** promtool's output for each alert's test file (contains SUCCESS or FAILED). */
  readonly byAlert: ReadonlyMap<string, string>;
  readonly ruleFile: string;
}

/**
 * Runs the scenarios of `alerts` (default: every active alert of `rulesConfig`), built from `scenarioConfig`'s
 * rendering of each alert, against the rule file of `rulesConfig`. The two differ only in the tests that
 * show a scenario built for one threshold fails against rules rendered for another.
 */
export function runPromtoolSuite(rulesConfig: EnvironmentConfig, scenarioConfig: EnvironmentConfig = rulesConfig, names?: readonly string[]): SuiteResult {
  const dir = scratchDir(`fx-trader-promtool-${rulesConfig.name}-`);
  const ruleFile = writeTemp("prometheus-rules.yaml", renderRuleFile(rulesConfig), dir);
  const alerts: ResolvedAlert[] = activeAlerts(scenarioConfig).filter((a) => names === undefined || names.includes(a.name));
  const files = new Map<string, string>();
  for (const alert of alerts) {
    const scenario = SCENARIOS[alert.name];
    if (scenario === undefined) throw new Error(`no promtool scenario for ${alert.name} in __tests__/alerts/support/scenarios.ts`);
    const content = renderPromtoolTest(ruleFile, alert, scenario({ alert, config: scenarioConfig }));
    files.set(alert.name, writeTemp(path.join("tests", `${alert.name}.test.yaml`), content, dir));
  }
  const run = promtoolTestRules([...files.values()]);
  const byAlert = new Map([...files].map(([name, file]) => [name, run.sections.get(file) ?? `(no promtool output for ${file})`]));
  return { status: run.status, byAlert, ruleFile };
}
