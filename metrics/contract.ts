/**
 * The metric-name contract (M1–M9): every metric the alerts and dashboards rely on, with its source.
 * `docs/metrics.md` is rendered from this list for the application team; tests check that every metric an
 * alert or dashboard query uses is listed here. Pure data: no cdktf imports.
 *
 * HTTP metrics follow the OpenTelemetry semantic conventions as exported to Prometheus
 * (`http.server.request.duration` → `http_server_request_duration_seconds`). Host metrics are node-exporter's,
 * container metrics cAdvisor's and kube-state-metrics', database metrics postgres_exporter's, cache metrics
 * redis_exporter's.
 */

export type MetricType = "counter" | "gauge" | "histogram";

/** Who exposes the metric. */
export type MetricSource =
  | "fx-trader-app"
  | "postgres-exporter"
  | "redis-exporter"
  | "node-exporter"
  | "cadvisor"
  | "kube-state-metrics"
  | "prometheus";

export type MetricRequirement = "M1" | "M2" | "M3" | "M4" | "M5" | "M6" | "M7" | "M8" | "M9";

export interface MetricContract {
  /** Prometheus metric family name (for histograms, without `_bucket`/`_sum`/`_count`). */
  readonly name: string;
  readonly type: MetricType;
  readonly source: MetricSource;
  readonly requirement: MetricRequirement;
  readonly unit: string;
  /** Labels the queries rely on (others may exist). */
  readonly labels: readonly string[];
  readonly description: string;
}

const APP_LABELS = ["service", "namespace", "pod"] as const;

