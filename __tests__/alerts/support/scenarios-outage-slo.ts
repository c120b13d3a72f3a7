/**
 * promtool scenarios of the A11 outage alerts and the A10 SLO burn-rate alerts: fire, stay silent, and the
 * boundary. SLO numbers (objective, burn rate, windows) come from the environment's config and signals/slo.ts,
 * and each limit must appear in the rendered expression, so a changed objective moves the boundary tested.
 */
import { num } from "../../../alerts/promql";
import type { ServiceObjectives } from "../../../config/slo";
import { BURN_WINDOWS, budgetRatio, burnRate, type BurnSpeed, type SloKind } from "../../../signals/slo";
import { bucketLabel } from "../../../signals/application";
import { counter, exactFraction, forMinutes, gauge, literalIn, seriesName, type Case, type InputSeries, type Scenario, type ScenarioInput } from "./promtool-cases";

const target = (input: ScenarioInput, service: string, pod: string) => ({ namespace: input.config.eks.appNamespace, service, pod, job: service, instance: `${pod}:8080` });

/** `up` of one target: 1 or 0 per minute. */
const up = (labels: Record<string, string>, value: number | ((m: number) => number), minutes: number): InputSeries => ({ series: seriesName("up", labels), values: gauge(value, minutes) });

export const applicationDown: Scenario = (input) => {
  const F = forMinutes(input.alert);
  const late = F + 10;
  const a = target(input, "fx-trader-api", "fx-trader-api-0");
  const b = target(input, "fx-trader-api", "fx-trader-api-1");
  // Another namespace's healthy targets never hide the application's outage.
  const other = up({ namespace: "monitoring", service: "prometheus", job: "prometheus", instance: "prometheus-0:9090" }, 1, late);
  return [
    { name: "fires exactly `for` after every target went down", series: [up(a, 0, F), up(b, 0, F), other], checks: [{ minute: F - 1 }, { minute: F, firing: { labels: {}, value: 1 } }] },
    {
      name: "fires `for` after the targets disappeared altogether (no series at all)",
      series: [{ series: seriesName("up", a), values: [1, 1, "stale"] }, other],
      checks: [{ minute: 2 + F - 1 }, { minute: 2 + F, firing: { labels: {}, value: 1 } }],
    },
    { name: "boundary: one healthy target of two keeps it silent", series: [up(a, 1, late), up(b, 0, late)], checks: [{ minute: late }] },
    { name: "does not fire for an outage shorter than `for`", series: [up(a, (m) => (m < F - 1 ? 0 : 1), late)], checks: [{ minute: F }, { minute: late }] },
  ];
};

export const serviceEndpointsDown: Scenario = (input) => {
  const F = forMinutes(input.alert);
  const late = F + 10;
  const api = [target(input, "fx-trader-api", "fx-trader-api-0"), target(input, "fx-trader-api", "fx-trader-api-1")];
  const web = target(input, "fx-trader-web", "fx-trader-web-0");
  const labels = { namespace: input.config.eks.appNamespace, service: "fx-trader-api" };
  return [
    {
      name: "fires exactly `for` after every endpoint of one service went down, for that service only",
      series: [up(api[0]!, 0, F), up(api[1]!, 0, F), up(web, 1, F)],
      checks: [{ minute: F - 1 }, { minute: F, firing: { labels, value: 0 } }],
    },
    { name: "boundary: one endpoint of two up keeps it silent", series: [up(api[0]!, 0, late), up(api[1]!, 1, late)], checks: [{ minute: late }] },
    { name: "does not fire for an outage shorter than `for`", series: [up(api[0]!, (m) => (m < F - 1 ? 0 : 1), late)], checks: [{ minute: F }, { minute: late }] },
  ];
};

export const applicationNoTraffic: Scenario = (input) => {
  const F = forMinutes(input.alert);
  const late = F + 15;
  const labels = { namespace: input.config.eks.appNamespace, service: "fx-trader-api", pod: "fx-trader-api-0", http_route: "/quotes", http_response_status_code: "200" };
  const requests = (perSecond: number | ((m: number) => number), minutes: number): InputSeries => ({
    series: seriesName("http_server_request_duration_seconds_count", labels),
    values: counter(perSecond, minutes),
  });
  return [
    { name: "fires exactly `for` after the request counters stopped", series: [requests(0, F)], checks: [{ minute: F - 1 }, { minute: F, firing: { labels: {}, value: 1 } }] },
    { name: "fires `for` after the counters disappeared", series: [{ series: requests(1, 1).series, values: [0, 60, "stale"] }], checks: [{ minute: late, firing: { labels: {}, value: 1 } }] },
    { name: "does not fire while requests arrive", series: [requests(1, late)], checks: [{ minute: late }] },
    {
      // One request per minute is 1/60 req/s: far below every traffic floor, still not "no traffic at all".
      name: "boundary: a single request a minute keeps it silent",
      series: [requests(1 / 60, late)],
      checks: [{ minute: late }],
    },
    {
      // The last request (minute 1) leaves the 5m window at minute 7 at the latest; `for` later it fires.
      name: "fires `for` after the last request left the 5-minute window",
      series: [requests((m) => (m === 1 ? 1 : 0), F + 10)],
      checks: [{ minute: F + 4 }, { minute: F + 7, firing: { labels: {}, value: 1 } }],
    },
  ];
};

