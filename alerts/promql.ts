/**
 * Small PromQL builders, so expressions are assembled from named parts and thresholds are rendered the
 * same way everywhere. They produce plain PromQL text; `metricNamesIn` (metrics/contract.ts) reads it back.
 */

/** A label matcher, e.g. `eq("namespace", "fx-trader")` → `namespace="fx-trader"`. */
export type Matcher = string;

const quote = (value: string) => JSON.stringify(value);

export const eq = (label: string, value: string): Matcher => `${label}=${quote(value)}`;
export const ne = (label: string, value: string): Matcher => `${label}!=${quote(value)}`;
export const re = (label: string, pattern: string): Matcher => `${label}=~${quote(pattern)}`;
export const nre = (label: string, pattern: string): Matcher => `${label}!~${quote(pattern)}`;

/** `metric{m1, m2}` (just `metric` without matchers). */
export function selector(metric: string, ...matchers: Matcher[]): string {
  return matchers.length === 0 ? metric : `${metric}{${matchers.join(", ")}}`;
}

/** `rate(<selector>[window])`. */
export function rate(series: string, window: string): string {
  return `rate(${series}[${window}])`;
}

/** `<op> by (labels) (expr)`; without labels, `<op>(expr)` (one series for the whole selection). */
export function aggregate(op: "sum" | "max" | "avg", labels: readonly string[], expr: string): string {
  return labels.length === 0 ? `${op}(${expr})` : `${op} by (${labels.join(", ")}) (${expr})`;
}

/**
 * Renders a threshold as a PromQL number. Values are rounded to 12 significant digits first, so a
 * percentage converted to a ratio prints as `0.007`, not `0.006999999999999999`.
 */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`threshold ${value} is not a finite number`);
  return String(Number(value.toPrecision(12)));
}

/** A percentage as a ratio (`1` → `0.01`), decimal-exact to 12 significant digits. */
export function ratio(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

/** How a threshold reads in texts and docs: `1%`, `0.5 s`, `4 h`, `0 errors/s`. */
export function formatThreshold(value: number, unit: string): string {
  const n = num(value);
  return unit === "%" ? `${n}%` : `${n} ${unit}`;
}
