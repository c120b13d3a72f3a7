import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Testing } from "cdktf";
import { CustomerKey } from "../../../constructs/core/customer-key";
import { BackupFailureAlerts } from "../../../constructs/backup/backup-failure-alerts";
import type { SecretDefinition } from "../../../secrets/catalog";
import { backupEnvironment, reference, vaultAndRole } from "./fixtures";

/** The on-call endpoint secret as the construct needs it: a path and the Terraform variable the pipeline fills. */
const ON_CALL: SecretDefinition = {
  id: "backup-on-call-endpoint",
  path: "backup/on-call-endpoint",
  description: "test endpoint",
  format: "string",
  terraform: { layer: "data", read: "variable", variable: "backup_on_call_endpoint", roles: ["plan", "deploy"] },
  readers: "SNS",
  rotation: "store, apply",
};

// Builds only the alerts, the vault they watch and the key they encrypt with; the secrets section is one prefix.
function alertsIn(onCallEndpoint: SecretDefinition = ON_CALL) {
  const config = { ...backupEnvironment(), secrets: { pathPrefix: "fx-trader/dev", refreshIntervalMinutes: 60 } };
  const { stack, provider, vault } = vaultAndRole(config);
  const encryptionKey = new CustomerKey(stack, "data-key", { aliasName: "alias/fx-trader-dev-backup-data", description: "test data key", accountId: config.account.id, provider });
  const build = () => new BackupFailureAlerts(stack, "alerts", { config, encryptionKey, onCallEndpoint, vault, provider });
  return { stack, vault, encryptionKey, build };
}

describe("BackupFailureAlerts (small fixture)", () => {
  it("B4: the topic is encrypted with the data key construct and the alarms watch the vault construct's metrics", () => {
    const { stack, vault, encryptionKey, build } = alertsIn();
    const alerts = build();
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(SnsTopic, { name: "fx-trader-dev-backup-alerts", kms_master_key_id: reference(stack, encryptionKey.key, "arn") });
    expect(alerts.alarms.length).toBeGreaterThan(0);
    for (const alarm of alerts.alarms) {
      expect(synthesized).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: alarm.alarmNameInput, dimensions: { BackupVaultName: vault.name }, namespace: "AWS/Backup" });
    }
    // S5: the endpoint reaches the subscription only as the sensitive variable the pipeline sets.
    expect(synthesized).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: "https", endpoint: "${var.backup_on_call_endpoint}" });
    // Seeded failure: the matcher rejects a topic encrypted with the key's alias instead of the key.
    expect(synthesized).not.toHaveResourceWithProperties(SnsTopic, { kms_master_key_id: "alias/fx-trader-dev-backup-data" });
  });

  it("fails when the on-call secret names no Terraform variable", () => {
    expect(alertsIn({ ...ON_CALL, terraform: undefined }).build).toThrow(
      "[dev] secret backup-on-call-endpoint names no Terraform variable (secrets/catalog.ts terraform.variable)",
    );
  });
});