export const METRICS: readonly MetricContract[] = [
  // M1: application HTTP (OpenTelemetry semantic conventions)
  {
    name: "http_server_request_duration_seconds",
    type: "histogram",
    source: "fx-trader-app",
    requirement: "M1",
    unit: "seconds",
    labels: [...APP_LABELS, "http_request_method", "http_route", "http_response_status_code"],
    description: "Duration of HTTP server requests; `_count` is the request count, `_sum` the total time.",
  },
  {
    name: "http_server_active_requests",
    type: "gauge",
    source: "fx-trader-app",
    requirement: "M1",
    unit: "requests",
    labels: [...APP_LABELS, "http_request_method"],
    description: "HTTP requests in flight.",
  },
  // M2: database query performance, as the application sees it
  {
    name: "db_client_operation_duration_seconds",
    type: "histogram",
    source: "fx-trader-app",
    requirement: "M2",
    unit: "seconds",
    labels: [...APP_LABELS, "db_operation_name", "db_collection_name"],
    description: "Duration of database operations issued by the application (OpenTelemetry `db.client.operation.duration`).",
  },
  {
    name: "db_client_connection_errors_total",
    type: "counter",
    source: "fx-trader-app",
    requirement: "M2",
    unit: "errors",
    labels: [...APP_LABELS, "error_type"],
    description: "Failed attempts to obtain or open a database connection (pool timeout, refused, auth failure).",
  },
  {
    name: "db_client_connection_count",
    type: "gauge",
    source: "fx-trader-app",
    requirement: "M2",
    unit: "connections",
    labels: [...APP_LABELS, "state"],
    description: "Connections in the application's pool by `state` (`used`, `idle`) (OpenTelemetry `db.client.connection.count`).",
  },
  {
    name: "db_client_connection_max",
    type: "gauge",
    source: "fx-trader-app",
    requirement: "M2",
    unit: "connections",
    labels: [...APP_LABELS],
    description: "Maximum size of the application's connection pool.",
  },
  {
    name: "db_client_connection_pending_requests",
    type: "gauge",
    source: "fx-trader-app",
    requirement: "M2",
    unit: "requests",
    labels: [...APP_LABELS],
    description: "Requests waiting for a pooled connection (pool saturation).",
  },
  // M3: cache hit/miss
  {
    name: "redis_keyspace_hits_total",
    type: "counter",
    source: "redis-exporter",
    requirement: "M3",
    unit: "lookups",
    labels: ["instance"],
    description: "Successful key lookups.",
  },
  {
    name: "redis_keyspace_misses_total",
    type: "counter",
    source: "redis-exporter",
    requirement: "M3",
    unit: "lookups",
    labels: ["instance"],
    description: "Failed key lookups.",
  },
  // M4: queueing
  {
    name: "fx_queue_depth",
    type: "gauge",
    source: "fx-trader-app",
    requirement: "M4",
    unit: "messages",
    labels: [...APP_LABELS, "queue"],
    description: "Messages waiting in a queue.",
  },
  {
    name: "fx_queue_oldest_message_age_seconds",
    type: "gauge",
    source: "fx-trader-app",
    requirement: "M4",
    unit: "seconds",
    labels: [...APP_LABELS, "queue"],
    description: "Age of the oldest message waiting in a queue.",
  },
  // M5: business metrics
  {
    name: "fx_orders_total",
    type: "counter",
    source: "fx-trader-app",
    requirement: "M5",
    unit: "orders",
    labels: [...APP_LABELS, "currency_pair", "side", "status"],
    description: "Orders received, by currency pair, side (`buy`/`sell`) and status (`accepted`/`rejected`).",
  },
  {
    name: "fx_executions_total",
    type: "counter",
    source: "fx-trader-app",
    requirement: "M5",
    unit: "executions",
    labels: [...APP_LABELS, "currency_pair"],
    description: "Trades executed.",
  },
  {
    name: "fx_quote_latency_seconds",
    type: "histogram",
    source: "fx-trader-app",
    requirement: "M5",
    unit: "seconds",
    labels: [...APP_LABELS, "currency_pair"],
    description: "Time from a liquidity provider's price update to the quote published to clients.",
  },
  {
    name: "fx_active_users",
    type: "gauge",
    source: "fx-trader-app",
    requirement: "M5",
    unit: "users",
    labels: [...APP_LABELS],
    description: "Users with an active session (D1 'active users').",
  },
  // M6: hosts (node-exporter)
  { name: "node_cpu_seconds_total", type: "counter", source: "node-exporter", requirement: "M6", unit: "seconds", labels: ["instance", "cpu", "mode"], description: "CPU time by mode." },
  { name: "node_memory_MemAvailable_bytes", type: "gauge", source: "node-exporter", requirement: "M6", unit: "bytes", labels: ["instance"], description: "Memory available for new work." },
  { name: "node_memory_MemTotal_bytes", type: "gauge", source: "node-exporter", requirement: "M6", unit: "bytes", labels: ["instance"], description: "Total usable memory." },
  { name: "node_filesystem_avail_bytes", type: "gauge", source: "node-exporter", requirement: "M6", unit: "bytes", labels: ["instance", "device", "mountpoint", "fstype"], description: "Filesystem space available to non-root users." },
  { name: "node_filesystem_size_bytes", type: "gauge", source: "node-exporter", requirement: "M6", unit: "bytes", labels: ["instance", "device", "mountpoint", "fstype"], description: "Filesystem size." },
  { name: "node_filesystem_readonly", type: "gauge", source: "node-exporter", requirement: "M6", unit: "boolean", labels: ["instance", "device", "mountpoint", "fstype"], description: "1 when the filesystem is read-only." },
  { name: "node_network_receive_bytes_total", type: "counter", source: "node-exporter", requirement: "M6", unit: "bytes", labels: ["instance", "device"], description: "Bytes received per interface." },
  { name: "node_network_transmit_bytes_total", type: "counter", source: "node-exporter", requirement: "M6", unit: "bytes", labels: ["instance", "device"], description: "Bytes sent per interface." },
  { name: "node_disk_read_bytes_total", type: "counter", source: "node-exporter", requirement: "M6", unit: "bytes", labels: ["instance", "device"], description: "Bytes read per block device (P3 storage I/O)." },
  { name: "node_disk_written_bytes_total", type: "counter", source: "node-exporter", requirement: "M6", unit: "bytes", labels: ["instance", "device"], description: "Bytes written per block device (P3 storage I/O)." },
  { name: "node_disk_io_time_seconds_total", type: "counter", source: "node-exporter", requirement: "M6", unit: "seconds", labels: ["instance", "device"], description: "Time spent doing I/O (device utilisation)." },
  // M7: containers (cAdvisor, kube-state-metrics)
  { name: "container_cpu_usage_seconds_total", type: "counter", source: "cadvisor", requirement: "M7", unit: "seconds", labels: ["namespace", "pod", "container"], description: "Container CPU time." },
  { name: "container_memory_working_set_bytes", type: "gauge", source: "cadvisor", requirement: "M7", unit: "bytes", labels: ["namespace", "pod", "container"], description: "Container working-set memory (what the OOM killer counts)." },
  { name: "container_network_receive_bytes_total", type: "counter", source: "cadvisor", requirement: "M7", unit: "bytes", labels: ["namespace", "pod"], description: "Pod network bytes received." },
  { name: "container_network_transmit_bytes_total", type: "counter", source: "cadvisor", requirement: "M7", unit: "bytes", labels: ["namespace", "pod"], description: "Pod network bytes sent." },
  { name: "kube_pod_container_resource_requests", type: "gauge", source: "kube-state-metrics", requirement: "M7", unit: "cores or bytes", labels: ["namespace", "pod", "container", "resource"], description: "Container resource requests by `resource` (`cpu`, `memory`)." },
  { name: "kube_pod_container_resource_limits", type: "gauge", source: "kube-state-metrics", requirement: "M7", unit: "cores or bytes", labels: ["namespace", "pod", "container", "resource"], description: "Container resource limits by `resource` (`cpu`, `memory`)." },
  { name: "kube_deployment_status_replicas_available", type: "gauge", source: "kube-state-metrics", requirement: "M7", unit: "replicas", labels: ["namespace", "deployment"], description: "Available replicas of a deployment." },
  { name: "kube_horizontalpodautoscaler_status_current_replicas", type: "gauge", source: "kube-state-metrics", requirement: "M7", unit: "replicas", labels: ["namespace", "horizontalpodautoscaler"], description: "Current replicas of an HPA." },
  { name: "kube_horizontalpodautoscaler_spec_max_replicas", type: "gauge", source: "kube-state-metrics", requirement: "M7", unit: "replicas", labels: ["namespace", "horizontalpodautoscaler"], description: "Maximum replicas of an HPA." },
  // M8: database server (postgres_exporter)
  { name: "pg_up", type: "gauge", source: "postgres-exporter", requirement: "M8", unit: "boolean", labels: ["instance"], description: "1 when the exporter can reach PostgreSQL." },
  { name: "pg_stat_database_numbackends", type: "gauge", source: "postgres-exporter", requirement: "M8", unit: "connections", labels: ["instance", "datname"], description: "Server-side connections per database." },
  { name: "pg_settings_max_connections", type: "gauge", source: "postgres-exporter", requirement: "M8", unit: "connections", labels: ["instance"], description: "The server's `max_connections`." },
  { name: "pg_stat_database_deadlocks", type: "counter", source: "postgres-exporter", requirement: "M8", unit: "deadlocks", labels: ["instance", "datname"], description: "Deadlocks detected." },
  { name: "pg_replication_lag_seconds", type: "gauge", source: "postgres-exporter", requirement: "M8", unit: "seconds", labels: ["instance"], description: "Replica lag behind the writer (D2 replication lag)." },
  { name: "pg_stat_statements_mean_exec_time_seconds", type: "gauge", source: "postgres-exporter", requirement: "M8", unit: "seconds", labels: ["instance", "queryid", "datname"], description: "Mean execution time per statement (pg_stat_statements collector; P1 top statements)." },
  { name: "pg_stat_statements_calls_total", type: "counter", source: "postgres-exporter", requirement: "M8", unit: "calls", labels: ["instance", "queryid", "datname"], description: "Executions per statement (pg_stat_statements collector)." },
  // M9: cache server (redis_exporter)
  { name: "redis_up", type: "gauge", source: "redis-exporter", requirement: "M9", unit: "boolean", labels: ["instance"], description: "1 when the exporter can reach Redis." },
  { name: "redis_memory_used_bytes", type: "gauge", source: "redis-exporter", requirement: "M9", unit: "bytes", labels: ["instance"], description: "Memory used by Redis." },
  { name: "redis_memory_max_bytes", type: "gauge", source: "redis-exporter", requirement: "M9", unit: "bytes", labels: ["instance"], description: "Redis `maxmemory` (0 when unlimited)." },
  { name: "redis_connected_clients", type: "gauge", source: "redis-exporter", requirement: "M9", unit: "clients", labels: ["instance"], description: "Connected clients." },
  { name: "redis_evicted_keys_total", type: "counter", source: "redis-exporter", requirement: "M9", unit: "keys", labels: ["instance"], description: "Keys evicted because of `maxmemory`." },
  // Monitoring pipeline itself
  { name: "up", type: "gauge", source: "prometheus", requirement: "M6", unit: "boolean", labels: ["job", "instance"], description: "1 when Prometheus scraped the target successfully." },
  { name: "ALERTS", type: "gauge", source: "prometheus", requirement: "M6", unit: "boolean", labels: ["alertname", "alertstate", "severity"], description: "Pending and firing alerts (Prometheus built-in); dashboards overlay firing alerts as annotations (I1)." },
];

