/**
 * A1–A9, K1: the per-shape alert factories and the threshold data they read (config/alert-thresholds.ts). The
 * operator follows from `fires`, the texts show the effective threshold after overrides, each guide reference
 * names the guide's own value (and a guided environment's effective threshold), and the catalog defines exactly
 * the alerts the override validation knows. Seeded cases show each check rejects a wrong definition.
 */
import { ALERT_DEFINITIONS, ALERT_NAMES } from "../../alerts/catalog";
import { absenceAlert, ratioAlert, thresholdAlert, type ThresholdAlertProps } from "../../alerts/factories";
import { resolveAlert } from "../../alerts/resolve";
import type { AlertDefinition } from "../../alerts/types";
import { ALERT_DEFAULTS, ALERT_NAMES as CONFIG_ALERT_NAMES, fieldPath, thresholdValue } from "../../config/alert-thresholds";
import { GUIDE } from "../../config/policy";
import type { EnvironmentConfig } from "../../config/types";
import { ENVIRONMENT_NAMES, envConfig } from "../support";

/** The guide value each guided alert must cite, straight from GUIDE (REQUIREMENTS.md A1, A5, A6, K1). */
const GUIDE_REFERENCES: Readonly<Record<string, string>> = {
  HttpErrorRateHigh: `A1: ${GUIDE.alerts.httpErrorRatioPercent}%`,
  MemoryUsageCritical: `A5: ${GUIDE.alerts.memoryUsageCriticalPercent}%`,
  ContainerMemoryUsageCritical: `A5: ${GUIDE.alerts.memoryUsageCriticalPercent}%`,
  DiskSpaceCritical: `A6: ${GUIDE.alerts.diskFreeCriticalPercent}%`,
  CpuCapacityHigh: `K1: ${GUIDE.capacity.cpuScaleOutPercent}%`,
  MemoryCapacityHigh: `K1: ${GUIDE.capacity.memoryScaleOutPercent}%`,
  DiskCapacityHigh: `K1: ${GUIDE.capacity.diskExpansionPercent}%`,
};

/** Where `definitions` disagree with the guide: a wrong or missing reference, or a guided environment's value off it. */
function guideMismatches(definitions: readonly AlertDefinition[], configs: readonly EnvironmentConfig[]): string[] {
  const found: string[] = [];
  for (const d of definitions) {
    const cited = d.threshold?.guide;
    if (cited !== GUIDE_REFERENCES[d.name]) found.push(`${d.name} cites ${cited ?? "nothing"}, guide says ${GUIDE_REFERENCES[d.name] ?? "nothing"}`);
    if (cited === undefined || d.threshold === undefined) continue;
    const value = Number(/: ([\d.]+)/.exec(cited)?.[1]);
    for (const c of configs.filter((e) => e.policy === "guide")) {
      const effective = resolveAlert(d, c).threshold;
      if (effective !== value) found.push(`${d.name} in ${c.name}: ${fieldPath(d.threshold.field)} is ${effective}, guide ${cited}`);
    }
  }
  return found;
}

const configs = ENVIRONMENT_NAMES.map((e) => envConfig(e));
const base = ALERT_DEFINITIONS.find((d) => d.name === "DiskSpaceCritical")!;
const { requirement, group, problem, traffic, dashboard, runbook } = base;
const props = (fires: "above" | "below"): ThresholdAlertProps => ({
  ...{ name: "DiskSpaceCritical", requirement, group, problem, traffic, dashboard, runbook, for: "5m" },
  fires,
  signal: () => "free_ratio",
  summary: (ctx) => `below ${ctx.shown}`,
  description: (ctx) => `threshold ${ctx.shown}`,
});

describe("alert factories", () => {
  it("A6: the direction drives the operator (below → <, above → >)", () => {
    const c = envConfig("prod");
    expect(resolveAlert(thresholdAlert(props("below")), c).expr).toBe("free_ratio < 0.1");
    expect(resolveAlert(thresholdAlert(props("above")), c).expr).toBe("free_ratio > 0.1");
  });

  it("A1: a ratio alert divides numerator by denominator and appends its guard", () => {
    const d = ratioAlert({ ...props("above"), name: "HttpErrorRateHigh", numerator: () => "bad", denominator: () => "all", guard: () => "and all >= 1" });
    expect(resolveAlert(d, envConfig("prod")).expr).toBe("bad / all > 0.01 and all >= 1");
  });

  it("A8: texts render the effective threshold, after an override", () => {
    const dev = envConfig("dev", { alerts: { overrides: { DiskSpaceCritical: { threshold: 15 } } } });
    const r = resolveAlert(thresholdAlert(props("below")), dev);
    expect([r.expr, r.annotations.summary, r.annotations.description]).toEqual(["free_ratio < 0.15", "below 15%", "threshold 15%"]);
  });

  it("A11: an absence alert wraps its selector in absent()", () => {
    const d = absenceAlert({ ...base, name: "ApplicationDown", condition: "none", present: () => "up == 1" });
    expect(resolveAlert(d, envConfig("prod")).expr).toBe("absent(up == 1)");
  });

  it("fails when a threshold alert is made for an alert config gives no threshold field", () => {
    expect(() => thresholdAlert({ ...props("above"), name: "Watchdog" })).toThrow("Watchdog: config/alert-thresholds.ts gives it no threshold field");
  });

  it("severity and threshold field come from config/alert-thresholds.ts, and each field has a value in every environment", () => {
    for (const d of ALERT_DEFINITIONS) {
      const defaults = ALERT_DEFAULTS[d.name];
      expect([d.name, d.severity, d.threshold?.field]).toEqual([d.name, defaults.severity, "threshold" in defaults ? defaults.threshold : undefined]);
      for (const c of configs) if (d.threshold) expect(typeof thresholdValue(c, d.threshold.field)).toBe("number");
    }
  });

  it("the catalog defines exactly the alerts config validation knows, in the same order", () => {
    expect(ALERT_NAMES).toEqual(CONFIG_ALERT_NAMES);
  });
});

describe("guide references (A1, A5, A6, K1)", () => {
  it("each alert cites the guide's value, and guided environments hold it", () => {
    expect(guideMismatches(ALERT_DEFINITIONS, configs)).toEqual([]);
  });

  it("fails when a definition cites a value the guide does not state", () => {
    const wrong: AlertDefinition = { ...base, threshold: { ...base.threshold!, guide: "A6: 15%" } };
    expect(guideMismatches([wrong], configs)).toContain("DiskSpaceCritical cites A6: 15%, guide says A6: 10%");
  });

  it("fails when a guided environment's effective threshold is off the guide", () => {
    const relaxed = configs.map((c) => ({ ...c, alerts: { ...c.alerts, overrides: { DiskSpaceCritical: { threshold: 12 } } } }));
    expect(guideMismatches([base], relaxed).length).toBeGreaterThan(0);
  });
});
