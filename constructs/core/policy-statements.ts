/**
 * Builders for IAM policy statements of `aws_iam_policy_document` data sources (bucket and key policies), so
 * each grant reads as one line. Shared by the core storage constructs and the domains that add grants to them.
 */
import type {
  DataAwsIamPolicyDocumentStatement,
  DataAwsIamPolicyDocumentStatementCondition,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/** A policy condition, e.g. `condition("StringEquals", "aws:SourceAccount", [account])`. */
export function condition(test: string, variable: string, values: readonly string[]): DataAwsIamPolicyDocumentStatementCondition {
  return { test, variable, values: [...values] };
}

/** An Allow statement for an AWS service principal. */
export function allowService(
  sid: string,
  service: string,
  actions: readonly string[],
  resources: readonly string[],
  conditions: readonly DataAwsIamPolicyDocumentStatementCondition[] = [],
): DataAwsIamPolicyDocumentStatement {
  return {
    sid,
    effect: "Allow",
    principals: [{ type: "Service", identifiers: [service] }],
    actions: [...actions],
    resources: [...resources],
    ...(conditions.length > 0 ? { condition: [...conditions] } : {}),
  };
}

/** An Allow statement for an AWS principal (account root or role ARN). */
export function allowAws(sid: string, principal: string, actions: readonly string[], resources: readonly string[]): DataAwsIamPolicyDocumentStatement {
  return { sid, effect: "Allow", principals: [{ type: "AWS", identifiers: [principal] }], actions: [...actions], resources: [...resources] };
}
