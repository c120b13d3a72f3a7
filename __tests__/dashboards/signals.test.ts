/**
 * One vocabulary of signals (signals/): the dashboard panel an on-call engineer opens from an alert plots the
 * alert's own expression (scoped to the dashboard's selection) and draws the alert's effective threshold, read
 * from the dashboard JSON as Grafana receives it. Seeded breaks: the old `1 - idle` CPU line and a missing
 * paging line make the same checks fail.
 */
import type { Dashboard, Panel } from "@grafana/grafana-foundation-sdk/dashboard";
import { num } from "../../alerts/promql";
import { resolveAlerts } from "../../alerts/resolve";
import type { ResolvedAlert } from "../../alerts/types";
import type { EnvironmentConfig } from "../../config/types";
import { DASHBOARDS } from "../../dashboards/catalog";
import { panelsOf, thresholdLines } from "../../dashboards/inspect";
import type { DashboardKey } from "../../dashboards/uids";
import { ENVIRONMENT_NAMES, envConfig } from "../support";
import { buildRuleGroups } from "../../alerts/rules";
import { metricNamesIn } from "../../metrics/contract";

/** How a panel shows an alert's signal: as is, or in percent (`100 * (<signal>)`), and where its line is. */
interface Pairing {
  readonly alert: string;
  readonly dashboard: DashboardKey;
  readonly panel: string;
  readonly percent: boolean;
  /** The drawn line of the alert's threshold, in the panel's unit. */
  readonly line: (threshold: number) => number;
  /** False when the panel plots the complement of the alert's signal (used vs free); then only the series must match. */
  readonly sameExpression: boolean;
}

const PAIRINGS: readonly Pairing[] = [
  { alert: "CpuCapacityHigh", dashboard: "infrastructure", panel: "CPU by node", percent: true, line: (t) => t, sameExpression: true },
  { alert: "MemoryCapacityHigh", dashboard: "infrastructure", panel: "Memory by node", percent: true, line: (t) => t, sameExpression: true },
  { alert: "MemoryUsageCritical", dashboard: "infrastructure", panel: "Memory by node", percent: true, line: (t) => t, sameExpression: true },
  { alert: "DiskCapacityHigh", dashboard: "infrastructure", panel: "Disk use by mount", percent: true, line: (t) => t, sameExpression: true },
  { alert: "DiskSpaceCritical", dashboard: "infrastructure", panel: "Disk use by mount", percent: true, line: (t) => 100 - t, sameExpression: false },
  { alert: "DatabaseReplicationLagHigh", dashboard: "database", panel: "Replication lag by instance", percent: false, line: (t) => t, sameExpression: true },
];

/** The dashboard JSON Grafana receives (the grafana_dashboard resource's config_json), parsed back. */
function dashboardJson(key: DashboardKey, config: EnvironmentConfig): Dashboard {
  return JSON.parse(JSON.stringify(DASHBOARDS.find((d) => d.key === key)!.build(config))) as Dashboard;
}

/** A panel's expression without the dashboard's own selection (`instance=~"$instance"`). */
function unscoped(expr: string): string {
  return expr
    .replace(/\{instance=~"\$instance"\}/g, "")
    .replace(/\{instance=~"\$instance", /g, "{")
    .replace(/, instance=~"\$instance"/g, "");
}

/** The series selectors of an expression (`metric{matchers}`), for the pairings that plot a complement. */
const selectors = (expr: string) => [...new Set(expr.match(/[a-z_:]+\{[^}]*\}/g) ?? [])].sort();

/** What disagrees between `alert` and its panel in `model`. */
function pairingProblems(p: Pairing, alert: ResolvedAlert, model: Dashboard): string[] {
  const panel = panelsOf(model).find((x) => x.title === p.panel) as Panel | undefined;
  if (panel === undefined) return [`${p.alert}: no panel "${p.panel}"`];
  const expr = unscoped(((panel.targets ?? [])[0] as { expr?: string } | undefined)?.expr ?? "");
  const problems: string[] = [];
  const signal = p.percent ? /^100 \* \((.*)\)$/.exec(expr)?.[1] : expr;
  if (signal === undefined) problems.push(`${p.alert}: panel "${p.panel}" plots ${expr}, not a percentage of a signal`);
  else if (p.sameExpression) {
    const op = alert.definition.threshold!.fires === "above" ? ">" : "<";
    const boundary = p.percent ? alert.threshold! / 100 : alert.threshold!;
    if (!alert.expr.startsWith(`${signal} ${op} ${num(boundary)}`)) problems.push(`${p.alert}: the alert is ${alert.expr}; panel "${p.panel}" plots ${signal}`);
  } else {
    const missing = selectors(alert.expr.split(/ [<>] /)[0]!).filter((s) => !signal.includes(s));
    if (missing.length > 0) problems.push(`${p.alert}: panel "${p.panel}" does not read ${missing.join(", ")}`);
  }
  const line = p.line(alert.threshold!);
  if (!thresholdLines(panel).includes(line)) problems.push(`${p.alert}: panel "${p.panel}" draws ${JSON.stringify(thresholdLines(panel))}, not the threshold ${line}`);
  return problems;
}

