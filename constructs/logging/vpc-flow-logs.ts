/**
 * VPC flow logs (L1 network logs) of the EKS cluster's VPC, delivered to the network-log bucket, whose
 * lifecycle keeps them for the infrastructure retention.
 *
 * The VPC is looked up from the existing cluster rather than configured, so it cannot point elsewhere.
 * Delivery to S3 needs no IAM role; the bucket and key grants follow the VPC user guide ("Amazon S3 bucket
 * permissions for flow logs") and are limited to log deliveries from this account and region.
 */
import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "../../config/types";
import type { CustomerKey } from "../core/customer-key";
import type { SecureBucket } from "../core/secure-bucket";
import { allowService, condition } from "../core/policy-statements";

const LOG_DELIVERY = "delivery.logs.amazonaws.com";

export interface VpcFlowLogsProps {
  readonly config: Pick<EnvironmentConfig, "account" | "region" | "eks">;
  readonly bucket: SecureBucket;
  readonly key: CustomerKey;
  /**
   * Seconds over which a flow is aggregated into one record (60 or 600).
   * @default 600
   */
  readonly maxAggregationIntervalSeconds?: 60 | 600;
}

export class VpcFlowLogs extends Construct {
  readonly cluster: DataAwsEksCluster;
  readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const { config, bucket, key } = props;
    const interval = props.maxAggregationIntervalSeconds ?? 600;
    if (interval !== 60 && interval !== 600) {
      throw new Error(`VpcFlowLogs ${this.node.path}: maxAggregationIntervalSeconds = ${String(interval)}: must be 60 or 600 (the values VPC accepts)`);
    }
    const fromThisAccount = [
      condition("StringEquals", "aws:SourceAccount", [config.account.id]),
      condition("ArnLike", "aws:SourceArn", [`arn:aws:logs:${config.region}:${config.account.id}:*`]),
    ];
    bucket.addToResourcePolicy(
      allowService("FlowLogsDeliveryWrite", LOG_DELIVERY, ["s3:PutObject"], [`${bucket.arn}/AWSLogs/${config.account.id}/*`], [
        condition("StringEquals", "s3:x-amz-acl", ["bucket-owner-full-control"]),
        ...fromThisAccount,
      ]),
    );
    bucket.addToResourcePolicy(allowService("FlowLogsDeliveryAclCheck", LOG_DELIVERY, ["s3:GetBucketAcl", "s3:ListBucket"], [bucket.arn], fromThisAccount));
    key.addToPolicy(
      allowService("FlowLogsDeliveryUseKey", LOG_DELIVERY, ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], ["*"], fromThisAccount),
    );
    this.cluster = new DataAwsEksCluster(this, "cluster", { name: config.eks.clusterName });
    this.flowLog = new FlowLog(this, "flow-log", {
      vpcId: this.cluster.vpcConfig.get(0).vpcId,
      trafficType: "ALL",
      logDestinationType: "s3",
      logDestination: bucket.bucket.arn,
      maxAggregationInterval: interval,
      dependsOn: [bucket.policy],
    });
  }
}
