/**
 * The notification secrets Alertmanager reads as files (C3). One Kubernetes secret, filled at apply time
 * from the Secrets Manager secret `config.alerts.notificationSecretName` (a JSON object with these keys),
 * is mounted by the Alertmanager pods at `/etc/alertmanager/secrets/<secret>/<key>`. The rendered
 * configuration only names the files, so no routing key or webhook URL is ever in the repo, the rendered
 * YAML or the synthesized Terraform JSON.
 */
import type { EnvironmentConfig } from "../config/types";

/** Kubernetes secret (in the monitoring namespace) that holds the receivers' credentials. */
export const ALERTMANAGER_SECRET_NAME = "alertmanager-receivers";

/** Where the Prometheus operator mounts `alertmanagerSpec.secrets`. */
export const SECRET_MOUNT_DIR = "/etc/alertmanager/secrets";

/** Keys of the Secrets Manager JSON secret, which become file names in the mounted Kubernetes secret. */
export const SECRET_KEYS = {
  pagerdutyRoutingKey: "pagerduty-routing-key",
  opsgenieApiKey: "opsgenie-api-key",
  slackIncidentWebhookUrl: "slack-incident-webhook-url",
  slackAlertsWebhookUrl: "slack-alerts-webhook-url",
  slackDigestWebhookUrl: "slack-digest-webhook-url",
  heartbeatApiKey: "heartbeat-api-key",
} as const;

export type SecretKey = (typeof SECRET_KEYS)[keyof typeof SECRET_KEYS];

/** Path of the mounted file holding `key`. */
export function secretFile(key: SecretKey): string {
  return `${SECRET_MOUNT_DIR}/${ALERTMANAGER_SECRET_NAME}/${key}`;
}

/** The keys `config`'s receivers read, sorted: the Secrets Manager secret must hold each of them. */
export function notificationSecretKeys(config: EnvironmentConfig): SecretKey[] {
  const keys: SecretKey[] = [SECRET_KEYS.slackIncidentWebhookUrl, SECRET_KEYS.slackAlertsWebhookUrl, SECRET_KEYS.slackDigestWebhookUrl, SECRET_KEYS.heartbeatApiKey];
  if (config.alerts.pager === "pagerduty") keys.push(SECRET_KEYS.pagerdutyRoutingKey);
  if (config.alerts.pager === "opsgenie") keys.push(SECRET_KEYS.opsgenieApiKey);
  return keys.sort();
}
