/**
 * A log bucket with every protection a log archive needs, in one place: default encryption (SSE-KMS, or
 * SSE-S3 only with a justification), public access blocked, ACLs disabled, a TLS-only bucket policy,
 * versioning, server access logging into the access-log bucket, a lifecycle (expiry, noncurrent versions,
 * incomplete uploads, transitions) and, for immutable logs, Object Lock. Protected from destruction.
 *
 * One bucket policy per bucket: AWS services that deliver into the bucket add their statements with
 * `addToResourcePolicy`, after the TLS-only deny.
 */
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketObjectLockConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import type { ObjectLockPolicy } from "../../config/retention-policy";
import type { EnvironmentConfig } from "../../config/types";
import { bucketName } from "../core/naming";
import { waive } from "../policy/waiver";
import { protectStateful } from "../core/protection";
import type { BucketEncryption } from "../core/bucket-encryption";
import type { LifecyclePolicy } from "./lifecycle-policy";
import { condition } from "../core/policy-statements";
import { denyInsecureTransport } from "../core/private/bucket-policy";

/**
 * Where a bucket's S3 server access logs go: another, already constructed log bucket (so no bucket can
 * log into itself), or nowhere with a written reason.
 */
export type ServerAccessLogs =
  | {
      readonly target: SecureLogBucket;
      /**
       * Key prefix in the target bucket.
       * @default `s3/<purpose>/`
       */
      readonly prefix?: string;
    }
  | { readonly disabledBecause: string };

export interface SecureLogBucketProps {
  readonly config: EnvironmentConfig;
  /** Purpose part of the bucket name, e.g. `audit-logs`. */
  readonly purpose: string;
  readonly encryption: BucketEncryption;
  readonly lifecycle: LifecyclePolicy;
  /** Required: every bucket states where its access logs go (or why nowhere). */
  readonly serverAccessLogs: ServerAccessLogs;
  /**
   * Object Lock default retention; needs versioning (always on) and must not outlast the expiry.
   * @default no Object Lock
   */
  readonly objectLock?: ObjectLockPolicy;
}

