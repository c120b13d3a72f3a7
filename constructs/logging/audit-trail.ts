/**
 * The account's CloudTrail trail (S1 audit trail, L2 audit retention): one per AWS account (declared in the
 * account stack, however many environments share the account), multi-region, global service events, log file
 * validation, encrypted with the evidence key, delivered to the Object-Locked evidence bucket and to a
 * CloudWatch log group (KMS, retention from config) so the CIS metric filters can alarm on it.
 *
 * The bucket, key and log-delivery grants follow the CloudTrail user guide and are scoped to this trail's ARN
 * (`aws:SourceArn`), so no other trail can write into the bucket, use the key or assume the delivery role. The
 * trail is created after the bucket policy, because CloudTrail checks the policy when the trail is created.
 */
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { CLOUDWATCH_RETENTION_DAYS } from "../../config/log-storage";
import type { AwsAccount } from "../../config/types";
import { accountResourceName } from "../core/naming";
import type { CustomerKey } from "../core/customer-key";
import { protectStateful } from "../core/protection";
import type { SecureBucket } from "../core/secure-bucket";
import { allowService, condition } from "../core/policy-statements";
import { waive } from "../policy/waiver";

const CLOUDTRAIL = "cloudtrail.amazonaws.com";

/** The account a trail belongs to, and the region it is created in. */
export type TrailAccount = Pick<AwsAccount, "id" | "name"> & { readonly region: string };

export interface AuditTrailProps {
  readonly account: TrailAccount;
  /** The audit evidence bucket; must have Object Lock (audit logs are immutable). */
  readonly bucket: SecureBucket;
  /** Encrypts the log files and the log group. */
  readonly key: CustomerKey;
  /** Days the CloudWatch log group keeps events (a value CloudWatch Logs accepts). */
  readonly logGroupRetentionDays: number;
  /**
   * Key prefix of the log files in the bucket.
   * @default "cloudtrail"
   */
  readonly s3KeyPrefix?: string;
  /**
   * `prevent_destroy` and deletion protection on the log group.
   * @default true
   */
  readonly protect?: boolean;
}

export class AuditTrail extends Construct {
  /** The trail's name, `fx-trader-<account>-audit`. */
  static trailName(account: Pick<AwsAccount, "name">): string {
    return accountResourceName(account, "audit");
  }

  /** The trail's ARN, computed so grants can name it before the trail exists. */
  static trailArn(account: TrailAccount): string {
    return `arn:aws:cloudtrail:${account.region}:${account.id}:trail/${AuditTrail.trailName(account)}`;
  }

  /** The CloudWatch log group the trail delivers to, `/aws/cloudtrail/<trail>`. */
  static logGroupName(account: Pick<AwsAccount, "name">): string {
    return `/aws/cloudtrail/${AuditTrail.trailName(account)}`;
  }

  readonly trail: Cloudtrail;
  readonly arn: string;
  readonly s3KeyPrefix: string;
  readonly logGroup: CloudwatchLogGroup;
  /** The role CloudTrail assumes to write into the log group. */
  readonly logDeliveryRole: IamRole;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const { account, bucket, key } = props;
    if (bucket.objectLock === undefined) {
      throw new Error(
        `AuditTrail ${this.node.path}: bucket ${bucket.bucketName} has no Object Lock: audit logs must be immutable (L2, S1); ` +
          "give the audit bucket an objectLock",
      );
    }
    if (!CLOUDWATCH_RETENTION_DAYS.includes(props.logGroupRetentionDays)) {
      throw new Error(
        `AuditTrail ${this.node.path}: [account ${account.name}] security.trail.cloudWatchLogsRetentionDays = ${props.logGroupRetentionDays}: ` +
          `must be one CloudWatch Logs accepts (${CLOUDWATCH_RETENTION_DAYS.join(", ")})`,
      );
    }
    const protect = props.protect ?? true;
    this.arn = AuditTrail.trailArn(account);
    this.s3KeyPrefix = props.s3KeyPrefix ?? "cloudtrail";
    const fromThisTrail = condition("StringEquals", "aws:SourceArn", [this.arn]);
    bucket.addToResourcePolicy(allowService("CloudTrailAclCheck", CLOUDTRAIL, ["s3:GetBucketAcl"], [bucket.arn], [fromThisTrail]));
    bucket.addToResourcePolicy(
      allowService("CloudTrailWrite", CLOUDTRAIL, ["s3:PutObject"], [`${bucket.arn}/${this.s3KeyPrefix}/AWSLogs/${account.id}/*`], [
        condition("StringEquals", "s3:x-amz-acl", ["bucket-owner-full-control"]),
        fromThisTrail,
      ]),
    );
    key.addToPolicy(
      allowService("CloudTrailEncryptLogs", CLOUDTRAIL, ["kms:GenerateDataKey*"], ["*"], [
        fromThisTrail,
        condition("StringLike", "kms:EncryptionContext:aws:cloudtrail:arn", [`arn:aws:cloudtrail:*:${account.id}:trail/*`]),
      ]),
    );
    key.addToPolicy(allowService("CloudTrailDescribeKey", CLOUDTRAIL, ["kms:DescribeKey"], ["*"], [fromThisTrail]));

    const logGroupName = AuditTrail.logGroupName(account);
    const logGroupArn = `arn:aws:logs:${account.region}:${account.id}:log-group:${logGroupName}`;
    key.addToPolicy(
      allowService(
        "CloudWatchLogsEncryptTrail",
        `logs.${account.region}.amazonaws.com`,
        ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        ["*"],
        [condition("ArnEquals", "kms:EncryptionContext:aws:logs:arn", [logGroupArn])],
      ),
    );
    this.logGroup = protectStateful(
      new CloudwatchLogGroup(this, "log-group", {
        name: logGroupName,
        retentionInDays: props.logGroupRetentionDays,
        kmsKeyId: key.arn,
        deletionProtectionEnabled: protect,
      }),
      protect,
    );
    const trust = new DataAwsIamPolicyDocument(this, "log-delivery-trust", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: [CLOUDTRAIL] }],
          condition: [fromThisTrail, condition("StringEquals", "aws:SourceAccount", [account.id])],
        },
      ],
    });
    this.logDeliveryRole = new IamRole(this, "log-delivery-role", { name: accountResourceName(account, "cloudtrail-logs"), assumeRolePolicy: trust.json });
    const delivery = new DataAwsIamPolicyDocument(this, "log-delivery", {
      statement: [{ sid: "DeliverTrailEvents", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${logGroupArn}:log-stream:*`] }],
    });
    const deliveryPolicy = new IamRolePolicy(this, "log-delivery-policy", { name: "deliver-trail-events", role: this.logDeliveryRole.id, policy: delivery.json });

    this.trail = new Cloudtrail(this, "trail", {
      name: AuditTrail.trailName(account),
      s3BucketName: bucket.bucket.id,
      s3KeyPrefix: this.s3KeyPrefix,
      kmsKeyId: key.arn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      // CloudTrail wants the log group ARN with the stream wildcard.
      cloudWatchLogsGroupArn: `${this.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: this.logDeliveryRole.arn,
      dependsOn: [bucket.policy, deliveryPolicy],
    });
    waive(
      this.trail,
      "CKV_AWS_252",
      "no SNS notification per delivered log file: alerting reads the trail's CloudWatch Logs copy (CIS metric filters and alarms to the severity topics), and a message per log file would only be noise",
    );
  }
}
