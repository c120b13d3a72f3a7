/**
 * D2 Database: query performance as the application sees it and as PostgreSQL reports it (top statements from
 * pg_stat_statements), the application's connection pool (used / idle / max, waiters, errors) and the server's
 * connections, and replication lag (D2, P1).
 */
import { RowBuilder, type Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import { PromQueryFormat } from "@grafana/grafana-foundation-sdk/prometheus";
import type { PanelBuilder as StatPanelBuilder } from "@grafana/grafana-foundation-sdk/stat";
import type { PanelBuilder as TablePanelBuilder } from "@grafana/grafana-foundation-sdk/table";
import type { PanelBuilder as TimeseriesPanelBuilder } from "@grafana/grafana-foundation-sdk/timeseries";
import * as units from "@grafana/grafana-foundation-sdk/units";
import type { EnvironmentConfig } from "../config/types";
import { dashboardFrame, finalizeDashboard } from "./shared/dashboard";
import { slowTracesLink } from "./shared/links";
import { statPanel, tablePanel, timeSeriesPanel } from "./shared/panels";
import { APP, average, prom, quantile, RATE } from "./shared/queries";
import { above, alertThreshold, below, dashedLine } from "./shared/thresholds";
import { re } from "../alerts/promql";
import { replicationLagSeconds } from "../signals/database";
import { multiLabelVariable } from "./shared/variables";

/** The environment values this dashboard draws: the slow-query alert threshold. */
export type DatabaseDashboardConfig = Pick<EnvironmentConfig, "name" | "eks" | "alerts">;

const DB = "db_client_operation_duration_seconds";
/** postgres_exporter series of the selected database instances. */
const PG = 'instance=~"$instance"';
/** The same, as a matcher the signals take. */
const SELECTED_INSTANCES = re("instance", "$instance");
/** Share of the pool in use above which requests start to wait for a connection. */
const POOL_BUSY_RATIO = 0.8;
/** Connection errors per second from which the stat turns red: any error in the last few minutes. */
const ANY_ERRORS_PER_SECOND = 0.001;

export function databaseUpStat(): StatPanelBuilder {
  return statPanel("Database reachable", units.Short)
    .description("1 when postgres_exporter reaches every selected instance (min over instances).")
    .thresholds(below(1))
    .withTarget(prom(`min(pg_up{${PG}})`, { legend: "up" }));
}

export function averageQueryTimeStat(c: DatabaseDashboardConfig): StatPanelBuilder {
  return statPanel("Avg query time", units.Seconds)
    .description(`Average database operation time seen by the application. Orange from ${c.alerts.dbQueryLatencySeconds} s, where DatabaseQueriesSlow warns (A4).`)
    .thresholds(above(c.alerts.dbQueryLatencySeconds, "orange"))
    .withTarget(prom(average(DB, APP), { legend: "average" }));
}

export function connectionErrorsStat(): StatPanelBuilder {
  return statPanel("Connection errors", units.Short)
    .description("Failed attempts to get or open a database connection per second (A2).")
    .decimals(2)
    .thresholds(above(ANY_ERRORS_PER_SECOND))
    .withTarget(prom(`sum(rate(db_client_connection_errors_total{${APP}}[${RATE}]))`, { legend: "errors/s" }));
}

export function poolUsageStat(): StatPanelBuilder {
  return statPanel("Pool in use", units.PercentUnit)
    .description(`Used connections over the pool maximum; orange from ${POOL_BUSY_RATIO * 100}%, where requests start to wait.`)
    .thresholds(above(POOL_BUSY_RATIO, "orange"))
    .withTarget(prom(`sum(db_client_connection_count{${APP}, state="used"}) / sum(db_client_connection_max{${APP}})`, { legend: "in use" }));
}

export function poolWaitersStat(): StatPanelBuilder {
  return statPanel("Pool waiters", units.Short)
    .description("Requests waiting for a pooled connection; anything above zero is pool saturation.")
    .thresholds(above(1, "orange"))
    .withTarget(prom(`sum(db_client_connection_pending_requests{${APP}})`, { legend: "waiting" }));
}

/** Where DatabaseReplicationLagHigh fires, after overrides (D2). */
const lagLine = (c: DatabaseDashboardConfig) => alertThreshold(c, "DatabaseReplicationLagHigh", c.alerts.dbReplicationLagSeconds);

export function replicationLagStat(c: DatabaseDashboardConfig): StatPanelBuilder {
  return statPanel("Max replication lag", units.Seconds)
    .description(`Largest replica lag behind the writer (D2). Orange from ${lagLine(c)} s, where DatabaseReplicationLagHigh warns.`)
    .thresholds(above(lagLine(c), "orange"))
    .withTarget(prom(`max(${replicationLagSeconds(SELECTED_INSTANCES)})`, { legend: "lag" }));
}

export function queryLatencyPercentiles(c: DatabaseDashboardConfig): TimeseriesPanelBuilder {
  return timeSeriesPanel("Query time p50 / p99 and average", units.Seconds)
    .description(`Database operation time seen by the application; the dashed line is the ${c.alerts.dbQueryLatencySeconds} s DatabaseQueriesSlow threshold on the average (A4).`)
    .thresholds(above(c.alerts.dbQueryLatencySeconds, "orange"))
    .thresholdsStyle(dashedLine())
    .dataLinks([slowTracesLink(c.alerts.dbQueryLatencySeconds, true)])
    .withTarget(prom(quantile(0.5, DB, APP), { legend: "p50" }))
    .withTarget(prom(quantile(0.99, DB, APP), { legend: "p99" }))
    .withTarget(prom(average(DB, APP), { legend: "average" }));
}

export function slowestOperations(c: DatabaseDashboardConfig): TimeseriesPanelBuilder {
  const by = ["db_operation_name", "db_collection_name"];
  return timeSeriesPanel("Slowest operations (avg)", units.Seconds)
    .description(`The five operation/table pairs with the highest average time (P1 slow queries); dashed at ${c.alerts.dbQueryLatencySeconds} s.`)
    .thresholds(above(c.alerts.dbQueryLatencySeconds, "orange"))
    .thresholdsStyle(dashedLine())
    .withTarget(prom(`topk(5, ${average(DB, APP, by)})`, { legend: "{{db_operation_name}} {{db_collection_name}}" }));
}

export function operationRate(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Operations by type", units.OpsPerSecond)
    .description("Database operations per second by operation name.")
    .withTarget(prom(`sum by (db_operation_name) (rate(${DB}_count{${APP}}[${RATE}]))`, { legend: "{{db_operation_name}}" }));
}

export function topStatementsByTime(): TablePanelBuilder {
  return tablePanel("Top statements by mean time", units.Seconds)
    .description("The ten statements with the highest mean execution time (pg_stat_statements, P1 index/query performance).")
    .withTarget(prom(`topk(10, max by (queryid, datname) (pg_stat_statements_mean_exec_time_seconds{${PG}}))`, { format: PromQueryFormat.Table, instant: true }));
}

export function poolConnections(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Pool connections: used / idle / max", units.Short)
    .description("The application's connection pool (P1 connection-pool settings): used and idle against the configured maximum.")
    .withTarget(prom(`sum by (state) (db_client_connection_count{${APP}})`, { legend: "{{state}}" }))
    .withTarget(prom(`sum(db_client_connection_max{${APP}})`, { legend: "max" }));
}

export function poolWaitersAndErrors(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Pool waiters and connection errors", units.Short)
    .description("Requests waiting for a connection, and failed connection attempts per second by error type (A2).")
    .withTarget(prom(`sum(db_client_connection_pending_requests{${APP}})`, { legend: "waiting" }))
    .withTarget(prom(`sum by (error_type) (rate(db_client_connection_errors_total{${APP}}[${RATE}]))`, { legend: "errors/s {{error_type}}" }));
}

export function serverConnections(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Server connections vs max_connections", units.Short)
    .description("Backends per database on the server against its max_connections: every pod's pool adds up here.")
    .withTarget(prom(`sum by (datname) (pg_stat_database_numbackends{${PG}})`, { legend: "{{datname}}" }))
    .withTarget(prom(`max(pg_settings_max_connections{${PG}})`, { legend: "max_connections" }));
}

export function statementCalls(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Busiest statements (calls/s)", units.Short)
    .description("The five statements executed most often (pg_stat_statements).")
    .withTarget(prom(`topk(5, sum by (queryid) (rate(pg_stat_statements_calls_total{${PG}}[${RATE}])))`, { legend: "{{queryid}}" }));
}

export function replicationLag(c: DatabaseDashboardConfig): TimeseriesPanelBuilder {
  return timeSeriesPanel("Replication lag by instance", units.Seconds)
    .description(`Replica lag behind the writer per instance (D2), the DatabaseReplicationLagHigh signal; dashed at its ${lagLine(c)} s threshold. Readers serving stale prices show up here first.`)
    .thresholds(above(lagLine(c), "orange"))
    .thresholdsStyle(dashedLine())
    .withTarget(prom(replicationLagSeconds(SELECTED_INSTANCES), { legend: "{{instance}}" }));
}

export function deadlocks(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Deadlocks", units.Short)
    .description("Deadlocks detected per second, by database.")
    .withTarget(prom(`sum by (datname) (rate(pg_stat_database_deadlocks{${PG}}[${RATE}]))`, { legend: "{{datname}}" }));
}

/** Builds the database dashboard for one environment. */
export function databaseDashboard(c: DatabaseDashboardConfig): Dashboard {
  const builder = dashboardFrame(c, {
    key: "database",
    description: "Query performance, connection pool state and replication lag (D2, P1).",
    tags: ["database", "D2"],
    filters: [
      multiLabelVariable("service", `${DB}_count{namespace="$namespace"}`),
      multiLabelVariable("instance", "pg_up", "database instance"),
    ],
    serviceVariable: true,
  })
    .withPanel(databaseUpStat())
    .withPanel(averageQueryTimeStat(c))
    .withPanel(connectionErrorsStat())
    .withPanel(poolUsageStat())
    .withPanel(poolWaitersStat())
    .withPanel(replicationLagStat(c))
    .withRow(new RowBuilder("Query performance"))
    .withPanel(queryLatencyPercentiles(c))
    .withPanel(slowestOperations(c))
    .withPanel(operationRate())
    .withPanel(topStatementsByTime())
    .withRow(new RowBuilder("Connection pool"))
    .withPanel(poolConnections())
    .withPanel(poolWaitersAndErrors())
    .withPanel(serverConnections())
    .withPanel(statementCalls())
    .withRow(new RowBuilder("Replication and locking"))
    .withPanel(replicationLag(c))
    .withPanel(deadlocks());
  return finalizeDashboard(builder);
}
