/**
 * The bucket-policy grants Elastic Load Balancing needs to deliver ALB access logs, for a region.
 *
 * AWS documents two forms. Regions opened from August 2022 on accept only the log-delivery service
 * principal `logdelivery.elasticloadbalancing.amazonaws.com`; the older regions (ap-northeast-1 among them)
 * were documented with the region's Elastic Load Balancing account, and AWS now recommends the service
 * principal there too. We grant the service principal everywhere and, in the older regions, also the
 * region's ELB account (from the provider's `aws_elb_service_account`, not a hard-coded ID), so delivery
 * works whichever form the region honours; both principals are AWS's own and limited to PutObject under
 * this account's `AWSLogs/` prefix.
 */
import { DataAwsElbServiceAccount } from "@cdktf/provider-aws/lib/data-aws-elb-service-account";
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { Construct } from "constructs";
import { allowAws, allowService } from "../../core/policy-statements";

/** The ELB log-delivery service principal. */
export const ELB_LOG_DELIVERY_PRINCIPAL = "logdelivery.elasticloadbalancing.amazonaws.com";

/** Regions opened before August 2022, for which AWS documents a per-region Elastic Load Balancing account. */
export const ELB_ACCOUNT_REGIONS: readonly string[] = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-1",
  "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2",
  "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-north-1",
  "me-south-1", "sa-east-1",
];

/** Statements letting ALBs of `accountId` in `region` write access logs under `<bucketArn>/<prefix>/AWSLogs/<account>/`. */
export function albLogDeliveryStatements(
  scope: Construct,
  region: string,
  accountId: string,
  bucketArn: string,
  prefix: string,
): DataAwsIamPolicyDocumentStatement[] {
  const resource = `${bucketArn}/${prefix}/AWSLogs/${accountId}/*`;
  const statements = [allowService("AlbAccessLogDelivery", ELB_LOG_DELIVERY_PRINCIPAL, ["s3:PutObject"], [resource])];
  if (ELB_ACCOUNT_REGIONS.includes(region)) {
    const elb = new DataAwsElbServiceAccount(scope, "elb-service-account", { region });
    statements.push(allowAws("AlbAccessLogDeliveryRegionAccount", elb.arn, ["s3:PutObject"], [resource]));
  }
  return statements;
}
