/** Writes an environment's rule file and one promtool test file per alert, runs promtool once, and returns each alert's result. */
import path from "node:path";
import { RULE_GROUP_PREFIX, buildRuleGroups, renderRuleFile } from "../../../alerts/rules";
import { activeAlerts } from "../../../alerts/resolve";
import type { PrometheusRuleGroup } from "../../../alerts/models";
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
export async function runPromtoolSuite(rulesConfig: EnvironmentConfig, scenarioConfig: EnvironmentConfig = rulesConfig, names?: readonly string[]): Promise<SuiteResult> {
  return (await runPromtoolSuites([{ rulesConfig, scenarioConfig, names }]))[0]!;
}

export interface SuiteSpec {
  readonly rulesConfig: EnvironmentConfig;
  readonly scenarioConfig?: EnvironmentConfig;
  readonly names?: readonly string[];
}

/** Several suites in one `promtool test rules` run per core (not one process start per suite). */
export async function runPromtoolSuites(specs: readonly SuiteSpec[]): Promise<SuiteResult[]> {
  const prepared = specs.map((spec) => prepareSuite(spec.rulesConfig, spec.scenarioConfig ?? spec.rulesConfig, spec.names));
  const run = await promtoolTestRules(prepared.flatMap((p) => [...p.files.values()]));
  return prepared.map((p) => {
    const byAlert = new Map([...p.files].map(([name, file]) => [name, run.sections.get(file) ?? `(no promtool output for ${file})`]));
    const failed = [...byAlert.values()].some((o) => o.includes("FAILED") || !o.includes("SUCCESS"));
    return { status: failed ? 1 : 0, byAlert, ruleFile: p.ruleFile };
  });
}

function prepareSuite(rulesConfig: EnvironmentConfig, scenarioConfig: EnvironmentConfig, names: readonly string[] | undefined): { ruleFile: string; files: Map<string, string> } {
  const dir = scratchDir(`fx-trader-promtool-${rulesConfig.name}-`);
  const ruleFile = writeTemp("prometheus-rules.yaml", renderRuleFile(rulesConfig), dir);
  // Each alert is tested against its own rule group, rendered by the same renderer (groups evaluate
  // independently in Prometheus), keeping of the group the alert and the recording rules it reads: promtool
  // evaluates every rule of the file at every step, so the whole file would multiply the cost by the number of
  // groups, and the SLO group's 36 recording rules, most of them read by the other SLO alert or by no alert,
  // cost more than half of all promtool time.
  const groups = new Map(buildRuleGroups(rulesConfig).map((g) => [g.name, g]));
  const alerts: ResolvedAlert[] = activeAlerts(scenarioConfig).filter((a) => names === undefined || names.includes(a.name));
  const files = new Map<string, string>();
  for (const alert of alerts) {
    const scenario = SCENARIOS[alert.name];
    if (scenario === undefined) throw new Error(`no promtool scenario for ${alert.name} in __tests__/alerts/support/scenarios.ts`);
    const group = groups.get(`${RULE_GROUP_PREFIX}.${alert.definition.group}`);
    const own = group === undefined ? ruleFile : writeTemp(`${alert.name}.rules.yaml`, renderRuleFile(rulesConfig, [rulesReadBy(group, alert.name)]), dir);
    const content = renderPromtoolTest(own, alert, scenario({ alert, config: scenarioConfig }));
    files.set(alert.name, writeTemp(path.join("tests", `${alert.name}.test.yaml`), content, dir));
  }
  return { ruleFile, files };
}

/** Names an expression may read (metric names and recording rules' names; label names and functions too, harmlessly). */
const namesIn = (expr: string): Set<string> => new Set(expr.match(/[A-Za-z_:][A-Za-z0-9_:]*/g) ?? []);

/**
 * `group` reduced to the alerting rule `alertName` and the recording rules it reads, directly or through other
 * recording rules, in the group's order: what Prometheus evaluates for that alert is unchanged, since no other
 * rule writes a series it reads. The whole group when the alert is not in it, or when a rule reads `ALERTS`
 * (other alerts' state).
 */
export function rulesReadBy(group: PrometheusRuleGroup, alertName: string): PrometheusRuleGroup {
  const alert = group.rules.find((r) => r.alert === alertName);
  if (alert === undefined || group.rules.some((r) => /\bALERTS(_FOR_STATE)?\b/.test(r.expr))) return group;
  const read = namesIn(alert.expr);
  for (let grew = true; grew; ) {
    grew = false;
    for (const rule of group.rules) {
      if (rule.record === undefined || !read.has(rule.record)) continue;
      for (const name of namesIn(rule.expr)) {
        if (read.has(name)) continue;
        read.add(name);
        grew = true;
      }
    }
  }
  return { name: group.name, rules: group.rules.filter((r) => r === alert || (r.record !== undefined && read.has(r.record))) };
}
