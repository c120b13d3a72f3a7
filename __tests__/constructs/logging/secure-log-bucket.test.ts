import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../../../config/types";
import { BucketEncryption } from "../../../constructs/core/bucket-encryption";
import { LifecyclePolicy } from "../../../constructs/logging/lifecycle-policy";
import { SecureLogBucket, type SecureLogBucketProps } from "../../../constructs/logging/secure-log-bucket";
import { synthInStack } from "../../support";
import { synthesizedBuckets } from "../../support/synthesized-buckets";

const lifecycle = new LifecyclePolicy({ expirationDays: 90, noncurrentVersionDays: 7, abortIncompleteUploadDays: 7 });

function bucket(scope: Construct, config: EnvironmentConfig, id: string, props: Partial<SecureLogBucketProps> = {}): SecureLogBucket {
  return new SecureLogBucket(scope, id, {
    config,
    purpose: id,
    encryption: BucketEncryption.kms(new KmsKey(scope, `${id}-key`, {})),
    lifecycle,
    serverAccessLogs: { disabledBecause: "isolated test bucket with nothing to audit" },
    ...props,
  });
}

describe("SecureLogBucket", () => {
  it("adds delivery statements after the TLS-only deny, and collects server access log sources on the target", () => {
    const text = synthInStack("staging", (scope, config) => {
      const target = bucket(scope, config, "target", { encryption: BucketEncryption.s3Managed("S3 server access logging needs SSE-S3") });
      bucket(scope, config, "one", { serverAccessLogs: { target } });
      bucket(scope, config, "two", { serverAccessLogs: { target, prefix: "custom/" } });
      target.addToResourcePolicy({ sid: "Extra", effect: "Allow", actions: ["s3:GetObject"], resources: [`${target.arn}/*`], principals: [{ type: "AWS", identifiers: ["arn:aws:iam::111111111111:root"] }] });
    });
    const target = synthesizedBuckets(text).get("fx-trader-staging-target-111111111111-ap-northeast-1")!;
    expect(target.statements.map((s) => s.sid)).toEqual(["DenyInsecureTransport", "Extra", "S3ServerAccessLogsDelivery"]);
    expect(target.statements[2]!.resources).toEqual(["arn:aws:s3:::fx-trader-staging-target-111111111111-ap-northeast-1/s3/one/*", "arn:aws:s3:::fx-trader-staging-target-111111111111-ap-northeast-1/custom/*"]);
  });

  it("fails when access logging is disabled without a reason", () => {
    expect(() => synthInStack("dev", (scope, config) => bucket(scope, config, "quiet", { serverAccessLogs: { disabledBecause: " " } }))).toThrow(
      "SecureLogBucket test/quiet (fx-trader-dev-quiet-111111111111-ap-northeast-1): serverAccessLogs.disabledBecause is empty: say why this bucket's access is not logged",
    );
  });

  it("fails when Object Lock would outlast the expiry", () => {
    expect(() => synthInStack("prod", (scope, config) => bucket(scope, config, "locked", { objectLock: { mode: "COMPLIANCE", days: 365 } }))).toThrow(
      "SecureLogBucket test/locked (fx-trader-prod-locked-222222222222-ap-northeast-1): objectLock.days = 365: must be ≤ the expiry (90 days): " +
        "a lock that outlasts the retention keeps every version past it",
    );
  });
});
