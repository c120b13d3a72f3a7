import { defaultDashboard, type Dashboard, type Panel } from "@grafana/grafana-foundation-sdk/dashboard";
import * as units from "@grafana/grafana-foundation-sdk/units";
import type { EnvironmentConfig } from "../../config/types";
import { DASHBOARDS } from "../../dashboards/catalog";
import { dashboardQueries, gridItems, panelsOf, thresholdLines, thresholdSteps, withConcreteVariables } from "../../dashboards/inspect";
import { DASHBOARD_UIDS, DATASOURCE_UIDS } from "../../dashboards/uids";
import { CONTRACT_SERIES, metricNamesIn } from "../../metrics/contract";
import { ENVIRONMENT_NAMES, envConfig } from "../support";
import { checkQueriesWithPromtool } from "./promql";
import { buildRuleGroups } from "../../alerts/rules";

/** Series the Prometheus rules record (the SLO ratios the error-budget panel reads): ours, not the exporters'. */
const RECORDED: ReadonlySet<string> = new Set(
  ENVIRONMENT_NAMES.flatMap((env) => buildRuleGroups(envConfig(env)).flatMap((g) => g.rules.map((r) => r.record as string | undefined))).filter((r): r is string => r !== undefined),
);

const SDK_UNITS: ReadonlySet<string> = new Set(Object.values(units));

function panel(model: Dashboard, title: string): Panel {
  const found = panelsOf(model).filter((p) => p.title === title);
  if (found.length !== 1) throw new Error(`expected one panel "${title}" in ${model.uid}, found ${found.length}`);
  return found[0]!;
}

function unitOf(p: Panel): string | undefined {
  return p.fieldConfig?.defaults.unit ?? (p.options as { yAxis?: { unit?: string } } | undefined)?.yAxis?.unit;
}

describe("dashboard uids", () => {
  it("D4: keep their published values (bookmarks and alert links depend on them)", () => {
    expect(DASHBOARD_UIDS).toEqual({
      applicationOverview: "fx-app-overview",
      database: "fx-database",
      infrastructure: "fx-infrastructure",
      tradingDesk: "fx-trading-desk",
    });
  });

  it("are unique and valid Grafana uids", () => {
    const uids = DASHBOARDS.map((d) => d.build(envConfig("prod")).uid);
    expect(new Set(uids).size).toBe(DASHBOARDS.length);
    for (const uid of uids) expect(uid).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
  });

  it("cover every uid in DASHBOARD_UIDS", () => {
    expect(DASHBOARDS.map((d) => d.uid).sort()).toEqual(Object.values(DASHBOARD_UIDS).sort());
  });
});

