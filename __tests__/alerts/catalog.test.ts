import { ALERT_DEFINITIONS, ALERT_NAMES, RULE_GROUPS } from "../../alerts/catalog";
import { resolveAlerts } from "../../alerts/resolve";
import { buildRuleGroups, renderRuleFile } from "../../alerts/rules";
import { num, ratio } from "../../alerts/promql";
import { GUIDE } from "../../config/policy";
import { dashboardUrl, runbookUrl } from "../../config/urls";
import { DASHBOARD_UIDS } from "../../dashboards/uids";
import { CONTRACT_SERIES, metricNamesIn } from "../../metrics/contract";
import { ENVIRONMENT_NAMES, envConfig } from "../support";

describe("alert catalog", () => {
  it.each([
    ["HttpErrorRateHigh", "A1", "critical"],
    ["DatabaseConnectionErrors", "A2", "critical"],
    ["HttpLatencyHigh", "A3", "warning"],
    ["DatabaseQueriesSlow", "A4", "warning"],
    ["MemoryUsageCritical", "A5", "critical"],
    ["ContainerMemoryUsageCritical", "A5", "critical"],
    ["DiskSpaceCritical", "A6", "critical"],
    ["CpuCapacityHigh", "A7", "info"],
    ["MemoryCapacityHigh", "A7", "info"],
    ["DiskCapacityHigh", "A7", "info"],
    ["MemoryLeakSuspected", "P2", "warning"],
    ["CacheHitRatioLow", "P2", "warning"],
    ["QueueBacklogHigh", "M4", "warning"],
    ["DatabaseReplicationLagHigh", "D2", "warning"],
    ["Watchdog", "C3", "info"],
  ])("%s implements %s with severity %s", (name, requirement, severity) => {
    expect(ALERT_DEFINITIONS.find((a) => a.name === name)).toMatchObject({ requirement, severity });
  });

  const ruleOf = (env: (typeof ENVIRONMENT_NAMES)[number], name: string) =>
    buildRuleGroups(envConfig(env)).flatMap((g) => g.rules).find((r) => r.alert === name) as { expr: string; labels: Record<string, string> };

  it.each(ENVIRONMENT_NAMES)("A2: %s pages (critical) on database connection errors from the application's pool", (env) => {
    const rule = ruleOf(env, "DatabaseConnectionErrors");
    expect(rule.labels.severity).toBe("critical");
    expect(rule.expr).toMatch(/rate\(db_client_connection_errors_total\{[^}]*\}\[5m\]\)\) > 0$/);
  });

  it.each(ENVIRONMENT_NAMES)("P2: %s warns when a container's memory trend (predict_linear) reaches its limit: a leak", (env) => {
    const rule = ruleOf(env, "MemoryLeakSuspected");
    expect(rule.labels.severity).toBe("warning");
    expect(rule.expr).toContain(`predict_linear(container_memory_working_set_bytes`);
    expect(rule.expr).toContain(`[1h], ${envConfig(env).alerts.memoryLeakHorizonHours * 3600})`);
  });

  it("names each alert once, in CamelCase, in a known rule group", () => {
    expect(new Set(ALERT_NAMES).size).toBe(ALERT_NAMES.length);
    for (const a of ALERT_DEFINITIONS) {
      expect(a.name).toMatch(/^[A-Z][a-zA-Z0-9]+$/);
      expect(RULE_GROUPS).toContain(a.group);
    }
  });

  it.each(ENVIRONMENT_NAMES)("A9: every %s alert carries severity, summary, description, runbook_url and a dashboard link", (env) => {
    const config = envConfig(env);
    for (const alert of resolveAlerts(config)) {
      expect(Object.keys(alert.annotations)).toEqual(["summary", "description", "runbook_url", "dashboard_url"]);
      expect(alert.labels.severity).toBe(alert.severity);
      expect(alert.annotations.summary!.length).toBeGreaterThan(10);
      expect(alert.annotations.description!.length).toBeGreaterThan(alert.annotations.summary!.length);
      expect(alert.annotations.runbook_url).toBe(runbookUrl(alert.name));
      expect(alert.annotations.dashboard_url).toBe(dashboardUrl(config, DASHBOARD_UIDS[alert.definition.dashboard]));
    }
  });

  it.each(ENVIRONMENT_NAMES)("M1–M9: every metric a %s alert or recording rule queries is in the metrics contract or recorded by our own rules", (env) => {
    const config = envConfig(env);
    const recorded = new Set(buildRuleGroups(config).flatMap((g) => g.rules).flatMap((r) => (typeof r.record === "string" ? [r.record] : [])));
    const exprs = [...resolveAlerts(config), ...buildRuleGroups(config).flatMap((g) => g.rules).filter((r) => r.record !== undefined).map((r) => ({ name: r.record as string, expr: r.expr as string }))];
    for (const alert of exprs) {
      const unknown = metricNamesIn(alert.expr).filter((m) => !CONTRACT_SERIES.has(m) && !recorded.has(m));
      expect([alert.name, unknown]).toEqual([alert.name, []]);
    }
  });

  it("the metric check sees the metrics of every alert but the Watchdog", () => {
    for (const alert of resolveAlerts(envConfig("prod"))) {
      expect([alert.name, metricNamesIn(alert.expr).length > 0]).toEqual([alert.name, alert.name !== "Watchdog"]);
    }
  });

  it.each(["staging", "prod"] as const)("A1/A5/A6/A7: %s's rules carry the guide's thresholds", (env) => {
    const rules = new Map(buildRuleGroups(envConfig(env)).flatMap((g) => g.rules).map((r) => [r.alert, r.expr as string]));
    expect(rules.get("HttpErrorRateHigh")).toContain(`> ${GUIDE.alerts.httpErrorRatioPercent / 100} and on`);
    expect(rules.get("MemoryUsageCritical")).toMatch(new RegExp(`> ${GUIDE.alerts.memoryUsageCriticalPercent / 100}$`));
    expect(rules.get("ContainerMemoryUsageCritical")).toMatch(new RegExp(`> ${GUIDE.alerts.memoryUsageCriticalPercent / 100}$`));
    expect(rules.get("DiskSpaceCritical")).toContain(`< ${GUIDE.alerts.diskFreeCriticalPercent / 100} and`);
    expect(rules.get("CpuCapacityHigh")).toMatch(new RegExp(`> ${GUIDE.capacity.cpuScaleOutPercent / 100}$`));
    expect(rules.get("MemoryCapacityHigh")).toMatch(new RegExp(`> ${GUIDE.capacity.memoryScaleOutPercent / 100}$`));
    expect(rules.get("DiskCapacityHigh")).toContain(`> ${GUIDE.capacity.diskExpansionPercent / 100} and`);
  });

  it("A8: every alert but the Watchdog waits a `for` duration and has a problem label for inhibition", () => {
    for (const a of ALERT_DEFINITIONS.filter((d) => d.name !== "Watchdog")) {
      expect([a.name, a.for]).toEqual([a.name, expect.stringMatching(/^\d+m$/)]);
      expect([a.name, a.problem]).toEqual([a.name, expect.stringMatching(/^[a-z-]+$/)]);
    }
  });

  it.each(ENVIRONMENT_NAMES)("renders %s's rule file with no Terraform interpolation sequences", (env) => {
    expect(renderRuleFile(envConfig(env))).not.toMatch(/\$\{|%\{/);
  });
});

describe("threshold specs", () => {
  it.each(ENVIRONMENT_NAMES)("each %s threshold appears in its rule, compared in the direction its spec says", (env) => {
    for (const alert of resolveAlerts(envConfig(env))) {
      const spec = alert.definition.threshold;
      if (spec === undefined) continue;
      const t = alert.threshold!;
      const op = spec.fires === "above" ? ">" : "<";
      const expected = { "%": `${op} ${num(ratio(t))}`, s: `${op} ${num(t)}`, "errors/s": `${op} ${num(t)}`, h: `[1h], ${num(t * 3600)})` }[spec.unit];
      expect([alert.name, alert.expr.includes(expected)]).toEqual([alert.name, true]);
      expect([alert.name, t >= spec.min && t <= spec.max]).toEqual([alert.name, true]);
    }
  });
});
