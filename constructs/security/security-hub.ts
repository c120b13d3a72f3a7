/**
 * AWS Security Hub with the CIS AWS Foundations Benchmark and AWS Foundational Security Best Practices
 * standards, consolidated control findings. It aggregates GuardDuty, Inspector, Access Analyzer and Config
 * findings into one place the monthly and quarterly reviews read.
 */
import { SecurityhubAccount } from "@cdktf/provider-aws/lib/securityhub-account";
import { SecurityhubStandardsSubscription } from "@cdktf/provider-aws/lib/securityhub-standards-subscription";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { AccountSecurityConfig } from "../../config/types";

/** Regional ARNs of the standards Security Hub subscribes to. */
export function standardsArns(region: string, versions: AccountSecurityConfig["securityHub"]): { readonly cis: string; readonly foundational: string } {
  return {
    cis: `arn:aws:securityhub:${region}::standards/cis-aws-foundations-benchmark/v/${versions.cisVersion}`,
    foundational: `arn:aws:securityhub:${region}::standards/aws-foundational-security-best-practices/v/${versions.foundationalVersion}`,
  };
}

export interface SecurityHubProps {
  readonly region: string;
  readonly standards: AccountSecurityConfig["securityHub"];
  /**
   * Provider of `region`.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Security Hub with the CIS and AWS Foundational standards. */
export class SecurityHub extends Construct {
  readonly account: SecurityhubAccount;
  readonly cis: SecurityhubStandardsSubscription;
  readonly foundational: SecurityhubStandardsSubscription;

  constructor(scope: Construct, id: string, props: SecurityHubProps) {
    super(scope, id);
    // Standards are subscribed explicitly below (with pinned versions), not by Security Hub's defaults.
    this.account = new SecurityhubAccount(this, "account", { provider: props.provider, enableDefaultStandards: false, controlFindingGenerator: "SECURITY_CONTROL", autoEnableControls: true });
    const arns = standardsArns(props.region, props.standards);
    this.cis = new SecurityhubStandardsSubscription(this, "cis", { provider: props.provider, standardsArn: arns.cis, dependsOn: [this.account] });
    this.foundational = new SecurityhubStandardsSubscription(this, "foundational", { provider: props.provider, standardsArn: arns.foundational, dependsOn: [this.account] });
  }
}