function problemsOf(config: EnvironmentConfig, mutate: (key: DashboardKey, model: Dashboard) => void = () => undefined): string[] {
  const alerts = new Map(resolveAlerts(config).map((a) => [a.name, a]));
  const models = new Map<DashboardKey, Dashboard>();
  const model = (key: DashboardKey) => {
    if (!models.has(key)) {
      const m = dashboardJson(key, config);
      mutate(key, m);
      models.set(key, m);
    }
    return models.get(key)!;
  };
  return PAIRINGS.flatMap((p) => pairingProblems(p, alerts.get(p.alert)!, model(p.dashboard)));
}

const panelNamed = (model: Dashboard, title: string) => panelsOf(model).find((p) => p.title === title)!;
/** A panel's first Prometheus query (the SDK types targets as the generic Dataquery). */
const firstQuery = (model: Dashboard, title: string) => panelNamed(model, title).targets![0] as unknown as { expr: string };

describe("the dashboards plot the alerts' signals and draw their thresholds (dashboard JSON)", () => {
  it.each(ENVIRONMENT_NAMES)("A5/A6/A7/D2/D3 in %s: CPU (iowait and steal idle), memory, real filesystems and replication lag: the alert's expression and effective threshold", (env) => {
    expect(problemsOf(envConfig(env))).toEqual([]);
  });

  it("an alert threshold override moves the alert and its line together", () => {
    const config = envConfig("staging", { alerts: { overrides: { MemoryUsageCritical: { threshold: 85 }, DatabaseReplicationLagHigh: { threshold: 45 } } } });
    expect(problemsOf(config)).toEqual([]);
    expect(thresholdLines(panelNamed(dashboardJson("infrastructure", config), "Memory by node"))).toContain(85);
    expect(thresholdLines(panelNamed(dashboardJson("database", config), "Replication lag by instance"))).toEqual([45]);
  });

  it("fails when the CPU panel counts iowait and steal as busy (`1 - idle`, the old dashboard line)", () => {
    const problems = problemsOf(envConfig("prod"), (key, m) => {
      if (key !== "infrastructure") return;
      firstQuery(m, "CPU by node").expr = '100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{instance=~"$instance", mode="idle"}[5m])))';
    });
    expect(problems).toEqual([expect.stringMatching(/^CpuCapacityHigh: the alert is .* panel "CPU by node" plots 1 - avg/)]);
  });

  it("fails when the disk panel uses another list of real filesystems (the old exclude list)", () => {
    const problems = problemsOf(envConfig("prod"), (key, m) => {
      if (key !== "infrastructure") return;
      const target = firstQuery(m, "Disk use by mount");
      target.expr = target.expr.replace(/fstype=~"[^"]*"/g, 'fstype!~"tmpfs|overlay|squashfs|nsfs|ramfs"');
    });
    expect(problems.map((p) => p.split(":")[0])).toEqual(["DiskCapacityHigh", "DiskSpaceCritical"]);
  });

  it("fails when the memory panel draws only the capacity line, not the 90% page", () => {
    const problems = problemsOf(envConfig("prod"), (key, m) => {
      if (key !== "infrastructure") return;
      const steps = panelNamed(m, "Memory by node").fieldConfig!.defaults.thresholds!.steps;
      steps.splice(steps.findIndex((s) => s.value === 90), 1);
    });
    expect(problems).toEqual(['MemoryUsageCritical: panel "Memory by node" draws [80], not the threshold 90']);
  });
});

describe("A10: the error-budget panel of the application overview", () => {
  /** The series the panel reads that no recording rule of `config` writes. */
  const unrecorded = (config: EnvironmentConfig, expr: string) => {
    const recorded = new Set(buildRuleGroups(config).flatMap((g) => g.rules.map((r) => r.record)));
    return metricNamesIn(expr).filter((m) => !recorded.has(m));
  };
  const budgetExpr = (m: Dashboard) => firstQuery(m, "Error budget left").expr;

  it.each(ENVIRONMENT_NAMES)("in %s reads the SLO period's recorded error ratio and objective, and draws 0 (budget spent)", (env) => {
    const config = envConfig(env);
    const m = dashboardJson("applicationOverview", config);
    expect(budgetExpr(m)).toContain(`fx:slo_errors:ratio_rate${config.slo.periodDays}d`);
    expect(unrecorded(config, budgetExpr(m))).toEqual([]);
    expect(thresholdLines(panelNamed(m, "Error budget left"))).toEqual([0]);
  });

  it("follows a changed SLO period, and fails against rules recorded for another period", () => {
    const config = envConfig("prod", { slo: { periodDays: 28 } });
    const m = dashboardJson("applicationOverview", config);
    expect(budgetExpr(m)).toContain("fx:slo_errors:ratio_rate28d");
    expect(unrecorded(config, budgetExpr(m))).toEqual([]);
    expect(unrecorded(envConfig("prod"), budgetExpr(m))).toEqual(["fx:slo_errors:ratio_rate28d"]);
  });
});
