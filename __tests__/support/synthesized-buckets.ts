/**
 * Test helper: each synthesized S3 bucket with the resources that configure it, linked through the
 * `${aws_s3_bucket.<id>.id}` references in the Terraform JSON (not through construct IDs), so a test sees what
 * Terraform will see.
 */
import { parse, type SynthesizedJson } from "./index";

export type Json = Record<string, unknown>;

export interface PolicyStatement {
  readonly sid?: string;
  readonly effect?: string;
  readonly actions?: string[];
  readonly resources?: string[];
  readonly principals?: Array<{ type: string; identifiers: string[] }>;
  readonly condition?: Array<{ test: string; variable: string; values: string[] }>;
}

export interface SynthesizedBucket {
  readonly logicalId: string;
  readonly name: string;
  readonly bucket: Json;
  readonly lifecycle?: Json;
  readonly encryption?: Json;
  readonly publicAccessBlock?: Json;
  readonly versioning?: Json;
  readonly ownership?: Json;
  readonly logging?: Json;
  readonly objectLock?: Json;
  readonly policy?: Json;
  /** Terraform address of the bucket policy, e.g. `aws_s3_bucket_policy.x_policy_1234`. */
  readonly policyAddress?: string;
  /** Statements of the bucket policy's `aws_iam_policy_document`. */
  readonly statements: PolicyStatement[];
}

function attachedEntry(json: SynthesizedJson, type: string, logicalId: string): [string, Json] | undefined {
  const all = Object.entries(json.resource?.[type] ?? {}).filter(([, r]) => r.bucket === `\${aws_s3_bucket.${logicalId}.id}`);
  if (all.length > 1) throw new Error(`bucket ${logicalId} has ${all.length} ${type} resources`);
  return all[0];
}

function attachedTo(json: SynthesizedJson, type: string, logicalId: string): Json | undefined {
  return attachedEntry(json, type, logicalId)?.[1];
}

/** The statements of a `data.aws_iam_policy_document` referenced as `${data.aws_iam_policy_document.<id>.json}`. */
export function policyDocumentStatements(json: SynthesizedJson, reference: unknown): PolicyStatement[] {
  const match = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(String(reference));
  if (!match) throw new Error(`not a policy document reference: ${String(reference)}`);
  const doc = json.data?.aws_iam_policy_document?.[match[1]!] as { statement?: PolicyStatement[] } | undefined;
  if (!doc) throw new Error(`no policy document ${match[1]}`);
  return doc.statement ?? [];
}

/** Every bucket in the synthesized JSON, keyed by bucket name. */
export function synthesizedBuckets(text: string | SynthesizedJson): Map<string, SynthesizedBucket> {
  const json = typeof text === "string" ? parse(text) : text;
  const buckets = new Map<string, SynthesizedBucket>();
  for (const [logicalId, bucket] of Object.entries(json.resource?.aws_s3_bucket ?? {})) {
    const policyEntry = attachedEntry(json, "aws_s3_bucket_policy", logicalId);
    const policy = policyEntry?.[1];
    buckets.set(String(bucket.bucket), {
      logicalId,
      name: String(bucket.bucket),
      bucket,
      lifecycle: attachedTo(json, "aws_s3_bucket_lifecycle_configuration", logicalId),
      encryption: attachedTo(json, "aws_s3_bucket_server_side_encryption_configuration", logicalId),
      publicAccessBlock: attachedTo(json, "aws_s3_bucket_public_access_block", logicalId),
      versioning: attachedTo(json, "aws_s3_bucket_versioning", logicalId),
      ownership: attachedTo(json, "aws_s3_bucket_ownership_controls", logicalId),
      logging: attachedTo(json, "aws_s3_bucket_logging", logicalId),
      objectLock: attachedTo(json, "aws_s3_bucket_object_lock_configuration", logicalId),
      policy,
      ...(policyEntry ? { policyAddress: `aws_s3_bucket_policy.${policyEntry[0]}` } : {}),
      statements: policy ? policyDocumentStatements(json, policy.policy) : [],
    });
  }
  return buckets;
}

/** The lifecycle rule with `id`, or undefined. */
export function lifecycleRule(bucket: SynthesizedBucket, id: string): Json | undefined {
  return (bucket.lifecycle?.rule as Json[] | undefined)?.find((r) => r.id === id);
}