export class SecureLogBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketName: string;
  /** Bucket ARN, computed from the name so policies can name it before the bucket exists. */
  readonly arn: string;
  readonly purpose: string;
  readonly encryption: BucketEncryption;
  readonly lifecycle: LifecyclePolicy;
  readonly objectLock: ObjectLockPolicy | undefined;
  /** Where this bucket's server access logs go (`undefined`: not logged, see `accessLogsDisabledBecause`). */
  readonly accessLogTarget: { readonly bucket: SecureLogBucket; readonly prefix: string } | undefined;
  readonly accessLogsDisabledBecause: string | undefined;
  readonly versioning: S3BucketVersioningA;
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  readonly policyDocument: DataAwsIamPolicyDocument;
  readonly policy: S3BucketPolicy;
  private readonly extraStatements: DataAwsIamPolicyDocumentStatement[] = [];
  private readonly accessLogSources: SecureLogBucket[] = [];
  private readonly accountId: string;

  constructor(scope: Construct, id: string, props: SecureLogBucketProps) {
    super(scope, id);
    const { config, encryption, lifecycle, objectLock } = props;
    this.bucketName = bucketName(config, props.purpose);
    this.arn = `arn:aws:s3:::${this.bucketName}`;
    this.purpose = props.purpose;
    this.encryption = encryption;
    this.lifecycle = lifecycle;
    this.objectLock = objectLock;
    this.accountId = config.account.id;
    const where = `SecureLogBucket ${this.node.path} (${this.bucketName})`;
    if (objectLock !== undefined) {
      if (!Number.isInteger(objectLock.days) || objectLock.days < 1) {
        throw new Error(`${where}: objectLock.days = ${objectLock.days}: must be an integer ≥ 1`);
      }
      if (objectLock.days > lifecycle.expirationDays) {
        throw new Error(
          `${where}: objectLock.days = ${objectLock.days}: must be ≤ the expiry (${lifecycle.expirationDays} days): ` +
            "a lock that outlasts the retention keeps every version past it",
        );
      }
    }
    if ("disabledBecause" in props.serverAccessLogs) {
      if (props.serverAccessLogs.disabledBecause.trim().length === 0) {
        throw new Error(`${where}: serverAccessLogs.disabledBecause is empty: say why this bucket's access is not logged`);
      }
      this.accessLogsDisabledBecause = props.serverAccessLogs.disabledBecause;
      this.accessLogTarget = undefined;
    } else {
      this.accessLogTarget = { bucket: props.serverAccessLogs.target, prefix: props.serverAccessLogs.prefix ?? `s3/${props.purpose}/` };
      this.accessLogsDisabledBecause = undefined;
    }

    this.bucket = protectStateful(
      new S3Bucket(this, "bucket", {
        bucket: this.bucketName,
        forceDestroy: false,
        ...(objectLock !== undefined ? { objectLockEnabled: true } : {}),
      }),
      config.protectStatefulResources,
    );
    // Exceptions to the policy rules, each with the reason synth prints and docs/security.md lists.
    if (encryption.key === undefined) waive(this.bucket, "CKV_AWS_145", encryption.justification!);
    if (this.accessLogsDisabledBecause !== undefined) waive(this.bucket, "CKV_AWS_18", this.accessLogsDisabledBecause);
    const bucket = this.bucket.id;
    // ACLs disabled: the bucket owner owns every object, including those AWS services deliver.
    new S3BucketOwnershipControls(this, "ownership", { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } });
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    this.versioning = new S3BucketVersioningA(this, "versioning", { bucket, versioningConfiguration: { status: "Enabled" } });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [
        encryption.key !== undefined
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: encryption.key.arn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket,
      rule: lifecycle.rules(),
      // S3's default since September 2024, stated so a changed default cannot move small objects.
      transitionDefaultMinimumObjectSize: "all_storage_classes_128K",
      dependsOn: [this.versioning],
    });
    if (objectLock !== undefined) {
      new S3BucketObjectLockConfigurationA(this, "object-lock", {
        bucket,
        rule: { defaultRetention: { mode: objectLock.mode, days: objectLock.days } },
        dependsOn: [this.versioning],
      });
    }
    if (this.accessLogTarget !== undefined) {
      const target = this.accessLogTarget;
      new S3BucketLoggingA(this, "access-logging", {
        bucket,
        targetBucket: target.bucket.bucket.id,
        targetPrefix: target.prefix,
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
      });
      target.bucket.acceptServerAccessLogsFrom(this);
    }
    this.policyDocument = new DataAwsIamPolicyDocument(this, "policy-document", { statement: this.statements() });
    this.policy = new S3BucketPolicy(this, "policy", {
      bucket,
      policy: this.policyDocument.json,
      dependsOn: [this.publicAccessBlock],
    });
  }

  /** Adds a statement to the bucket policy (after the TLS-only deny). */
  addToResourcePolicy(statement: DataAwsIamPolicyDocumentStatement): void {
    this.extraStatements.push(statement);
    this.policyDocument.putStatement(this.statements());
  }

  /** Lets S3 deliver `source`'s server access logs into this bucket (called by `source`). */
  private acceptServerAccessLogsFrom(source: SecureLogBucket): void {
    this.accessLogSources.push(source);
    this.policyDocument.putStatement(this.statements());
  }

  private statements(): DataAwsIamPolicyDocumentStatement[] {
    const statements = [denyInsecureTransport(this.arn), ...this.extraStatements];
    if (this.accessLogSources.length > 0) {
      const prefixes = [...new Set(this.accessLogSources.map((s) => s.accessLogTarget!.prefix))];
      statements.push({
        sid: "S3ServerAccessLogsDelivery",
        effect: "Allow",
        principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
        actions: ["s3:PutObject"],
        resources: prefixes.map((p) => `${this.arn}/${p}*`),
        condition: [
          condition("ArnLike", "aws:SourceArn", this.accessLogSources.map((s) => s.arn)),
          condition("StringEquals", "aws:SourceAccount", [this.accountId]),
        ],
      });
    }
    return statements;
  }
}
