/**
 * Every FX Trader dashboard: its uid, the folder (team role) it lives in, the requirements it serves and its
 * builder. The Grafana layer deploys this list, the docs render it, and the tests walk it, so a dashboard
 * added here is deployed, documented and tested without further wiring.
 */
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import type { EnvironmentConfig } from "../config/types";
import { applicationOverviewDashboard } from "./application-overview";
import { databaseDashboard } from "./database";
import { infrastructureDashboard } from "./infrastructure";
import type { TeamRoleKey } from "./team-roles";
import { tradingDeskDashboard } from "./trading-desk";
import { DASHBOARD_UIDS, type DashboardKey } from "./uids";

export interface DashboardDefinition {
  readonly key: DashboardKey;
  readonly uid: string;
  /** The team role whose folder holds the dashboard. */
  readonly folder: TeamRoleKey;
  /** Requirement IDs the dashboard implements. */
  readonly requirements: readonly string[];
  /** Builds the dashboard model for one environment (thresholds come from its config). */
  readonly build: (config: EnvironmentConfig) => Dashboard;
}

export const DASHBOARDS: readonly DashboardDefinition[] = [
  { key: "applicationOverview", uid: DASHBOARD_UIDS.applicationOverview, folder: "sre", requirements: ["D1", "D4", "P2", "I1"], build: applicationOverviewDashboard },
  { key: "infrastructure", uid: DASHBOARD_UIDS.infrastructure, folder: "sre", requirements: ["D3", "P3", "K1"], build: infrastructureDashboard },
  { key: "database", uid: DASHBOARD_UIDS.database, folder: "developers", requirements: ["D2", "P1"], build: databaseDashboard },
  { key: "tradingDesk", uid: DASHBOARD_UIDS.tradingDesk, folder: "business", requirements: ["D4", "M5"], build: tradingDeskDashboard },
];
