import { STORAGE_CLASS_RULES, TRANSITION_MIN_OBJECT_BYTES, CLOUDWATCH_RETENTION_DAYS } from "../../../config/log-storage";
import { GUIDE } from "../../../config/policy";
import { logRetentionTable } from "../../../config/retention-policy";
import type { TransitionStorageClass } from "../../../config/types";
import { bucketName } from "../../../constructs/core/naming";
import { SummaryNote } from "../../../constructs/core/summary-note";
import { LogRetention } from "../../../constructs/logging/log-retention";
import { ENVIRONMENT_NAMES, envConfig, onlyResource, parse, resources, synthInStack } from "../../support";
import { lifecycleRule, policyDocumentStatements, synthesizedBuckets, type Json } from "../../support/synthesized-buckets";

function synth(env: (typeof ENVIRONMENT_NAMES)[number]) {
  let logging: LogRetention | undefined;
  const text = synthInStack(env, (scope, config) => {
    logging = new LogRetention(scope, "logging", { config });
  });
  return { json: parse(text), buckets: synthesizedBuckets(text), logging: logging! };
}

const GUIDED = ["staging", "prod"] as const;

describe.each(ENVIRONMENT_NAMES)("LogRetention in %s", (env) => {
  const config = envConfig(env);
  const { json, buckets, logging } = synth(env);
  const table = logRetentionTable(config);
  const accessBucket = bucketName(config, "access-logs");

  it("L2: creates one bucket per log class of the retention table, and no other", () => {
    expect([...buckets.keys()].sort()).toEqual(table.map((p) => bucketName(config, p.bucketPurpose)).sort());
  });

  it.each(table.map((p) => [p.logClass, p] as const))("L2: the %s bucket expires objects after the table's retention", (_, policy) => {
    const bucket = buckets.get(bucketName(config, policy.bucketPurpose))!;
    expect(lifecycleRule(bucket, "retention")).toMatchObject({ status: "Enabled", filter: [{}], expiration: [{ days: policy.retentionDays }] });
  });

  it("L2: every bucket expires noncurrent versions and aborts incomplete multipart uploads", () => {
    for (const bucket of buckets.values()) {
      expect(lifecycleRule(bucket, "retention")).toMatchObject({
        noncurrent_version_expiration: [{ noncurrent_days: config.logRetention.noncurrentVersionDays }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: config.logRetention.abortIncompleteUploadDays }],
      });
    }
  });

  it("every bucket blocks public access, disables ACLs, is versioned and denies requests without TLS", () => {
    for (const bucket of buckets.values()) {
      expect(bucket.publicAccessBlock).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
      expect(bucket.ownership).toMatchObject({ rule: { object_ownership: "BucketOwnerEnforced" } });
      expect(bucket.versioning).toMatchObject({ versioning_configuration: { status: "Enabled" } });
      expect(bucket.statements[0]).toEqual({
        sid: "DenyInsecureTransport",
        effect: "Deny",
        principals: [{ type: "*", identifiers: ["*"] }],
        actions: ["s3:*"],
        resources: [`arn:aws:s3:::${bucket.name}`, `arn:aws:s3:::${bucket.name}/*`],
        condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
      });
    }
  });

  it("every bucket but the access-log bucket uses SSE-KMS with the rotating log key; that one SSE-S3 with its justification", () => {
    const key = onlyResource(json, "aws_kms_key");
    expect(key.enable_key_rotation).toBe(true);
    const keyRef = `\${aws_kms_key.${Object.keys(resources(json, "aws_kms_key"))[0]}.arn}`;
    for (const bucket of buckets.values()) {
      const rule = (bucket.encryption!.rule as Json[])[0];
      if (bucket.name === accessBucket) {
        expect(rule).toEqual({ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } });
        expect(logging.buckets.access.encryption.justification).toMatch(/ALB access log delivery .* SSE-S3/);
      } else {
        expect(rule).toEqual({ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: keyRef }, bucket_key_enabled: true });
      }
    }
  });

  it("every bucket but the access-log bucket logs its access into the access-log bucket; that one not into itself", () => {
    const access = buckets.get(accessBucket)!;
    expect(access.logging).toBeUndefined();
    const others = table.filter((p) => p.logClass !== "access").map((p) => [p.bucketPurpose, buckets.get(bucketName(config, p.bucketPurpose))!] as const);
    for (const [purpose, bucket] of others) {
      expect(bucket.logging).toEqual({
        bucket: `\${aws_s3_bucket.${bucket.logicalId}.id}`,
        target_bucket: `\${aws_s3_bucket.${access.logicalId}.id}`,
        target_prefix: `s3/${purpose}/`,
        target_object_key_format: { partitioned_prefix: { partition_date_source: "EventTime" } },
      });
    }
    const delivery = access.statements.find((s) => s.sid === "S3ServerAccessLogsDelivery")!;
    expect(delivery.principals).toEqual([{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }]);
    expect(delivery.condition).toEqual([
      // The environment's other buckets (other stacks) by the naming convention, then the log buckets by name.
      { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:aws:s3:::fx-trader-${env}-*-${config.account.id}-${config.region}`, ...others.map(([, b]) => `arn:aws:s3:::${b.name}`)] },
      { test: "StringEquals", variable: "aws:SourceAccount", values: [config.account.id] },
    ]);
  });

  it("transitions never violate a storage class's minimum durations or size", () => {
    for (const policy of table) {
      const bucket = buckets.get(bucketName(config, policy.bucketPurpose))!;
      const expiry = (lifecycleRule(bucket, "retention")!.expiration as Array<{ days: number }>)[0]!.days;
      const rule = lifecycleRule(bucket, "transitions");
      const steps = (rule?.transition ?? []) as Array<{ days: number; storage_class: TransitionStorageClass }>;
      expect(steps.map((t) => ({ days: t.days, storageClass: t.storage_class }))).toEqual(policy.transitions);
      if (rule !== undefined) {
        expect((rule.filter as Array<{ object_size_greater_than: number }>)[0]!.object_size_greater_than).toBeGreaterThanOrEqual(TRANSITION_MIN_OBJECT_BYTES);
      }
      steps.forEach((step, i) => {
        const rules = STORAGE_CLASS_RULES[step.storage_class];
        const leaves = steps[i + 1]?.days ?? expiry;
        expect(step.days).toBeGreaterThanOrEqual(rules.minDaysAfterCreation);
        expect(leaves - step.days).toBeGreaterThanOrEqual(rules.minStorageDays);
        expect(step.days).toBeLessThan(expiry);
      });
    }
  });

  it("L2: the audit bucket has Object Lock with the table's mode for the audit retention", () => {
    const audit = buckets.get(bucketName(config, "audit-logs"))!;
    expect(audit.bucket.object_lock_enabled).toBe(true);
    expect(audit.objectLock).toMatchObject({ rule: { default_retention: { mode: config.logRetention.auditObjectLockMode, days: config.logRetention.auditDays } } });
    for (const bucket of buckets.values()) if (bucket !== audit) expect(bucket.objectLock).toBeUndefined();
  });

  it("protects buckets, key and log groups from destruction exactly when the environment does", () => {
    const stateful = [...Object.values(resources(json, "aws_s3_bucket")), ...Object.values(resources(json, "aws_kms_key")), ...Object.values(resources(json, "aws_cloudwatch_log_group"))];
    expect(stateful).toHaveLength(6);
    for (const r of stateful) expect((r.lifecycle as Json | undefined)?.prevent_destroy).toBe(config.protectStatefulResources ? true : undefined);
  });

  it("L1: keeps the EKS control-plane log group as long as its longest log class, encrypted with the log key", () => {
    const group = onlyResource(json, "aws_cloudwatch_log_group");
    const expected = Math.max(config.logRetention.infrastructureDays, config.logRetention.auditDays);
    expect(group).toMatchObject({ name: `/aws/eks/${config.eks.clusterName}/cluster`, retention_in_days: expected });
    expect(CLOUDWATCH_RETENTION_DAYS).toContain(group.retention_in_days);
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\..+\.arn\}$/);
  });

  it("lets CloudWatch Logs of the region use the key for the log group only", () => {
    const key = onlyResource(json, "aws_kms_key");
    const statement = policyDocumentStatements(json, key.policy).find((s) => s.sid === "CloudWatchLogsUseKey")!;
    expect(statement.principals).toEqual([{ type: "Service", identifiers: [`logs.${config.region}.amazonaws.com`] }]);
    expect(statement.condition).toEqual([
      { test: "ArnEquals", variable: "kms:EncryptionContext:aws:logs:arn", values: [`arn:aws:logs:${config.region}:${config.account.id}:log-group:/aws/eks/${config.eks.clusterName}/cluster`] },
    ]);
  });

  it("S1: declares no CloudTrail trail and grants CloudTrail nothing on the audit bucket (the account stack holds the account's one trail)", () => {
    expect(resources(json, "aws_cloudtrail")).toEqual({});
    const audit = buckets.get(bucketName(config, "audit-logs"))!;
    expect(audit.statements.filter((s) => String(s.sid).startsWith("CloudTrail"))).toEqual([]);
  });

  it("L1: delivers the cluster VPC's flow logs to the network-log bucket", () => {
    const flowLog = onlyResource(json, "aws_flow_log");
    const network = buckets.get(bucketName(config, "network-logs"))!;
    expect(flowLog).toMatchObject({ log_destination_type: "s3", log_destination: `\${aws_s3_bucket.${network.logicalId}.arn}`, traffic_type: "ALL" });
    expect(flowLog.vpc_id).toMatch(/^\$\{data\.aws_eks_cluster\..+\.vpc_config\[0\]\.vpc_id\}$/);
    expect(Object.values(json.data!.aws_eks_cluster!)[0]).toEqual({ name: config.eks.clusterName });
    expect(network.statements.map((s) => s.sid)).toEqual(["DenyInsecureTransport", "FlowLogsDeliveryWrite", "FlowLogsDeliveryAclCheck"]);
  });

  it("lets ALBs deliver access logs under alb/ with the log-delivery service principal", () => {
    const access = buckets.get(accessBucket)!;
    expect(access.statements.find((s) => s.sid === "AlbAccessLogDelivery")).toEqual({
      sid: "AlbAccessLogDelivery",
      effect: "Allow",
      principals: [{ type: "Service", identifiers: ["logdelivery.elasticloadbalancing.amazonaws.com"] }],
      actions: ["s3:PutObject"],
      resources: [`arn:aws:s3:::${accessBucket}/alb/AWSLogs/${config.account.id}/*`],
    });
  });

  it("O1: prints the retention of every log class in the synth summary", () => {
    const notes = Object.fromEntries(logging.node.findAll().filter(SummaryNote.isSummaryNote).map((n) => [n.topic, n.text]));
    const r = config.logRetention;
    expect(notes.retention).toBe(
      `application ${r.applicationDays} d, access ${r.accessDays} d, audit ${r.auditDays} d (object lock ${r.auditObjectLockMode} ${r.auditDays} d), infrastructure ${r.infrastructureDays} d`,
    );
    expect(notes["log encryption"]).toContain(`SSE-KMS (rotating key alias/fx-trader-${env}-logs) on 3 buckets; SSE-S3 on access-logs: ALB access log delivery`);
  });
});

describe.each(GUIDED)("L2 guide values in %s", (env) => {
  const config = envConfig(env);
  const { buckets } = synth(env);
  const expiry = (purpose: string) => (lifecycleRule(buckets.get(bucketName(config, purpose))!, "retention")!.expiration as Array<{ days: number }>)[0]!.days;

  it("L2: application logs are kept 30 days, access logs 90 days, audit logs 365 days", () => {
    expect(expiry("app-logs")).toBe(GUIDE.logRetention.applicationDays);
    expect(expiry("access-logs")).toBe(GUIDE.logRetention.accessDays);
    expect(expiry("audit-logs")).toBe(GUIDE.logRetention.auditDays);
    expect([expiry("app-logs"), expiry("access-logs"), expiry("audit-logs")]).toEqual([30, 90, 365]);
  });

  it("L2: audit logs are immutable in COMPLIANCE mode for at least 365 days", () => {
    const lock = buckets.get(bucketName(config, "audit-logs"))!.objectLock!.rule as { default_retention: { mode: string; days: number } };
    expect(lock.default_retention.mode).toBe("COMPLIANCE");
    expect(lock.default_retention.days).toBeGreaterThanOrEqual(365);
  });

  it("protects every log bucket with prevent_destroy", () => {
    for (const bucket of buckets.values()) expect(bucket.bucket.lifecycle).toEqual({ prevent_destroy: true });
  });
});

describe("LogRetention in a region opened after August 2022", () => {
  it("grants only the ELB log-delivery service principal, with no region account lookup", () => {
    const config = envConfig("prod", { region: "ap-southeast-7" });
    const text = synthInStack(config, (scope, c) => new LogRetention(scope, "logging", { config: c }));
    const access = synthesizedBuckets(text).get(bucketName(config, "access-logs"))!;
    expect(access.statements.map((s) => s.sid)).toEqual(["DenyInsecureTransport", "AlbAccessLogDelivery", "S3ServerAccessLogsDelivery"]);
    expect(parse(text).data?.aws_elb_service_account).toBeUndefined();
  });

  it("also grants the region's ELB account in ap-northeast-1, from the provider's lookup", () => {
    const text = synthInStack("prod", (scope, c) => new LogRetention(scope, "logging", { config: c }));
    const access = synthesizedBuckets(text).get(bucketName(envConfig("prod"), "access-logs"))!;
    const legacy = access.statements.find((s) => s.sid === "AlbAccessLogDeliveryRegionAccount")!;
    expect(legacy.principals).toEqual([{ type: "AWS", identifiers: [expect.stringMatching(/^\$\{data\.aws_elb_service_account\..+\.arn\}$/)] }]);
    expect(Object.values(parse(text).data!.aws_elb_service_account!)).toEqual([{ region: "ap-northeast-1" }]);
  });
});

describe("LogRetention synthesis", () => {
  it("is byte-identical twice", () => {
    const once = () => synthInStack("prod", (scope, c) => new LogRetention(scope, "logging", { config: c }));
    expect(once()).toEqual(once());
  });
});