describe.each(DASHBOARDS.map((d) => [d.uid, d] as const))("dashboard %s", (uid, definition) => {
  const models = ENVIRONMENT_NAMES.map((env) => [env, definition.build(envConfig(env))] as const);

  it.each(models)("in %s: has the catalogue's uid and the SDK's schema version", (_env, model) => {
    expect(model.uid).toBe(uid);
    expect(model.uid).toBe(DASHBOARD_UIDS[definition.key]);
    expect(model.schemaVersion).toBe(defaultDashboard().schemaVersion);
  });

  it.each(models)("in %s: every panel has at least one non-empty query", (_env, model) => {
    const panels = panelsOf(model);
    expect(panels.length).toBeGreaterThan(0);
    for (const p of panels) {
      const exprs = (p.targets ?? []).map((t) => (t as unknown as { expr?: string }).expr ?? "");
      expect({ panel: p.title, exprs: exprs.filter((e) => e.trim() !== "").length > 0 }).toEqual({ panel: p.title, exprs: true });
    }
  });

  it.each(models)("in %s: queries the data source variable, defaulting to the Prometheus data source", (_env, model) => {
    const variable = model.templating.list!.find((v) => v.name === "datasource")!;
    expect(variable).toMatchObject({ type: "datasource", query: "prometheus", current: { value: DATASOURCE_UIDS.prometheus } });
    for (const p of panelsOf(model)) {
      expect(p.datasource).toEqual({ type: "prometheus", uid: "${datasource}" });
      for (const t of p.targets ?? []) expect((t as unknown as { datasource: unknown }).datasource).toEqual({ type: "prometheus", uid: "${datasource}" });
    }
  });

  it.each(ENVIRONMENT_NAMES)("in %s: has environment and namespace variables with the environment's values", (env) => {
    const config = envConfig(env);
    const model = definition.build(config);
    const vars = model.templating.list!;
    expect(vars.find((v) => v.name === "env")).toMatchObject({ type: "custom", current: { value: env } });
    expect(vars.find((v) => v.name === "namespace")).toMatchObject({ type: "query", current: { value: config.eks.appNamespace } });
  });

  it("uses SDK units on every panel", () => {
    for (const p of panelsOf(models[0][1])) expect({ panel: p.title, unit: unitOf(p), known: SDK_UNITS.has(unitOf(p) ?? "") }).toMatchObject({ known: true });
  });

  it("D4: puts only stat panels in the top row, filling its width", () => {
    const top = gridItems(models[0][1]).filter((p) => p.gridPos?.y === 0);
    expect(top.map((p) => p.type)).toEqual(top.map(() => "stat"));
    expect(top.reduce((w, p) => w + p.gridPos!.w, 0)).toBe(24);
  });

  it("lays panels out on the 24-column grid without overlaps, with unique ids", () => {
    const items = gridItems(models[0][1]);
    expect(new Set(items.map((p) => p.id)).size).toBe(items.length);
    for (const p of items) expect(p.gridPos!.x + p.gridPos!.w).toBeLessThanOrEqual(24);
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i]!.gridPos!;
        const b = items[j]!.gridPos!;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect({ a: items[i]!.title, b: items[j]!.title, overlap }).toMatchObject({ overlap: false });
      }
    }
  });

  it("M1–M9: uses only metrics in the contract (docs/metrics.md) and series our rules record", () => {
    for (const q of dashboardQueries(models[0][1])) {
      const unknown = metricNamesIn(withConcreteVariables(q.expr)).filter((m) => !CONTRACT_SERIES.has(m) && !RECORDED.has(m));
      expect({ where: q.where, unknown }).toEqual({ where: q.where, unknown: [] });
    }
  });

  it("every PromQL query parses (promtool check rules)", () => {
    const queries = dashboardQueries(models[0][1]).map((q) => ({ where: q.where, expr: withConcreteVariables(q.expr) }));
    const result = checkQueriesWithPromtool(uid, queries);
    expect(result.output).toContain(`SUCCESS: ${queries.length} rules found`);
    expect(result.status).toBe(0);
  });

  it("I1: links to every other dashboard by uid, to error logs in Loki and slow traces in Tempo", () => {
    const urls = (models[0][1].links ?? []).map((l) => l.url ?? "");
    const others = DASHBOARDS.filter((d) => d.uid !== uid).map((d) => `/d/${d.uid}`);
    expect(urls.filter((u) => u.startsWith("/d/")).sort()).toEqual(others.sort());
    const explore = urls.filter((u) => u.startsWith("/explore?")).map((u) => decodeURIComponent(u));
    expect(explore.some((u) => u.includes(`"datasource":"${DATASOURCE_UIDS.loki}"`) && u.includes('level=~\\"ERROR|FATAL\\"'))).toBe(true);
    expect(explore.some((u) => u.includes(`"datasource":"${DATASOURCE_UIDS.tempo}"`) && u.includes("duration >"))).toBe(true);
  });

  it("I1: overlays firing alerts as annotations", () => {
    expect(models[0][1].annotations.list).toEqual([expect.objectContaining({ name: "Firing alerts", enable: true, expr: expect.stringContaining("ALERTS{") })]);
  });

  it.each(ENVIRONMENT_NAMES)("in %s: every threshold line is a value of the environment's config", (env) => {
    const c = envConfig(env);
    const configured = new Set([
      c.alerts.httpErrorRatioPercent,
      c.alerts.httpLatencyAvgSeconds,
      c.alerts.dbQueryLatencySeconds,
      c.capacity.cpuTargetPercent,
      c.capacity.memoryTargetPercent,
      c.capacity.diskExpansionPercent,
      c.alerts.memoryUsageCriticalPercent,
      100 - c.alerts.diskFreeCriticalPercent,
      c.alerts.dbReplicationLagSeconds,
      0, // the error budget spent
    ]);
    for (const p of panelsOf(definition.build(c))) {
      for (const line of thresholdLines(p)) expect({ panel: p.title, line, configured: configured.has(line) }).toMatchObject({ configured: true });
    }
  });
});

