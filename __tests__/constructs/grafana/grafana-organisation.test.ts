import { Testing, TerraformStack } from "cdktf";
import { Dashboard } from "../../../.gen/providers/grafana/dashboard";
import { Folder } from "../../../.gen/providers/grafana/folder";
import { GrafanaProvider } from "../../../.gen/providers/grafana/provider";
import { Team } from "../../../.gen/providers/grafana/team";
import { FolderAccess } from "../../../constructs/grafana/folder-access";
import { GrafanaDashboard } from "../../../constructs/grafana/grafana-dashboard";
import { GrafanaOrganisation, type GrafanaOrganisationProps } from "../../../constructs/grafana/grafana-organisation";
import { RoleFolder } from "../../../constructs/grafana/role-folder";
import { RoleTeam } from "../../../constructs/grafana/role-team";
import { SummaryNote } from "../../../constructs/core/summary-note";
import { ReviewArtifact } from "../../../constructs/core/review-artifact";
import { DASHBOARDS } from "../../../dashboards/catalog";
import { FOLDER_PERMISSIONS, TEAM_ROLE_KEYS, TEAM_ROLES } from "../../../dashboards/team-roles";
import { ENVIRONMENT_NAMES, envConfig, parse, resources, terraformReads } from "../../support";
import { terraformJson } from "../../../constructs/core/terraform-string";

/** Synthesizes a GrafanaOrganisation in a stack with a Grafana provider; returns the JSON and the construct. */
function synthOrganisation(env: (typeof ENVIRONMENT_NAMES)[number], props: Partial<GrafanaOrganisationProps> = {}) {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new GrafanaProvider(stack, "grafana", { url: "https://grafana.example.com" });
  const organisation = new GrafanaOrganisation(stack, "organisation", { config: envConfig(env), ...props });
  return { json: Testing.synth(stack), organisation, stack };
}

/** `${grafana_<type>.<logical name>.<attribute>}` of the only resource of `type` whose properties match. */
function refTo(json: string, type: string, match: (r: Record<string, unknown>) => boolean, attribute: string): string {
  const names = Object.entries(resources(json, type)).filter(([, r]) => match(r)).map(([name]) => name);
  if (names.length !== 1) throw new Error(`expected one ${type} matching, found ${names.length}`);
  return `\${${type}.${names[0]}.${attribute}}`;
}

