/**
 * PromQL query helpers. Queries are plain strings written in one style (label matchers in braces, Grafana
 * variables such as `$namespace` and `$__rate_interval`) so tests can substitute the variables and hand every
 * query to `promtool`, and hold every metric name to the contract in `metrics/contract.ts`.
 */
import { DataqueryBuilder, type PromQueryFormat } from "@grafana/grafana-foundation-sdk/prometheus";
import { PROMETHEUS } from "./datasources";

/** Label matchers of the FX Trader application's series, filtered by the namespace and service variables. */
export const APP = 'namespace="$namespace", service=~"$service"';

/** Rate window: Grafana's `$__rate_interval` adapts to the scrape interval and the panel's resolution. */
export const RATE = "$__rate_interval";

/** Options of a single Prometheus query. */
export interface QueryOptions {
  /** Legend template, e.g. `{{service}}`. @default "__auto" (Grafana names series itself) */
  readonly legend?: string;
  /** Query result format. @default PromQueryFormat.TimeSeries */
  readonly format?: PromQueryFormat;
  /** Instant query (tables and stats of the latest value). @default false */
  readonly instant?: boolean;
}

/** A Prometheus query against the dashboard's `datasource` variable. Ref IDs are assigned per panel (A, B, …). */
export function prom(expr: string, options: QueryOptions = {}): DataqueryBuilder {
  const q = new DataqueryBuilder().datasource(PROMETHEUS).expr(expr).legendFormat(options.legend ?? "__auto");
  if (options.format !== undefined) q.format(options.format);
  if (options.instant) q.instant();
  else q.range();
  return q;
}

/** `histogram_quantile(q, sum by (le) (rate(<histogram>_bucket{matchers}[window])))`. */
export function quantile(q: number, histogram: string, matchers: string, by: readonly string[] = []): string {
  const labels = ["le", ...by].join(", ");
  return `histogram_quantile(${q}, sum by (${labels}) (rate(${histogram}_bucket{${matchers}}[${RATE}])))`;
}

/** Average of a histogram: `sum(rate(_sum)) / sum(rate(_count))`, optionally grouped. */
export function average(histogram: string, matchers: string, by: readonly string[] = []): string {
  const group = by.length > 0 ? ` by (${by.join(", ")})` : "";
  return `sum${group} (rate(${histogram}_sum{${matchers}}[${RATE}])) / sum${group} (rate(${histogram}_count{${matchers}}[${RATE}]))`;
}
