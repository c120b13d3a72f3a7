/**
 * S3 rules, with checkov's semantics: a bucket is judged together with the separate `aws_s3_bucket_*`
 * configuration resources that target it (by `${aws_s3_bucket.x.id}` / `.bucket` or by literal name), and
 * the deprecated inline blocks still count.
 */
import { MUST_SURVIVE_TAG } from "../../../constructs/policy/must-survive";
import { configsOf, isBucketArn, sseAlgorithms } from "../private/s3-relations";
import { blocks, isTrue, type StackModel, type TfBlock } from "../private/stack-model";
import type { Finding, PolicyRule } from "../rule";

const BUCKET = "aws_s3_bucket";
const PAB = "aws_s3_bucket_public_access_block";

function eachBucket(model: StackModel, judge: (bucket: TfBlock) => string | undefined): Finding[] {
  return model.resources(BUCKET).flatMap((block) => {
    const message = judge(block);
    return message === undefined ? [] : [{ block, message }];
  });
}

const bucketLabel = (b: TfBlock) => (typeof b.attrs.bucket === "string" ? `S3 bucket "${b.attrs.bucket}"` : "S3 bucket");
const configHint = (type: string) => `add an ${type} whose bucket is this bucket's id (\`bucket: bucket.id\`)`;

/** CKV_AWS_19: buckets have default encryption. */
export const s3Encryption: PolicyRule = {
  id: "CKV_AWS_19",
  title: "Ensure all data stored in the S3 bucket is securely encrypted at rest",
  requirements: ["S3"],
  reportsOn: [BUCKET],
  passesWhen:
    "the bucket has default encryption — an `aws_s3_bucket_server_side_encryption_configuration` targeting it (or the inline block) whose every rule sets `sse_algorithm` to `AES256`, `aws:kms` or `aws:kms:dsse`",
  check: (model) =>
    eachBucket(model, (bucket) => {
      const sse = sseAlgorithms(model, bucket);
      if (sse === undefined) return `${bucketLabel(bucket)} has no default encryption: ${configHint("aws_s3_bucket_server_side_encryption_configuration")} with sse_algorithm "aws:kms"`;
      const bad = sse.algorithms.filter((a) => !["AES256", "aws:kms", "aws:kms:dsse"].includes(String(a)));
      return bad.length === 0 && sse.algorithms.length > 0
        ? undefined
        : `${bucketLabel(bucket)}: ${sse.source} sets sse_algorithm ${JSON.stringify(bad.length > 0 ? bad : "(none)")}; use "aws:kms" (or "AES256" where KMS is impossible)`;
    }),
};

/** CKV_AWS_145: buckets encrypt with KMS by default. */
export const s3KmsByDefault: PolicyRule = {
  id: "CKV_AWS_145",
  title: "Ensure that S3 buckets are encrypted with KMS by default",
  requirements: ["S3"],
  reportsOn: [BUCKET],
  passesWhen: "the bucket's default encryption (separate resource or inline block) uses `sse_algorithm` `aws:kms` or `aws:kms:dsse`",
  check: (model) =>
    eachBucket(model, (bucket) => {
      const sse = sseAlgorithms(model, bucket);
      if (sse === undefined) return `${bucketLabel(bucket)} is not encrypted with KMS: ${configHint("aws_s3_bucket_server_side_encryption_configuration")} with sse_algorithm "aws:kms" and a customer key (kms_master_key_id)`;
      const kms = sse.algorithms.length > 0 && sse.algorithms.every((a) => a === "aws:kms" || a === "aws:kms:dsse");
      return kms ? undefined : `${bucketLabel(bucket)}: ${sse.source} uses sse_algorithm ${JSON.stringify(sse.algorithms)}, not "aws:kms"; set "aws:kms" with a customer key (kms_master_key_id)`;
    }),
};

