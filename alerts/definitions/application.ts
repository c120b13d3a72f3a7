/** A1, A3: the FX Trader application's HTTP error ratio and response time (M1 metrics). */
import { ratioAlert } from "../factories";
import { aggregate, eq, num, rate, re, selector } from "../promql";
import type { AlertContext, AlertDefinition } from "../types";

const REQUESTS = "http_server_request_duration_seconds";
const BY_SERVICE = ["namespace", "service"] as const;

/** Requests per second of each service in the application namespace. */
function requestRate(ctx: AlertContext, ...matchers: string[]): string {
  const series = selector(`${REQUESTS}_count`, eq("namespace", ctx.config.eks.appNamespace), ...matchers);
  return aggregate("sum", BY_SERVICE, rate(series, "5m"));
}

/** `and` clause that keeps a service only while it serves at least the configured request rate. */
function trafficFloor(ctx: AlertContext): string {
  return `and on (${BY_SERVICE.join(", ")}) ${requestRate(ctx)} >= ${num(ctx.config.alerts.httpMinRequestsPerSecond)}`;
}

export const httpErrorRateHigh: AlertDefinition = ratioAlert({
  name: "HttpErrorRateHigh",
  requirement: "A1",
  group: "application",
  problem: "http",
  traffic: "business",
  dashboard: "applicationOverview",
  for: "5m",
  fires: "above",
  // A ratio, not a count (A8), and only above a traffic floor: 1 failure out of 3 requests at night is not an incident.
  numerator: (ctx) => requestRate(ctx, re("http_response_status_code", "5..")),
  denominator: (ctx) => requestRate(ctx),
  guard: trafficFloor,
  summary: (ctx) => `{{ $labels.service }} answers more than ${ctx.shown} of its requests with a 5xx error`,
  description: (ctx) =>
    `{{ $value | humanizePercentage }} of the requests to {{ $labels.namespace }}/{{ $labels.service }} failed with a 5xx status over the last 5 minutes ` +
    `(threshold ${ctx.shown}; evaluated only while the service serves at least ` +
    `${num(ctx.config.alerts.httpMinRequestsPerSecond)} req/s).`,
  runbook: {
    meaning: "The share of HTTP requests that the service answered with a 5xx status is above the threshold, with enough traffic for the ratio to mean something.",
    impact: "Traders see failed quotes, orders or page loads. Every minute counts: orders that fail are lost business.",
    diagnosis: [
      "Open the application overview dashboard (link in the alert) and find which routes fail: `sum by (http_route, http_response_status_code) (rate(http_server_request_duration_seconds_count{http_response_status_code=~\"5..\"}[5m]))`.",
      "Check whether a deployment just happened: `kubectl -n <namespace> rollout history deployment/<service>`.",
      "Read the error logs of the service in Grafana Explore (Loki): `{namespace=\"<namespace>\", app=\"<service>\"} | json | level=\"ERROR\"`.",
      "Check the dependencies: a `DatabaseConnectionErrors` or `CacheHitRatioLow` alert at the same time usually is the cause.",
    ],
    mitigation: [
      "If a deployment caused it, roll back: `kubectl -n <namespace> rollout undo deployment/<service>`.",
      "If a dependency fails, follow that alert's runbook; scale the service out if it is saturated.",
      "Post status updates in the incident channel until the ratio is back under the threshold for 15 minutes.",
    ],
  },
});

export const httpLatencyHigh: AlertDefinition = ratioAlert({
  name: "HttpLatencyHigh",
  requirement: "A3",
  group: "application",
  problem: "http",
  traffic: "business",
  dashboard: "applicationOverview",
  for: "10m",
  fires: "above",
  numerator: (ctx) => aggregate("sum", BY_SERVICE, rate(selector(`${REQUESTS}_sum`, eq("namespace", ctx.config.eks.appNamespace)), "5m")),
  denominator: (ctx) => requestRate(ctx),
  guard: trafficFloor,
  summary: (ctx) => `{{ $labels.service }} responds slower than ${ctx.shown} on average`,
  description: (ctx) =>
    `Requests to {{ $labels.namespace }}/{{ $labels.service }} took {{ $value | humanizeDuration }} on average over the last 5 minutes ` +
    `(threshold ${ctx.shown}; evaluated only while the service serves at least ` +
    `${num(ctx.config.alerts.httpMinRequestsPerSecond)} req/s).`,
  runbook: {
    meaning: "The average HTTP response time of the service is above the environment's threshold.",
    impact: "Quotes and order confirmations reach traders late; slippage and abandoned orders rise.",
    diagnosis: [
      "Find the slow routes on the application overview dashboard: `histogram_quantile(0.99, sum by (le, http_route) (rate(http_server_request_duration_seconds_bucket[5m])))`.",
      "Check database time (`DatabaseQueriesSlow`) and cache hit ratio (`CacheHitRatioLow`) for the same period.",
      "Check CPU throttling and memory of the pods: `kubectl -n <namespace> top pods`.",
      "Open a slow trace in Grafana (Tempo) from the latency panel's exemplars.",
    ],
    mitigation: [
      "Scale the service out if CPU is saturated (the HPA limits are in `config.capacity.app`).",
      "Roll back a deployment that introduced the regression.",
      "If a dependency is slow, follow its runbook.",
    ],
  },
});
