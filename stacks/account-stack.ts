/**
 * The account baseline stack: account-wide singletons (IAM password policy, Access Analyzer, Config,
 * GuardDuty, Inspector, Security Hub in both regions, the account's CloudTrail trail and its alarms, the audit cadence). Declared once per AWS account however many environments share it, because
 * two declarations of a singleton would fight over the same object.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { AccountConfig } from "../config/accounts";
import { accountStackName } from "../constructs/core/naming";
import { SecurityBaseline } from "../constructs/security/security-baseline";
import { configureBackend } from "./environment-stack";

export interface AccountStackProps {
  readonly account: AccountConfig;
}

export class AccountStack extends TerraformStack {
  readonly account: AccountConfig;
  readonly aws: AwsProvider;
  /** Provider alias `dr` in the account's DR region: the baseline's detection runs there too. */
  readonly awsDr: AwsProvider;
  /** S1–S4: the account's security baseline. */
  readonly security: SecurityBaseline;

  constructor(scope: Construct, props: AccountStackProps) {
    super(scope, accountStackName(props.account.name));
    const { account } = props;
    this.account = account;
    configureBackend(this, account.stateBackend, `fx-trader/account/${account.name}.tfstate`);
    const defaultTags = [{ tags: { project: "fx-trader", owner: account.owner, "cost-centre": account.costCentre, "managed-by": "cdktf", "stack-layer": "account" } }];
    this.aws = new AwsProvider(this, "aws", { region: account.region, allowedAccountIds: [account.id], defaultTags });
    this.awsDr = new AwsProvider(this, "aws-dr", { alias: "dr", region: account.drRegion, allowedAccountIds: [account.id], defaultTags });
    this.security = new SecurityBaseline(this, "security", { account, drProvider: this.awsDr });
  }
}
