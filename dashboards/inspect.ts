/**
 * Read-only views of a built dashboard model: its panels (rows flattened), every PromQL query with where it
 * came from, and the threshold lines drawn. Tests use them to hold dashboards to promtool and the metric
 * contract; the docs generators use them to render layouts and tables.
 */
import type { Dashboard, Panel, RowPanel } from "@grafana/grafana-foundation-sdk/dashboard";

/** A panel or a row, as laid out on the grid. */
export type GridItem = Panel | RowPanel;

/** Every grid item in layout order, rows' nested panels after their row. */
export function gridItems(d: Dashboard): GridItem[] {
  return (d.panels ?? []).flatMap((p) => (p.type === "row" ? [p, ...(p as RowPanel).panels] : [p]));
}

/** Every panel that is not a row. */
export function panelsOf(d: Dashboard): Panel[] {
  return gridItems(d).filter((p): p is Panel => p.type !== "row");
}

/** A PromQL expression in a dashboard and where it is. */
export interface DashboardQuery {
  /** e.g. `panel 3 "Error rate (5xx)" A`, `variable service`, `annotation Firing alerts`. */
  readonly where: string;
  readonly expr: string;
}

/** The PromQL expressions of a panel's targets. */
export function panelQueries(panel: Panel): DashboardQuery[] {
  return (panel.targets ?? []).map((t) => {
    const target = t as unknown as { expr?: string; refId?: string };
    return { where: `panel ${panel.id} "${panel.title}" ${target.refId ?? "?"}`, expr: target.expr ?? "" };
  });
}

/**
 * Every PromQL expression in the dashboard: panel targets, the series selector inside each query variable's
 * `label_values(<selector>, <label>)`, and Prometheus annotation expressions.
 */
export function dashboardQueries(d: Dashboard): DashboardQuery[] {
  const panels = panelsOf(d).flatMap(panelQueries);
  const variables = (d.templating.list ?? [])
    .filter((v) => v.type === "query")
    .map((v) => {
      const query = typeof v.query === "string" ? v.query : "";
      const selector = /^label_values\((.*),\s*[a-zA-Z_][a-zA-Z0-9_]*\)$/.exec(query)?.[1] ?? query;
      return { where: `variable ${v.name}`, expr: selector };
    });
  const annotations = (d.annotations.list ?? [])
    .filter((a) => a.expr !== undefined)
    .map((a) => ({ where: `annotation ${a.name}`, expr: a.expr! }));
  return [...panels, ...variables, ...annotations];
}

/** Threshold values drawn as lines on a panel (none when its thresholds style is off or unset). */
export function thresholdLines(panel: Panel): number[] {
  const style = panel.fieldConfig?.defaults.custom?.thresholdsStyle?.mode as string | undefined;
  if (style === undefined || style === "off") return [];
  return (panel.fieldConfig?.defaults.thresholds?.steps ?? []).map((s) => s.value).filter((v): v is number => v !== null);
}

/** Threshold values that colour a panel (its steps, without the base step). */
export function thresholdSteps(panel: Panel): number[] {
  return (panel.fieldConfig?.defaults.thresholds?.steps ?? []).map((s) => s.value).filter((v): v is number => v !== null);
}

/**
 * Replaces the Grafana variables in a query with concrete values, so Prometheus tooling can parse it:
 * `$__rate_interval` → `5m`, other `$__` intervals → `5m`, every other `$var` / `${var}` / `${var:fmt}` → `value`.
 */
export function withConcreteVariables(expr: string): string {
  return expr
    .replace(/\$__(rate_interval|interval|range)\b/g, "5m")
    .replace(/\$\{[A-Za-z0-9_]+(?::[A-Za-z0-9_]+)?\}/g, "value")
    .replace(/\$[A-Za-z_][A-Za-z0-9_]*/g, "value");
}
