import { accessLogBucketName } from "../../constructs/core/naming";
import { ENVIRONMENT_NAMES, envConfig } from "../support";
import { sharedTree } from "../support/shared-synthesis";

/** `*` in an ArnLike pattern matches any run of characters. */
const arnLike = (pattern: string, arn: string) => new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`).test(arn);

describe.each(ENVIRONMENT_NAMES)("CKV_AWS_18: server access log delivery in %s", (env) => {
  const config = envConfig(env);
  // Every environment's stacks as the real synth command wrote them (jest's shared synthesis).
  const tree = sharedTree();
  const stacks = [...tree.stacks].filter(([name]) => name.startsWith(`fx-trader-${env}-`));
  const target = accessLogBucketName(config);

  type Logging = { bucket: string; target_bucket: string; target_prefix: string };
  type PolicyDoc = { statement: Array<{ sid?: string; resources?: string[]; condition?: Array<{ test: string; variable: string; values: string[] }> }> };
  const dataStack = tree.stacks.get(`fx-trader-${env}-data`)!;
  const accessBucketId = Object.entries(dataStack.resource!.aws_s3_bucket!).find(([, b]) => b.bucket === target)![0];
  const accessPolicy = Object.values((dataStack.data as Record<string, Record<string, PolicyDoc>>).aws_iam_policy_document!).find((d) =>
    d.statement.some((s) => s.resources?.some((r) => r.startsWith(`arn:aws:s3:::${target}/`))),
  )!;
  const delivery = accessPolicy.statement.find((s) => s.sid === "S3ServerAccessLogsDelivery")!;
  const sources = delivery.condition!.find((c) => c.variable === "aws:SourceArn")!.values;

  it("grants every bucket of every layer that logs into the access-log bucket, under its prefix", () => {
    const deliveries = stacks.flatMap(([stack, json]) =>
      Object.values((json.resource?.aws_s3_bucket_logging ?? {}) as Record<string, Logging>).map((l) => {
        const [, type, id] = /^\$\{(aws_s3_bucket)\.([^.]+)\.id\}$/.exec(l.bucket)!;
        return { stack, source: (json.resource![type!]![id!] as { bucket: string }).bucket, target: l.target_bucket, prefix: l.target_prefix };
      }),
    );
    const intoAccess = deliveries.filter((d) => d.target === target || d.target === `\${aws_s3_bucket.${accessBucketId}.id}`);
    expect(new Set(intoAccess.map((d) => d.stack))).toEqual(new Set([`fx-trader-${env}-data`, `fx-trader-${env}-platform`]));
    for (const d of intoAccess) {
      expect({ source: d.source, granted: sources.some((p) => arnLike(p, `arn:aws:s3:::${d.source}`)) }).toEqual({ source: d.source, granted: true });
      expect({ source: d.source, granted: delivery.resources!.some((r) => arnLike(r, `arn:aws:s3:::${target}/${d.prefix}x`)) }).toEqual({ source: d.source, granted: true });
    }
  });

  it("grants only this environment's buckets in this account", () => {
    expect(delivery.condition).toContainEqual({ test: "StringEquals", variable: "aws:SourceAccount", values: [config.account.id] });
    for (const p of sources) expect(p.startsWith(`arn:aws:s3:::fx-trader-${env}-`) && p.endsWith(`-${config.account.id}-${config.region}`)).toBe(true);
  });
});
