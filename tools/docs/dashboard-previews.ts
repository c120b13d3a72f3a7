/**
 * `docs/dashboards/<uid>.svg`: a layout preview of each dashboard (panel titles at their grid positions),
 * rendered from the same builders the Grafana layer deploys, with the thresholds of prod (or of the first
 * environment selected when prod is not).
 */
import type { EnvironmentConfig } from "../../config/types";
import { DASHBOARDS, type DashboardDefinition } from "../../dashboards/catalog";
import { TEAM_ROLES } from "../../dashboards/team-roles";
import { renderDashboardLayout } from "./dashboard-layout-svg";
import type { DocGenerator } from "./types";

/** The environment whose thresholds the previews show: prod when present. */
export function previewEnvironment(environments: readonly EnvironmentConfig[]): EnvironmentConfig {
  const env = environments.find((e) => e.name === "prod") ?? environments[0];
  if (env === undefined) throw new Error("dashboard previews need at least one environment");
  return env;
}

function preview(definition: DashboardDefinition): DocGenerator {
  return {
    path: `docs/dashboards/${definition.uid}.svg`,
    render(environments) {
      const config = previewEnvironment(environments);
      return renderDashboardLayout(definition.build(config), { environment: config.name, folder: TEAM_ROLES[definition.folder].folderTitle });
    },
  };
}

export const dashboardPreviewDocs: readonly DocGenerator[] = DASHBOARDS.map(preview);
