/** Builders for IAM policy statements (bucket and key policies), so each grant reads as one line. */
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

/** Denies every S3 request to `bucketArn` that does not use TLS (`aws:SecureTransport` = false). */
export function denyInsecureTransport(bucketArn: string): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "DenyInsecureTransport",
    effect: "Deny",
    principals: [{ type: "*", identifiers: ["*"] }],
    actions: ["s3:*"],
    resources: [bucketArn, `${bucketArn}/*`],
    condition: [condition("Bool", "aws:SecureTransport", ["false"])],
  };
}
