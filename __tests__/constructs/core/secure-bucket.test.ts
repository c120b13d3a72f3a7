import type { S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { BucketEncryption } from "../../../constructs/core/bucket-encryption";
import { CustomerKey } from "../../../constructs/core/customer-key";
import type { LifecycleRules } from "../../../constructs/core/lifecycle-rules";
import { NO_EVENT_NOTIFICATIONS_JUSTIFICATION, NO_REPLICATION_JUSTIFICATION, SecureBucket, type SecureBucketProps } from "../../../constructs/core/secure-bucket";
import { checkStack } from "../../../app/policy/security-policy";
import { parse, resources, synthInStack, type SynthesizedJson } from "../../support";
import { policyStack } from "../../app/policy/fixtures";
import { synthesizedBuckets, type SynthesizedBucket } from "../../support/synthesized-buckets";

const ACCOUNT = "111111111111";

function expiring(days: number | undefined, rules: S3BucketLifecycleConfigurationRule[] = [{ id: "expire", status: "Enabled", filter: [{}], expiration: [{ days: days ?? 1 }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }] }]): LifecycleRules {
  return { expirationDays: days, rules: () => rules };
}

function bucket(scope: Construct, id: string, props: Partial<SecureBucketProps> = {}): SecureBucket {
  return new SecureBucket(scope, id, {
    bucketName: `fx-trader-test-${id}`,
    accountId: ACCOUNT,
    lifecycle: expiring(90),
    serverAccessLogs: { disabledBecause: "isolated test bucket with nothing to audit" },
    ...props,
    encryption: props.encryption ?? BucketEncryption.kms(new CustomerKey(scope, `${id}-key`, { aliasName: `alias/fx-trader-test-${id}`, description: id, accountId: ACCOUNT })),
  });
}

function synth(build: (scope: Construct) => void): { json: SynthesizedJson; buckets: Map<string, SynthesizedBucket> } {
  const text = synthInStack("dev", (scope) => build(scope));
  return { json: parse(text), buckets: synthesizedBuckets(text) };
}