/** Why a bucket's data must survive (so versioning is required), or undefined. */
export function mustSurviveReason(model: StackModel, bucket: TfBlock): string | undefined {
  const a = bucket.attrs;
  if (isTrue(a.object_lock_enabled) || blocks(a.object_lock_configuration).some((o) => o.object_lock_enabled === "Enabled")) return "it has Object Lock";
  const lock = configsOf(model, bucket, "aws_s3_bucket_object_lock_configuration")[0];
  if (lock !== undefined) return `it has Object Lock (${lock.address})`;
  const tags = model.tagsOf(bucket);
  if (tags[MUST_SURVIVE_TAG.key] === MUST_SURVIVE_TAG.value) return `it is tagged ${MUST_SURVIVE_TAG.key}=${MUST_SURVIVE_TAG.value}`;
  for (const selection of model.resources("aws_backup_selection")) {
    const resources = Array.isArray(selection.attrs.resources) ? selection.attrs.resources : [];
    if (resources.some((r) => isBucketArn(model, r, bucket))) return `AWS Backup selects it (${selection.address})`;
    const byTag = blocks(selection.attrs.selection_tag).some((t) => String(t.type ?? "STRINGEQUALS") === "STRINGEQUALS" && typeof t.key === "string" && tags[t.key] === t.value);
    const conditions = blocks(selection.attrs.condition).flatMap((c) => blocks(c.string_equals));
    const wildcard = resources.some((r) => r === "*" || r === "arn:aws:s3:::*");
    const conditionsHold = conditions.every((c) => typeof c.key === "string" && c.key.startsWith("aws:ResourceTag/") && tags[c.key.slice("aws:ResourceTag/".length)] === c.value);
    if (byTag || (wildcard && conditionsHold)) return `AWS Backup selects it by tag (${selection.address})`;
  }
  const replication = model.resources("aws_s3_bucket_replication_configuration");
  const source = replication.find((r) => configsOf(model, bucket, r.type).includes(r));
  if (source !== undefined) return `it is a replication source (${source.address})`;
  const destination = replication.find((r) => blocks(r.attrs.rule).some((rule) => blocks(rule.destination).some((d) => isBucketArn(model, d.bucket, bucket))));
  if (destination !== undefined) return `it is a replication destination (${destination.address})`;
  return undefined;
}

/** CKV_AWS_21: buckets whose data must survive are versioned. */
export const s3Versioning: PolicyRule = {
  id: "CKV_AWS_21",
  title: "Ensure all data stored in the S3 bucket have versioning enabled",
  requirements: ["S3"],
  reportsOn: [BUCKET],
  passesWhen:
    `the bucket's data need not survive, or an \`aws_s3_bucket_versioning\` targeting it (or the inline block) has status \`Enabled\`. Deliberately narrower than checkov (which asks it of every bucket): it applies where data must survive — buckets with Object Lock, selected by an AWS Backup selection (by ARN or tag), a replication source or destination, or tagged \`${MUST_SURVIVE_TAG.key}=${MUST_SURVIVE_TAG.value}\` (\`markMustSurvive(bucket)\`)`,
  check: (model) =>
    eachBucket(model, (bucket) => {
      const reason = mustSurviveReason(model, bucket);
      if (reason === undefined) return undefined;
      const separate = configsOf(model, bucket, "aws_s3_bucket_versioning").some((v) => blocks(v.attrs.versioning_configuration).some((c) => c.status === "Enabled"));
      const inline = blocks(bucket.attrs.versioning).some((v) => isTrue(v.enabled));
      return separate || inline ? undefined : `${bucketLabel(bucket)} must keep its data (${reason}) but versioning is not enabled: ${configHint("aws_s3_bucket_versioning")} and versioning_configuration { status: "Enabled" }`;
    }),
};

/** CKV2_AWS_6: every bucket has a public access block. */
export const s3PublicAccessBlock: PolicyRule = {
  id: "CKV2_AWS_6",
  title: "Ensure that S3 bucket has a Public Access block",
  requirements: ["S2", "S3"],
  reportsOn: [BUCKET],
  passesWhen: "an `aws_s3_bucket_public_access_block` targets the bucket with `block_public_acls` and `block_public_policy` true (the other two flags are CKV_AWS_55/56)",
  check: (model) =>
    eachBucket(model, (bucket) => {
      const blocksOfBucket = configsOf(model, bucket, PAB);
      if (blocksOfBucket.length === 0) return `${bucketLabel(bucket)} has no public access block: ${configHint(PAB)} and all four flags true`;
      const ok = blocksOfBucket.some((p) => isTrue(p.attrs.block_public_acls) && isTrue(p.attrs.block_public_policy));
      return ok ? undefined : `${bucketLabel(bucket)}: ${blocksOfBucket.map((p) => p.address).join(", ")} must set block_public_acls and block_public_policy to true`;
    }),
};

