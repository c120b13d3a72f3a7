/**
 * S1: the IAM account password policy (an account singleton). Its values come from the account config,
 * which validation holds to CIS: length ≥ 14, every character class, 24 remembered, 90-day expiry.
 */
import { IamAccountPasswordPolicy } from "@cdktf/provider-aws/lib/iam-account-password-policy";
import { Construct } from "constructs";
import type { AccountSecurityConfig } from "../../config/types";

export interface AccountPasswordPolicyProps {
  readonly policy: AccountSecurityConfig["passwordPolicy"];
}

/** S1: the account's IAM password policy. */
export class AccountPasswordPolicy extends Construct {
  readonly resource: IamAccountPasswordPolicy;

  constructor(scope: Construct, id: string, props: AccountPasswordPolicyProps) {
    super(scope, id);
    const p = props.policy;
    this.resource = new IamAccountPasswordPolicy(this, "policy", {
      minimumPasswordLength: p.minimumLength,
      requireLowercaseCharacters: p.requireLowercase,
      requireUppercaseCharacters: p.requireUppercase,
      requireNumbers: p.requireNumbers,
      requireSymbols: p.requireSymbols,
      passwordReusePrevention: p.reusePrevention,
      maxPasswordAge: p.maxAgeDays,
      allowUsersToChangePassword: true,
      // An expired password can still be changed by its user at sign-in; hard expiry would lock users out.
      hardExpiry: false,
    });
  }
}
