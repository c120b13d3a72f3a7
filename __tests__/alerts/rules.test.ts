import { activeAlerts, resolveAlerts } from "../../alerts/resolve";
import { RULE_GROUP_PREFIX, SLO_RULE_GROUP, buildRuleGroups, renderRuleFile } from "../../alerts/rules";
import { ALERT_NAMES } from "../../alerts/catalog";
import { ENVIRONMENT_NAMES, envConfig } from "../support";
import { SCENARIOS } from "./support/scenarios";
import { rulesReadBy, runPromtoolSuites, type SuiteResult, type SuiteSpec } from "./support/promtool-suite";
import { runPromtoolAsync, writeRuleFile } from "./support/tools";

// Every promtool run of this file happens once, in one process each for `check rules` and `test rules`:
// a promtool start costs more than most suites' evaluation.
const latencyBefore = envConfig("staging");
const latencyAfter = envConfig("staging", { alerts: { httpLatencyAvgSeconds: 0.25 } });
const cpuAfter = envConfig("dev", { capacity: { cpuTargetPercent: 60 } });
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
const SUITES = {
  ...Object.fromEntries(ENVIRONMENT_NAMES.map((env) => [env, { rulesConfig: envConfig(env) }])),
  latencyCurrent: { rulesConfig: latencyAfter, names: ["HttpLatencyHigh"] },
  latencyStale: { rulesConfig: latencyAfter, scenarioConfig: latencyBefore, names: ["HttpLatencyHigh"] },
  cpuCurrent: { rulesConfig: cpuAfter, names: ["CpuCapacityHigh"] },
  cpuStale: { rulesConfig: cpuAfter, scenarioConfig: envConfig("dev"), names: ["CpuCapacityHigh"] },
  overridden: { rulesConfig: overridden, names: ["HttpLatencyHigh", "QueueBacklogHigh"] },
} satisfies Record<string, SuiteSpec>;

let results: Record<keyof typeof SUITES, SuiteResult>;
let checks: Map<string, string>;
beforeAll(async () => {
  const keys = Object.keys(SUITES) as Array<keyof typeof SUITES>;
  const files = ENVIRONMENT_NAMES.map((env) => writeRuleFile(envConfig(env)));
  // `check rules` runs beside the `test rules` runs, not after them.
  const [runs, run] = await Promise.all([runPromtoolSuites(keys.map((k) => SUITES[k])), runPromtoolAsync(["check", "rules", ...files])]);
  results = Object.fromEntries(keys.map((k, i) => [k, runs[i]!])) as typeof results;
  expect(run.status).toBe(0);
  checks = new Map(ENVIRONMENT_NAMES.map((env, i) => [env, run.output.split(`Checking ${files[i]}`)[1]!.split("Checking ")[0]!]));
  // promtool under load (eight engineers on two cores) can take a minute; a jest default would cut it.
}, 240000);

describe("Prometheus rules, proven with promtool", () => {
  it("has a promtool scenario for every alert of the catalog", () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...ALERT_NAMES].sort());
  });

  describe.each(ENVIRONMENT_NAMES)("%s", (env) => {
    const config = envConfig(env);

    it("A1–A11 (A10 SLO, A11 outage): promtool check rules accepts the rendered rule file (recording and alerting rules)", () => {
      const count = buildRuleGroups(config).reduce((n, g) => n + g.rules.length, 0);
      expect(checks.get(env)).toContain(`SUCCESS: ${count} rules found`);
    });

    it("writes one promtool test file per deployed alert", () => {
      expect([...results[env as keyof typeof SUITES].byAlert.keys()]).toEqual(activeAlerts(config).map((a) => a.name));
    });

    it.each(activeAlerts(config).map((a) => [a.name, a.definition.requirement]))(
      "%s (%s): fires after `for`, does not fire below the threshold, and the boundary holds (promtool test rules)",
      (name) => {
        const output = results[env as keyof typeof SUITES].byAlert.get(name)!;
        expect(output).not.toContain("FAILED");
        expect(output).toContain("SUCCESS");
      },
    );
  });
});