/** Series names a metric family exposes (histograms expose `_bucket`, `_sum`, `_count`). */
export function seriesNames(metric: MetricContract): string[] {
  return metric.type === "histogram" ? [`${metric.name}_bucket`, `${metric.name}_sum`, `${metric.name}_count`] : [metric.name];
}

/** Every series name in the contract. */
export const CONTRACT_SERIES: ReadonlySet<string> = new Set(METRICS.flatMap(seriesNames));

/**
 * Metric names referenced by a PromQL expression: identifiers followed by `{`, `[`, whitespace or the end,
 * that are not PromQL functions, keywords or label names inside braces. Good enough for our own queries,
 * which are written in a plain style; used by tests to hold queries to the contract.
 */
export function metricNamesIn(promql: string): string[] {
  const withoutStrings = promql.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const withoutMatchers = withoutStrings.replace(/\{[^}]*\}/g, "{}");
  const withoutGrouping = withoutMatchers.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, "");
  const names = new Set<string>();
  for (const m of withoutGrouping.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)) {
    const name = m[1]!;
    if (PROMQL_WORDS.has(name) || /^\d/.test(name)) continue;
    if (/^[0-9.]+[smhdwy]$/.test(name)) continue;
    names.add(name);
  }
  return [...names].sort();
}

const PROMQL_WORDS = new Set([
  "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "inf", "nan",
  "sum", "avg", "min", "max", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values",
  "s", "m", "h", "d", "w", "y", "ms",
]);
