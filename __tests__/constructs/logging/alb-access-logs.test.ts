import { albAccessLogAttributes } from "../../../constructs/logging/alb-access-logs";
import { accessLogBucketName } from "../../../constructs/core/naming";
import { ENVIRONMENT_NAMES, envConfig, parse, synthInStack } from "../../support";
import { LogRetention } from "../../../constructs/logging/log-retention";
import { policyDocumentStatements } from "../../support/synthesized-buckets";

describe.each(ENVIRONMENT_NAMES.map((n) => [n]))("L1: ALB access logs of %s", (env) => {
  const config = envConfig(env);

  it("names the access-log bucket and the prefix its policy grants to Elastic Load Balancing", () => {
    const attributes = albAccessLogAttributes(config);
    expect(attributes).toBe(`access_logs.s3.enabled=true,access_logs.s3.bucket=${accessLogBucketName(config)},access_logs.s3.prefix=alb`);
    const json = parse(synthInStack(config, (scope) => void new LogRetention(scope, "logging", { config })));
    const bucket = Object.values(json.resource?.aws_s3_bucket ?? {}).find((b) => b.bucket === accessLogBucketName(config))!;
    expect(bucket).toBeDefined();
    const policy = Object.values(json.resource?.aws_s3_bucket_policy ?? {}).map((p) => policyDocumentStatements(json, p.policy)).flat();
    const grants = (prefix: string) => policy.filter((s) => (s.actions as string[]).includes("s3:PutObject") && (s.resources as string[]).some((r) => r.startsWith(`arn:aws:s3:::${accessLogBucketName(config)}/${prefix}/`)));
    expect(grants(/access_logs\.s3\.prefix=([^,]+)/.exec(attributes)![1]!).length).toBeGreaterThan(0);
    // Seeded: a prefix the bucket policy does not grant would lose every log delivery.
    expect(grants("elb")).toEqual([]);
  });
});
