/**
 * Trading desk view (D4 custom view for the business role): order flow, rejections, executions and quote
 * latency per currency pair (M5), with the platform's error rate against the same 1% line the on-call
 * engineer sees, so the desk can tell a market lull from an outage.
 */
import { StackingConfigBuilder, StackingMode } from "@grafana/grafana-foundation-sdk/common";
import { RowBuilder, type Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import type { PanelBuilder as StatPanelBuilder } from "@grafana/grafana-foundation-sdk/stat";
import type { PanelBuilder as TimeseriesPanelBuilder } from "@grafana/grafana-foundation-sdk/timeseries";
import * as units from "@grafana/grafana-foundation-sdk/units";
import type { EnvironmentConfig } from "../config/types";
import { dashboardFrame, finalizeDashboard } from "./shared/dashboard";
import { statPanel, timeSeriesPanel } from "./shared/panels";
import { prom, quantile, RATE } from "./shared/queries";
import { above, dashedLine } from "./shared/thresholds";
import { multiLabelVariable } from "./shared/variables";

/** The environment values this dashboard draws: the HTTP error-ratio alert threshold. */
export type TradingDeskDashboardConfig = Pick<EnvironmentConfig, "name" | "eks" | "alerts">;

/** Business series of the selected currency pairs. */
const PAIRS = 'namespace="$namespace", currency_pair=~"$currency_pair"';
const NAMESPACE = 'namespace="$namespace"';

/** Orders per minute (per second × 60: the desk thinks in orders per minute). */
const ordersPerMinute = (matchers: string, by = "") => `60 * sum${by} (rate(fx_orders_total{${matchers}}[${RATE}]))`;
const executionsPerMinute = (by = "") => `60 * sum${by} (rate(fx_executions_total{${PAIRS}}[${RATE}]))`;
const httpErrorPercent = () => {
  const count = "http_server_request_duration_seconds_count";
  return `100 * sum(rate(${count}{${NAMESPACE}, http_response_status_code=~"5.."}[${RATE}])) / sum(rate(${count}{${NAMESPACE}}[${RATE}]))`;
};

export function ordersStat(): StatPanelBuilder {
  return statPanel("Orders", units.OpsPerMinute)
    .description("Orders received per minute, selected currency pairs (M5).")
    .withTarget(prom(ordersPerMinute(PAIRS), { legend: "orders/min" }));
}

export function rejectionStat(): StatPanelBuilder {
  return statPanel("Rejected orders", units.Percent)
    .description("Share of orders rejected.")
    .decimals(2)
    .withTarget(
      prom(`100 * sum(rate(fx_orders_total{${PAIRS}, status="rejected"}[${RATE}])) / sum(rate(fx_orders_total{${PAIRS}}[${RATE}]))`, { legend: "rejected %" }),
    );
}

export function executionsStat(): StatPanelBuilder {
  return statPanel("Executions", units.OpsPerMinute)
    .description("Trades executed per minute (M5).")
    .withTarget(prom(executionsPerMinute(), { legend: "executions/min" }));
}

export function quoteLatencyStat(): StatPanelBuilder {
  return statPanel("Quote latency p99", units.Seconds)
    .description("99th percentile time from a liquidity provider's price update to the published quote.")
    .withTarget(prom(quantile(0.99, "fx_quote_latency_seconds", PAIRS), { legend: "p99" }));
}

export function activeUsersStat(): StatPanelBuilder {
  return statPanel("Active users", units.Short)
    .description("Users with an active session.")
    .withTarget(prom(`sum(fx_active_users{${NAMESPACE}})`, { legend: "users" }));
}

export function platformErrorsStat(c: TradingDeskDashboardConfig): StatPanelBuilder {
  return statPanel("Platform errors", units.Percent)
    .description(`Share of HTTP requests failing (5xx); red from ${c.alerts.httpErrorRatioPercent}%, where on-call is paged (A1).`)
    .decimals(2)
    .thresholds(above(c.alerts.httpErrorRatioPercent))
    .withTarget(prom(httpErrorPercent(), { legend: "5xx %" }));
}

export function ordersByStatus(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Orders by status", units.OpsPerMinute)
    .description("Orders per minute, accepted and rejected, stacked.")
    .stacking(new StackingConfigBuilder().mode(StackingMode.Normal))
    .withTarget(prom(ordersPerMinute(PAIRS, " by (status)"), { legend: "{{status}}" }));
}

export function ordersBySide(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Orders by side", units.OpsPerMinute)
    .description("Buy and sell orders per minute.")
    .withTarget(prom(ordersPerMinute(PAIRS, " by (side)"), { legend: "{{side}}" }));
}

export function ordersByPair(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Top currency pairs by orders", units.OpsPerMinute)
    .description("The ten currency pairs with the most orders per minute.")
    .withTarget(prom(`topk(10, ${ordersPerMinute(PAIRS, " by (currency_pair)")})`, { legend: "{{currency_pair}}" }));
}

export function executionsByPair(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Executions by currency pair", units.OpsPerMinute)
    .description("Trades executed per minute, the ten busiest pairs.")
    .withTarget(prom(`topk(10, ${executionsPerMinute(" by (currency_pair)")})`, { legend: "{{currency_pair}}" }));
}

export function quoteLatencyByPair(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Quote latency p99 by pair", units.Seconds)
    .description("99th percentile quote latency, the five slowest pairs.")
    .withTarget(prom(`topk(5, ${quantile(0.99, "fx_quote_latency_seconds", PAIRS, ["currency_pair"])})`, { legend: "{{currency_pair}}" }));
}

export function platformErrorsOverTime(c: TradingDeskDashboardConfig): TimeseriesPanelBuilder {
  return timeSeriesPanel("Platform error rate (5xx %)", units.Percent)
    .description(`5xx share of all HTTP requests; dashed at the ${c.alerts.httpErrorRatioPercent}% paging threshold (A1).`)
    .thresholds(above(c.alerts.httpErrorRatioPercent))
    .thresholdsStyle(dashedLine())
    .withTarget(prom(httpErrorPercent(), { legend: "5xx %" }));
}

/** Builds the trading desk dashboard for one environment. */
export function tradingDeskDashboard(c: TradingDeskDashboardConfig): Dashboard {
  const builder = dashboardFrame(c, {
    key: "tradingDesk",
    description: "Order flow, executions and quote latency per currency pair for the trading desk (D4, M5).",
    tags: ["business", "D4"],
    filters: [multiLabelVariable("currency_pair", `fx_orders_total{${NAMESPACE}}`, "currency pair")],
    serviceVariable: false,
  })
    .withPanel(ordersStat())
    .withPanel(rejectionStat())
    .withPanel(executionsStat())
    .withPanel(quoteLatencyStat())
    .withPanel(activeUsersStat())
    .withPanel(platformErrorsStat(c))
    .withRow(new RowBuilder("Order flow"))
    .withPanel(ordersByStatus())
    .withPanel(ordersBySide())
    .withRow(new RowBuilder("Currency pairs"))
    .withPanel(ordersByPair())
    .withPanel(executionsByPair())
    .withRow(new RowBuilder("Quotes and platform health"))
    .withPanel(quoteLatencyByPair())
    .withPanel(platformErrorsOverTime(c));
  return finalizeDashboard(builder);
}