describe.each(ENVIRONMENT_NAMES)("D4: Grafana organisation in %s", (env) => {
  const { json, organisation } = synthOrganisation(env);

  it("creates one team per role", () => {
    expect(Object.values(resources(json, "grafana_team")).map((t) => t.name).sort()).toEqual(TEAM_ROLE_KEYS.map((k) => TEAM_ROLES[k].team).sort());
  });

  it.each(TEAM_ROLE_KEYS)("creates the %s folder with its stable uid, protected while not empty", (key) => {
    expect(json).toHaveResourceWithProperties(Folder, { uid: TEAM_ROLES[key].folderUid, title: TEAM_ROLES[key].folderTitle, prevent_destroy_if_not_empty: true });
  });

  it.each(TEAM_ROLE_KEYS)("grants exactly the configured teams permissions on the %s folder", (folder) => {
    const folderUid = refTo(json, "grafana_folder", (r) => r.uid === TEAM_ROLES[folder].folderUid, "uid");
    const permission = Object.values(resources(json, "grafana_folder_permission")).filter((p) => p.folder_uid === folderUid);
    expect(permission).toHaveLength(1);
    const expected = TEAM_ROLE_KEYS.filter((team) => FOLDER_PERMISSIONS[folder][team] !== undefined).map((team) => ({
      permission: FOLDER_PERMISSIONS[folder][team],
      team_id: refTo(json, "grafana_team", (t) => t.name === TEAM_ROLES[team].team, "id"),
    }));
    expect(permission[0]!.permissions).toEqual(expected);
  });

  it("gives SRE admin on every folder and the trading desk no access outside its own", () => {
    for (const folder of TEAM_ROLE_KEYS) expect(FOLDER_PERMISSIONS[folder].sre).toBe("Admin");
    expect(TEAM_ROLE_KEYS.filter((f) => FOLDER_PERMISSIONS[f].business !== undefined)).toEqual(["business"]);
  });

  it.each(DASHBOARDS.map((d) => [d.uid, d.folder] as const))("deploys %s into the %s folder", (uid, folder) => {
    const folderUid = refTo(json, "grafana_folder", (r) => r.uid === TEAM_ROLES[folder].folderUid, "uid");
    const dashboards = Object.values(resources(json, "grafana_dashboard")).filter((d) => (JSON.parse(terraformReads(d.config_json as string)) as { uid: string }).uid === uid);
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]).toMatchObject({ folder: folderUid, overwrite: true });
  });

  it("sets each team's home dashboard to a dashboard it deploys", () => {
    for (const key of TEAM_ROLE_KEYS) {
      const uid = DASHBOARDS.find((d) => d.key === TEAM_ROLES[key].homeDashboard)!.uid;
      const dashboard = refTo(json, "grafana_dashboard", (d) => (JSON.parse(terraformReads(d.config_json as string)) as { uid: string }).uid === uid, "uid");
      expect(json).toHaveResourceWithProperties(Team, { name: TEAM_ROLES[key].team, preferences: [{ home_dashboard_uid: dashboard, timezone: "utc" }] });
    }
  });

  it("writes each dashboard's model for review as dashboards/<uid>.json, equal to what Grafana receives", () => {
    const artifacts = organisation.node.findAll().filter(ReviewArtifact.isReviewArtifact);
    expect(artifacts.map((a) => a.path).sort()).toEqual(DASHBOARDS.map((d) => `dashboards/${d.uid}.json`).sort());
    const deployed = Object.values(resources(json, "grafana_dashboard")).map((d) => JSON.parse(terraformReads(d.config_json as string)) as { uid: string });
    for (const a of artifacts) {
      const reviewed = JSON.parse(a.content) as { uid: string };
      expect(deployed.find((d) => d.uid === reviewed.uid)).toEqual(reviewed);
    }
  });

  it("puts no member e-mail address in the synthesized JSON", () => {
    for (const team of Object.values(resources(json, "grafana_team"))) {
      expect(team.members).toBeUndefined();
      expect(team.admins).toBeUndefined();
    }
    expect(json).not.toMatch(/@[a-z0-9-]+\.[a-z]/i);
  });

  it("D4, S1: syncs each team from its identity-provider groups where Grafana is Enterprise, not at all where it is OSS", () => {
    const grafana = envConfig(env).observability.grafana;
    const teams = Object.values(resources(json, "grafana_team"));
    for (const key of TEAM_ROLE_KEYS) {
      const team = teams.find((t) => t.name === TEAM_ROLES[key].team)!;
      if (grafana.edition.kind === "enterprise") {
        expect({ team_sync: team.team_sync, ignore: team.ignore_externally_synced_members }).toEqual({ team_sync: [{ groups: [...grafana.sso.teamGroups[key]] }], ignore: true });
      } else {
        expect({ team_sync: team.team_sync, ignore: team.ignore_externally_synced_members }).toEqual({ team_sync: undefined, ignore: undefined });
      }
    }
    expect(json.includes("grafana_team_external_group")).toBe(false);
  });

  it("D4: prints the OSS reason as a synth notice, and only for OSS", () => {
    const grafana = envConfig(env).observability.grafana;
    const notes = organisation.node.findAll().filter(SummaryNote.isSummaryNote).filter((n) => n.topic === "grafana edition");
    expect(notes.map((n) => n.text)).toEqual(grafana.edition.kind === "oss" ? [`Grafana OSS, no team sync: ${grafana.edition.reason!}`] : []);
  });
});

describe("D4: team sync follows the edition and the group mapping of the config", () => {
  it("syncs the groups of the config (an OSS environment switched to enterprise gets team sync; an enterprise one switched to OSS loses it)", () => {
    const devEnterprise = synthOrganisation("dev", { config: envConfig("dev", { observability: { grafana: { edition: { kind: "enterprise", reason: undefined } } } } as never) }).json;
    const sre = Object.values(resources(devEnterprise, "grafana_team")).find((t) => t.name === TEAM_ROLES.sre.team)!;
    expect(sre.team_sync).toEqual([{ groups: [...envConfig("dev").observability.grafana.sso.teamGroups.sre] }]);
    const prodOss = synthOrganisation("prod", { config: envConfig("prod", { observability: { grafana: { edition: { kind: "oss", reason: "a reason long enough to print" } } } } as never) }).json;
    expect(Object.values(resources(prodOss, "grafana_team")).map((t) => t.team_sync)).toEqual([undefined, undefined, undefined]);
  });

  it("fails when a team is given an empty group list to sync", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const { organisation } = synthOrganisation("prod");
    expect(() => new RoleTeam(stack, "t", { role: TEAM_ROLES.sre, homeDashboard: organisation.dashboards.values().next().value!, syncGroups: [] })).toThrow(
      `RoleTeam test/t: syncGroups of team "${TEAM_ROLES.sre.team}" is empty; name at least one identity-provider group, or leave it undefined for no team sync`,
    );
  });
});

