/**
 * Panel presets: the common shape of a top-row stat, a time series and a table, so each dashboard's
 * one-function-per-panel code states only what is particular to that panel (title, query, unit, threshold).
 */
import { LegendDisplayMode, LegendPlacement, ReduceDataOptionsBuilder, VizLegendOptionsBuilder } from "@grafana/grafana-foundation-sdk/common";
import { BigValueColorMode, BigValueGraphMode } from "@grafana/grafana-foundation-sdk/common";
import { PanelBuilder as StatPanelBuilder } from "@grafana/grafana-foundation-sdk/stat";
import { PanelBuilder as TablePanelBuilder } from "@grafana/grafana-foundation-sdk/table";
import { PanelBuilder as TimeseriesPanelBuilder } from "@grafana/grafana-foundation-sdk/timeseries";
import { PROMETHEUS } from "./datasources";
import { none } from "./thresholds";

/** Grid height of the top-row stats (Grafana grid units of 30 px). */
export const STAT_HEIGHT = 4;
/** Width of a top-row stat: six stats fill the 24-column grid. */
export const STAT_WIDTH = 4;
/** Height of a graph panel. */
export const GRAPH_HEIGHT = 8;

/** A top-row stat: latest value, coloured by its thresholds, with a sparkline. */
export function statPanel(title: string, unit: string): StatPanelBuilder {
  return new StatPanelBuilder()
    .title(title)
    .datasource(PROMETHEUS)
    .unit(unit)
    .span(STAT_WIDTH)
    .height(STAT_HEIGHT)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(["lastNotNull"]).values(false))
    .graphMode(BigValueGraphMode.Area)
    .colorMode(BigValueColorMode.Value)
    .thresholds(none());
}

/** A time series with the legend as a list under the graph; `width` in grid columns (24 = full width). */
export function timeSeriesPanel(title: string, unit: string, width = 12): TimeseriesPanelBuilder {
  return new TimeseriesPanelBuilder()
    .title(title)
    .datasource(PROMETHEUS)
    .unit(unit)
    .span(width)
    .height(GRAPH_HEIGHT)
    .fillOpacity(10)
    .lineWidth(1)
    .legend(new VizLegendOptionsBuilder().displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom).showLegend(true))
    .thresholds(none());
}

/** A table of instant query results; `width` in grid columns. */
export function tablePanel(title: string, unit: string, width = 12): TablePanelBuilder {
  return new TablePanelBuilder().title(title).datasource(PROMETHEUS).unit(unit).span(width).height(GRAPH_HEIGHT);
}