describe("thresholds drawn match the environment config", () => {
  const build = (key: string, c: EnvironmentConfig) => DASHBOARDS.find((d) => d.key === key)!.build(c);

  describe.each(ENVIRONMENT_NAMES)("%s", (env) => {
    const c = envConfig(env);

    it("A1/A3: the application overview draws the 5xx ratio and latency thresholds", () => {
      const m = build("applicationOverview", c);
      expect(thresholdLines(panel(m, "Error rate by service (5xx %)"))).toEqual([c.alerts.httpErrorRatioPercent]);
      expect(thresholdSteps(panel(m, "Error rate (5xx)"))).toEqual([c.alerts.httpErrorRatioPercent]);
      expect(thresholdLines(panel(m, "Response time p50 / p90 / p99"))).toEqual([c.alerts.httpLatencyAvgSeconds]);
      expect(thresholdSteps(panel(m, "Avg response time"))).toEqual([c.alerts.httpLatencyAvgSeconds]);
      expect(thresholdSteps(panel(m, "Available pods"))).toEqual([c.capacity.app.minReplicas]);
    });

    it("K1/D3/A5/A6: the infrastructure dashboard draws the capacity thresholds (70/80/70% in staging and prod) and the paging ones (90% memory, 10% disk free)", () => {
      const m = build("infrastructure", c);
      const diskPage = 100 - c.alerts.diskFreeCriticalPercent;
      expect(thresholdLines(panel(m, "CPU by node"))).toEqual([c.capacity.cpuTargetPercent]);
      expect(thresholdLines(panel(m, "Memory by node"))).toEqual([c.capacity.memoryTargetPercent, c.alerts.memoryUsageCriticalPercent]);
      expect(thresholdLines(panel(m, "Disk use by mount"))).toEqual([c.capacity.diskExpansionPercent, diskPage]);
      expect(thresholdLines(panel(m, "Pod CPU % of request"))).toEqual([c.capacity.cpuTargetPercent]);
      expect(thresholdLines(panel(m, "Pod memory % of request"))).toEqual([c.capacity.memoryTargetPercent]);
      expect(thresholdSteps(panel(m, "Node CPU"))).toEqual([c.capacity.cpuTargetPercent]);
      expect(thresholdSteps(panel(m, "Node memory"))).toEqual([c.capacity.memoryTargetPercent, c.alerts.memoryUsageCriticalPercent]);
      expect(thresholdSteps(panel(m, "Fullest disk"))).toEqual([c.capacity.diskExpansionPercent, diskPage]);
      if (c.policy === "guide") {
        expect([c.capacity.cpuTargetPercent, c.capacity.memoryTargetPercent, c.capacity.diskExpansionPercent]).toEqual([70, 80, 70]);
        expect([c.alerts.memoryUsageCriticalPercent, diskPage]).toEqual([90, 90]);
      }
    });

    it("A4: the database dashboard draws the slow-query threshold", () => {
      const m = build("database", c);
      expect(thresholdLines(panel(m, "Query time p50 / p99 and average"))).toEqual([c.alerts.dbQueryLatencySeconds]);
      expect(thresholdLines(panel(m, "Slowest operations (avg)"))).toEqual([c.alerts.dbQueryLatencySeconds]);
      expect(thresholdSteps(panel(m, "Avg query time"))).toEqual([c.alerts.dbQueryLatencySeconds]);
    });

    it("D2: the database dashboard draws the replication-lag alert's threshold (30 s in prod)", () => {
      const m = build("database", c);
      expect(thresholdLines(panel(m, "Replication lag by instance"))).toEqual([c.alerts.dbReplicationLagSeconds]);
      expect(thresholdSteps(panel(m, "Max replication lag"))).toEqual([c.alerts.dbReplicationLagSeconds]);
    });

    it("A1: the trading desk draws the same 5xx ratio line as on-call sees", () => {
      const m = build("tradingDesk", c);
      expect(thresholdLines(panel(m, "Platform error rate (5xx %)"))).toEqual([c.alerts.httpErrorRatioPercent]);
      expect(thresholdSteps(panel(m, "Platform errors"))).toEqual([c.alerts.httpErrorRatioPercent]);
    });
  });

  it("a changed threshold in the config reaches the drawn line", () => {
    const c = envConfig("dev", {
      capacity: { cpuTargetPercent: 65, memoryTargetPercent: 75, diskExpansionPercent: 60 },
      alerts: { httpErrorRatioPercent: 2, httpLatencyAvgSeconds: 0.8, dbQueryLatencySeconds: 0.3 },
    });
    const infra = build("infrastructure", c);
    expect(thresholdLines(panel(infra, "CPU by node"))).toEqual([65]);
    expect(thresholdLines(panel(infra, "Memory by node"))).toEqual([75, c.alerts.memoryUsageCriticalPercent]);
    expect(thresholdLines(panel(infra, "Disk use by mount"))).toEqual([60, 100 - c.alerts.diskFreeCriticalPercent]);
    const app = build("applicationOverview", c);
    expect(thresholdLines(panel(app, "Error rate by service (5xx %)"))).toEqual([2]);
    expect(thresholdLines(panel(app, "Response time p50 / p90 / p99"))).toEqual([0.8]);
    expect(thresholdLines(panel(build("database", c), "Query time p50 / p99 and average"))).toEqual([0.3]);
  });
});

describe("the promtool check", () => {
  it("fails when a query does not parse, naming the problem", () => {
    const result = checkQueriesWithPromtool("broken", [{ where: "test", expr: "sum(rate(up[5m])" }]);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/parse error|unclosed|expected/i);
  });
});
