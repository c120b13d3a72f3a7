/**
 * The frame every FX Trader dashboard shares: uid and title from the catalogue, the data source, environment
 * and namespace variables, links to the other dashboards and to logs and traces, and firing alerts overlaid
 * as annotations. `finalizeDashboard` builds the model and gives panels and queries stable ids.
 */
import {
  AnnotationQueryBuilder,
  DashboardBuilder,
  DashboardCursorSync,
  type Dashboard,
  type DashboardLinkBuilder,
  type Panel,
  type RowPanel,
  type VariableModel,
} from "@grafana/grafana-foundation-sdk/dashboard";
import type * as cog from "@grafana/grafana-foundation-sdk/cog";
import type { EnvironmentConfig } from "../../config/types";
import { DASHBOARD_UIDS, type DashboardKey } from "../uids";
import { PROMETHEUS } from "./datasources";
import { dashboardLink, errorLogsLink, slowTracesLink } from "./links";
import { DASHBOARD_TITLES } from "./navigation";
import { datasourceVariable, environmentVariable, namespaceVariable } from "./variables";

/** The environment values every dashboard frame needs. */
export type DashboardEnvironment = Pick<EnvironmentConfig, "name" | "eks" | "alerts">;

export interface DashboardFrameProps {
  readonly key: DashboardKey;
  readonly description: string;
  /** Tags besides `fx-trader` and the environment name. */
  readonly tags: readonly string[];
  /** Variables after data source, environment and namespace (e.g. service, instance). */
  readonly filters: ReadonlyArray<cog.Builder<VariableModel>>;
  /** Whether the dashboard has a multi-value `service` variable that log and trace links should carry. */
  readonly serviceVariable: boolean;
}

/** PromQL of the firing-alerts annotation (Prometheus' built-in `ALERTS` series). */
export const FIRING_ALERTS_EXPR = 'ALERTS{alertstate="firing", severity=~"critical|warning"}';

/** A dashboard builder with the shared frame; add panels, then call {@link finalizeDashboard}. */
export function dashboardFrame(config: DashboardEnvironment, props: DashboardFrameProps): DashboardBuilder {
  const builder = new DashboardBuilder(DASHBOARD_TITLES[props.key])
    .uid(DASHBOARD_UIDS[props.key])
    .description(props.description)
    .tags(["fx-trader", config.name, ...props.tags])
    .timezone("utc")
    .tooltip(DashboardCursorSync.Crosshair)
    .time({ from: "now-6h", to: "now" })
    .refresh("1m")
    .readonly()
    .withVariable(datasourceVariable())
    .withVariable(environmentVariable(config.name))
    .withVariable(namespaceVariable(config.eks.appNamespace));
  for (const filter of props.filters) builder.withVariable(filter);
  builder.annotation(
    new AnnotationQueryBuilder()
      .name("Firing alerts")
      .datasource(PROMETHEUS)
      .expr(FIRING_ALERTS_EXPR)
      .enable(true)
      .iconColor("red")
      .titleFormat("{{alertname}}")
      .textFormat("{{severity}}: {{alertname}}")
      .tagKeys("severity,alertname")
      .step("60s"),
  );
  const links: DashboardLinkBuilder[] = (Object.keys(DASHBOARD_UIDS) as DashboardKey[])
    .filter((k) => k !== props.key)
    .map((k) => dashboardLink(DASHBOARD_TITLES[k], DASHBOARD_UIDS[k]));
  links.push(errorLogsLink(props.serviceVariable), slowTracesLink(config.alerts.httpLatencyAvgSeconds, props.serviceVariable));
  builder.links(links);
  return builder;
}

function isRow(panel: Panel | RowPanel): panel is RowPanel {
  return panel.type === "row";
}

/**
 * Builds the dashboard model: panel ids 1…n in layout order and query ref IDs A, B, … per panel, so the JSON
 * is stable and panel links (`viewPanel=<id>`) survive regeneration.
 */
export function finalizeDashboard(builder: DashboardBuilder): Dashboard {
  const model = builder.build();
  let id = 0;
  const number = (panel: Panel | RowPanel) => {
    panel.id = ++id;
    if (isRow(panel)) {
      panel.panels.forEach(number);
      return;
    }
    (panel.targets ?? []).forEach((target, i) => {
      const t = target as cog.Dataquery & { refId?: string };
      if (t.refId === undefined) t.refId = String.fromCharCode(65 + i);
    });
  };
  (model.panels ?? []).forEach(number);
  // The SDK defaults dashboard links to the newer "controls menu" placement, which hides them behind a
  // drop-down; its typed API can set that placement but not clear it, so it is removed here to show the
  // links in the dashboard's top bar, where the incident flow needs them.
  for (const link of model.links ?? []) delete link.placement;
  return model;
}
