/** An IAM policy statement granting named actions on named resources (never wildcards), as data. */
import { terraformJson } from "../core/terraform-string";
export interface PolicyStatement {
  readonly sid: string;
  /** Fully named actions, e.g. `s3:GetObject`; wildcards are rejected. */
  readonly actions: readonly string[];
  /** ARNs; an object ARN may end in `/*` (every object of one bucket), a bare `*` is rejected. */
  readonly resources: readonly string[];
}

/** Renders statements as an IAM policy document (JSON text). */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return terraformJson({
    Version: "2012-10-17",
    Statement: statements.map((s) => ({ Sid: s.sid, Effect: "Allow", Action: [...s.actions], Resource: [...s.resources] })),
  });
}

/** Read, write and delete access to the objects of the given buckets (what Loki and Tempo need). */
export function bucketObjectAccess(bucketArns: readonly string[]): PolicyStatement[] {
  return [
    { sid: "ListBuckets", actions: ["s3:ListBucket"], resources: [...bucketArns] },
    { sid: "ReadWriteObjects", actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], resources: bucketArns.map((arn) => `${arn}/*`) },
  ];
}

/**
 * Use of one KMS key for SSE-KMS objects: S3 asks for a data key on put and a decrypt on get (and on
 * completing multipart uploads); nothing else is needed.
 */
export function keyUse(keyArn: string): PolicyStatement {
  return { sid: "UseStorageKey", actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: [keyArn] };
}
