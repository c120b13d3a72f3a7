/**
 * Signals of the FX Trader application (M1): request rate, 5xx ratio, scrape health. Each is the one PromQL
 * definition that alerts and dashboards both use. Pure data: no cdktf imports.
 */
import { aggregate, eq, re, rate, selector, type Matcher } from "../alerts/promql";

/** The OpenTelemetry HTTP server histogram (`http.server.request.duration`) as exported to Prometheus. */
export const HTTP_REQUESTS = "http_server_request_duration_seconds";

/** Labels the application's per-service signals keep. */
export const BY_SERVICE = ["namespace", "service"] as const;

/** Matches 5xx responses. */
export const SERVER_ERROR: Matcher = re("http_response_status_code", "5..");

/** Requests per second of each service of `namespace` over `window`, optionally narrowed by `matchers`. */
export function requestRate(namespace: string, window: string, ...matchers: Matcher[]): string {
  return aggregate("sum", BY_SERVICE, rate(selector(`${HTTP_REQUESTS}_count`, eq("namespace", namespace), ...matchers), window));
}

/** Share of requests of each service answered with a 5xx status over `window` (A1, A10 availability); `scope` narrows it (e.g. to one service). */
export function errorRatio(namespace: string, window: string, ...scope: Matcher[]): string {
  return `${requestRate(namespace, window, ...scope, SERVER_ERROR)} / ${requestRate(namespace, window, ...scope)}`;
}

/**
 * Share of requests of each service slower than `le` seconds over `window` (A10 latency). `le` must be a
 * bucket boundary of the histogram; `bucketLabel` renders it as the exporter does.
 */
export function slowRatio(namespace: string, window: string, le: number, ...scope: Matcher[]): string {
  const fast = aggregate("sum", BY_SERVICE, rate(selector(`${HTTP_REQUESTS}_bucket`, eq("namespace", namespace), ...scope, eq("le", bucketLabel(le))), window));
  return `1 - ${fast} / ${requestRate(namespace, window, ...scope)}`;
}

/** A histogram bucket boundary as the `le` label value Prometheus client libraries write (`0.25`, `1`). */
export function bucketLabel(le: number): string {
  return String(le);
}

/** Scrape health of the application's targets: `up` of every target in `namespace`. */
export function targetsUp(namespace: string): string {
  return selector("up", eq("namespace", namespace));
}
