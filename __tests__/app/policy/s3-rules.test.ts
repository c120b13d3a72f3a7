import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketReplicationConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-replication-configuration";
import { checkStack } from "../../../app/policy/security-policy";
import { FixtureBucket, policyStack, violatedRules } from "./fixtures";

const ROLE = "arn:aws:iam::111111111111:role/backup";

describe("S3 rules judge a bucket with the configuration resources that target it", () => {
  it("S3: a bucket configured through separate aws_s3_bucket_* resources passes every rule", () => {
    const stack = policyStack();
    new FixtureBucket(stack, "logs");
    expect(violatedRules(stack)).toEqual([]);
  });

  it("S3: configuration resources that name the bucket literally count like ${aws_s3_bucket.x.id}", () => {
    const stack = policyStack();
    new FixtureBucket(stack, "logs", { byName: true });
    expect(violatedRules(stack)).toEqual([]);
  });

  it("fails when the configuration resources target another bucket, naming only the bucket left without", () => {
    const stack = policyStack();
    new FixtureBucket(stack, "configured");
    new S3Bucket(stack, "bare", { bucket: "fx-trader-test-bare" });
    const violations = checkStack(stack).violations;
    expect([...new Set(violations.map((v) => v.path))]).toEqual(["test/bare"]);
    expect(violations.map((v) => v.ruleId).sort()).toEqual(["CKV2_AWS_6", "CKV2_AWS_61", "CKV2_AWS_62", "CKV_AWS_144", "CKV_AWS_145", "CKV_AWS_18", "CKV_AWS_19"]);
  });

  it("S3: the deprecated inline blocks of aws_s3_bucket count too", () => {
    const stack = policyStack();
    const fixture = new FixtureBucket(stack, "inline", { omit: ["encryption", "logging", "lifecycle"] });
    fixture.bucket.putServerSideEncryptionConfiguration({ rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } } });
    fixture.bucket.putLogging({ targetBucket: "fx-trader-test-access-logs" });
    fixture.bucket.putLifecycleRule([{ enabled: true, expiration: { days: 30 } }]);
    expect(violatedRules(stack)).toEqual([]);
  });

  it("fails CKV2_AWS_61 when every lifecycle rule is disabled", () => {
    const stack = policyStack();
    new FixtureBucket(stack, "logs", { lifecycleStatus: "Disabled" });
    const [violation] = checkStack(stack).violations;
    expect(violation).toMatchObject({ ruleId: "CKV2_AWS_61", path: "test/logs/bucket" });
    expect(violation!.message).toContain('has no rule with status "Enabled"');
  });
});

describe("CKV_AWS_21 applies where data must survive", () => {
  it("S3: a bucket nothing declares must-survive needs no versioning", () => {
    const stack = policyStack();
    new FixtureBucket(stack, "logs");
    expect(violatedRules(stack)).toEqual([]);
  });

  it("S3: a versioned must-survive bucket passes", () => {
    const stack = policyStack();
    new FixtureBucket(stack, "config", { versioned: true, tags: { "data-durability": "must-survive" } });
    expect(violatedRules(stack)).toEqual([]);
  });

  const reasons: ReadonlyArray<readonly [string, (stack: ReturnType<typeof policyStack>) => void, string]> = [
    ["it has Object Lock", (stack) => new FixtureBucket(stack, "audit", { objectLock: true }), "it has Object Lock"],
    [
      "AWS Backup selects it by ARN",
      (stack) => {
        const f = new FixtureBucket(stack, "files");
        new BackupSelection(stack, "selection", { name: "files", planId: "plan", iamRoleArn: ROLE, resources: [f.bucket.arn] });
      },
      "AWS Backup selects it (aws_backup_selection.selection",
    ],
    [
      "AWS Backup selects it by a selection tag",
      (stack) => {
        new FixtureBucket(stack, "files", { tags: { backup: "hourly" } });
        new BackupSelection(stack, "selection", { name: "tagged", planId: "plan", iamRoleArn: ROLE, selectionTag: [{ type: "STRINGEQUALS", key: "backup", value: "hourly" }] });
      },
      "AWS Backup selects it by tag",
    ],
    [
      "AWS Backup selects every resource with a condition on its tag",
      (stack) => {
        new FixtureBucket(stack, "files", { tags: { "backup-tier": "gold" } });
        new BackupSelection(stack, "selection", {
          name: "condition",
          planId: "plan",
          iamRoleArn: ROLE,
          resources: ["*"],
          condition: [{ stringEquals: [{ key: "aws:ResourceTag/backup-tier", value: "gold" }] }],
        });
      },
      "AWS Backup selects it by tag",
    ],
    [
      "it is a replication source",
      (stack) => {
        const f = new FixtureBucket(stack, "source");
        new S3BucketReplicationConfigurationA(stack, "replication", {
          bucket: f.bucket.id,
          role: ROLE,
          rule: [{ id: "dr", status: "Enabled", destination: { bucket: "arn:aws:s3:::fx-trader-test-dr" } }],
        });
      },
      "it is a replication source",
    ],
  ];

  it.each(reasons)("fails when %s and versioning is off, saying why the data must survive", (_what, build, reason) => {
    const stack = policyStack();
    build(stack);
    const violations = checkStack(stack).violations;
    expect(violations.map((v) => v.ruleId)).toEqual(["CKV_AWS_21"]);
    expect(violations[0]!.message).toContain(reason);
  });

  it("S3: a backup selection by tag does not reach buckets without the tag", () => {
    const stack = policyStack();
    new FixtureBucket(stack, "files", { tags: { backup: "none" } });
    new BackupSelection(stack, "selection", { name: "tagged", planId: "plan", iamRoleArn: ROLE, selectionTag: [{ type: "STRINGEQUALS", key: "backup", value: "hourly" }] });
    expect(violatedRules(stack)).toEqual([]);
  });
});
