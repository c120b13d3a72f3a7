/** Applies an environment's thresholds and per-alert overrides to the alert definitions. */
import { thresholdValue } from "../config/alert-thresholds";
import type { EnvironmentConfig } from "../config/types";
import { dashboardUrl, runbookUrl } from "../config/urls";
import { DASHBOARD_UIDS } from "../dashboards/uids";
import { ALERT_DEFINITIONS } from "./catalog";
import type { AlertContext, AlertDefinition, ResolvedAlert } from "./types";

/** Label the Alertmanager routing tree matches to apply the FX market weekend mute. */
export const TRAFFIC_LABEL = "traffic";
/** Label inhibition compares: a critical alert silences lower ones with the same `problem`. */
export const PROBLEM_LABEL = "problem";

/** Resolves one alert for `config`: effective threshold, `for`, severity, expression, labels and annotations. */
export function resolveAlert(definition: AlertDefinition, config: EnvironmentConfig): ResolvedAlert {
  const override = config.alerts.overrides[definition.name] ?? {};
  const threshold = definition.threshold === undefined ? undefined : (override.threshold ?? thresholdValue(config, definition.threshold.field));
  const severity = override.severity ?? definition.severity;
  const ctx: AlertContext = { config, threshold: threshold ?? 0, for: override.for ?? definition.for };
  const labels: Record<string, string> = { severity };
  if (definition.problem !== "") labels[PROBLEM_LABEL] = definition.problem;
  labels[TRAFFIC_LABEL] = definition.traffic;
  return {
    definition,
    name: definition.name,
    severity,
    for: ctx.for,
    threshold,
    disabled: override.disabled === true,
    expr: definition.expr(ctx),
    labels,
    annotations: {
      summary: definition.summary(ctx),
      description: definition.description(ctx),
      runbook_url: runbookUrl(definition.name),
      dashboard_url: dashboardUrl(config, DASHBOARD_UIDS[definition.dashboard]),
    },
  };
}

/** Every alert of `config`, in catalog order, including disabled ones (marked `disabled`). */
export function resolveAlerts(config: EnvironmentConfig): ResolvedAlert[] {
  return ALERT_DEFINITIONS.map((d) => resolveAlert(d, config));
}

/** The alerts `config` deploys (disabled ones left out). */
export function activeAlerts(config: EnvironmentConfig): ResolvedAlert[] {
  return resolveAlerts(config).filter((a) => !a.disabled);
}
