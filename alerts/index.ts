/**
 * Alert rules and Alertmanager routing as typed data (A1–A9, K1, P2, C3). Pure data and builders: the
 * `Alerting` construct renders them to review files and a Kubernetes secret, the kube-prometheus-stack
 * release carries them to Prometheus and Alertmanager, and `docs/` renders the catalog and runbooks.
 */
export { ALERT_DEFINITIONS, ALERT_NAMES, RULE_GROUPS, findAlertDefinition } from "./catalog";
export { buildRuleGroups, renderRuleFile } from "./rules";
export {
  AVOIDED_FIELDS,
  FX_WEEKEND_CLOSURE,
  RECEIVERS,
  WEEKEND_CLOSURE_INTERVAL,
  buildAlertmanagerConfig,
  renderAlertmanagerYaml,
} from "./alertmanager";
export { ALERTMANAGER_SECRET_NAME, SECRET_KEYS, notificationSecretKeys, secretFile } from "./secrets";
export { activeAlerts, resolveAlert, resolveAlerts } from "./resolve";
export type { AlertmanagerConfig, PrometheusRule, PrometheusRuleGroup, RuleFile } from "./models";
export type { AlertDefinition, ResolvedAlert, Severity } from "./types";
export { SEVERITIES } from "./types";
