/**
 * An S3 bucket with every protection the policy rules ask for, in one place: default encryption (SSE-KMS
 * with a bucket key, or SSE-S3 only with a justification), all four public access blocks, ACLs disabled, a
 * TLS-only bucket policy, versioning, a lifecycle, server access logging (or a written reason), Object Lock
 * where data is immutable, and protection from destruction. Every domain's buckets are built with it, so a
 * fix to one protection reaches them all.
 *
 * One bucket policy per bucket: AWS services that deliver into the bucket add their statements with
 * `addToResourcePolicy`, after the TLS-only deny; buckets of the same stack that log their access into this
 * one add the delivery grant for their prefix and ARN.
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
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { ObjectLockPolicy } from "../../config/retention-policy";
import { markMustSurvive } from "../policy/must-survive";
import { waive } from "../policy/waiver";
import type { BucketEncryption } from "./bucket-encryption";
import type { LifecycleRules } from "./lifecycle-rules";
import { denyInsecureTransport, serverAccessLogsDelivery } from "./private/bucket-policy";
import { protectStateful } from "./protection";
import type { ServerAccessLogs } from "./server-access-logs";

/** Why no bucket sends event notifications (checkov CKV2_AWS_62). */
export const NO_EVENT_NOTIFICATIONS_JUSTIFICATION =
  "no consumer for S3 event notifications: changes to bucket configuration are recorded by CloudTrail and AWS Config (and alarmed by the CIS S3 bucket policy filter), and deletion is prevented by versioning or Object Lock rather than detected";

/** Why a bucket is not replicated to another region (checkov CKV_AWS_144), unless its caller says more. */
export const NO_REPLICATION_JUSTIFICATION =
  "not replicated to another region: the DR copies of this program are made by AWS Backup (the backup plans copy every recovery point to the DR region's vault), and this bucket is not in a backup selection; its objects stay in-region across availability zones for the retention table's period, so losing the whole region loses them (accepted: the trading data the DR drill restores is in the backup selection)";

export interface SecureBucketProps {
  /** Physical name, from the naming helper (`bucketName` / `accountBucketName`). */
  readonly bucketName: string;
  /** The owning account: the only `aws:SourceAccount` whose access logs this bucket accepts. */
  readonly accountId: string;
  readonly encryption: BucketEncryption;
  readonly lifecycle: LifecycleRules;
  /** Required: every bucket states where its access logs go (or why nowhere). */
  readonly serverAccessLogs: ServerAccessLogs;
  /**
   * Keep previous object versions. Turn it off only where retention is enforced by deleting objects (a
   * version history would keep what was deleted) or the data is disposable.
   * @default true
   */
  readonly versioned?: boolean;
  /**
   * The data must survive overwrites and deletions: tags the bucket must-survive, so the policy check
   * requires versioning (CKV_AWS_21). Needs `versioned`.
   * @default false
   */
  readonly mustSurvive?: boolean;
  /**
   * Object Lock default retention; needs `versioned` and must not outlast the lifecycle's expiry.
   * @default no Object Lock
   */
  readonly objectLock?: ObjectLockPolicy;
  /**
   * Tags of the bucket (provider default tags are added by the stack).
   * @default none
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Why the bucket has no cross-region replication (the CKV_AWS_144 waiver synth prints).
   * @default NO_REPLICATION_JUSTIFICATION (not in a backup selection, in-region copy only)
   */
  readonly noReplicationBecause?: string;
  /**
   * Sets `prevent_destroy` on the bucket; environments relax it only through `protectStatefulResources`.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * Provider of every resource of the bucket.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketName: string;
  /** Bucket ARN, computed from the name so policies can name it before the bucket exists. */
  readonly arn: string;
  readonly encryption: BucketEncryption;
  readonly lifecycle: LifecycleRules;
  readonly objectLock: ObjectLockPolicy | undefined;
  /** The versioning configuration, `undefined` when the bucket is not versioned. */
  readonly versioning: S3BucketVersioningA | undefined;
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  readonly policyDocument: DataAwsIamPolicyDocument;
  readonly policy: S3BucketPolicy;
  private readonly extraStatements: DataAwsIamPolicyDocumentStatement[] = [];
  private readonly accessLogSources: Array<{ readonly arn: string; readonly prefix: string }> = [];
  private readonly accountId: string;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const { encryption, lifecycle, objectLock, provider } = props;
    const versioned = props.versioned ?? true;
    this.bucketName = props.bucketName;
    this.arn = `arn:aws:s3:::${this.bucketName}`;
    this.encryption = encryption;
    this.lifecycle = lifecycle;
    this.objectLock = objectLock;
    this.accountId = props.accountId;
    validate(`SecureBucket ${this.node.path} (${this.bucketName})`, props, versioned);
    const rules = lifecycle.rules();

    this.bucket = protectStateful(
      new S3Bucket(this, "bucket", {
        provider,
        bucket: this.bucketName,
        forceDestroy: false,
        ...(objectLock !== undefined ? { objectLockEnabled: true } : {}),
        ...(props.tags !== undefined ? { tags: { ...props.tags } } : {}),
      }),
      props.protect ?? true,
    );
    if (props.mustSurvive === true) markMustSurvive(this.bucket);
    // Exceptions to the policy rules, each with the reason synth prints and docs/security.md lists.
    if (encryption.justification !== undefined) waive(this.bucket, "CKV_AWS_145", encryption.justification);
    const logs = props.serverAccessLogs;
    if ("disabledBecause" in logs) waive(this.bucket, "CKV_AWS_18", logs.disabledBecause);
    waive(this.bucket, "CKV2_AWS_62", NO_EVENT_NOTIFICATIONS_JUSTIFICATION);
    waive(this.bucket, "CKV_AWS_144", props.noReplicationBecause ?? NO_REPLICATION_JUSTIFICATION);

