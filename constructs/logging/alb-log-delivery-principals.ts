/**
 * Who delivers ALB access logs, per region (see private/alb-log-delivery.ts for the grants built from it). Public
 * data: the retention docs list the same principals.
 */

/** The ELB log-delivery service principal. */
export const ELB_LOG_DELIVERY_PRINCIPAL = "logdelivery.elasticloadbalancing.amazonaws.com";

/** Regions opened before August 2022, for which AWS documents a per-region Elastic Load Balancing account. */
export const ELB_ACCOUNT_REGIONS: readonly string[] = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-1",
  "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2",
  "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-north-1",
  "me-south-1", "sa-east-1",
];
