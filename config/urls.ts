/** URLs derived from an environment's config, shared by stacks, alerts and dashboards (pure functions). */
import type { EnvironmentConfig } from "./types";

/** Where the generated docs (runbooks) are browsable. */
export const REPOSITORY_URL = "https://github.com/fx-trader/ops-infra";

/** The public URL of an environment's Grafana. */
export function grafanaUrl(config: Pick<EnvironmentConfig, "observability" | "dnsDomain">): string {
  return `https://${config.observability.grafana.hostPrefix}.${config.dnsDomain}`;
}

/** Link to a Grafana dashboard by uid. */
export function dashboardUrl(config: Pick<EnvironmentConfig, "observability" | "dnsDomain">, uid: string): string {
  return `${grafanaUrl(config)}/d/${uid}`;
}

/** Link to an alert's runbook (`docs/runbooks/<AlertName>.md`). */
export function runbookUrl(alertName: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/runbooks/${alertName}.md`;
}
