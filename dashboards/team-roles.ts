/**
 * D4: the team roles that get their own Grafana team and folder, and what each team may do in each folder.
 * Pure data: `constructs/grafana/` turns it into `grafana_team`, `grafana_folder` and
 * `grafana_folder_permission` resources, and `docs/dashboards.md` renders the same table for reviewers.
 */
import { TEAM_ROLE_KEYS, type TeamRoleKey } from "../config/types";
import type { DashboardKey } from "./uids";

// The keys are config's (the identity-provider group mapping names them too); re-exported for the dashboards' users.
export { TEAM_ROLE_KEYS, type TeamRoleKey };

/** Grafana folder permission levels (`grafana_folder_permission`). */
export type FolderPermissionLevel = "View" | "Edit" | "Admin";

export interface TeamRole {
  /** Grafana team name. */
  readonly team: string;
  /** Title of the role's folder. */
  readonly folderTitle: string;
  /**
   * Folder uid: stable, part of the API (dashboards and bookmarks refer to it). Prefixed `fx-folder-` because
   * Grafana keeps folders and dashboards in one table, so a folder uid must not collide with a dashboard uid.
   */
  readonly folderUid: string;
  /** Dashboard the team's members land on (team preference). */
  readonly homeDashboard: DashboardKey;
  /** Who the role is, for the docs. */
  readonly description: string;
}

export const TEAM_ROLES: Readonly<Record<TeamRoleKey, TeamRole>> = {
  sre: {
    team: "SRE and on-call",
    folderTitle: "FX Trader · SRE and on-call",
    folderUid: "fx-folder-sre",
    homeDashboard: "applicationOverview",
    description: "Runs the platform and carries the pager: first stop in an incident (I1).",
  },
  developers: {
    team: "Application developers",
    folderTitle: "FX Trader · Application developers",
    folderUid: "fx-folder-developers",
    homeDashboard: "applicationOverview",
    description: "Build FX Trader: query and pool tuning, latency, memory and queue behaviour (P1, P2).",
  },
  business: {
    team: "Trading desk",
    folderTitle: "FX Trader · Trading desk",
    folderUid: "fx-folder-business",
    homeDashboard: "tradingDesk",
    description: "The business side: order flow, executions and quote latency, and whether the platform is healthy.",
  },
};

/**
 * Folder → team → permission. SRE administers every folder (on-call must be able to fix any view during an
 * incident); each team may edit its own folder (to add its own views); developers may read the SRE folder
 * they are escalated into; the trading desk sees only its own folder. A team missing from a folder's entry
 * has no access to it; the grants replace Grafana's default Viewer/Editor role grants on these folders.
 */
export const FOLDER_PERMISSIONS: Readonly<Record<TeamRoleKey, Readonly<Partial<Record<TeamRoleKey, FolderPermissionLevel>>>>> = {
  sre: { sre: "Admin", developers: "View" },
  developers: { sre: "Admin", developers: "Edit" },
  business: { sre: "Admin", developers: "View", business: "Edit" },
};
