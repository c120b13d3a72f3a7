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
import { ELB_ACCOUNT_REGIONS, ELB_LOG_DELIVERY_PRINCIPAL } from "../alb-log-delivery-principals";

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