/** Requests of one service at `perSecond`, a share `bad` of them bad (5xx, or slower than the latency threshold). */
function sloTraffic(input: ScenarioInput, service: string, o: ServiceObjectives, kind: SloKind, perSecond: number, bad: (m: number) => number, steps: number, stepMinutes: number): InputSeries[] {
  const base = { namespace: input.config.eks.appNamespace, service, pod: `${service}-0`, http_route: "/orders" };
  const cumulative = (rateAt: (m: number) => number) => {
    const values = [0];
    for (let i = 1; i <= steps; i++) values.push(values[i - 1]! + 60 * stepMinutes * rateAt(i * stepMinutes));
    return values;
  };
  if (kind === "availability") {
    return [
      { series: seriesName("http_server_request_duration_seconds_count", { ...base, http_response_status_code: "500" }), values: cumulative((m) => bad(m)) },
      { series: seriesName("http_server_request_duration_seconds_count", { ...base, http_response_status_code: "200" }), values: cumulative((m) => perSecond - bad(m)) },
    ];
  }
  const labels = { ...base, http_response_status_code: "200" };
  return [
    { series: seriesName("http_server_request_duration_seconds_count", labels), values: cumulative(() => perSecond) },
    { series: seriesName("http_server_request_duration_seconds_bucket", { ...labels, le: bucketLabel(o.latency.thresholdSeconds) }), values: cumulative((m) => perSecond - bad(m)) },
    { series: seriesName("http_server_request_duration_seconds_bucket", { ...labels, le: "+Inf" }), values: cumulative(() => perSecond) },
  ];
}

/** The burn-rate scenario of `speed`: each window pair's limit, checked in the expression, fires above and not at it. */
function burnScenario(speed: BurnSpeed): Scenario {
  return (input) => {
    const { slo } = input.config;
    const windows = BURN_WINDOWS.filter((w) => w.speed === speed);
    // Steps as long as the shortest window the alert reads allows (promtool evaluates every rule at every step).
    const step = speed === "fast" ? 5 : 60;
    const minutesOf = (d: string) => ({ "1h": 60, "6h": 360, "1d": 1440, "3d": 4320 })[d]!;
    const [service, o] = Object.entries(slo.services)[0]!;
    const limit = (kind: SloKind, w: (typeof windows)[number]) => literalIn(input.alert, burnRate(w, slo.periodDays) * budgetRatio(o, kind), ">");
    const first = windows[0]!;
    const last = windows[windows.length - 1]!; // the longest window has the lowest limit: the alert's boundary
    const full = minutesOf(last.long) + step; // windows full: rates exact, no extrapolation
    const firstFull = minutesOf(first.long) + step;
    const labels = (kind: SloKind) => ({ namespace: input.config.eks.appNamespace, service, slo: kind });
    const cases: Case[] = [];
    for (const kind of ["availability", "latency"] as const) {
      const l = limit(kind, first);
      const [a, b] = exactFraction(l, 100);
      cases.push({
        name: `fires for ${kind} when ${first.long} and ${first.short} burn at twice ${num(burnRate(first, slo.periodDays))}×`,
        intervalMinutes: step,
        series: sloTraffic(input, service, o, kind, b, () => 2 * a, firstFull / step, step),
        checks: [{ minute: 0 }, { minute: firstFull, firing: { labels: labels(kind), value: (2 * a) / b } }],
      });
    }
    const boundary = limit("availability", last);
    const [a, b] = exactFraction(boundary, 100);
    cases.push(
      {
        name: `boundary: exactly ${num(burnRate(last, slo.periodDays))}× over ${last.long} and ${last.short} does not fire`,
        intervalMinutes: step,
        series: sloTraffic(input, service, o, "availability", b, () => a, full / step, step),
        checks: [{ minute: full }],
      },
      {
        name: `boundary: one bad request in 100·b more over ${last.long} and ${last.short} fires`,
        intervalMinutes: step,
        series: sloTraffic(input, service, o, "availability", 100 * b, () => 100 * a + 1, full / step, step),
        checks: [{ minute: full, firing: { labels: labels("availability"), value: (100 * a + 1) / (100 * b) } }],
      },
      {
        name: `does not fire once the burn stopped: the ${last.short} window is clean though ${last.long} still burns`,
        intervalMinutes: step,
        series: sloTraffic(input, service, o, "availability", b, (m) => (m <= full - minutesOf(last.long) / 12 - step ? 4 * a : 0), full / step, step),
        checks: [{ minute: full }],
      },
      { name: "does not fire without traffic", intervalMinutes: step, series: sloTraffic(input, service, o, "availability", 0, () => 0, firstFull / step, step), checks: [{ minute: firstFull }] },
    );
    return cases;
  };
}

export const errorBudgetBurnFast = burnScenario("fast");
export const errorBudgetBurnSlow = burnScenario("slow");
