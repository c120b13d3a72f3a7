/**
 * Backup failures reach the on-call path: an EventBridge rule per failure signal (backup, DR copy, restore
 * test) and a CloudWatch alarm on the matching `AWS/Backup` metric publish to a KMS-encrypted SNS topic,
 * which is subscribed to the on-call HTTPS endpoint (S5). The endpoint has its own Secrets Manager secret
 * (never the receivers' secret) and reaches Terraform as a sensitive input variable that the pipeline fills
 * from that secret (`TF_VAR_backup_on_call_endpoint`), not through a `data` source: an SNS endpoint is stored
 * by AWS on the subscription and in the Terraform state by nature (`endpoint` is not a write-only argument, so
 * an ephemeral value cannot go there), and no stack holds a data source that copies a secret into state.
 * The event is
 * immediate (AWS delivers them best-effort within about 5 minutes); the alarm also resolves (OK action).
 */
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "../../config/types";
import { secretName, type SecretDefinition } from "../../secrets/catalog";
import type { CustomerKey } from "../core/customer-key";
import { endpointVariable } from "../core/endpoint-variable";
import { backupNames, type BackupEnvironment } from "./backup-names";
import type { BackupVault } from "./backup-vault";
import { failureEventPattern, signalsFor } from "./failure-signals";
import { allowService, condition, policyDocument } from "../core/policy-statements";
import { terraformJson } from "../core/terraform-string";

export interface BackupFailureAlertsProps {
  readonly config: BackupEnvironment & Pick<EnvironmentConfig, "secrets">;
  /** The data key that encrypts the topic. */
  readonly encryptionKey: CustomerKey;
  /** The catalogue's `backup-on-call-endpoint` secret: the on-call HTTPS endpoint the topic delivers to. */
  readonly onCallEndpoint: SecretDefinition;
  /** The primary vault (its name is the dimension of the `AWS/Backup` metrics). */
  readonly vault: BackupVault;
  readonly provider: TerraformProvider;
}

export class BackupFailureAlerts extends Construct {
  readonly topic: SnsTopic;
  readonly rules: readonly CloudwatchEventRule[];
  readonly alarms: readonly CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: BackupFailureAlertsProps) {
    super(scope, id);
    const { config, provider } = props;
    const names = backupNames(config);
    const account = config.account.id;
    const topicArn = `arn:aws:sns:${config.region}:${account}:${names.alertTopic}`;
    this.topic = new SnsTopic(this, "topic", { provider, name: names.alertTopic, kmsMasterKeyId: props.encryptionKey.arn });
    new SnsTopicPolicy(this, "topic-policy", {
      provider,
      arn: this.topic.arn,
      policy: policyDocument([
        allowService("AllowBackupFailureRules", "events.amazonaws.com", ["sns:Publish"], [topicArn], [
          condition("ArnLike", "aws:SourceArn", [`arn:aws:events:${config.region}:${account}:rule/${names.eventRulePrefix}-*`]),
        ]),
        allowService("AllowBackupFailureAlarms", "cloudwatch.amazonaws.com", ["sns:Publish"], [topicArn], [
          condition("ArnLike", "aws:SourceArn", [`arn:aws:cloudwatch:${config.region}:${account}:alarm:${names.alarmPrefix}-*`]),
        ]),
      ]),
    });
    const secret = props.onCallEndpoint;
    const variable = secret.terraform?.variable;
    if (variable === undefined) throw new Error(`[${config.name}] secret ${secret.id} names no Terraform variable (secrets/catalog.ts terraform.variable)`);
    const endpoint = endpointVariable(
      this,
      "on-call-endpoint",
      variable,
      `On-call HTTPS endpoint of the backup failure topic: the value of ${secretName(config, secret)}, set by the pipeline as TF_VAR_${variable}`,
    );
    new SnsTopicSubscription(this, "on-call", {
      provider,
      topicArn: this.topic.arn,
      protocol: "https",
      endpoint: endpoint.stringValue,
      endpointAutoConfirms: true,
    });
    const signals = signalsFor(config);
    this.rules = signals.map((signal) => {
      const rule = new CloudwatchEventRule(this, `${signal.key}-rule`, {
        provider,
        name: `${names.eventRulePrefix}-${signal.key}-failed`,
        description: `${signal.alertName} (${signal.severity}, ${signal.requirement}): ${signal.summary}`,
        eventPattern: terraformJson(failureEventPattern(signal)),
      });
      new CloudwatchEventTarget(this, `${signal.key}-target`, { provider, rule: rule.name, arn: this.topic.arn, targetId: "on-call-topic" });
      return rule;
    });
    this.alarms = signals.map(
      (signal) =>
        new CloudwatchMetricAlarm(this, `${signal.key}-alarm`, {
          provider,
          alarmName: `${names.alarmPrefix}-${signal.key}-failed`,
          alarmDescription: `${signal.alertName} (${signal.severity}, ${signal.requirement}): ${signal.summary} ${signal.action}`,
          namespace: "AWS/Backup",
          metricName: signal.metricName,
          dimensions: { BackupVaultName: props.vault.name },
          statistic: "Sum",
          period: 3600,
          evaluationPeriods: 1,
          threshold: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          // No failed job publishes no datapoint: that is the healthy state, not missing data.
          treatMissingData: "notBreaching",
          alarmActions: [this.topic.arn],
          okActions: [this.topic.arn],
        }),
    );
  }
}
