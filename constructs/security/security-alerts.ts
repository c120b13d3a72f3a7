/**
 * Detection → response for an AWS account: one KMS-encrypted SNS topic per severity (critical, warning, info),
 * each subscribed to the HTTPS endpoint of that severity's on-call receivers (a sensitive input variable the
 * pipeline sets from its own Secrets Manager secret, which holds only that URL, as it does for the backup
 * on-call endpoint: no `data` source reads a secret; an SNS endpoint is stored on the subscription and in the
 * state by nature), EventBridge rules that publish GuardDuty, Security Hub and Access Analyzer findings to the topic of
 * their severity (`FINDING_ROUTES`), the CIS metric filters on the account trail's log group with one alarm
 * each (`CIS_METRIC_FILTERS`), and in the DR region a rule forwarding GuardDuty and Security Hub findings to
 * the primary region's default event bus, where the same routes apply.
 */
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { AccountConfig } from "../../config/accounts";
import { SEVERITIES, type Severity } from "../../alerts/types";
import { CustomerKey } from "../core/customer-key";
import { endpointVariable } from "../core/endpoint-variable";
import { accountResourceName } from "../core/naming";
import { allowService, condition } from "../core/policy-statements";
import { terraformJson } from "../core/terraform-string";
import { accountVariableSecrets } from "../../secrets/terraform-access";
import { CIS_METRIC_FILTERS, CIS_METRIC_NAMESPACE, FINDING_ROUTES, FORWARDED_SOURCES } from "./finding-routes";

/** Physical names of the account's security alerting, from one place (docs and tests read them too). */
export function securityAlertNames(account: Pick<AccountConfig, "name">) {
  return {
    topic: (severity: Severity) => accountResourceName(account, "security", severity),
    rulePrefix: accountResourceName(account, "finding"),
    alarmPrefix: accountResourceName(account, "cis"),
    forwardRule: accountResourceName(account, "finding-forward-dr"),
  };
}

export interface SecurityAlertsProps {
  readonly account: AccountConfig;
  /** The account trail's CloudWatch log group (the CIS filters read it). */
  readonly trailLogGroup: CloudwatchLogGroup;
  /** Provider in the account's DR region. */
  readonly drProvider: TerraformProvider;
  /**
   * `prevent_destroy` on the topics' key.
   * @default true
   */
  readonly protect?: boolean;
}

