/**
 * `docs/dashboards.md`: the dashboards, the team folders and who may open them (D1–D4), each dashboard's
 * layout preview and panels, and the thresholds each environment draws, rendered from the same builders and
 * role data the Grafana layer deploys.
 */
import { DASHBOARDS } from "../../dashboards/catalog";
import { panelsOf, thresholdLines, thresholdSteps } from "../../dashboards/inspect";
import { FOLDER_PERMISSIONS, TEAM_ROLE_KEYS, TEAM_ROLES } from "../../dashboards/team-roles";
import { formatThreshold } from "./dashboard-layout-svg";
import { previewEnvironment } from "./dashboard-previews";
import { generatedHeader, markdownTable, type DocGenerator } from "./types";

export const dashboardsDoc: DocGenerator = {
  path: "docs/dashboards.md",
  render(environments) {
    const preview = previewEnvironment(environments);
    let out = generatedHeader("dashboards/ (catalog.ts, team-roles.ts and the dashboard builders)");
    out += "# Dashboards and team folders\n\n";
    out += "Dashboards are built with `@grafana/grafana-foundation-sdk` in `dashboards/` and deployed by the\n";
    out += "`fx-trader-<env>-grafana` stack as `grafana_dashboard` resources; synth also writes each model to\n";
    out += "`out/<env>/dashboards/<uid>.json` for review. Every panel queries the `$datasource` variable (default: the\n";
    out += "Prometheus data source); `$env` names the environment and `$namespace` defaults to the application's.\n";
    out += "The top row of each dashboard holds the figures to read first (D4); firing alerts are overlaid as annotations.\n\n";

    out += "## Team folders and permissions (D4)\n\n";
    out += "One Grafana team and one folder per role. `grafana_folder_permission` owns each folder's whole permission\n";
    out += "list, so only the teams below may open a folder (organisation admins aside). Teams may add their own\n";
    out += "dashboards to the folders they may edit; the dashboards listed here are replaced on every apply.\n\n";
    out += markdownTable(
      ["team", "folder (uid)", "home dashboard", "who", ...TEAM_ROLE_KEYS.map((k) => `on ${TEAM_ROLES[k].team} folder`)],
      TEAM_ROLE_KEYS.map((team) => {
        const role = TEAM_ROLES[team];
        const home = DASHBOARDS.find((d) => d.key === role.homeDashboard);
        return [
          role.team,
          `${role.folderTitle} (\`${role.folderUid}\`)`,
          home ? `\`${home.uid}\`` : role.homeDashboard,
          role.description,
          ...TEAM_ROLE_KEYS.map((folder) => FOLDER_PERMISSIONS[folder][team] ?? "—"),
        ];
      }),
    );
    out += "\n";

    out += "## Dashboards\n\n";
    out += markdownTable(
      ["dashboard", "uid", "folder", "requirements", "panels"],
      DASHBOARDS.map((d) => {
        const model = d.build(preview);
        return [`[${model.title}](#${d.uid})`, `\`${d.uid}\``, TEAM_ROLES[d.folder].folderTitle, d.requirements.join(", "), String(panelsOf(model).length)];
      }),
    );
    out += "\n";

    for (const d of DASHBOARDS) {
      const models = environments.map((e) => ({ env: e.name, model: d.build(e) }));
      const model = d.build(preview);
      out += `<a id="${d.uid}"></a>\n\n### ${model.title}\n\n`;
      out += `${model.description ?? ""}\n\n`;
      out += `![Layout of ${model.title}](dashboards/${d.uid}.svg)\n\n`;
      out += markdownTable(
        ["panel", "type", "unit", "description"],
        panelsOf(model).map((p) => [p.title ?? "", p.type, p.fieldConfig?.defaults.unit ?? "", p.description ?? ""]),
      );
      const withThresholds = panelsOf(model).filter((p) => thresholdSteps(p).length > 0);
      if (withThresholds.length > 0) {
        out += "\nThresholds per environment (dashed = drawn as a line on the graph, otherwise the value's colour changes):\n\n";
        out += markdownTable(
          ["panel", "drawn as", ...models.map((m) => m.env)],
          withThresholds.map((p) => {
            const cells = models.map(({ model: m }) => {
              const same = panelsOf(m).find((q) => q.id === p.id)!;
              return thresholdSteps(same).map((v) => formatThreshold(v, same.fieldConfig?.defaults.unit)).join(", ");
            });
            return [p.title ?? "", thresholdLines(p).length > 0 ? "dashed line" : "colour", ...cells];
          }),
        );
      }
      out += "\n";
    }
    return out;
  },
};