describe("SecureBucket", () => {
  describe("with the defaults", () => {
    const { json, buckets } = synth((scope) => bucket(scope, "data"));
    const b = buckets.get("fx-trader-test-data")!;

    it("blocks every kind of public access and disables ACLs", () => {
      expect(b.publicAccessBlock).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
      expect(b.ownership).toMatchObject({ rule: { object_ownership: "BucketOwnerEnforced" } });
    });

    it("encrypts with the customer key and an S3 bucket key", () => {
      const key = Object.keys(resources(json, "aws_kms_key"))[0];
      expect(b.encryption!.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: `\${aws_kms_key.${key}.arn}` }, bucket_key_enabled: true }]);
    });

    it("denies every request without TLS, first in a policy applied after the public access block", () => {
      expect(b.statements).toEqual([
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          principals: [{ type: "*", identifiers: ["*"] }],
          actions: ["s3:*"],
          resources: ["arn:aws:s3:::fx-trader-test-data", "arn:aws:s3:::fx-trader-test-data/*"],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
      ]);
      const pab = Object.keys(resources(json, "aws_s3_bucket_public_access_block"))[0];
      expect(b.policy!.depends_on).toEqual([`aws_s3_bucket_public_access_block.${pab}`]);
    });

    it("is versioned, applies the lifecycle after versioning and states no transition default", () => {
      expect(b.versioning).toMatchObject({ versioning_configuration: { status: "Enabled" } });
      expect(b.lifecycle).toMatchObject({ rule: [{ id: "expire", status: "Enabled" }], depends_on: [expect.stringMatching(/^aws_s3_bucket_versioning\./)] });
      expect(b.lifecycle!.transition_default_minimum_object_size).toBeUndefined();
    });

    it("is protected from destruction and never force-destroyed, without Object Lock or tags", () => {
      expect(b.bucket).toEqual({ bucket: "fx-trader-test-data", force_destroy: false, lifecycle: { prevent_destroy: true } });
      expect(b.objectLock).toBeUndefined();
    });
  });

  it("S3: passes every policy rule, waiving only what the caller justified (and CKV2_AWS_62 and CKV_AWS_144 on every bucket, with the shared reasons)", () => {
    const s = policyStack();
    const logs = bucket(s, "logs", { encryption: BucketEncryption.s3Managed("test: log delivery supports only SSE-S3 here"), versioned: false });
    bucket(s, "data", { serverAccessLogs: { target: logs, prefix: "data/" }, mustSurvive: true });
    const result = checkStack(s);
    expect(result.violations).toEqual([]);
    expect(result.waived.filter((w) => w.path.endsWith("/bucket")).map((w) => [w.ruleId, w.path, w.justification])).toEqual([
      ["CKV_AWS_145", "test/logs/bucket", "test: log delivery supports only SSE-S3 here"],
      ["CKV_AWS_18", "test/logs/bucket", "isolated test bucket with nothing to audit"],
      ["CKV2_AWS_62", "test/logs/bucket", NO_EVENT_NOTIFICATIONS_JUSTIFICATION],
      ["CKV2_AWS_62", "test/data/bucket", NO_EVENT_NOTIFICATIONS_JUSTIFICATION],
      ["CKV_AWS_144", "test/logs/bucket", NO_REPLICATION_JUSTIFICATION],
      ["CKV_AWS_144", "test/data/bucket", NO_REPLICATION_JUSTIFICATION],
    ]);
    // The keys the fixture creates are CustomerKeys: their policy documents carry the key-policy waivers.
    expect(result.waived.filter((w) => !w.path.endsWith("/bucket")).every((w) => ["CKV_AWS_109", "CKV_AWS_111", "CKV_AWS_356"].includes(w.ruleId) && w.path.endsWith("/policy"))).toBe(true);
  });

  it("uses SSE-S3 without a bucket key when the encryption says so", () => {
    const { buckets } = synth((scope) => bucket(scope, "plain", { encryption: BucketEncryption.s3Managed("S3 server access logging needs SSE-S3") }));
    expect(buckets.get("fx-trader-test-plain")!.encryption!.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
  });

  it("adds statements after the TLS-only deny, and grants each same-stack source only its prefix", () => {
    const { buckets } = synth((scope) => {
      const target = bucket(scope, "target", { encryption: BucketEncryption.s3Managed("S3 server access logging needs SSE-S3") });
      bucket(scope, "one", { serverAccessLogs: { target, prefix: "s3/one/", partitionedByEventTime: true } });
      bucket(scope, "two", { serverAccessLogs: { target, prefix: "custom/" } });
      target.addToResourcePolicy({ sid: "Extra", effect: "Allow", actions: ["s3:GetObject"], resources: [`${target.arn}/*`], principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${ACCOUNT}:root`] }] });
    });
    const target = buckets.get("fx-trader-test-target")!;
    expect(target.statements.map((s) => s.sid)).toEqual(["DenyInsecureTransport", "Extra", "S3ServerAccessLogsDelivery"]);
    expect(target.statements[2]).toEqual({
      sid: "S3ServerAccessLogsDelivery",
      effect: "Allow",
      principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
      actions: ["s3:PutObject"],
      resources: ["arn:aws:s3:::fx-trader-test-target/s3/one/*", "arn:aws:s3:::fx-trader-test-target/custom/*"],
      condition: [
        { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:s3:::fx-trader-test-one", "arn:aws:s3:::fx-trader-test-two"] },
        { test: "StringEquals", variable: "aws:SourceAccount", values: [ACCOUNT] },
      ],
    });
    expect(buckets.get("fx-trader-test-one")!.logging).toEqual({
      bucket: `\${aws_s3_bucket.${buckets.get("fx-trader-test-one")!.logicalId}.id}`,
      target_bucket: `\${aws_s3_bucket.${target.logicalId}.id}`,
      target_prefix: "s3/one/",
      target_object_key_format: { partitioned_prefix: { partition_date_source: "EventTime" } },
    });
    expect(buckets.get("fx-trader-test-two")!.logging).not.toHaveProperty("target_object_key_format");
  });

  it("logs into another stack's bucket by name, without touching any policy here", () => {
    const { buckets } = synth((scope) => bucket(scope, "remote", { serverAccessLogs: { targetBucketName: "fx-trader-test-access-logs", prefix: "s3/remote/" } }));
    const b = buckets.get("fx-trader-test-remote")!;
    expect(b.logging).toMatchObject({ target_bucket: "fx-trader-test-access-logs", target_prefix: "s3/remote/" });
    expect(b.statements.map((s) => s.sid)).toEqual(["DenyInsecureTransport"]);
  });

  it("can leave versioning off, and then applies the lifecycle at once", () => {
    const { buckets } = synth((scope) => bucket(scope, "chunks", { versioned: false }));
    const b = buckets.get("fx-trader-test-chunks")!;
    expect(b.versioning).toBeUndefined();
    expect(b.lifecycle).not.toHaveProperty("depends_on");
  });

  it("L2: locks objects for the given mode and days, after versioning", () => {
    const { buckets } = synth((scope) => bucket(scope, "audit", { lifecycle: expiring(365), objectLock: { mode: "COMPLIANCE", days: 365 } }));
    const b = buckets.get("fx-trader-test-audit")!;
    expect(b.bucket.object_lock_enabled).toBe(true);
    expect(b.objectLock).toMatchObject({ rule: { default_retention: { mode: "COMPLIANCE", days: 365 } }, depends_on: [expect.stringMatching(/^aws_s3_bucket_versioning\./)] });
  });

  it("tags must-survive data on top of the caller's tags, states the transition default, and uses the given provider", () => {
    const { buckets } = synth((scope) => {
      const provider = scope.node.findChild("aws") as SecureBucketProps["provider"];
      bucket(scope, "config", {
        tags: { "backup-tier": "gold" },
        mustSurvive: true,
        protect: false,
        provider,
        lifecycle: { ...expiring(30), transitionDefaultMinimumObjectSize: "all_storage_classes_128K" },
      });
    });
    const b = buckets.get("fx-trader-test-config")!;
    expect(b.bucket).toEqual({ provider: "aws", bucket: "fx-trader-test-config", force_destroy: false, tags: { "backup-tier": "gold", "data-durability": "must-survive" } });
    expect(b.lifecycle!.transition_default_minimum_object_size).toBe("all_storage_classes_128K");
    for (const part of [b.ownership, b.publicAccessBlock, b.versioning, b.encryption, b.lifecycle, b.logging, b.policy].filter((p) => p !== undefined)) {
      expect(part!.provider).toBe("aws");
    }
  });

  describe("validation", () => {
    const build = (props: Partial<SecureBucketProps>) => () => Testing.synthScope((scope) => bucket(scope, "b", props));

    it("fails when access logging is disabled without a reason", () => {
      expect(build({ serverAccessLogs: { disabledBecause: " " } })).toThrow(
        "SecureBucket stack/b (fx-trader-test-b): serverAccessLogs.disabledBecause is empty: say why this bucket's access is not logged",
      );
    });

    it("fails when the access log prefix does not end in a slash", () => {
      expect(build({ serverAccessLogs: { targetBucketName: "fx-trader-test-access-logs", prefix: "data" } })).toThrow(
        'SecureBucket stack/b (fx-trader-test-b): serverAccessLogs.prefix = "data": must be a non-empty key prefix ending in "/" (so sources cannot write into each other\'s keys)',
      );
    });

    it("fails when Object Lock would outlast the expiry", () => {
      expect(build({ objectLock: { mode: "COMPLIANCE", days: 365 } })).toThrow(
        "SecureBucket stack/b (fx-trader-test-b): objectLock.days = 365: must be ≤ the expiry (90 days): a lock that outlasts the retention keeps every version past it",
      );
    });

    it("fails when Object Lock has no days", () => {
      expect(build({ objectLock: { mode: "GOVERNANCE", days: 0 } })).toThrow("SecureBucket stack/b (fx-trader-test-b): objectLock.days = 0: must be an integer ≥ 1");
    });

    it("fails when Object Lock or must-survive data comes without versioning", () => {
      expect(build({ objectLock: { mode: "COMPLIANCE", days: 30 }, versioned: false })).toThrow("SecureBucket stack/b (fx-trader-test-b): objectLock with versioned = false: Object Lock needs versioning");
      expect(build({ mustSurvive: true, versioned: false })).toThrow(
        "SecureBucket stack/b (fx-trader-test-b): mustSurvive = true with versioned = false: data that must survive needs versioning (CKV_AWS_21)",
      );
    });

    it("fails when objects would expire after no whole number of days", () => {
      expect(build({ lifecycle: expiring(0) })).toThrow(
        "SecureBucket stack/b (fx-trader-test-b): lifecycle.expirationDays = 0: must be an integer ≥ 1 (days), or undefined to keep objects until deleted",
      );
    });

    it("fails when no lifecycle rule is enabled", () => {
      expect(build({ lifecycle: expiring(30, [{ id: "off", status: "Disabled", filter: [{}], expiration: [{ days: 30 }] }]) })).toThrow(
        'SecureBucket stack/b (fx-trader-test-b): lifecycle has no rule with status "Enabled": give the bucket at least one enabled lifecycle rule (CKV2_AWS_61)',
      );
    });
  });
});