export class SecurityAlerts extends Construct {
  /** The key of the alert topics. */
  readonly key: CustomerKey;
  readonly topics: Readonly<Record<Severity, SnsTopic>>;
  readonly findingRules: readonly CloudwatchEventRule[];
  readonly metricFilters: readonly CloudwatchLogMetricFilter[];
  readonly alarms: readonly CloudwatchMetricAlarm[];
  /** The DR region's forwarding rule. */
  readonly forwardRule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: SecurityAlertsProps) {
    super(scope, id);
    const { account } = props;
    const names = securityAlertNames(account);
    const region = account.region;
    const ruleArns = `arn:aws:events:${region}:${account.id}:rule/${names.rulePrefix}-*`;
    const alarmArns = `arn:aws:cloudwatch:${region}:${account.id}:alarm:${names.alarmPrefix}-*`;
    const fromEvents = [condition("StringEquals", "aws:SourceAccount", [account.id]), condition("ArnLike", "aws:SourceArn", [ruleArns])];
    const fromAlarms = [condition("StringEquals", "aws:SourceAccount", [account.id]), condition("ArnLike", "aws:SourceArn", [alarmArns])];

    // SNS encrypts with the topic's key on behalf of the publisher: EventBridge and CloudWatch need the key.
    this.key = new CustomerKey(this, "key", {
      aliasName: `alias/${accountResourceName(account, "security-alerts")}`,
      description: `${accountResourceName(account, "security-alerts")}: security finding and CIS alarm topics`,
      accountId: account.id,
      deletionWindowDays: account.security.evidence.keyDeletionWindowDays,
      deletionWindowSource: `account ${account.name}: security.evidence.keyDeletionWindowDays`,
      policyStatements: [
        allowService("EventBridgePublishEncrypted", "events.amazonaws.com", ["kms:GenerateDataKey*", "kms:Decrypt"], ["*"], fromEvents),
        allowService("CloudWatchAlarmsPublishEncrypted", "cloudwatch.amazonaws.com", ["kms:GenerateDataKey*", "kms:Decrypt"], ["*"], fromAlarms),
      ],
      protect: props.protect ?? true,
    });

    const topics = {} as Record<Severity, SnsTopic>;
    for (const severity of SEVERITIES) {
      const scope = new Construct(this, severity);
      const topicName = names.topic(severity);
      const topicArn = `arn:aws:sns:${region}:${account.id}:${topicName}`;
      const topic = new SnsTopic(scope, "topic", { name: topicName, kmsMasterKeyId: this.key.arn });
      const policy = new DataAwsIamPolicyDocument(scope, "topic-policy-document", {
        statement: [
          allowService("FindingRulesPublish", "events.amazonaws.com", ["sns:Publish"], [topicArn], fromEvents),
          allowService("CisAlarmsPublish", "cloudwatch.amazonaws.com", ["sns:Publish"], [topicArn], fromAlarms),
        ],
      });
      new SnsTopicPolicy(scope, "topic-policy", { arn: topic.arn, policy: policy.json });
      const input = accountVariableSecrets(account).find((v) => v.severity === severity)!;
      const endpoint = endpointVariable(
        this,
        `${severity}-endpoint`,
        input.variable,
        `On-call HTTPS endpoint of the ${severity} security topic: the value of ${input.secret}, set by the pipeline as ${input.environmentVariable}`,
      );
      new SnsTopicSubscription(scope, "on-call", { topicArn: topic.arn, protocol: "https", endpoint: endpoint.stringValue, endpointAutoConfirms: true });
      topics[severity] = topic;
    }
    this.topics = topics;

    this.findingRules = FINDING_ROUTES.map((route) => {
      const rule = new CloudwatchEventRule(this, `${route.key}-rule`, {
        name: `${names.rulePrefix}-${route.key}`,
        description: `${route.source} → ${route.severity}: ${route.matches}`,
        eventPattern: terraformJson(route.pattern),
      });
      new CloudwatchEventTarget(this, `${route.key}-target`, { rule: rule.name, arn: topics[route.severity].arn, targetId: `security-${route.severity}` });
      return rule;
    });

    this.metricFilters = CIS_METRIC_FILTERS.map(
      (f) =>
        new CloudwatchLogMetricFilter(this, `cis-${f.key}-filter`, {
          name: `cis-${f.cis}-${f.key}`,
          logGroupName: props.trailLogGroup.name,
          pattern: f.pattern,
          metricTransformation: { name: f.key, namespace: CIS_METRIC_NAMESPACE, value: "1", defaultValue: "0" },
        }),
    );
    this.alarms = CIS_METRIC_FILTERS.map(
      (f, i) =>
        new CloudwatchMetricAlarm(this, `cis-${f.key}-alarm`, {
          alarmName: `${names.alarmPrefix}-${f.key}`,
          alarmDescription: `CIS ${f.cis} (${f.control}, ${f.severity}): ${f.title} in account ${account.name}`,
          namespace: CIS_METRIC_NAMESPACE,
          metricName: f.key,
          statistic: "Sum",
          period: 300,
          evaluationPeriods: 1,
          threshold: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          // No matching event publishes 0 (the filter's default value); a gap is not an event either.
          treatMissingData: "notBreaching",
          alarmActions: [topics[f.severity].arn],
          dependsOn: [this.metricFilters[i]!],
        }),
    );

    // DR region: GuardDuty and Security Hub findings there go to the primary region's default bus.
    const dr = props.drProvider;
    const primaryBus = `arn:aws:events:${region}:${account.id}:event-bus/default`;
    const forwardArn = `arn:aws:events:${account.drRegion}:${account.id}:rule/${names.forwardRule}`;
    const trust = new DataAwsIamPolicyDocument(this, "forward-trust", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }],
          condition: [condition("StringEquals", "aws:SourceAccount", [account.id]), condition("ArnEquals", "aws:SourceArn", [forwardArn])],
        },
      ],
    });
    const role = new IamRole(this, "forward-role", { name: accountResourceName(account, "finding-forward-dr"), assumeRolePolicy: trust.json });
    const permissions = new DataAwsIamPolicyDocument(this, "forward-permissions", { statement: [{ sid: "PutToPrimaryBus", actions: ["events:PutEvents"], resources: [primaryBus] }] });
    new IamRolePolicy(this, "forward-policy", { name: "forward-findings", role: role.id, policy: permissions.json });
    this.forwardRule = new CloudwatchEventRule(this, "forward-rule", {
      provider: dr,
      name: names.forwardRule,
      description: `Forwards ${FORWARDED_SOURCES.join(", ")} findings of ${account.drRegion} to ${region}'s default bus (routed there by severity)`,
      eventPattern: terraformJson({ source: [...FORWARDED_SOURCES] }),
    });
    new CloudwatchEventTarget(this, "forward-target", { provider: dr, rule: this.forwardRule.name, arn: primaryBus, roleArn: role.arn, targetId: "primary-region-bus" });
  }
}
