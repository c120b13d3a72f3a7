/** Titles of the FX Trader dashboards, used for their own titles and for the links between them. */
import type { DashboardKey } from "../uids";

export const DASHBOARD_TITLES: Readonly<Record<DashboardKey, string>> = {
  applicationOverview: "FX Trader · Application overview",
  database: "FX Trader · Database",
  infrastructure: "FX Trader · Infrastructure",
  tradingDesk: "FX Trader · Trading desk",
};
