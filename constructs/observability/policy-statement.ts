/** The grants the observability components' pod roles share, in the core statement vocabulary. */
import { allow, type PolicyStatement } from "../core/policy-statements";

/** Read, write and delete access to the objects of the given buckets (what Loki and Tempo need). */
export function bucketObjectAccess(bucketArns: readonly string[]): PolicyStatement[] {
  return [
    allow("ListBuckets", ["s3:ListBucket"], bucketArns),
    allow("ReadWriteObjects", ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], bucketArns.map((arn) => `${arn}/*`)),
  ];
}

/**
 * Use of one KMS key for SSE-KMS objects: S3 asks for a data key on put and a decrypt on get (and on
 * completing multipart uploads); nothing else is needed.
 */
export function keyUse(keyArn: string): PolicyStatement {
  return allow("UseStorageKey", ["kms:Decrypt", "kms:GenerateDataKey"], [keyArn]);
}
