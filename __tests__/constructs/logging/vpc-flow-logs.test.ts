import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing, TerraformStack } from "cdktf";
import { BucketEncryption } from "../../../constructs/core/bucket-encryption";
import { CustomerKey } from "../../../constructs/core/customer-key";
import { SecureBucket } from "../../../constructs/core/secure-bucket";
import { LifecyclePolicy } from "../../../constructs/logging/lifecycle-policy";
import { VpcFlowLogs, type VpcFlowLogsProps } from "../../../constructs/logging/vpc-flow-logs";
import { onlyResource, parse } from "../../support";
import { reference } from "../../support/terraform-reference";
import { policyDocumentStatements } from "../../support/synthesized-buckets";

/** The three fields the construct reads: the account and region of the delivery conditions and the cluster's name. */
const CONFIG: VpcFlowLogsProps["config"] = {
  account: { id: "222222222222", name: "fx-prod" },
  region: "ap-northeast-1",
  eks: { clusterName: "fx-trader-test", monitoringNamespace: "monitoring", appNamespace: "fx-trader", kubernetesVersion: "1.33" },
};

// Builds only the flow logs, the bucket they land in and the key that bucket is encrypted with.
function synth(interval?: 60 | 600) {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: CONFIG.region });
  const key = new CustomerKey(stack, "key", { aliasName: "alias/fx-trader-test-logs", description: "test log key", accountId: CONFIG.account.id });
  const bucket = new SecureBucket(stack, "network", {
    bucketName: "fx-trader-test-network-logs",
    accountId: CONFIG.account.id,
    encryption: BucketEncryption.kms(key.key),
    lifecycle: new LifecyclePolicy({ expirationDays: 30, noncurrentVersionDays: 7, abortIncompleteUploadDays: 7 }),
    serverAccessLogs: { disabledBecause: "isolated test bucket with nothing to audit" },
  });
  new VpcFlowLogs(stack, "flow-logs", { config: CONFIG, bucket, key, ...(interval ? { maxAggregationIntervalSeconds: interval } : {}) });
  return { stack, bucket, synthesized: Testing.synth(stack) };
}

function build(interval?: 60 | 600) {
  return parse(synth(interval).synthesized);
}

describe("VpcFlowLogs", () => {
  it("L1: lets log delivery of this account and region write with the key", () => {
    const json = build();
    const statement = policyDocumentStatements(json, onlyResource(json, "aws_kms_key").policy).find((s) => s.sid === "FlowLogsDeliveryUseKey");
    expect(statement?.condition).toEqual([
      { test: "StringEquals", variable: "aws:SourceAccount", values: ["222222222222"] },
      { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:logs:ap-northeast-1:222222222222:*"] },
    ]);
    expect(onlyResource(json, "aws_flow_log").max_aggregation_interval).toBe(600);
  });

  it("L1: delivers every flow of the cluster's VPC into the bucket construct, after its policy", () => {
    const { stack, bucket, synthesized } = synth();
    expect(synthesized).toHaveResourceWithProperties(FlowLog, {
      traffic_type: "ALL",
      log_destination_type: "s3",
      log_destination: reference(stack, bucket.bucket, "arn"),
      depends_on: [`${bucket.policy.terraformResourceType}.${stack.getLogicalId(bucket.policy)}`],
    });
    // Seeded failure: the matcher rejects flow logs that keep only rejected traffic.
    expect(synthesized).not.toHaveResourceWithProperties(FlowLog, { traffic_type: "REJECT" });
  });

  it("fails when the aggregation interval is not one VPC accepts", () => {
    expect(() => build(120 as 60)).toThrow("VpcFlowLogs test/flow-logs: maxAggregationIntervalSeconds = 120: must be 60 or 600 (the values VPC accepts)");
  });
});
