/**
 * The FX Trader Grafana organisation (D1–D4): one folder and one team per team role, every dashboard of the
 * catalogue in its role's folder, and the folder permissions that give each team its view. Composes the
 * per-object constructs; the roles, grants and dashboards themselves are data in `dashboards/`.
 */
import { Construct } from "constructs";
import type { EnvironmentConfig, GrafanaEditionConfig } from "../../config/types";
import { DASHBOARDS, type DashboardDefinition } from "../../dashboards/catalog";
import { FOLDER_PERMISSIONS, TEAM_ROLE_KEYS, TEAM_ROLES, type FolderPermissionLevel, type TeamRole, type TeamRoleKey } from "../../dashboards/team-roles";
import type { DashboardKey } from "../../dashboards/uids";
import { SummaryNote } from "../core/summary-note";
import { FolderAccess } from "./folder-access";
import { GrafanaDashboard } from "./grafana-dashboard";
import { RoleFolder } from "./role-folder";
import { RoleTeam } from "./role-team";

export interface GrafanaOrganisationProps {
  readonly config: EnvironmentConfig;
  /** Dashboards to deploy. @default DASHBOARDS (the whole catalogue in dashboards/catalog.ts) */
  readonly dashboards?: readonly DashboardDefinition[];
  /** Team roles. @default TEAM_ROLES */
  readonly roles?: Readonly<Record<TeamRoleKey, TeamRole>>;
  /** Folder → team → permission. @default FOLDER_PERMISSIONS */
  readonly permissions?: Readonly<Record<TeamRoleKey, Readonly<Partial<Record<TeamRoleKey, FolderPermissionLevel>>>>>;
}

export class GrafanaOrganisation extends Construct {
  readonly folders: Readonly<Record<TeamRoleKey, RoleFolder>>;
  readonly teams: Readonly<Record<TeamRoleKey, RoleTeam>>;
  readonly dashboards: ReadonlyMap<DashboardKey, GrafanaDashboard>;
  readonly access: Readonly<Record<TeamRoleKey, FolderAccess>>;

  constructor(scope: Construct, id: string, props: GrafanaOrganisationProps) {
    super(scope, id);
    const definitions = props.dashboards ?? DASHBOARDS;
    const roles = props.roles ?? TEAM_ROLES;
    const permissions = props.permissions ?? FOLDER_PERMISSIONS;
    validate(this.node.path, props.config.name, definitions, roles, permissions);

    const folderScope = new Construct(this, "folders");
    this.folders = byRole((key) => new RoleFolder(folderScope, key, { role: roles[key] }));

    const dashboardScope = new Construct(this, "dashboards");
    this.dashboards = new Map(
      definitions.map((d) => [d.key, new GrafanaDashboard(dashboardScope, d.uid, { model: d.build(props.config), folder: this.folders[d.folder] })]),
    );

    const teamScope = new Construct(this, "teams");
    // D4: team sync from the identity provider's groups where Grafana is Enterprise; OSS has none (membership by hand).
    const grafana = props.config.observability.grafana;
    const syncGroups = (key: TeamRoleKey) => (grafana.edition.kind === "enterprise" ? grafana.sso.teamGroups[key] : undefined);
    this.teams = byRole((key) => new RoleTeam(teamScope, key, { role: roles[key], homeDashboard: this.dashboards.get(roles[key].homeDashboard)!, syncGroups: syncGroups(key) }));

    const accessScope = new Construct(this, "access");
    this.access = byRole(
      (folder) =>
        new FolderAccess(accessScope, folder, {
          folder: this.folders[folder],
          grants: TEAM_ROLE_KEYS.filter((team) => permissions[folder][team] !== undefined).map((team) => ({
            team: this.teams[team],
            permission: permissions[folder][team]!,
          })),
        }),
    );

    new SummaryNote(this, "summary", {
      topic: "grafana",
      text: `${definitions.length} dashboards in ${TEAM_ROLE_KEYS.length} team folders (${TEAM_ROLE_KEYS.map((k) => roles[k].team).join(", ")})`,
    });
    // D4: an OSS environment says why it has no team sync, once per synth, like a policy waiver.
    if (grafana.edition.kind === "oss") new SummaryNote(this, "edition", { topic: "grafana edition", text: grafanaOssNotice(grafana.edition) });
  }
}

/** The one-line notice of an OSS environment: synth prints it and docs/security.md lists it. */
export function grafanaOssNotice(edition: Pick<GrafanaEditionConfig, "reason">): string {
  return `Grafana OSS, no team sync: ${edition.reason ?? ""}`;
}

function byRole<T>(make: (key: TeamRoleKey) => T): Record<TeamRoleKey, T> {
  return Object.fromEntries(TEAM_ROLE_KEYS.map((k) => [k, make(k)])) as Record<TeamRoleKey, T>;
}

/** Checks the catalogue and the grants fit together before any resource exists. */
function validate(
  path: string,
  env: string,
  definitions: readonly DashboardDefinition[],
  roles: Readonly<Record<TeamRoleKey, TeamRole>>,
  permissions: Readonly<Record<TeamRoleKey, Readonly<Partial<Record<TeamRoleKey, FolderPermissionLevel>>>>>,
): void {
  const fail = (what: string) => {
    throw new Error(`GrafanaOrganisation ${path} [${env}]: ${what}`);
  };
  const uids = new Set<string>();
  for (const d of definitions) {
    if (uids.has(d.uid)) fail(`dashboard uid "${d.uid}" is used twice; every dashboard needs its own uid (dashboards/uids.ts)`);
    uids.add(d.uid);
  }
  const folderUids = new Set<string>();
  for (const key of TEAM_ROLE_KEYS) {
    const role = roles[key];
    if (uids.has(role.folderUid)) fail(`folder uid "${role.folderUid}" of role ${key} equals a dashboard uid; Grafana stores both in one table`);
    if (folderUids.has(role.folderUid)) fail(`folder uid "${role.folderUid}" of role ${key} is used by another role`);
    folderUids.add(role.folderUid);
    const home = definitions.find((d) => d.key === role.homeDashboard);
    if (home === undefined) fail(`role ${key}: homeDashboard "${role.homeDashboard}" is not among the deployed dashboards (${definitions.map((d) => d.key).join(", ")})`);
    if (permissions[home!.folder][key] === undefined) {
      fail(`role ${key}: homeDashboard "${role.homeDashboard}" is in folder ${home!.folder}, which team ${key} may not open (dashboards/team-roles.ts FOLDER_PERMISSIONS)`);
    }
  }
}
