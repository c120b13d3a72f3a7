/**
 * The Grafana team of one team role (D4). Membership is not managed here: with team sync (Grafana Enterprise) the
 * identity provider's groups decide it at each sign-in; without it, people join through Grafana's user management.
 * Either way no e-mail address is in the synthesized JSON.
 */
import { Construct } from "constructs";
import { Team } from "../../.gen/providers/grafana/team";
import type { TeamRole } from "../../dashboards/team-roles";
import type { GrafanaDashboard } from "./grafana-dashboard";

export interface RoleTeamProps {
  readonly role: TeamRole;
  /** The dashboard the team's members land on. */
  readonly homeDashboard: GrafanaDashboard;
  /**
   * Identity-provider groups whose members team sync puts into the team (`team_sync.groups`; Grafana Enterprise
   * only, the provider's call fails on OSS). @default undefined: no team sync (Grafana OSS)
   */
  readonly syncGroups?: readonly string[];
}

export class RoleTeam extends Construct {
  readonly team: Team;
  /** The team's ID as a Terraform reference, for folder permissions. */
  readonly teamId: string;

  constructor(scope: Construct, id: string, props: RoleTeamProps) {
    super(scope, id);
    if (props.syncGroups !== undefined && props.syncGroups.length === 0) {
      throw new Error(`RoleTeam ${this.node.path}: syncGroups of team ${JSON.stringify(props.role.team)} is empty; name at least one identity-provider group, or leave it undefined for no team sync`);
    }
    this.team = new Team(this, "team", {
      name: props.role.team,
      preferences: [{ homeDashboardUid: props.homeDashboard.resource.uid, timezone: "utc" }],
      ...(props.syncGroups === undefined
        ? {}
        : {
            teamSync: [{ groups: [...props.syncGroups] }],
            // Members added by team sync are the identity provider's: Terraform neither lists nor removes them.
            ignoreExternallySyncedMembers: true,
          }),
    });
    this.teamId = this.team.id;
  }
}
