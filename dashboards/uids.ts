/**
 * Stable identifiers shared by dashboards, alerts (dashboard links) and the Grafana data sources.
 * They are part of the API: changing one breaks bookmarks and alert links.
 */
export const DASHBOARD_UIDS = {
  applicationOverview: "fx-app-overview",
  database: "fx-database",
  infrastructure: "fx-infrastructure",
  tradingDesk: "fx-trading-desk",
} as const;

export type DashboardKey = keyof typeof DASHBOARD_UIDS;

/** Grafana data source UIDs (created in the `grafana` layer, referenced by dashboards). */
export const DATASOURCE_UIDS = {
  prometheus: "prometheus",
  loki: "loki",
  tempo: "tempo",
  alertmanager: "alertmanager",
} as const;
