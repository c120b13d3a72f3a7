/**
 * The environment's four log buckets, one per log class of the retention table (L2): application archive,
 * access logs, audit logs (Object Lock) and network logs. Each bucket's lifecycle comes from its table row.
 *
 * The access-log bucket is the server access log target of the other three and receives ALB access logs.
 * Both deliveries support only SSE-S3 destinations (the ALB and S3 server access logging user guides), so
 * that bucket alone uses SSE-S3, with that justification recorded on it; it does not log its own access.
 */
import { Construct } from "constructs";
import { logClassPolicy, type LogClass } from "../../config/retention-policy";
import type { EnvironmentConfig } from "../../config/types";
import { BucketEncryption } from "../core/bucket-encryption";
import type { CustomerKey } from "../core/customer-key";
import { bucketName, bucketNamePattern } from "../core/naming";
import { SecureBucket } from "../core/secure-bucket";
import { LifecyclePolicy } from "./lifecycle-policy";
import { albLogDeliveryStatements } from "./private/alb-log-delivery";

/** Why the access-log bucket uses SSE-S3 (printed by synth and in docs/retention.md). */
export const ACCESS_LOG_BUCKET_SSE_S3_JUSTIFICATION =
  "ALB access log delivery and S3 server access logging write only to buckets whose default encryption is SSE-S3; SSE-KMS is not supported for either";

/** Why the access-log bucket does not log its own access. */
export const ACCESS_LOG_BUCKET_NOT_LOGGED =
  "it is the server access log target of the other log buckets; logging it into itself would log its own log deliveries without end";

export interface LogRetentionBucketsProps {
  readonly config: Pick<EnvironmentConfig, "name" | "account" | "region" | "logRetention" | "protectStatefulResources">;
  /** Encrypts every bucket that can use SSE-KMS. */
  readonly key: CustomerKey;
}

export class LogRetentionBuckets extends Construct {
  /** Key prefix (no slashes) under which ALBs deliver access logs: set it as the load balancer's `access_logs.prefix`. */
  static readonly ALB_LOG_PREFIX = "alb";

  readonly application: SecureBucket;
  readonly access: SecureBucket;
  readonly audit: SecureBucket;
  readonly network: SecureBucket;
  /** The bucket of each log class. */
  readonly byClass: Readonly<Record<LogClass, SecureBucket>>;

  constructor(scope: Construct, id: string, props: LogRetentionBucketsProps) {
    super(scope, id);
    const { config, key } = props;
    const bucketFor = (logClass: LogClass, encryption: BucketEncryption, serverAccessLogs: SecureBucket | string) => {
      const policy = logClassPolicy(config, logClass);
      return new SecureBucket(this, logClass, {
        bucketName: bucketName(config, policy.bucketPurpose),
        accountId: config.account.id,
        encryption,
        lifecycle: LifecyclePolicy.forLogClass(policy, config.logRetention, config.name),
        serverAccessLogs:
          typeof serverAccessLogs === "string"
            ? { disabledBecause: serverAccessLogs }
            : { target: serverAccessLogs, prefix: `s3/${policy.bucketPurpose}/`, partitionedByEventTime: true },
        ...(policy.objectLock !== undefined ? { objectLock: policy.objectLock } : {}),
        protect: config.protectStatefulResources,
      });
    };
    this.access = bucketFor("access", BucketEncryption.s3Managed(ACCESS_LOG_BUCKET_SSE_S3_JUSTIFICATION), ACCESS_LOG_BUCKET_NOT_LOGGED);
    for (const statement of albLogDeliveryStatements(this.access, config.region, config.account.id, this.access.arn, LogRetentionBuckets.ALB_LOG_PREFIX)) {
      this.access.addToResourcePolicy(statement);
    }
    // The environment's other buckets (observability in the platform stack, backup's) log here by name,
    // under `s3/<bucket or purpose>/`: grant them by the naming convention, in this account only.
    this.access.acceptServerAccessLogsFrom(`arn:aws:s3:::${bucketNamePattern(config)}`, "s3/");
    this.application = bucketFor("application", BucketEncryption.kms(key.key), this.access);
    this.audit = bucketFor("audit", BucketEncryption.kms(key.key), this.access);
    this.network = bucketFor("infrastructure", BucketEncryption.kms(key.key), this.access);
    this.byClass = { application: this.application, access: this.access, audit: this.audit, infrastructure: this.network };
  }

  /** Every bucket, in table order. */
  get all(): readonly SecureBucket[] {
    return [this.application, this.access, this.audit, this.network];
  }
}
