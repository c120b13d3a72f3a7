/**
 * D1 Application overview: what an on-call engineer opens first. The top row answers "is FX Trader serving
 * its users?" (traffic, errors against the 1% alert line, response time, users, replicas, cache); the rows
 * below show traffic and errors, the response-time distribution, and the P2 signals (memory growth, async
 * queues, cache efficiency).
 */
import { PromQueryFormat } from "@grafana/grafana-foundation-sdk/prometheus";
import { RowBuilder, type Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import { HeatmapColorMode, PanelBuilder as HeatmapPanelBuilder, YAxisConfigBuilder, HeatmapColorOptionsBuilder } from "@grafana/grafana-foundation-sdk/heatmap";
import type { PanelBuilder as StatPanelBuilder } from "@grafana/grafana-foundation-sdk/stat";
import type { PanelBuilder as TimeseriesPanelBuilder } from "@grafana/grafana-foundation-sdk/timeseries";
import * as units from "@grafana/grafana-foundation-sdk/units";
import type { EnvironmentConfig } from "../config/types";
import { dashboardFrame, finalizeDashboard } from "./shared/dashboard";
import { PROMETHEUS } from "./shared/datasources";
import { errorLogsLink, slowTracesLink } from "./shared/links";
import { GRAPH_HEIGHT, statPanel, timeSeriesPanel } from "./shared/panels";
import { APP, average, prom, quantile, RATE } from "./shared/queries";
import { above, below, dashedLine } from "./shared/thresholds";
import { multiLabelVariable } from "./shared/variables";
import { errorBudgetRemaining } from "../signals/slo";

/** The environment values this dashboard draws: alert thresholds (lines and colours) and the replica floor. */
export type ApplicationOverviewConfig = Pick<EnvironmentConfig, "name" | "eks" | "alerts" | "capacity" | "slo">;

const HTTP = "http_server_request_duration_seconds";

/** Request rate of the selected services, in requests per second. */
const requests = (by = "") => `sum${by} (rate(${HTTP}_count{${APP}}[${RATE}]))`;
/** 5xx responses per second. */
const errors = (by = "") => `sum${by} (rate(${HTTP}_count{${APP}, http_response_status_code=~"5.."}[${RATE}]))`;
/** 5xx share of requests, in percent (the scale of `alerts.httpErrorRatioPercent`). */
const errorPercent = (by = "") => `100 * ${errors(by)} / ${requests(by)}`;

export function requestRateStat(): StatPanelBuilder {
  return statPanel("Requests", units.RequestsPerSecond)
    .description("HTTP requests per second, all selected services.")
    .withTarget(prom(requests(), { legend: "requests" }));
}

export function errorRateStat(c: ApplicationOverviewConfig): StatPanelBuilder {
  return statPanel("Error rate (5xx)", units.Percent)
    .description(`Share of requests answered 5xx. Red from ${c.alerts.httpErrorRatioPercent}%, where HttpErrorRateHigh pages (A1).`)
    .decimals(2)
    .thresholds(above(c.alerts.httpErrorRatioPercent))
    .withTarget(prom(errorPercent(), { legend: "5xx %" }));
}

export function averageLatencyStat(c: ApplicationOverviewConfig): StatPanelBuilder {
  return statPanel("Avg response time", units.Seconds)
    .description(`Average HTTP response time. Orange from ${c.alerts.httpLatencyAvgSeconds} s, where HttpLatencyHigh warns (A3).`)
    .thresholds(above(c.alerts.httpLatencyAvgSeconds, "orange"))
    .withTarget(prom(average(HTTP, APP), { legend: "average" }));
}

export function activeUsersStat(): StatPanelBuilder {
  return statPanel("Active users", units.Short)
    .description("Users with an active session (D1).")
    .withTarget(prom(`sum(fx_active_users{${APP}})`, { legend: "users" }));
}

export function availableReplicasStat(c: ApplicationOverviewConfig): StatPanelBuilder {
  return statPanel("Available pods", units.Short)
    .description(`Available replicas of the deployments in the namespace; red below the autoscaling floor of ${c.capacity.app.minReplicas} (K1).`)
    .thresholds(below(c.capacity.app.minReplicas))
    .withTarget(prom(`sum(kube_deployment_status_replicas_available{namespace="$namespace"})`, { legend: "available" }));
}

export function cacheHitStat(): StatPanelBuilder {
  return statPanel("Cache hit ratio", units.PercentUnit)
    .description("Share of Redis key lookups that hit (P2 cache efficiency).")
    .decimals(1)
    .withTarget(prom(cacheHitRatio(), { legend: "hit ratio" }));
}

/** Redis hit ratio (0–1). */
function cacheHitRatio(): string {
  const hits = `sum(rate(redis_keyspace_hits_total[${RATE}]))`;
  const misses = `sum(rate(redis_keyspace_misses_total[${RATE}]))`;
  return `${hits} / (${hits} + ${misses})`;
}

export function requestRateByService(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Request rate by service", units.RequestsPerSecond)
    .description("HTTP requests per second per service (D1).")
    .withTarget(prom(requests(" by (service)"), { legend: "{{service}}" }));
}

export function errorRateByService(c: ApplicationOverviewConfig): TimeseriesPanelBuilder {
  return timeSeriesPanel("Error rate by service (5xx %)", units.Percent)
    .description(`5xx share of requests per service; the dashed line is the ${c.alerts.httpErrorRatioPercent}% HttpErrorRateHigh threshold (A1).`)
    .thresholds(above(c.alerts.httpErrorRatioPercent))
    .thresholdsStyle(dashedLine())
    .dataLinks([errorLogsLink(true)])
    .withTarget(prom(errorPercent(" by (service)"), { legend: "{{service}}" }));
}

export function responseTimeHeatmap(c: ApplicationOverviewConfig): HeatmapPanelBuilder {
  return new HeatmapPanelBuilder()
    .title("Response time distribution")
    .description("Requests per latency bucket over time (D1 distribution); bright bands high up are slow requests.")
    .datasource(PROMETHEUS)
    .span(12)
    .height(GRAPH_HEIGHT)
    .calculate(false)
    .color(new HeatmapColorOptionsBuilder().mode(HeatmapColorMode.Scheme).scheme("Oranges"))
    .yAxis(new YAxisConfigBuilder().unit(units.Seconds))
    .dataLinks([slowTracesLink(c.alerts.httpLatencyAvgSeconds, true)])
    .withTarget(prom(`sum by (le) (rate(${HTTP}_bucket{${APP}}[${RATE}]))`, { legend: "{{le}}", format: PromQueryFormat.Heatmap }));
}

export function responseTimePercentiles(c: ApplicationOverviewConfig): TimeseriesPanelBuilder {
  return timeSeriesPanel("Response time p50 / p90 / p99", units.Seconds)
    .description(`Latency percentiles and the average; the dashed line is the ${c.alerts.httpLatencyAvgSeconds} s HttpLatencyHigh threshold on the average (A3).`)
    .thresholds(above(c.alerts.httpLatencyAvgSeconds, "orange"))
    .thresholdsStyle(dashedLine())
    .dataLinks([slowTracesLink(c.alerts.httpLatencyAvgSeconds, true)])
    .withTarget(prom(quantile(0.5, HTTP, APP), { legend: "p50" }))
    .withTarget(prom(quantile(0.9, HTTP, APP), { legend: "p90" }))
    .withTarget(prom(quantile(0.99, HTTP, APP), { legend: "p99" }))
    .withTarget(prom(average(HTTP, APP), { legend: "average" }));
}

export function activeUsersOverTime(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Active users", units.Short, 8)
    .description("Users with an active session (D1).")
    .withTarget(prom(`sum by (service) (fx_active_users{${APP}})`, { legend: "{{service}}" }));
}

export function inFlightRequests(): TimeseriesPanelBuilder {
  return timeSeriesPanel("In-flight requests", units.Short, 8)
    .description("HTTP requests being served; growth without more traffic means requests are queueing.")
    .withTarget(prom(`sum by (service) (http_server_active_requests{${APP}})`, { legend: "{{service}}" }));
}

export function podMemoryGrowth(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Pod memory (working set)", units.BytesIEC, 8)
    .description("Working-set memory per pod (P2): a line that only climbs across restarts is a leak.")
    .withTarget(prom(`sum by (pod) (container_memory_working_set_bytes{namespace="$namespace", container!=""})`, { legend: "{{pod}}" }));
}

export function queueDepth(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Queue depth", units.Short, 8)
    .description("Messages waiting per queue (P2 async processing).")
    .withTarget(prom(`sum by (queue) (fx_queue_depth{${APP}})`, { legend: "{{queue}}" }));
}

export function queueAge(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Oldest queued message", units.Seconds, 8)
    .description("Age of the oldest waiting message per queue (P2): rising age with flat depth means stuck consumers.")
    .withTarget(prom(`max by (queue) (fx_queue_oldest_message_age_seconds{${APP}})`, { legend: "{{queue}}" }));
}

export function cacheHitRatioOverTime(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Cache hit ratio", units.PercentUnit, 8)
    .description("Share of Redis key lookups that hit (P2 cache efficiency).")
    .min(0)
    .max(1)
    .withTarget(prom(cacheHitRatio(), { legend: "hit ratio" }));
}

/**
 * A10: the error budget left per service and objective over the SLO period, from the recording rules the
 * burn-rate alerts read (signals/slo.ts). At 0 the objective is missed; the alerts fire on how fast it falls.
 */
export function errorBudget(c: ApplicationOverviewConfig): TimeseriesPanelBuilder {
  return timeSeriesPanel("Error budget left", units.PercentUnit, 8)
    .description(
      `Share of each service's error budget left over the ${c.slo.periodDays}-day SLO period, availability and latency (A10); ` +
        "below 0 the objective is missed. ErrorBudgetBurnFast pages and ErrorBudgetBurnSlow warns on how fast it falls (docs/alerts.md).",
    )
    .max(1)
    .thresholds(below(0))
    .thresholdsStyle(dashedLine())
    .withTarget(prom(errorBudgetRemaining(c.slo), { legend: "{{service}} {{slo}}" }));
}

/** Builds the application overview dashboard for one environment. */
export function applicationOverviewDashboard(c: ApplicationOverviewConfig): Dashboard {
  const builder = dashboardFrame(c, {
    key: "applicationOverview",
    description: "FX Trader at a glance: traffic, errors, response time, users (D1) and the P2 efficiency signals.",
    tags: ["application", "D1"],
    filters: [multiLabelVariable("service", `${HTTP}_count{namespace="$namespace"}`)],
    serviceVariable: true,
  })
    .withPanel(requestRateStat())
    .withPanel(errorRateStat(c))
    .withPanel(averageLatencyStat(c))
    .withPanel(activeUsersStat())
    .withPanel(availableReplicasStat(c))
    .withPanel(cacheHitStat())
    .withRow(new RowBuilder("Traffic and errors"))
    .withPanel(requestRateByService())
    .withPanel(errorRateByService(c))
    .withPanel(errorBudget(c))
    .withRow(new RowBuilder("Response time"))
    .withPanel(responseTimeHeatmap(c))
    .withPanel(responseTimePercentiles(c))
    .withRow(new RowBuilder("Users and load"))
    .withPanel(activeUsersOverTime())
    .withPanel(inFlightRequests())
    .withPanel(podMemoryGrowth())
    .withRow(new RowBuilder("Async processing and cache"))
    .withPanel(queueDepth())
    .withPanel(queueAge())
    .withPanel(cacheHitRatioOverTime());
  return finalizeDashboard(builder);
}
