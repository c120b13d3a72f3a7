/**
 * S1: IAM Access Analyzer, twice: an external-access analyzer (resources shared outside the account) and an
 * unused-access analyzer (roles, users, keys and permissions unused for the configured days — the
 * "unnecessary permissions" of S1). Both are account-wide in the account's region.
 */
import { AccessanalyzerAnalyzer } from "@cdktf/provider-aws/lib/accessanalyzer-analyzer";
import { Construct } from "constructs";
import type { AwsAccount } from "../../config/types";
import { accountResourceName } from "../core/naming";

export interface AccessAnalyzersProps {
  readonly account: AwsAccount;
  /** Days without use after which access is reported unused (1–365). */
  readonly unusedAccessAgeDays: number;
}

/** S1: the external-access and unused-access analyzers of an account. */
export class AccessAnalyzers extends Construct {
  readonly externalAccess: AccessanalyzerAnalyzer;
  readonly unusedAccess: AccessanalyzerAnalyzer;

  constructor(scope: Construct, id: string, props: AccessAnalyzersProps) {
    super(scope, id);
    const days = props.unusedAccessAgeDays;
    if (!Number.isInteger(days) || days < 1 || days > 365) {
      throw new Error(`AccessAnalyzers ${this.node.path}: unusedAccessAgeDays = ${days}: must be an integer from 1 to 365 (IAM Access Analyzer limit; from security.unusedAccessAgeDays of account ${props.account.name})`);
    }
    this.externalAccess = new AccessanalyzerAnalyzer(this, "external-access", {
      analyzerName: accountResourceName(props.account, "external-access"),
      type: "ACCOUNT",
    });
    this.unusedAccess = new AccessanalyzerAnalyzer(this, "unused-access", {
      analyzerName: accountResourceName(props.account, "unused-access"),
      type: "ACCOUNT_UNUSED_ACCESS",
      configuration: { unusedAccess: { unusedAccessAge: days } },
    });
  }
}