function publicAccessFlag(id: string, flag: string, title: string): PolicyRule {
  const types = [PAB, "aws_s3_account_public_access_block"];
  return {
    id,
    title,
    requirements: ["S2", "S3"],
    reportsOn: types,
    passesWhen: `every \`aws_s3_bucket_public_access_block\` (and the account-level \`aws_s3_account_public_access_block\`) sets \`${flag} = true\``,
    check: (model) =>
      types.flatMap((type) => model.resources(type)).flatMap((block) =>
        isTrue(block.attrs[flag]) ? [] : [{ block, message: `public access block sets ${flag} = ${JSON.stringify(block.attrs[flag] ?? null)}; set ${flag}: true` }],
      ),
  };
}

/** CKV_AWS_53–56: each flag of every public access block is on. */
export const s3BlockPublicAcls = publicAccessFlag("CKV_AWS_53", "block_public_acls", "Ensure S3 bucket has block public ACLS enabled");
export const s3BlockPublicPolicy = publicAccessFlag("CKV_AWS_54", "block_public_policy", "Ensure S3 bucket has block public policy enabled");
export const s3IgnorePublicAcls = publicAccessFlag("CKV_AWS_55", "ignore_public_acls", "Ensure S3 bucket has ignore public ACLs enabled");
export const s3RestrictPublicBuckets = publicAccessFlag("CKV_AWS_56", "restrict_public_buckets", "Ensure S3 bucket has 'restrict_public_buckets' enabled");

/** CKV_AWS_18: buckets log server access. */
export const s3AccessLogging: PolicyRule = {
  id: "CKV_AWS_18",
  title: "Ensure the S3 bucket has access logging enabled",
  requirements: ["S3"],
  reportsOn: [BUCKET],
  passesWhen: "an `aws_s3_bucket_logging` targets the bucket (or the inline `logging` block is set). The access-log bucket itself cannot log into itself: waive it with that justification",
  check: (model) =>
    eachBucket(model, (bucket) =>
      configsOf(model, bucket, "aws_s3_bucket_logging").length > 0 || blocks(bucket.attrs.logging).length > 0
        ? undefined
        : `${bucketLabel(bucket)} has no server access logging: ${configHint("aws_s3_bucket_logging")}, target_bucket the environment's access-log bucket`,
    ),
};

/** CKV2_AWS_61: buckets have an enabled lifecycle rule. */
export const s3Lifecycle: PolicyRule = {
  id: "CKV2_AWS_61",
  title: "Ensure that an S3 bucket has a lifecycle configuration",
  requirements: ["S3"],
  reportsOn: [BUCKET],
  passesWhen: "an `aws_s3_bucket_lifecycle_configuration` targets the bucket with at least one rule `status = \"Enabled\"` (or an enabled inline `lifecycle_rule`); checkov accepts a configuration whose rules are all disabled, this does not",
  check: (model) =>
    eachBucket(model, (bucket) => {
      const configs = configsOf(model, bucket, "aws_s3_bucket_lifecycle_configuration");
      const enabled = configs.some((c) => blocks(c.attrs.rule).some((r) => r.status === "Enabled")) || blocks(bucket.attrs.lifecycle_rule).some((r) => isTrue(r.enabled));
      if (enabled) return undefined;
      return configs.length === 0
        ? `${bucketLabel(bucket)} has no lifecycle configuration: ${configHint("aws_s3_bucket_lifecycle_configuration")} with the retention rules of its data`
        : `${bucketLabel(bucket)}: ${configs.map((c) => c.address).join(", ")} has no rule with status "Enabled"`;
    }),
};

/** The S3 rules, in docs order. */
export const S3_RULES: readonly PolicyRule[] = [
  s3Encryption,
  s3KmsByDefault,
  s3Versioning,
  s3PublicAccessBlock,
  s3BlockPublicAcls,
  s3BlockPublicPolicy,
  s3IgnorePublicAcls,
  s3RestrictPublicBuckets,
  s3AccessLogging,
  s3Lifecycle,
];
