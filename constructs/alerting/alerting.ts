/**
 * Alert rules and Alertmanager routing of one environment (A1–A9, C3): renders the typed alert records of
 * `alerts/` to review files (`out/<env>/prometheus-rules.yaml`, `out/<env>/alertmanager.yaml`, the files
 * promtool and amtool check), names the secret Alertmanager mounts, and exposes the rule groups, the
 * Alertmanager configuration and the secret names for the kube-prometheus-stack release to carry.
 */
import { Construct } from "constructs";
import { buildAlertmanagerConfig, renderAlertmanagerYaml } from "../../alerts/alertmanager";
import { ALERTMANAGER_SECRET_NAME, notificationSecretKeys } from "../../alerts/secrets";
import { activeAlerts } from "../../alerts/resolve";
import { buildRuleGroups, renderRuleFile } from "../../alerts/rules";
import type { AlertmanagerConfig, PrometheusRuleGroup } from "../../alerts/models";
import { SEVERITIES } from "../../alerts/types";
import type { EnvironmentConfig } from "../../config/types";
import { secretById, secretName } from "../../secrets/catalog";
import { ReviewArtifact } from "../core/review-artifact";
import { SummaryNote } from "../core/summary-note";
import type { AlertmanagerSecretSource } from "../observability/kube-prometheus-stack";

export interface AlertingProps {
  readonly config: EnvironmentConfig;
}

export class Alerting extends Construct {
  /** Prometheus rule groups (kube-prometheus-stack `additionalPrometheusRulesMap.<name>.groups`). */
  readonly ruleGroups: readonly PrometheusRuleGroup[];
  /** The whole Alertmanager configuration (kube-prometheus-stack `alertmanager.config`). */
  readonly alertmanagerConfig: AlertmanagerConfig;
  /**
   * The Kubernetes secrets Alertmanager mounts (`alertmanager.alertmanagerSpec.secrets`) and the Secrets
   * Manager secrets External Secrets Operator syncs them from (S5, `secrets/catalog.ts`).
   */
  readonly secrets: readonly AlertmanagerSecretSource[];

  constructor(scope: Construct, id: string, props: AlertingProps) {
    super(scope, id);
    const { config } = props;
    this.ruleGroups = buildRuleGroups(config);
    this.alertmanagerConfig = buildAlertmanagerConfig(config);
    this.secrets = [
      { name: ALERTMANAGER_SECRET_NAME, secretsManagerSecret: secretName(config, secretById(config, "alertmanager-receivers")), keys: notificationSecretKeys(config) },
    ];
    new ReviewArtifact(this, "rules-file", { path: "prometheus-rules.yaml", content: renderRuleFile(config, this.ruleGroups) });
    new ReviewArtifact(this, "alertmanager-file", { path: "alertmanager.yaml", content: renderAlertmanagerYaml(config, this.alertmanagerConfig) });
    const alerts = activeAlerts(config);
    const counts = SEVERITIES.map((s) => `${alerts.filter((a) => a.severity === s).length} ${s}`).join(", ");
    new SummaryNote(this, "summary", { topic: "alerts", text: `${alerts.length} (${counts})` });
  }
}
