import { defaultDashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import fs from "node:fs";
import path from "node:path";
import { DASHBOARDS } from "../../dashboards/catalog";
import { panelsOf } from "../../dashboards/inspect";
import { TEAM_ROLE_KEYS, TEAM_ROLES } from "../../dashboards/team-roles";
import { ENVIRONMENT_NAMES, envConfig, resources, terraformReads } from "../support";
import { filesUnder, scanText } from "../support/secret-scan";
import { sharedSynthesis } from "../support/shared-synthesis";

/** E-mail addresses and licence (JWT-shaped) text in a file's text. */
function personalOrLicenceText(file: string, text: string): string[] {
  const emails = [...text.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/g)].map((m) => `${file}: e-mail address ${m[0]}`);
  return [...emails, ...scanText(file, text).filter((f) => f.why === "looks like a JSON web token").map((f) => `${file}: licence-shaped text (${f.why})`)];
}

describe("D4, S5: no e-mail address or licence text in any synthesized file", () => {
  const { outdir, reviewDir } = sharedSynthesis();
  const files = [outdir, reviewDir].flatMap((root) => filesUnder(root).map((f) => path.join(root, f)));

  it("scans every stack and review file of every environment", () => {
    expect(files.filter((f) => f.endsWith("cdk.tf.json")).length).toBeGreaterThanOrEqual(11);
    expect(files.flatMap((f) => personalOrLicenceText(path.relative(outdir, f), fs.readFileSync(f, "utf8")))).toEqual([]);
  });

  it("fails when a team member's e-mail or a licence is planted in the grafana stack", () => {
    const text = fs.readFileSync(path.join(outdir, "stacks", "fx-trader-prod-grafana", "cdk.tf.json"), "utf8");
    const planted = text.replace('"ignore_externally_synced_members": true', '"members": ["jane.doe@fx-trader.example.com"], "ignore_externally_synced_members": true') + '\n{"license_text":"eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJncmFmYW5hIn0.sig"}';
    expect(personalOrLicenceText("prod-grafana", planted)).toEqual(["prod-grafana: e-mail address jane.doe@fx-trader.example.com", "prod-grafana: licence-shaped text (looks like a JSON web token)"]);
  });
});

describe("grafana layer synthesized by npm run synth", () => {
  const result = sharedSynthesis();
  const { outdir, reviewDir } = result;

  describe.each(ENVIRONMENT_NAMES)("%s", (env) => {
    const stackJson = fs.readFileSync(path.join(outdir, "stacks", `fx-trader-${env}-grafana`, "cdk.tf.json"), "utf8");

    it("S5: the Grafana token variable is ephemeral, so a saved plan made with the read-only token is applied with the managing one", () => {
      const variable = (JSON.parse(stackJson) as { variable: Record<string, Record<string, unknown>> }).variable.grafana_token_role!;
      expect(variable).toMatchObject({ ephemeral: true, default: "deploy", type: "string" });
    });

    it.each(DASHBOARDS.map((d) => d.uid))("writes out/%s… as valid JSON with the SDK's schema version", (uid) => {
      const rel = `${env}/dashboards/${uid}.json`;
      expect(result.reviewFiles).toContain(rel);
      const model = JSON.parse(fs.readFileSync(path.join(reviewDir, rel), "utf8")) as ReturnType<typeof defaultDashboard> & { uid: string };
      expect(model.schemaVersion).toBe(defaultDashboard().schemaVersion);
      expect(model.uid).toBe(uid);
      expect(panelsOf(model).length).toBeGreaterThan(0);
      const deployed = Object.values(resources(stackJson, "grafana_dashboard")).map((d) => JSON.parse(terraformReads(d.config_json as string)) as { uid: string });
      expect(deployed.find((d) => d.uid === uid)).toEqual(model);
    });

    it("D4: synthesizes the folders, teams, permissions and dashboards in the grafana stack", () => {
      expect(Object.keys(resources(stackJson, "grafana_folder"))).toHaveLength(3);
      expect(Object.keys(resources(stackJson, "grafana_team"))).toHaveLength(3);
      expect(Object.keys(resources(stackJson, "grafana_folder_permission"))).toHaveLength(3);
      expect(Object.keys(resources(stackJson, "grafana_dashboard"))).toHaveLength(DASHBOARDS.length);
    });

    it("D4: syncs every team from its configured groups where the edition is enterprise, none where it is oss, and prints the OSS reason in the summary", () => {
      const grafana = envConfig(env).observability.grafana;
      const teams = Object.values(resources(stackJson, "grafana_team"));
      const block = result.summary.split(/\n(?=  \S)/).find((b) => b.trimStart().startsWith(`fx-trader-${env}-grafana `))!;
      const notices = block.split("\n").slice(1).map((l) => l.trim()).filter((l) => l.startsWith("grafana edition: "));
      if (grafana.edition.kind === "enterprise") {
        const byName = Object.fromEntries(teams.map((t) => [t.name as string, t.team_sync]));
        expect(byName).toEqual(Object.fromEntries(TEAM_ROLE_KEYS.map((k) => [TEAM_ROLES[k].team, [{ groups: [...grafana.sso.teamGroups[k]] }]])));
        expect(notices).toEqual([]);
      } else {
        expect(teams.map((t) => t.team_sync)).toEqual([undefined, undefined, undefined]);
        expect(notices).toEqual([`grafana edition: Grafana OSS, no team sync: ${grafana.edition.reason!}`]);
      }
    });

    it("summarizes the organisation in the synth summary", () => {
      // The stack's block of the printed summary: its line, then its indented notes.
      const block = result.summary.split(/\n(?=  \S)/).find((b) => b.trimStart().startsWith(`fx-trader-${env}-grafana `))!;
      expect(block.split("\n").slice(1).map((l) => l.trim())).toContain(
        "grafana: 4 dashboards in 3 team folders (SRE and on-call, Application developers, Trading desk)",
      );
    });
  });
});