describe("GrafanaOrganisation validation", () => {
  it("fails when two dashboards share a uid", () => {
    const twice = [DASHBOARDS[0]!, { ...DASHBOARDS[1]!, uid: DASHBOARDS[0]!.uid }];
    expect(() => synthOrganisation("prod", { dashboards: twice })).toThrow(`[prod]: dashboard uid "${DASHBOARDS[0]!.uid}" is used twice`);
  });

  it("fails when a team's home dashboard is in a folder the team may not open", () => {
    const permissions = { ...FOLDER_PERMISSIONS, business: { sre: "Admin" as const } };
    expect(() => synthOrganisation("prod", { permissions })).toThrow(
      'role business: homeDashboard "tradingDesk" is in folder business, which team business may not open (dashboards/team-roles.ts FOLDER_PERMISSIONS)',
    );
  });

  it("fails when a home dashboard is not deployed", () => {
    const dashboards = DASHBOARDS.filter((d) => d.key !== "tradingDesk");
    expect(() => synthOrganisation("staging", { dashboards })).toThrow('[staging]: role business: homeDashboard "tradingDesk" is not among the deployed dashboards');
  });

  it("fails when a folder uid collides with a dashboard uid", () => {
    const roles = { ...TEAM_ROLES, business: { ...TEAM_ROLES.business, folderUid: "fx-trading-desk" } };
    expect(() => synthOrganisation("dev", { roles })).toThrow('folder uid "fx-trading-desk" of role business equals a dashboard uid');
  });
});

describe("GrafanaDashboard", () => {
  it("fails when the dashboard has no valid uid, naming the dashboard and where uids come from", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const folder = new RoleFolder(stack, "folder", { role: TEAM_ROLES.sre });
    const model = { ...DASHBOARDS[0]!.build(envConfig("prod")), uid: "has spaces in it" };
    expect(() => new GrafanaDashboard(stack, "d", { model, folder })).toThrow(
      `uid "has spaces in it" of "${model.title}" must be 1–40 letters, digits, '-' or '_' (set it from DASHBOARD_UIDS in dashboards/uids.ts)`,
    );
  });

  it("deploys the model as config_json into the folder given", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const folder = new RoleFolder(stack, "folder", { role: TEAM_ROLES.developers });
    const model = DASHBOARDS[0]!.build(envConfig("prod"));
    new GrafanaDashboard(stack, "d", { model, folder });
    const json = Testing.synth(stack);
    expect(json).toHaveResourceWithProperties(Dashboard, { config_json: terraformJson(model), folder: refTo(json, "grafana_folder", () => true, "uid") });
  });
});

describe("FolderAccess", () => {
  it("fails when no team may open the folder", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const folder = new RoleFolder(stack, "sre", { role: TEAM_ROLES.sre });
    expect(() => new FolderAccess(stack, "access", { folder, grants: [] })).toThrow("no team may open folder sre; grant at least one team a permission");
  });
});

describe("RoleFolder", () => {
  it("fails when the folder uid is not a valid Grafana uid", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    expect(() => new RoleFolder(stack, "f", { role: { ...TEAM_ROLES.sre, folderUid: "x".repeat(41) } })).toThrow(
      `folderUid "${"x".repeat(41)}" must be 1–40 letters, digits, '-' or '_'`,
    );
  });
});

it("parses the synthesized organisation as Terraform JSON with all four resource types", () => {
  const json = parse(synthOrganisation("prod").json);
  expect(Object.keys(json.resource ?? {}).sort()).toEqual(["grafana_dashboard", "grafana_folder", "grafana_folder_permission", "grafana_team"]);
});
