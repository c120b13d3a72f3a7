/**
 * The team permissions of one folder (D4). `grafana_folder_permission` owns the folder's whole permission
 * list, so Grafana's default grants to every Viewer and Editor are replaced by exactly these team grants.
 */
import { Construct } from "constructs";
import { FolderPermission } from "../../.gen/providers/grafana/folder-permission";
import type { FolderPermissionLevel } from "../../dashboards/team-roles";
import type { RoleFolder } from "./role-folder";
import type { RoleTeam } from "./role-team";

/** One team's permission on the folder. */
export interface FolderGrant {
  readonly team: RoleTeam;
  readonly permission: FolderPermissionLevel;
}

export interface FolderAccessProps {
  readonly folder: RoleFolder;
  /** At least one grant; a folder nobody may open is a mistake. */
  readonly grants: readonly FolderGrant[];
}

const LEVELS: readonly FolderPermissionLevel[] = ["View", "Edit", "Admin"];

export class FolderAccess extends Construct {
  readonly permission: FolderPermission;

  constructor(scope: Construct, id: string, props: FolderAccessProps) {
    super(scope, id);
    if (props.grants.length === 0) {
      throw new Error(`FolderAccess ${this.node.path}: no team may open folder ${props.folder.node.id}; grant at least one team a permission (dashboards/team-roles.ts FOLDER_PERMISSIONS)`);
    }
    for (const g of props.grants) {
      if (!LEVELS.includes(g.permission)) {
        throw new Error(`FolderAccess ${this.node.path}: permission "${g.permission}" for team ${g.team.node.id} must be one of ${LEVELS.join(", ")}`);
      }
    }
    this.permission = new FolderPermission(this, "permission", {
      folderUid: props.folder.uid,
      permissions: props.grants.map((g) => ({ teamId: g.team.teamId, permission: g.permission })),
    });
  }
}
