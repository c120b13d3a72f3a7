/** Renders the Prometheus rule groups (rule file and PrometheusRule `spec.groups`) from the resolved alerts. */
import { stringify } from "yaml";
import type { EnvironmentConfig } from "../config/types";
import { YAML_OPTIONS } from "./yaml";
import { RULE_GROUPS } from "./catalog";
import { activeAlerts } from "./resolve";
import type { AlertingRule, PrometheusRuleGroup, RecordingRule } from "./models";
import type { ResolvedAlert } from "./types";
import { num } from "./promql";
import { OBJECTIVE_RECORD, SLO_KINDS, SLO_LABEL, badRatio, errorRatioRecord, objectiveRatio, recordedWindows } from "../signals/slo";

/** Rule group whose recording rules the SLO alerts read; they are evaluated first, in the same group. */
export const SLO_RULE_GROUP = "slo";

/**
 * A10: per service and objective kind, the objective itself and the "bad" ratio over every burn-rate window
 * and the SLO period, labelled `slo="availability"` or `slo="latency"`.
 */
export function sloRecordingRules(config: EnvironmentConfig): RecordingRule[] {
  const namespace = config.eks.appNamespace;
  return Object.entries(config.slo.services).flatMap(([service, o]) =>
    SLO_KINDS.flatMap((kind) => [
      { record: OBJECTIVE_RECORD, expr: `vector(${num(objectiveRatio(o, kind))})`, labels: { namespace, service, [SLO_LABEL]: kind } },
      ...recordedWindows(config.slo).map((window) => ({ record: errorRatioRecord(window), expr: badRatio(namespace, service, o, kind, window), labels: { service, [SLO_LABEL]: kind } })),
    ]),
  );
}

/** Prefix of every rule group name, so our groups stand apart from the chart's default rules. */
export const RULE_GROUP_PREFIX = "fx-trader";

/** One Prometheus alerting rule. */
export function alertingRule(alert: ResolvedAlert): AlertingRule {
  return {
    alert: alert.name,
    expr: alert.expr,
    ...(alert.for === "" ? {} : { for: alert.for }),
    labels: { ...alert.labels },
    annotations: { ...alert.annotations },
  };
}

/** The rule groups of `config`'s enabled alerts, in catalog order; groups left empty by overrides are omitted. */
export function buildRuleGroups(config: EnvironmentConfig): PrometheusRuleGroup[] {
  const alerts = activeAlerts(config);
  return RULE_GROUPS.map((group) => ({
    name: `${RULE_GROUP_PREFIX}.${group}`,
    rules: [...(group === SLO_RULE_GROUP ? sloRecordingRules(config) : []), ...alerts.filter((a) => a.definition.group === group).map(alertingRule)],
  })).filter((g) => g.rules.length > 0);
}

/** The rule file `promtool check rules` reads (`out/<env>/prometheus-rules.yaml`). */
export function renderRuleFile(config: EnvironmentConfig, groups: readonly PrometheusRuleGroup[] = buildRuleGroups(config)): string {
  const header = `# Prometheus recording and alerting rules of ${config.name}, rendered from alerts/ (do not edit; see docs/alerts.md).\n`;
  return header + stringify({ groups }, YAML_OPTIONS);
}
