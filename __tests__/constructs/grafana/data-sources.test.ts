import { TRACE_ID_FIELD, TRACE_TO_METRICS_QUERIES } from "../../../constructs/grafana/data-sources";
import { DATASOURCE_UIDS } from "../../../dashboards/uids";
import { CONTRACT_SERIES, metricNamesIn } from "../../../metrics/contract";
import { ENVIRONMENT_NAMES, resources, terraformReads } from "../../support";
import { synthesized } from "../observability/support";

/** The jsonData Grafana receives: Terraform turns `$${` back into `${`. */
function jsonData(ds: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(terraformReads(ds.json_data_encoded as string)) as Record<string, unknown>;
}

function dataSources(env: (typeof ENVIRONMENT_NAMES)[number]): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.values(resources(synthesized(env).grafana, "grafana_data_source")).map((d) => [d.uid as string, d]));
}

describe("Grafana data sources (C2, C5)", () => {
  it.each(ENVIRONMENT_NAMES)("%s has Prometheus, Loki, Tempo and Alertmanager with the shared UIDs and in-cluster URLs", (env) => {
    const ds = dataSources(env);
    const tempoHost = env === "dev" ? "tempo" : "tempo-query-frontend";
    expect(Object.fromEntries(Object.entries(ds).map(([uid, d]) => [uid, `${d.type} ${d.url}`]))).toEqual({
      [DATASOURCE_UIDS.prometheus]: "prometheus http://kps-prometheus.monitoring.svc.cluster.local:9090",
      [DATASOURCE_UIDS.loki]: "loki http://loki-gateway.monitoring.svc.cluster.local",
      [DATASOURCE_UIDS.tempo]: `tempo http://${tempoHost}.monitoring.svc.cluster.local:3200`,
      [DATASOURCE_UIDS.alertmanager]: "alertmanager http://kps-alertmanager.monitoring.svc.cluster.local:9093",
    });
    expect(ds[DATASOURCE_UIDS.prometheus]!.is_default).toBe(true);
  });

  it.each(ENVIRONMENT_NAMES)("C5: %s Tempo links traces to Loki logs and Prometheus metrics", (env) => {
    const tempo = jsonData(dataSources(env)[DATASOURCE_UIDS.tempo]!);
    expect(tempo.tracesToLogsV2).toMatchObject({ datasourceUid: DATASOURCE_UIDS.loki, filterByTraceID: true, tags: expect.arrayContaining([{ key: "service.name", value: "service" }]) });
    expect(tempo.tracesToMetrics).toMatchObject({ datasourceUid: DATASOURCE_UIDS.prometheus, queries: TRACE_TO_METRICS_QUERIES });
    expect(tempo.lokiSearch).toEqual({ datasourceUid: DATASOURCE_UIDS.loki });
  });

  it("M1: trace-to-metrics queries use only metrics of the contract", () => {
    for (const q of TRACE_TO_METRICS_QUERIES) {
      for (const name of metricNamesIn(q.query)) expect(CONTRACT_SERIES).toContain(name);
    }
  });

  it.each(ENVIRONMENT_NAMES)("C5: %s Loki turns a log line's trace ID into a Tempo link (derived field)", (env) => {
    const raw = dataSources(env)[DATASOURCE_UIDS.loki]!.json_data_encoded as string;
    // Escaped for Terraform, so Grafana receives its own ${__value.raw} placeholder.
    expect(raw).toContain('"url":"$${__value.raw}"');
    const [field] = jsonData(dataSources(env)[DATASOURCE_UIDS.loki]!).derivedFields as Array<Record<string, string>>;
    expect(field).toMatchObject({ name: "TraceID", datasourceUid: DATASOURCE_UIDS.tempo, url: "${__value.raw}", matcherType: "regex" });
    const line = `{"level":"INFO","msg":"order accepted","${TRACE_ID_FIELD}": "4bf92f3577b34da6a3ce929d0e0e4736"}`;
    expect(new RegExp(field!.matcherRegex!).exec(line)?.[1]).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
  });

  it.each(ENVIRONMENT_NAMES)("%s Prometheus exemplars link to Tempo", (env) => {
    expect(jsonData(dataSources(env)[DATASOURCE_UIDS.prometheus]!).exemplarTraceIdDestinations).toEqual([{ name: TRACE_ID_FIELD, datasourceUid: DATASOURCE_UIDS.tempo }]);
  });
});
