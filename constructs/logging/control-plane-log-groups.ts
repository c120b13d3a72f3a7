/**
 * The CloudWatch log groups of the retention table (`cloudWatchLogGroups`): today the EKS control plane's
 * `/aws/eks/<cluster>/cluster`, with the retention the table computes and KMS encryption with the log key.
 *
 * EKS writes to this fixed name once control-plane logging is enabled on the cluster; creating the group
 * here first (or importing it, if the cluster already logs) is what gives it a retention and a key instead
 * of EKS's default of never expiring, unencrypted.
 */
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Construct } from "constructs";
import { CLOUDWATCH_RETENTION_DAYS } from "../../config/log-storage";
import { cloudWatchLogGroups, type CloudWatchLogGroupPolicy } from "../../config/retention-policy";
import type { EnvironmentConfig } from "../../config/types";
import { protectStateful } from "../core/protection";
import type { CustomerKey } from "../core/customer-key";
import { allowService, condition } from "../core/policy-statements";
import { waive } from "../policy/waiver";

export interface ControlPlaneLogGroupsProps {
  readonly config: Pick<EnvironmentConfig, "name" | "account" | "region" | "logRetention" | "eks" | "protectStatefulResources" | "policy">;
  readonly key: CustomerKey;
}

/** One year: checkov CKV_AWS_338's minimum. */
const ONE_YEAR_DAYS = 365;

/**
 * Waives CKV_AWS_338 on a group the retention table keeps shorter than a year (environments whose config relaxes
 * the guide), with the table's reason; a group kept a year or more needs no waiver.
 */
function waiveShortRetention(config: Pick<EnvironmentConfig, "name" | "policy">, policy: CloudWatchLogGroupPolicy, group: CloudwatchLogGroup): CloudwatchLogGroup {
  if (policy.retentionDays >= ONE_YEAR_DAYS) return group;
  return waive(
    group,
    "CKV_AWS_338",
    `${config.name} keeps ${policy.name} ${policy.retentionDays} days, the retention table's value for its log classes (${policy.classes.join(", ")}) in this ${config.policy}-policy environment; the account trail keeps the audit trail a year`,
  );
}

export class ControlPlaneLogGroups extends Construct {
  /** The log groups with the policy each implements, in table order. */
  readonly groups: ReadonlyArray<{ readonly policy: CloudWatchLogGroupPolicy; readonly logGroup: CloudwatchLogGroup }>;

  constructor(scope: Construct, id: string, props: ControlPlaneLogGroupsProps) {
    super(scope, id);
    const { config, key } = props;
    const policies = cloudWatchLogGroups(config);
    for (const p of policies) {
      if (!CLOUDWATCH_RETENTION_DAYS.includes(p.retentionDays)) {
        throw new Error(
          `ControlPlaneLogGroups ${this.node.path}: [${config.name}] retention of ${p.name} = ${p.retentionDays} days (from log classes ` +
            `${p.classes.join(", ")}): must be one CloudWatch Logs accepts (${CLOUDWATCH_RETENTION_DAYS.join(", ")})`,
        );
      }
    }
    const logGroupArns = policies.map((p) => `arn:aws:logs:${config.region}:${config.account.id}:log-group:${p.name}`);
    key.addToPolicy(
      allowService(
        "CloudWatchLogsUseKey",
        `logs.${config.region}.amazonaws.com`,
        ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        ["*"],
        [condition("ArnEquals", "kms:EncryptionContext:aws:logs:arn", logGroupArns)],
      ),
    );
    this.groups = policies.map((policy) => ({
      policy,
      logGroup: waiveShortRetention(config, policy, protectStateful(
        new CloudwatchLogGroup(this, policy.id, {
          name: policy.name,
          retentionInDays: policy.retentionDays,
          kmsKeyId: key.arn,
          deletionProtectionEnabled: config.protectStatefulResources,
        }),
        config.protectStatefulResources,
      )),
    }));
  }
}
