import { defaultDashboard, type Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import { dashboardQueries, withConcreteVariables } from "../../dashboards/inspect";
import { errorLogsQuery, exploreUrl, slowTracesQuery } from "../../dashboards/shared/links";

describe("dashboard inspection helpers", () => {
  it("replaces Grafana variables with concrete values promtool accepts", () => {
    expect(withConcreteVariables('sum(rate(x{namespace="$namespace", service=~"${service:regex}"}[$__rate_interval])) offset $__range')).toBe(
      'sum(rate(x{namespace="value", service=~"value"}[5m])) offset 5m',
    );
  });

  it("collects panel, variable and annotation queries", () => {
    const d: Dashboard = {
      ...defaultDashboard(),
      panels: [{ type: "stat", id: 1, title: "p", targets: [{ expr: "up", refId: "A" } as never] }],
      templating: { list: [{ type: "query" as never, name: "service", query: 'label_values(m_count{namespace="$namespace"}, service)' }] },
      annotations: { list: [{ name: "a", enable: true, iconColor: "red", expr: "ALERTS" }] },
    };
    expect(dashboardQueries(d)).toEqual([
      { where: 'panel 1 "p" A', expr: "up" },
      { where: "variable service", expr: 'm_count{namespace="$namespace"}' },
      { where: "annotation a", expr: "ALERTS" },
    ]);
  });
});

describe("log and trace links", () => {
  it("I1: selects ERROR and FATAL logs of the namespace and, where there is one, the service", () => {
    expect(errorLogsQuery(true)).toBe('{namespace="${namespace}", service=~"${service:regex}", level=~"ERROR|FATAL"}');
    expect(errorLogsQuery(false)).toBe('{namespace="${namespace}", level=~"ERROR|FATAL"}');
  });

  it("I1: selects traces slower than the latency threshold", () => {
    expect(slowTracesQuery(0.5, true)).toBe('{ resource.service.name =~ "${service:regex}" && duration > 500ms }');
    expect(slowTracesQuery(1, false)).toBe("{ duration > 1000ms }");
  });

  it("keeps Grafana variables readable in the encoded Explore URL", () => {
    const url = exploreUrl({ type: "loki", uid: "loki" }, { expr: '{a="${namespace}"}' });
    expect(url).toContain("${namespace}");
    expect(url).toContain("${__from}");
    expect(url).not.toContain("%24%7B");
    expect(JSON.parse(decodeURIComponent(url.split("panes=")[1]!))).toMatchObject({ fx: { datasource: "loki", queries: [{ refId: "A", expr: '{a="${namespace}"}' }] } });
  });
});
