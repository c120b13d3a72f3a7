import { defaultDashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import fs from "node:fs";
import path from "node:path";
import { DASHBOARDS } from "../../dashboards/catalog";
import { panelsOf } from "../../dashboards/inspect";
import { ENVIRONMENT_NAMES, resources, terraformReads } from "../support";
import { sharedSynthesis } from "../support/shared-synthesis";

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

    it("summarizes the organisation in the synth summary", () => {
      // The stack's block of the printed summary: its line, then its indented notes.
      const block = result.summary.split(/\n(?=  \S)/).find((b) => b.trimStart().startsWith(`fx-trader-${env}-grafana `))!;
      expect(block.split("\n").slice(1).map((l) => l.trim())).toContain(
        "grafana: 4 dashboards in 3 team folders (SRE and on-call, Application developers, Trading desk)",
      );
    });
  });
});
