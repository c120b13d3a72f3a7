/**
 * Which separate `aws_s3_bucket_*` configuration resources configure a bucket. cdktf code points them at a
 * bucket by token (`${aws_s3_bucket.x.id}` or `.bucket`) or by the bucket's literal name; both count, like
 * checkov's graph connections.
 */
import { blocks, isExpression, type StackModel, type TfBlock } from "./stack-model";

/** True when `value` (a `bucket` argument) names `bucket`: a reference to its id/bucket, or its literal name. */
export function targetsBucket(model: StackModel, value: unknown, bucket: TfBlock): boolean {
  const ref = model.referenced(value);
  if (ref !== undefined) return ref.block === bucket && (ref.attribute === "id" || ref.attribute === "bucket");
  const name = bucket.attrs.bucket;
  return typeof value === "string" && typeof name === "string" && !isExpression(name) && value === name;
}

/** True when `value` (an ARN argument) is `bucket`'s ARN: `${aws_s3_bucket.x.arn}` or `arn:aws:s3:::<name>`. */
export function isBucketArn(model: StackModel, value: unknown, bucket: TfBlock): boolean {
  const ref = model.referenced(value);
  if (ref !== undefined) return ref.block === bucket && ref.attribute === "arn";
  const name = bucket.attrs.bucket;
  return typeof value === "string" && typeof name === "string" && !isExpression(name) && /^arn:aws[a-z-]*:s3:::/.test(value) && value.replace(/^arn:aws[a-z-]*:s3:::/, "") === name;
}

/** The configuration resources of `type` (e.g. `aws_s3_bucket_versioning`) whose `bucket` is `bucket`. */
export function configsOf(model: StackModel, bucket: TfBlock, type: string): readonly TfBlock[] {
  return model.resources(type).filter((c) => targetsBucket(model, c.attrs.bucket, bucket));
}

/** The default-encryption algorithms configured for a bucket: separate resource rules, else the inline block. */
export function sseAlgorithms(model: StackModel, bucket: TfBlock): { readonly source: string; readonly algorithms: readonly unknown[] } | undefined {
  const configs = configsOf(model, bucket, "aws_s3_bucket_server_side_encryption_configuration");
  const algorithmsIn = (holder: Record<string, unknown>) =>
    blocks(holder.rule).flatMap((r) => blocks(r.apply_server_side_encryption_by_default).map((d) => d.sse_algorithm));
  if (configs.length > 0) return { source: configs.map((c) => c.address).join(", "), algorithms: configs.flatMap((c) => algorithmsIn(c.attrs)) };
  const inline = blocks(bucket.attrs.server_side_encryption_configuration);
  if (inline.length > 0) return { source: "the bucket's inline server_side_encryption_configuration", algorithms: inline.flatMap(algorithmsIn) };
  return undefined;
}
