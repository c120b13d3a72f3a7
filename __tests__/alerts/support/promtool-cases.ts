/**
 * The language of the promtool scenarios: input series built minute by minute, checks at given minutes,
 * and the rendering to a `promtool test rules` file that runs them against an environment's rule file.
 *
 * Boundary cases need the value PromQL computes to equal the threshold literal exactly. Series are built
 * from integer rates and integer byte counts, whose sums, differences and ratios IEEE arithmetic computes
 * exactly (or correctly rounded, which is what parsing the literal does too), so "exactly the threshold"
 * is exactly the threshold in Prometheus, not a rounding error above or below it.
 */
import { stringify } from "yaml";
import { durationSeconds } from "../../../alerts/duration";
import { num } from "../../../alerts/promql";
import type { ResolvedAlert } from "../../../alerts/types";
import type { EnvironmentConfig } from "../../../config/types";
import { expandTemplate } from "./templates";

/** One input series: a value per minute from minute 0. */
export interface InputSeries {
  readonly series: string;
  /** `stale` ends the series (a staleness marker, as when a target disappears). */
  readonly values: ReadonlyArray<number | "stale">;
}

/** At `minute`, the alert must be firing with these sample labels and value, or (without `firing`) not be firing. */
export interface Check {
  readonly minute: number;
  readonly firing?: { readonly labels: Readonly<Record<string, string>>; readonly value: number };
}

export interface Case {
  readonly name: string;
  /** Minutes between samples (and evaluations); default 1. Checks and series values count in these steps' minutes. */
  readonly intervalMinutes?: number;
  readonly series: readonly InputSeries[];
  readonly checks: readonly Check[];
}

/** What a scenario gets: the alert as rendered for the environment, and the environment. */
export interface ScenarioInput {
  readonly alert: ResolvedAlert;
  readonly config: EnvironmentConfig;
}

export type Scenario = (input: ScenarioInput) => Case[];

/** `metric{a="1", b="2"}` from a label object. */
export function seriesName(metric: string, labels: Readonly<Record<string, string>>): string {
  const inner = Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ");
  return `${metric}{${inner}}`;
}

/** A constant (or per-minute) gauge over `minutes` + 1 samples. */
export function gauge(value: number | ((minute: number) => number), minutes: number): number[] {
  return Array.from({ length: minutes + 1 }, (_, m) => (typeof value === "number" ? value : value(m)));
}

/** A counter increasing at `perSecond` (constant or per minute), starting at 0; integer rates stay exact. */
export function counter(perSecond: number | ((minute: number) => number), minutes: number): number[] {
  const values = [0];
  for (let m = 1; m <= minutes; m++) values.push(values[m - 1]! + 60 * (typeof perSecond === "number" ? perSecond : perSecond(m)));
  return values;
}

/** Minutes in an alert's `for` (0 when it has none); throws for durations that are not whole minutes. */
export function forMinutes(alert: ResolvedAlert): number {
  if (alert.for === "") return 0;
  const minutes = durationSeconds(alert.for) / 60;
  if (!Number.isInteger(minutes)) throw new Error(`${alert.name}: for ${alert.for} is not a whole number of minutes`);
  return minutes;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Integers `[a, b]` with `a / b` equal to the decimal `value` exactly (as PromQL parses the rendered literal),
 * `b` at least `minDenominator`. Throws when the value has no short decimal form.
 */
export function exactFraction(value: number, minDenominator = 1): [number, number] {
  const text = num(value);
  if (/e/i.test(text)) throw new Error(`threshold ${text} has no short decimal form for an exact boundary`);
  const decimals = text.includes(".") ? text.split(".")[1]!.length : 0;
  let b = 10 ** decimals;
  let a = Math.round(value * b);
  const g = gcd(a, b);
  a /= g;
  b /= g;
  const k = Math.max(1, Math.ceil(minDenominator / b));
  const [x, y] = [a * k, b * k];
  if (x / y !== Number(text)) throw new Error(`${x}/${y} does not equal ${text} exactly`);
  return [x, y];
}

/** The threshold literal as it appears in the rendered expression; fails the scenario when it does not. */
export function literalIn(alert: ResolvedAlert, value: number, comparison: ">" | "<"): number {
  const text = `${comparison} ${num(value)}`;
  if (!alert.expr.includes(text)) throw new Error(`${alert.name}: expected "${text}" in the rendered expression: ${alert.expr}`);
  return Number(num(value));
}

/** The promtool unit-test file for one alert's cases, against `ruleFile`. */
export function renderPromtoolTest(ruleFile: string, alert: ResolvedAlert, cases: readonly Case[]): string {
  const tests = cases.map((c) => ({
    name: `${alert.name}: ${c.name}`,
    interval: `${c.intervalMinutes ?? 1}m`,
    input_series: c.series.map((s) => ({ series: s.series, values: s.values.map((v) => String(v)).join(" ") })),
    alert_rule_test: c.checks.map((check) => ({
      eval_time: `${check.minute}m`,
      alertname: alert.name,
      exp_alerts:
        check.firing === undefined
          ? []
          : [
              {
                exp_labels: { ...check.firing.labels, ...alert.labels },
                exp_annotations: Object.fromEntries(
                  Object.entries(alert.annotations).map(([k, v]) => [k, expandTemplate(v, check.firing!.labels, check.firing!.value)]),
                ),
              },
            ],
    })),
  }));
  // One evaluation interval per file: the cases of an alert share theirs (slow SLO windows step 10 minutes).
  const steps = new Set(cases.map((c) => c.intervalMinutes ?? 1));
  if (steps.size !== 1) throw new Error(`${alert.name}: cases use different intervals (${[...steps].join(", ")})`);
  return stringify({ rule_files: [ruleFile], evaluation_interval: `${[...steps][0]}m`, tests }, { lineWidth: 0, version: "1.1", aliasDuplicateObjects: false });
}
