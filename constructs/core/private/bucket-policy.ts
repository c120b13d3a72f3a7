/** The statements every `SecureBucket` policy is built from: the TLS-only deny and the access-log delivery grant. */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { condition } from "../policy-statements";

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

/**
 * Lets S3 server access logging deliver into `targetArn`: only under the sources' prefixes, only for the
 * source buckets named, only from `accountId` (the bucket-policy form AWS requires with BucketOwnerEnforced).
 */
export function serverAccessLogsDelivery(
  targetArn: string,
  sources: ReadonlyArray<{ readonly arn: string; readonly prefix: string }>,
  accountId: string,
): DataAwsIamPolicyDocumentStatement {
  const prefixes = [...new Set(sources.map((s) => s.prefix))];
  return {
    sid: "S3ServerAccessLogsDelivery",
    effect: "Allow",
    principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
    actions: ["s3:PutObject"],
    resources: prefixes.map((p) => `${targetArn}/${p}*`),
    condition: [condition("ArnLike", "aws:SourceArn", sources.map((s) => s.arn)), condition("StringEquals", "aws:SourceAccount", [accountId])],
  };
}