describe("each alert's promtool test reads its own rule and the recording rules it reads", () => {
  it("keeps every recording rule (all its label sets) that an alert's expression names, and no other alert", () => {
    for (const env of ENVIRONMENT_NAMES) {
      for (const group of buildRuleGroups(envConfig(env))) {
        for (const alert of group.rules.filter((r) => r.alert !== undefined)) {
          const reduced = rulesReadBy(group, alert.alert!);
          expect(reduced.rules.filter((r) => r.alert !== undefined)).toEqual([alert]);
          for (const record of group.rules.filter((r) => r.record !== undefined && alert.expr.includes(r.record))) expect(reduced.rules).toContainEqual(record);
        }
      }
    }
  });

  it("the slow SLO burn reads its four windows (1d, 2h, 3d, 6h) for every service and objective, not the fast burn's", () => {
    const slo = buildRuleGroups(base).find((g) => g.name === `${RULE_GROUP_PREFIX}.${SLO_RULE_GROUP}`)!;
    const reduced = rulesReadBy(slo, "ErrorBudgetBurnSlow").rules;
    const records = reduced.filter((r) => r.record !== undefined);
    expect([...new Set(records.map((r) => r.record))].sort()).toEqual(["fx:slo_errors:ratio_rate1d", "fx:slo_errors:ratio_rate2h", "fx:slo_errors:ratio_rate3d", "fx:slo_errors:ratio_rate6h"]);
    expect(records).toHaveLength(4 * slo.rules.filter((r) => r.record === "fx:slo_errors:ratio_rate1d").length);
    expect(reduced.at(-1)!.alert).toBe("ErrorBudgetBurnSlow");
  });
});

describe("thresholds reach the rules only through config", () => {
  it("A3: a changed httpLatencyAvgSeconds moves HttpLatencyHigh's boundary, and the old boundary test then fails", () => {
    const rule = (c: typeof latencyBefore) => buildRuleGroups(c).flatMap((g) => g.rules).find((r) => r.alert === "HttpLatencyHigh")!;
    expect(rule(latencyBefore).expr).toContain("> 0.5 and on");
    expect(rule(latencyAfter).expr).toContain("> 0.25 and on");
    expect(renderRuleFile(latencyAfter)).toContain("responds slower than 0.25 s on average");
    expect(results.latencyCurrent.byAlert.get("HttpLatencyHigh")).toContain("SUCCESS");
    expect(results.latencyStale.status).not.toBe(0);
    expect(results.latencyStale.byAlert.get("HttpLatencyHigh")).toContain("FAILED");
  });

  it("A7/K1: a changed capacity.cpuTargetPercent (dev may relax it) reaches CpuCapacityHigh", () => {
    const rule = buildRuleGroups(cpuAfter).flatMap((g) => g.rules).find((r) => r.alert === "CpuCapacityHigh")!;
    expect(rule.expr).toMatch(/> 0\.6$/);
    expect(results.cpuCurrent.byAlert.get("CpuCapacityHigh")).toContain("SUCCESS");
    expect(results.cpuStale.byAlert.get("CpuCapacityHigh")).toContain("FAILED");
  });
});

describe("per-alert overrides change one alert without copying its rule group", () => {
  const rules = (c: typeof base) => new Map(buildRuleGroups(c).flatMap((g) => g.rules).filter((r) => r.alert !== undefined).map((r) => [r.alert as string, r]));

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

  it("alert texts follow the effective `for` after an override (a 2h override never reads \"30 minutes\")", () => {
    const slow = envConfig("staging", { alerts: { overrides: { CpuCapacityHigh: { for: "2h" } } } });
    const cpu = resolveAlerts(slow).find((a) => a.name === "CpuCapacityHigh")!;
    expect(cpu.for).toBe("2h");
    expect(cpu.annotations.summary).toContain("for 2 hours");
    expect(cpu.annotations.summary).not.toContain("30 minutes");
  });

  it("dev's own overrides: DatabaseReplicationLagHigh is disabled (no readers) and MemoryLeakSuspected waits 1h", () => {
    expect(resolveAlerts(base).find((a) => a.name === "DatabaseReplicationLagHigh")!.disabled).toBe(true);
    expect(rules(base).has("DatabaseReplicationLagHigh")).toBe(false);
    expect(rules(base).get("MemoryLeakSuspected")).toMatchObject({ for: "1h" });
  });

  it("the overridden alerts are proven by promtool with their new threshold, for and severity", () => {
    expect(results.overridden.byAlert.get("HttpLatencyHigh")).toContain("SUCCESS");
    expect(results.overridden.byAlert.get("QueueBacklogHigh")).toContain("SUCCESS");
    expect(results.overridden.status).toBe(0);
  });
});
