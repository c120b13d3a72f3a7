/**
 * The environment's CloudTrail trail (S1 audit trail, L2 audit retention): multi-region, global service
 * events, log file validation, encrypted with the log key, delivered to the Object Lock audit bucket.
 *
 * The bucket and key grants follow the CloudTrail user guide and are scoped to this trail's ARN
 * (`aws:SourceArn`), so no other trail can write into the bucket or use the key. The trail is created after
 * the bucket policy, because CloudTrail checks the policy when the trail is created.
 */
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "../../config/types";
import { resourceName } from "../core/naming";
import type { CustomerKey } from "../core/customer-key";
import type { SecureBucket } from "../core/secure-bucket";
import { allowService, condition } from "../core/policy-statements";

const CLOUDTRAIL = "cloudtrail.amazonaws.com";

export interface AuditTrailProps {
  readonly config: EnvironmentConfig;
  /** The audit-log bucket; must have Object Lock (audit logs are immutable). */
  readonly bucket: SecureBucket;
  readonly key: CustomerKey;
  /**
   * Key prefix of the log files in the bucket.
   * @default "cloudtrail"
   */
  readonly s3KeyPrefix?: string;
}

export class AuditTrail extends Construct {
  /** The trail's name, `fx-trader-<env>-audit`. */
  static trailName(config: Pick<EnvironmentConfig, "name">): string {
    return resourceName(config, "audit");
  }

  /** The trail's ARN, computed so grants can name it before the trail exists. */
  static trailArn(config: Pick<EnvironmentConfig, "name" | "region" | "account">): string {
    return `arn:aws:cloudtrail:${config.region}:${config.account.id}:trail/${AuditTrail.trailName(config)}`;
  }

  readonly trail: Cloudtrail;
  readonly arn: string;
  readonly s3KeyPrefix: string;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const { config, bucket, key } = props;
    if (bucket.objectLock === undefined) {
      throw new Error(
        `AuditTrail ${this.node.path}: bucket ${bucket.bucketName} has no Object Lock: audit logs must be immutable (L2, S1); ` +
          "give the audit bucket an objectLock",
      );
    }
    this.arn = AuditTrail.trailArn(config);
    this.s3KeyPrefix = props.s3KeyPrefix ?? "cloudtrail";
    const fromThisTrail = condition("StringEquals", "aws:SourceArn", [this.arn]);
    bucket.addToResourcePolicy(allowService("CloudTrailAclCheck", CLOUDTRAIL, ["s3:GetBucketAcl"], [bucket.arn], [fromThisTrail]));
    bucket.addToResourcePolicy(
      allowService("CloudTrailWrite", CLOUDTRAIL, ["s3:PutObject"], [`${bucket.arn}/${this.s3KeyPrefix}/AWSLogs/${config.account.id}/*`], [
        condition("StringEquals", "s3:x-amz-acl", ["bucket-owner-full-control"]),
        fromThisTrail,
      ]),
    );
    key.addToPolicy(
      allowService("CloudTrailEncryptLogs", CLOUDTRAIL, ["kms:GenerateDataKey*"], ["*"], [
        fromThisTrail,
        condition("StringLike", "kms:EncryptionContext:aws:cloudtrail:arn", [`arn:aws:cloudtrail:*:${config.account.id}:trail/*`]),
      ]),
    );
    key.addToPolicy(allowService("CloudTrailDescribeKey", CLOUDTRAIL, ["kms:DescribeKey"], ["*"], [fromThisTrail]));
    this.trail = new Cloudtrail(this, "trail", {
      name: AuditTrail.trailName(config),
      s3BucketName: bucket.bucket.id,
      s3KeyPrefix: this.s3KeyPrefix,
      kmsKeyId: key.arn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      dependsOn: [bucket.policy],
    });
  }
}
