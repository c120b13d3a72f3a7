/**
 * The Grafana team of one team role (D4). Membership is not managed here: people join through Grafana's user
 * management or team sync from the identity provider, so no e-mail address is in the synthesized JSON.
 */
import { Construct } from "constructs";
import { Team } from "../../.gen/providers/grafana/team";
import type { TeamRole } from "../../dashboards/team-roles";
import type { GrafanaDashboard } from "./grafana-dashboard";

export interface RoleTeamProps {
  readonly role: TeamRole;
  /** The dashboard the team's members land on. */
  readonly homeDashboard: GrafanaDashboard;
}

export class RoleTeam extends Construct {
  readonly team: Team;
  /** The team's ID as a Terraform reference, for folder permissions. */
  readonly teamId: string;

  constructor(scope: Construct, id: string, props: RoleTeamProps) {
    super(scope, id);
    this.team = new Team(this, "team", {
      name: props.role.team,
      preferences: [{ homeDashboardUid: props.homeDashboard.resource.uid, timezone: "utc" }],
    });
    this.teamId = this.team.id;
  }
}
