import { activeAlerts, resolveAlerts } from "../../alerts/resolve";
import { buildRuleGroups, renderRuleFile } from "../../alerts/rules";
import { ALERT_NAMES } from "../../alerts/catalog";
import { ENVIRONMENT_NAMES, envConfig } from "../support";
import { SCENARIOS } from "./support/scenarios";
import { runPromtoolSuite, type SuiteResult } from "./support/promtool-suite";
import { runTool, writeRuleFile } from "./support/tools";

describe("Prometheus rules, proven with promtool", () => {
  it("has a promtool scenario for every alert of the catalog", () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...ALERT_NAMES].sort());
  });

  describe.each(ENVIRONMENT_NAMES)("%s", (env) => {
    const config = envConfig(env);
    let suite: SuiteResult;
    beforeAll(() => {
      suite = runPromtoolSuite(config);
    });

    it("A1–A7: promtool check rules accepts the rendered rule file", () => {
      const run = runTool("promtool", ["check", "rules", writeRuleFile(config)]);
      expect(run.output).toContain(`SUCCESS: ${activeAlerts(config).length} rules found`);
      expect(run.status).toBe(0);
    });

    it("writes one promtool test file per deployed alert", () => {
      expect([...suite.byAlert.keys()]).toEqual(activeAlerts(config).map((a) => a.name));
    });

    it.each(activeAlerts(config).map((a) => [a.name, a.definition.requirement]))(
      "%s (%s): fires after `for`, does not fire below the threshold, and the boundary holds (promtool test rules)",
      (name) => {
        const output = suite.byAlert.get(name)!;
        expect(output).not.toContain("FAILED");
        expect(output).toContain("SUCCESS");
      },
    );
  });
});

describe("thresholds reach the rules only through config", () => {
  it("A3: a changed httpLatencyAvgSeconds moves HttpLatencyHigh's boundary, and the old boundary test then fails", () => {
    const before = envConfig("staging");
    const after = envConfig("staging", { alerts: { httpLatencyAvgSeconds: 0.25 } });
    const rule = (c: typeof before) => buildRuleGroups(c).flatMap((g) => g.rules).find((r) => r.alert === "HttpLatencyHigh")!;
    expect(rule(before).expr).toContain("> 0.5 and on");
    expect(rule(after).expr).toContain("> 0.25 and on");
    expect(renderRuleFile(after)).toContain("responds slower than 0.25 s on average");

    const current = runPromtoolSuite(after, after, ["HttpLatencyHigh"]);
    expect(current.byAlert.get("HttpLatencyHigh")).toContain("SUCCESS");
    const stale = runPromtoolSuite(after, before, ["HttpLatencyHigh"]);
    expect(stale.status).not.toBe(0);
    expect(stale.byAlert.get("HttpLatencyHigh")).toContain("FAILED");
  });

  it("A7/K1: a changed capacity.cpuTargetPercent (dev may relax it) reaches CpuCapacityHigh", () => {
    const after = envConfig("dev", { capacity: { cpuTargetPercent: 60 } });
    const rule = buildRuleGroups(after).flatMap((g) => g.rules).find((r) => r.alert === "CpuCapacityHigh")!;
    expect(rule.expr).toMatch(/> 0\.6$/);
    expect(runPromtoolSuite(after, after, ["CpuCapacityHigh"]).byAlert.get("CpuCapacityHigh")).toContain("SUCCESS");
    expect(runPromtoolSuite(after, envConfig("dev"), ["CpuCapacityHigh"]).byAlert.get("CpuCapacityHigh")).toContain("FAILED");
  });
});

describe("per-alert overrides change one alert without copying its rule group", () => {
  const base = envConfig("dev");
  const overridden = envConfig("dev", {
    alerts: {
      overrides: {
        ...base.alerts.overrides,
        HttpLatencyHigh: { threshold: 2, for: "15m" },
        QueueBacklogHigh: { severity: "critical" },
        CacheHitRatioLow: { disabled: true },
      },
    },
  });
  const rules = (c: typeof base) => new Map(buildRuleGroups(c).flatMap((g) => g.rules).map((r) => [r.alert as string, r]));

  it("applies threshold, for, severity and disabled, and leaves every other rule as it was", () => {
    const before = rules(base);
    const after = rules(overridden);
    expect(after.get("HttpLatencyHigh")).toMatchObject({ for: "15m" });
    expect(after.get("HttpLatencyHigh")!.expr).toContain("> 2 and on");
    expect(after.get("QueueBacklogHigh")!.labels).toMatchObject({ severity: "critical" });
    expect(after.has("CacheHitRatioLow")).toBe(false);
    expect(before.has("CacheHitRatioLow")).toBe(true);
    for (const [name, rule] of after) {
      if (!["HttpLatencyHigh", "QueueBacklogHigh"].includes(name)) expect(rule).toEqual(before.get(name));
    }
  });

  it("dev's own overrides: DatabaseReplicationLagHigh is disabled (no readers) and MemoryLeakSuspected waits 1h", () => {
    expect(resolveAlerts(base).find((a) => a.name === "DatabaseReplicationLagHigh")!.disabled).toBe(true);
    expect(rules(base).has("DatabaseReplicationLagHigh")).toBe(false);
    expect(rules(base).get("MemoryLeakSuspected")).toMatchObject({ for: "1h" });
  });

  it("the overridden alerts are proven by promtool with their new threshold, for and severity", () => {
    const suite = runPromtoolSuite(overridden, overridden, ["HttpLatencyHigh", "QueueBacklogHigh"]);
    expect(suite.byAlert.get("HttpLatencyHigh")).toContain("SUCCESS");
    expect(suite.byAlert.get("QueueBacklogHigh")).toContain("SUCCESS");
    expect(suite.status).toBe(0);
  });
});
