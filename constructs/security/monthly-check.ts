/**
 * S4 monthly light check: an EventBridge Scheduler schedule that re-evaluates every audit Config rule once a
 * month (change-triggered rules included, which otherwise run only when a resource changes). Results land in
 * Config and Security Hub, where the monthly review reads them.
 */
import type { ConfigConfigRule } from "@cdktf/provider-aws/lib/config-config-rule";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { Construct } from "constructs";
import type { AwsAccount } from "../../config/types";
import { accountResourceName } from "../core/naming";
import { schedulerRole, waiveScheduleKey } from "./private/scheduler-role";
import { terraformJson } from "../core/terraform-string";

/** EventBridge Scheduler universal target for Config's StartConfigRulesEvaluation. */
export const START_RULES_EVALUATION_TARGET = "arn:aws:scheduler:::aws-sdk:config:startConfigRulesEvaluation";
/** StartConfigRulesEvaluation accepts at most 25 rule names per call. */
export const MAX_RULES_PER_EVALUATION = 25;

export interface MonthlySecurityCheckProps {
  readonly account: AwsAccount;
  readonly rules: readonly ConfigConfigRule[];
  /** EventBridge Scheduler expression, e.g. `cron(0 3 1 * ? *)`. */
  readonly schedule: string;
  readonly timezone: string;
}

/** S4: the monthly re-evaluation of every audit Config rule. */
export class MonthlySecurityCheck extends Construct {
  readonly schedule: SchedulerSchedule;

  constructor(scope: Construct, id: string, props: MonthlySecurityCheckProps) {
    super(scope, id);
    const { account, rules } = props;
    if (rules.length === 0 || rules.length > MAX_RULES_PER_EVALUATION) {
      throw new Error(`MonthlySecurityCheck ${this.node.path}: ${rules.length} rules: must be 1 to ${MAX_RULES_PER_EVALUATION} (StartConfigRulesEvaluation limit); split the check`);
    }
    const role = schedulerRole(this, account, accountResourceName(account, "monthly-security-check"), [
      { sid: "ReevaluateAuditRules", actions: ["config:StartConfigRulesEvaluation"], resources: rules.map((r) => r.arn) },
    ]);
    this.schedule = new SchedulerSchedule(this, "schedule", {
      name: accountResourceName(account, "monthly-security-check"),
      description: "S4 monthly light check: re-evaluate every audit Config rule",
      scheduleExpression: props.schedule,
      scheduleExpressionTimezone: props.timezone,
      flexibleTimeWindow: { mode: "OFF" },
      target: {
        arn: START_RULES_EVALUATION_TARGET,
        roleArn: role.arn,
        input: terraformJson({ ConfigRuleNames: rules.map((r) => r.name) }),
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
      },
    });
    waiveScheduleKey(this.schedule);
  }
}
