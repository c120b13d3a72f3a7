/**
 * Fixtures for the policy tests: a stack with the policy enforced, a bucket that passes every rule unless told
 * to leave a part out, and a way to synthesize that returns the policy error (or none).
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketNotification } from "@cdktf/provider-aws/lib/s3-bucket-notification";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketReplicationConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-replication-configuration";
import { S3BucketPublicAccessBlock, type S3BucketPublicAccessBlockConfig } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Manifest, Testing, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import fs from "node:fs";
import { PolicyViolationError, enforceSecurityPolicy } from "../../../app/policy/security-policy";
import { tempDir } from "../../support";
import { waive } from "../../../constructs/policy/waiver";

/** A fresh stack named `test` with AWS providers (default and `dr`) and the policy enforced. */
export function policyStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "ap-northeast-1", defaultTags: [{ tags: { project: "fx-trader" } }] });
  new AwsProvider(stack, "aws-dr", { region: "ap-northeast-3", alias: "dr" });
  enforceSecurityPolicy(stack);
  return stack;
}

/**
 * Synthesizes `stack` to files (through the policy gate), as JSON or, with `hcl`, as `cdktf synth --hcl` names them;
 * returns the policy error, or undefined when synthesis succeeded.
 */
export function policyError(stack: TerraformStack, { hcl = false } = {}): PolicyViolationError | undefined {
  const outdir = tempDir("fx-trader-policy-");
  try {
    stack.synthesizer.synthesize({ outdir, manifest: new Manifest("stubbed", outdir, hcl) });
    return undefined;
  } catch (error) {
    if (error instanceof PolicyViolationError) return error;
    throw error;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Rule IDs of the violations synthesis reports (empty when it succeeds). */
export function violatedRules(stack: TerraformStack): string[] {
  return [...new Set(policyError(stack)?.violations.map((v) => v.ruleId) ?? [])].sort();
}

export type BucketPart = "encryption" | "publicAccessBlock" | "logging" | "lifecycle" | "versioning" | "notification" | "replication";

export interface FixtureBucketOptions {
  /** Parts not created. */
  readonly omit?: readonly BucketPart[];
  readonly sseAlgorithm?: string;
  readonly publicAccessBlock?: Partial<S3BucketPublicAccessBlockConfig>;
  /** Reference the bucket by literal name instead of `${aws_s3_bucket.x.id}` in its configuration resources. */
  readonly byName?: boolean;
  readonly lifecycleStatus?: "Enabled" | "Disabled";
  readonly tags?: Record<string, string>;
  readonly objectLock?: boolean;
  /** A canned ACL on the bucket. */
  readonly acl?: string;
}

/** A bucket with every configuration resource the rules look for (versioning only when asked). */
export class FixtureBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, options: FixtureBucketOptions & { readonly versioned?: boolean } = {}) {
    super(scope, id);
    const name = `fx-trader-test-${id}`;
    this.bucket = new S3Bucket(this, "bucket", { bucket: name, tags: options.tags, objectLockEnabled: options.objectLock, ...(options.acl !== undefined ? { acl: options.acl } : {}) });
    const ref = options.byName === true ? name : this.bucket.id;
    const omit = new Set(options.omit ?? []);
    if (!omit.has("encryption")) {
      new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
        bucket: ref,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: options.sseAlgorithm ?? "aws:kms", kmsMasterKeyId: "alias/test" } }],
      });
    }
    if (!omit.has("publicAccessBlock")) {
      new S3BucketPublicAccessBlock(this, "public-access-block", {
        bucket: ref,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
        ...options.publicAccessBlock,
      });
    }
    if (!omit.has("logging")) new S3BucketLoggingA(this, "logging", { bucket: ref, targetBucket: "fx-trader-test-access-logs", targetPrefix: `${id}/` });
    if (!omit.has("lifecycle")) {
      new S3BucketLifecycleConfiguration(this, "lifecycle", {
        bucket: ref,
        rule: [{ id: "expire", status: options.lifecycleStatus ?? "Enabled", filter: [{ prefix: "" }], expiration: [{ days: 30 }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }] }],
      });
    }
    if (!omit.has("notification")) new S3BucketNotification(this, "notification", { bucket: ref, eventbridge: true });
    // CKV_AWS_144: a versioned fixture replicates (replication needs versioning, and CKV_AWS_21 asks versioning
    // of a replication source); an unversioned one carries the waiver, so other rules' tests see only their rule.
    if (options.versioned !== true && !omit.has("replication")) waive(this.bucket, "CKV_AWS_144", JUSTIFICATION);
    if (options.versioned === true && !omit.has("replication")) {
      new S3BucketReplicationConfigurationA(this, "replication", {
        bucket: ref,
        role: "arn:aws:iam::111111111111:role/replication",
        rule: [{ id: "dr", status: "Enabled", filter: { prefix: "" }, deleteMarkerReplication: { status: "Disabled" }, destination: { bucket: `arn:aws:s3:::${name}-dr` } }],
      });
    }
    if (options.versioned === true && !omit.has("versioning")) {
      new S3BucketVersioningA(this, "versioning", { bucket: ref, versioningConfiguration: { status: "Enabled" } });
    }
  }
}

/** A key policy that passes the rules (CKV2_AWS_64 wants one). */
export const KEY_POLICY = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/admin" }, Action: "kms:DescribeKey", Resource: "*" }] });

/** A justification long enough to be accepted. */
export const JUSTIFICATION = "test fixture: the rule cannot hold for this resource, and the test proves the waiver";
