/**
 * The AWS Load Balancer Controller's `alb.ingress.kubernetes.io/load-balancer-attributes` value that turns on an
 * ALB's access logs into the environment's access-log bucket under the prefix its bucket policy grants to
 * Elastic Load Balancing (`LogRetentionBuckets.ALB_LOG_PREFIX`). An ingress that creates an ALB sets this
 * annotation; the bucket, its SSE-S3 encryption and the delivery grant are the data stack's.
 */
import type { EnvironmentConfig } from "../../config/types";
import { accessLogBucketName } from "../core/naming";
import { LogRetentionBuckets } from "./log-retention-buckets";

/** The ingress annotation that carries load balancer attributes. */
export const ALB_ATTRIBUTES_ANNOTATION = "alb.ingress.kubernetes.io/load-balancer-attributes";

/** `access_logs.s3.enabled=true,access_logs.s3.bucket=<access-log bucket>,access_logs.s3.prefix=alb`. */
export function albAccessLogAttributes(config: Pick<EnvironmentConfig, "name" | "account" | "region" | "logRetention">): string {
  return [`access_logs.s3.enabled=true`, `access_logs.s3.bucket=${accessLogBucketName(config)}`, `access_logs.s3.prefix=${LogRetentionBuckets.ALB_LOG_PREFIX}`].join(",");
}
