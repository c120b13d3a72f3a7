/** A2, A4, D2: database connection errors, query time and replication lag (M2, M8 metrics). */
import { ratioAlert, thresholdAlert } from "../factories";
import { aggregate, eq, rate, selector } from "../promql";
import type { AlertDefinition } from "../types";
import { replicationLagSeconds } from "../../signals/database";

const BY_SERVICE = ["namespace", "service"] as const;

export const databaseConnectionErrors: AlertDefinition = thresholdAlert({
  name: "DatabaseConnectionErrors",
  requirement: "A2",
  group: "database",
  problem: "database",
  traffic: "continuous",
  dashboard: "database",
  for: "2m",
  fires: "above",
  signal: (ctx) => aggregate("sum", BY_SERVICE, rate(selector("db_client_connection_errors_total", eq("namespace", ctx.config.eks.appNamespace)), "5m")),
  summary: () => "{{ $labels.service }} cannot obtain database connections",
  description: (ctx) =>
    `{{ $labels.namespace }}/{{ $labels.service }} failed to obtain or open database connections at {{ $value | printf "%.2f" }} errors/s ` +
    `over the last 5 minutes (threshold ${ctx.shown}).`,
  runbook: {
    meaning: "The application's database client reports failed connection attempts: pool timeouts, refused connections or authentication failures.",
    impact: "Requests that need the database fail: orders cannot be stored or executed.",
    diagnosis: [
      "See the errors by type on the database dashboard: `sum by (error_type) (rate(db_client_connection_errors_total[5m]))`.",
      "Compare server connections with the limit: `pg_stat_database_numbackends` against `pg_settings_max_connections`.",
      "Check the pool: `db_client_connection_count{state=\"used\"}` against `db_client_connection_max`, and `db_client_connection_pending_requests`.",
      "Check the Aurora cluster's events and status in the RDS console (failover, maintenance, storage full).",
      "Check that the database credentials secret was not rotated without the pods picking it up.",
    ],
    mitigation: [
      "During an Aurora failover, wait for the writer endpoint to move (usually under a minute) and confirm the errors stop.",
      "If the server's connection limit is reached, find the client holding connections and restart it; raise the pool size only with the server limit in mind.",
      "If credentials were rotated, restart the deployment so it reads the new secret.",
    ],
  },
});

export const databaseQueriesSlow: AlertDefinition = ratioAlert({
  name: "DatabaseQueriesSlow",
  requirement: "A4",
  group: "database",
  problem: "database",
  traffic: "business",
  dashboard: "database",
  for: "10m",
  fires: "above",
  numerator: (ctx) => aggregate("sum", BY_SERVICE, rate(selector("db_client_operation_duration_seconds_sum", eq("namespace", ctx.config.eks.appNamespace)), "5m")),
  denominator: (ctx) => aggregate("sum", BY_SERVICE, rate(selector("db_client_operation_duration_seconds_count", eq("namespace", ctx.config.eks.appNamespace)), "5m")),
  summary: (ctx) => `Database queries of {{ $labels.service }} take longer than ${ctx.shown} on average`,
  description: (ctx) =>
    `Database operations issued by {{ $labels.namespace }}/{{ $labels.service }} took {{ $value | humanizeDuration }} on average over the last 5 minutes ` +
    `(threshold ${ctx.shown}).`,
  runbook: {
    meaning: "The average time of the database operations the application issues is above the environment's threshold.",
    impact: "Every request that reads or writes the database slows down; HTTP latency follows.",
    diagnosis: [
      "Find the slowest statements on the database dashboard: `topk(10, pg_stat_statements_mean_exec_time_seconds)`.",
      "Check which operations slowed: `sum by (db_operation_name, db_collection_name) (rate(db_client_operation_duration_seconds_sum[5m])) / sum by (db_operation_name, db_collection_name) (rate(db_client_operation_duration_seconds_count[5m]))`.",
      "Check pool saturation (`db_client_connection_pending_requests`) and deadlocks (`rate(pg_stat_database_deadlocks[5m])`).",
      "Open Performance Insights for the Aurora cluster: wait events show locks, I/O or CPU.",
    ],
    mitigation: [
      "Kill a runaway query (`SELECT pg_cancel_backend(pid)`) after confirming it is not a migration.",
      "Add the missing index found through the slow statement's plan, in a reviewed migration.",
      "Move read-heavy work to the reader endpoint, or add a reader (`config.capacity.dbReaders`).",
    ],
  },
});

export const databaseReplicationLagHigh: AlertDefinition = thresholdAlert({
  name: "DatabaseReplicationLagHigh",
  requirement: "D2",
  group: "database",
  problem: "database-replication",
  traffic: "continuous",
  dashboard: "database",
  for: "5m",
  fires: "above",
  signal: () => replicationLagSeconds(),
  summary: (ctx) => `Database replica {{ $labels.instance }} lags more than ${ctx.shown} behind the writer`,
  description: (ctx) =>
    `Replica {{ $labels.instance }} is {{ $value | humanizeDuration }} behind the writer (threshold ${ctx.shown}). ` +
    "Reads from it return stale data.",
  runbook: {
    meaning: "A database replica applies the writer's changes late.",
    impact: "Reads served by the reader endpoint (positions, history) are stale; a failover to this replica would lose the lag's worth of writes.",
    diagnosis: [
      "Check the lag over time on the database dashboard: `pg_replication_lag_seconds`.",
      "Check the writer's write volume and the replica's CPU and I/O in the RDS console.",
      "Look for long-running queries on the replica that conflict with replay.",
    ],
    mitigation: [
      "Cancel long-running queries on the replica.",
      "Scale the replica's instance class up if it cannot keep up with the writer.",
      "Route latency-sensitive reads to the writer until the lag recovers.",
    ],
  },
});
