/**
 * Links between the dashboards and out to logs (Loki) and traces (Tempo): the incident flow (I1) goes from a
 * figure to the dashboard of the layer below it, and from an error or latency spike to the logs and traces
 * behind it, without retyping a query.
 */
import { DashboardLinkBuilder, DashboardLinkType, type DataSourceRef } from "@grafana/grafana-foundation-sdk/dashboard";
import { LOKI, TEMPO } from "./datasources";

/**
 * Labels Alloy puts on log streams (observability issue): the Kubernetes namespace, the service (the pod's
 * `app.kubernetes.io/name`) and the parsed log `level` (DEBUG/INFO/WARN/ERROR/FATAL).
 */
export const LOG_LABELS = { namespace: "namespace", service: "service", level: "level" } as const;

/** A link to another dashboard by uid, carrying the time range and the variables (namespace, service). */
export function dashboardLink(title: string, uid: string): DashboardLinkBuilder {
  return new DashboardLinkBuilder(title)
    .type(DashboardLinkType.Link)
    .url(`/d/${uid}`)
    .icon("dashboard")
    .tooltip(`Open ${title}`)
    .includeVars(true)
    .keepTime(true);
}

/**
 * A Grafana Explore URL for one query. The JSON is URL-encoded, but Grafana variables (`${namespace}`,
 * `${service:regex}`, `${__from}`) are left readable so Grafana interpolates them when the link is opened.
 */
export function exploreUrl(datasource: DataSourceRef, query: Record<string, unknown>): string {
  const pane = {
    fx: {
      datasource: datasource.uid,
      queries: [{ refId: "A", datasource, ...query }],
      range: { from: "${__from}", to: "${__to}" },
    },
  };
  const encoded = encodeURIComponent(JSON.stringify(pane)).replace(
    /%24%7B([A-Za-z0-9_]+(?:%3A[A-Za-z0-9_]+)?)%7D/g,
    (_, name: string) => `\${${decodeURIComponent(name)}}`,
  );
  return `/explore?schemaVersion=1&orgId=1&panes=${encoded}`;
}

/** LogQL for error logs of the selected namespace (and services, when the dashboard has a service variable). */
export function errorLogsQuery(withService: boolean): string {
  const matchers = [`${LOG_LABELS.namespace}="\${namespace}"`];
  if (withService) matchers.push(`${LOG_LABELS.service}=~"\${service:regex}"`);
  matchers.push(`${LOG_LABELS.level}=~"ERROR|FATAL"`);
  return `{${matchers.join(", ")}}`;
}

/** TraceQL for traces slower than `thresholdSeconds` (of the selected services, when given). */
export function slowTracesQuery(thresholdSeconds: number, withService: boolean): string {
  const ms = Math.round(thresholdSeconds * 1000);
  const conditions = withService ? [`resource.service.name =~ "\${service:regex}"`, `duration > ${ms}ms`] : [`duration > ${ms}ms`];
  return `{ ${conditions.join(" && ")} }`;
}

/** Link to the error logs in Loki. */
export function errorLogsLink(withService: boolean): DashboardLinkBuilder {
  return new DashboardLinkBuilder("Error logs (Loki)")
    .type(DashboardLinkType.Link)
    .url(exploreUrl(LOKI, { expr: errorLogsQuery(withService), queryType: "range" }))
    .icon("doc")
    .tooltip("ERROR and FATAL logs of the selected namespace and services")
    .targetBlank(true);
}

/** Link to slow traces in Tempo; `thresholdSeconds` is the environment's latency alert threshold. */
export function slowTracesLink(thresholdSeconds: number, withService: boolean): DashboardLinkBuilder {
  return new DashboardLinkBuilder("Slow traces (Tempo)")
    .type(DashboardLinkType.Link)
    .url(exploreUrl(TEMPO, { query: slowTracesQuery(thresholdSeconds, withService), queryType: "traceql" }))
    .icon("info")
    .tooltip(`Traces slower than ${thresholdSeconds} s (the latency alert threshold)`)
    .targetBlank(true);
}
