import type { Panel } from "@grafana/grafana-foundation-sdk/dashboard";
import { DASHBOARDS } from "../../dashboards/catalog";
import { panelQueries, panelsOf } from "../../dashboards/inspect";
import type { DashboardKey } from "../../dashboards/uids";
import { ENVIRONMENT_NAMES, envConfig } from "../support";

/** The panels of a dashboard (in `env`) whose queries match `pattern`, by title. */
function panelsQuerying(key: DashboardKey, pattern: RegExp, env: (typeof ENVIRONMENT_NAMES)[number] = "prod"): Panel[] {
  const model = DASHBOARDS.find((d) => d.key === key)!.build(envConfig(env));
  return panelsOf(model).filter((p) => panelQueries(p).some((q) => pattern.test(q.expr)));
}
const titles = (panels: Panel[]) => panels.map((p) => p.title);

describe.each(ENVIRONMENT_NAMES)("what the dashboards show (%s)", (env) => {
  it("D1: the application overview shows request rate, error rate, the response time distribution and active users", () => {
    expect(panelsQuerying("applicationOverview", /rate\(http_server_request_duration_seconds_count\{(?![^}]*status_code)/, env).length).toBeGreaterThan(0);
    expect(panelsQuerying("applicationOverview", /http_response_status_code=~"5\.\."/, env).length).toBeGreaterThan(0);
    const distribution = panelsQuerying("applicationOverview", /http_server_request_duration_seconds_bucket/, env);
    expect(distribution.map((p) => p.type)).toEqual(expect.arrayContaining(["heatmap", "timeseries"]));
    expect(distribution.flatMap((p) => panelQueries(p).map((q) => q.expr)).join(" ")).toMatch(/histogram_quantile\(0\.99/);
    expect(panelsQuerying("applicationOverview", /fx_active_users/, env).length).toBeGreaterThan(0);
  });

  it("D2: the database dashboard shows query performance, connection pool state and replication lag", () => {
    expect(panelsQuerying("database", /db_client_operation_duration_seconds_(bucket|sum)/, env).length).toBeGreaterThan(0);
    expect(titles(panelsQuerying("database", /db_client_connection_count\{[^}]*\}/, env))).toContain("Pool connections: used / idle / max");
    expect(panelsQuerying("database", /db_client_connection_pending_requests/, env).length).toBeGreaterThan(0);
    expect(panelsQuerying("database", /pg_replication_lag_seconds/, env).length).toBeGreaterThan(0);
  });

  it("P1: index and query performance (top statements) and connection-pool limits are observable", () => {
    expect(panelsQuerying("database", /pg_stat_statements_mean_exec_time_seconds/, env).length).toBeGreaterThan(0);
    expect(panelsQuerying("database", /db_client_connection_max/, env).length).toBeGreaterThan(0);
    expect(panelsQuerying("database", /pg_settings_max_connections/, env).length).toBeGreaterThan(0);
  });

  it("P2: memory growth, async processing (queues) and the cache hit rate are observable", () => {
    expect(panelsQuerying("applicationOverview", /container_memory_working_set_bytes/, env).length).toBeGreaterThan(0);
    expect(panelsQuerying("applicationOverview", /fx_queue_(depth|oldest_message_age_seconds)/, env).length).toBe(2);
    expect(panelsQuerying("applicationOverview", /redis_keyspace_hits_total/, env).length).toBeGreaterThan(0);
  });

  it("P3: resource trends, network I/O and storage I/O are observable", () => {
    expect(panelsQuerying("infrastructure", /node_cpu_seconds_total/, env).length).toBeGreaterThan(0);
    expect(panelsQuerying("infrastructure", /node_network_(receive|transmit)_bytes_total/, env).length).toBeGreaterThan(0);
    expect(panelsQuerying("infrastructure", /node_disk_(read|written)_bytes_total|node_disk_io_time_seconds_total/, env).length).toBeGreaterThan(0);
  });

  it("D3: the infrastructure dashboard shows host resources, container metrics against requests and limits, and network I/O", () => {
    expect(panelsQuerying("infrastructure", /node_memory_MemAvailable_bytes/, env).length).toBeGreaterThan(0);
    expect(panelsQuerying("infrastructure", /kube_pod_container_resource_limits/, env).length).toBeGreaterThan(0);
    expect(panelsQuerying("infrastructure", /container_network_receive_bytes_total/, env).length).toBeGreaterThan(0);
  });
});
