/** The Grafana folder of one team role (D4): where that role's dashboards, and the views its team adds, live. */
import { Construct } from "constructs";
import { Folder } from "../../.gen/providers/grafana/folder";
import type { TeamRole } from "../../dashboards/team-roles";

export interface RoleFolderProps {
  readonly role: TeamRole;
}

export class RoleFolder extends Construct {
  readonly folder: Folder;
  /** The folder's uid as a Terraform reference (so dependants wait for the folder). */
  readonly uid: string;

  constructor(scope: Construct, id: string, props: RoleFolderProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(props.role.folderUid)) {
      throw new Error(
        `RoleFolder ${this.node.path}: folderUid "${props.role.folderUid}" must be 1–40 letters, digits, '-' or '_' (Grafana uid rule; set in dashboards/team-roles.ts)`,
      );
    }
    this.folder = new Folder(this, "folder", {
      uid: props.role.folderUid,
      title: props.role.folderTitle,
      // Teams add their own dashboards here; deleting the folder would delete them with it.
      preventDestroyIfNotEmpty: true,
    });
    this.uid = this.folder.uid;
  }
}