    const bucket = this.bucket.id;
    // ACLs disabled: the bucket owner owns every object, including those AWS services deliver.
    new S3BucketOwnershipControls(this, "ownership", { provider, bucket, rule: { objectOwnership: "BucketOwnerEnforced" } });
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, "public-access-block", {
      provider,
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    this.versioning = versioned ? new S3BucketVersioningA(this, "versioning", { provider, bucket, versioningConfiguration: { status: "Enabled" } }) : undefined;
    const afterVersioning = this.versioning !== undefined ? { dependsOn: [this.versioning] } : {};
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      provider,
      bucket,
      rule: [
        encryption.key !== undefined
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: encryption.key.arn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      provider,
      bucket,
      rule: rules,
      ...(lifecycle.transitionDefaultMinimumObjectSize !== undefined ? { transitionDefaultMinimumObjectSize: lifecycle.transitionDefaultMinimumObjectSize } : {}),
      ...afterVersioning,
    });
    if (objectLock !== undefined) {
      new S3BucketObjectLockConfigurationA(this, "object-lock", {
        provider,
        bucket,
        rule: { defaultRetention: { mode: objectLock.mode, days: objectLock.days } },
        ...afterVersioning,
      });
    }
    if (!("disabledBecause" in logs)) {
      new S3BucketLoggingA(this, "access-logging", {
        provider,
        bucket,
        // A bucket of another stack is named, not referenced: a cross-stack reference would only add a
        // remote-state lookup for a name the naming helper fixes.
        targetBucket: "target" in logs ? logs.target.bucket.id : logs.targetBucketName,
        targetPrefix: logs.prefix,
        ...(logs.partitionedByEventTime === true ? { targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } } } : {}),
      });
      if ("target" in logs) logs.target.acceptServerAccessLogsFrom(this.arn, logs.prefix);
    }
    this.policyDocument = new DataAwsIamPolicyDocument(this, "policy-document", { provider, statement: this.statements() });
    this.policy = new S3BucketPolicy(this, "policy", {
      provider,
      bucket,
      policy: this.policyDocument.json,
      // With the public access block in place first, no policy is ever evaluated without it.
      dependsOn: [this.publicAccessBlock],
    });
  }

  /** Adds a statement to the bucket policy (after the TLS-only deny). */
  addToResourcePolicy(statement: DataAwsIamPolicyDocumentStatement): void {
    this.extraStatements.push(statement);
    this.policyDocument.putStatement(this.statements());
  }

  /**
   * Lets S3 deliver the server access logs of bucket `sourceArn` (an ARN pattern may use `*`) under `prefix`.
   * A source of the same stack calls this itself; buckets of other stacks are granted by their target's owner.
   */
  acceptServerAccessLogsFrom(sourceArn: string, prefix: string): void {
    this.accessLogSources.push({ arn: sourceArn, prefix });
    this.policyDocument.putStatement(this.statements());
  }

  private statements(): DataAwsIamPolicyDocumentStatement[] {
    const statements = [denyInsecureTransport(this.arn), ...this.extraStatements];
    if (this.accessLogSources.length > 0) statements.push(serverAccessLogsDelivery(this.arn, this.accessLogSources, this.accountId));
    return statements;
  }
}

/** Eager checks of the props; `where` names the construct and bucket. */
function validate(where: string, props: SecureBucketProps, versioned: boolean): void {
  const { lifecycle, objectLock } = props;
  const expiry = lifecycle.expirationDays;
  if (expiry !== undefined && (!Number.isInteger(expiry) || expiry < 1)) {
    throw new Error(`${where}: lifecycle.expirationDays = ${expiry}: must be an integer ≥ 1 (days), or undefined to keep objects until deleted`);
  }
  if (!lifecycle.rules().some((r) => r.status === "Enabled")) {
    throw new Error(`${where}: lifecycle has no rule with status "Enabled": give the bucket at least one enabled lifecycle rule (CKV2_AWS_61)`);
  }
  if (props.mustSurvive === true && !versioned) {
    throw new Error(`${where}: mustSurvive = true with versioned = false: data that must survive needs versioning (CKV_AWS_21)`);
  }
  if (objectLock !== undefined) {
    if (!versioned) throw new Error(`${where}: objectLock with versioned = false: Object Lock needs versioning`);
    if (!Number.isInteger(objectLock.days) || objectLock.days < 1) {
      throw new Error(`${where}: objectLock.days = ${objectLock.days}: must be an integer ≥ 1`);
    }
    if (expiry !== undefined && objectLock.days > expiry) {
      throw new Error(`${where}: objectLock.days = ${objectLock.days}: must be ≤ the expiry (${expiry} days): a lock that outlasts the retention keeps every version past it`);
    }
  }
  const logs = props.serverAccessLogs;
  if ("disabledBecause" in logs) {
    if (logs.disabledBecause.trim().length === 0) {
      throw new Error(`${where}: serverAccessLogs.disabledBecause is empty: say why this bucket's access is not logged`);
    }
  } else if (!logs.prefix.endsWith("/") || logs.prefix.length < 2) {
    throw new Error(`${where}: serverAccessLogs.prefix = "${logs.prefix}": must be a non-empty key prefix ending in "/" (so sources cannot write into each other's keys)`);
  }
}
