import { BucketEncryption } from "../../../constructs/core/bucket-encryption";
import { CustomerKey } from "../../../constructs/core/customer-key";
import { bucketName } from "../../../constructs/core/naming";
import { SecureBucket } from "../../../constructs/core/secure-bucket";
import { LifecyclePolicy } from "../../../constructs/logging/lifecycle-policy";
import { logKeyProps } from "../../../constructs/logging/log-encryption-key";
import { VpcFlowLogs } from "../../../constructs/logging/vpc-flow-logs";
import { onlyResource, parse, synthInStack } from "../../support";
import { policyDocumentStatements } from "../../support/synthesized-buckets";

function build(interval?: 60 | 600) {
  return parse(
    synthInStack("prod", (scope, config) => {
      const key = new CustomerKey(scope, "key", logKeyProps(config));
      const bucket = new SecureBucket(scope, "network", {
        bucketName: bucketName(config, "network-logs"),
        accountId: config.account.id,
        encryption: BucketEncryption.kms(key.key),
        lifecycle: new LifecyclePolicy({ expirationDays: 30, noncurrentVersionDays: 7, abortIncompleteUploadDays: 7 }),
        serverAccessLogs: { disabledBecause: "isolated test bucket with nothing to audit" },
      });
      new VpcFlowLogs(scope, "flow-logs", { config, bucket, key, ...(interval ? { maxAggregationIntervalSeconds: interval } : {}) });
    }),
  );
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

  it("fails when the aggregation interval is not one VPC accepts", () => {
    expect(() => build(120 as 60)).toThrow("VpcFlowLogs test/flow-logs: maxAggregationIntervalSeconds = 120: must be 60 or 600 (the values VPC accepts)");
  });
});
