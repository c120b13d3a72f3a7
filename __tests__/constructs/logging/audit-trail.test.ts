import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AuditTrail } from "../../../constructs/logging/audit-trail";
import { BucketEncryption } from "../../../constructs/core/bucket-encryption";
import { CustomerKey } from "../../../constructs/core/customer-key";
import { bucketName } from "../../../constructs/core/naming";
import { SecureBucket } from "../../../constructs/core/secure-bucket";
import { LifecyclePolicy } from "../../../constructs/logging/lifecycle-policy";
import { logKeyProps } from "../../../constructs/logging/log-encryption-key";
import { envConfig, onlyResource, parse, synthInStack } from "../../support";
import { policyDocumentStatements } from "../../support/synthesized-buckets";

const lifecycle = new LifecyclePolicy({ expirationDays: 365, noncurrentVersionDays: 7, abortIncompleteUploadDays: 7 });

describe("AuditTrail", () => {
  it("names and addresses the trail from the environment", () => {
    expect(AuditTrail.trailName(envConfig("staging"))).toBe("fx-trader-staging-audit");
    expect(AuditTrail.trailArn(envConfig("staging"))).toBe("arn:aws:cloudtrail:ap-northeast-1:111111111111:trail/fx-trader-staging-audit");
  });

  it("S1: lets only this trail use the log key", () => {
    const json = parse(
      synthInStack("prod", (scope, config) => {
        const key = new CustomerKey(scope, "key", logKeyProps(config));
        const bucket = new SecureBucket(scope, "audit", {
          bucketName: bucketName(config, "audit-logs"),
          accountId: config.account.id,
          encryption: BucketEncryption.kms(key.key),
          lifecycle,
          serverAccessLogs: { disabledBecause: "isolated test bucket with nothing to audit" },
          objectLock: { mode: "COMPLIANCE", days: 365 },
        });
        new AuditTrail(scope, "trail", { config, bucket, key });
      }),
    );
    const statements = policyDocumentStatements(json, onlyResource(json, "aws_kms_key").policy);
    expect(statements.find((s) => s.sid === "CloudTrailEncryptLogs")).toEqual({
      sid: "CloudTrailEncryptLogs",
      effect: "Allow",
      principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
      actions: ["kms:GenerateDataKey*"],
      resources: ["*"],
      condition: [
        { test: "StringEquals", variable: "aws:SourceArn", values: ["arn:aws:cloudtrail:ap-northeast-1:222222222222:trail/fx-trader-prod-audit"] },
        { test: "StringLike", variable: "kms:EncryptionContext:aws:cloudtrail:arn", values: ["arn:aws:cloudtrail:*:222222222222:trail/*"] },
      ],
    });
  });

  it("fails when the audit bucket has no Object Lock", () => {
    expect(() =>
      synthInStack("prod", (scope, config) => {
        const key = new CustomerKey(scope, "key", logKeyProps(config));
        const bucket = new SecureBucket(scope, "plain", {
          bucketName: bucketName(config, "plain"),
          accountId: config.account.id,
          encryption: BucketEncryption.kms(new KmsKey(scope, "k", {})),
          lifecycle,
          serverAccessLogs: { disabledBecause: "isolated test bucket with nothing to audit" },
        });
        new AuditTrail(scope, "trail", { config, bucket, key });
      }),
    ).toThrow("AuditTrail test/trail: bucket fx-trader-prod-plain-222222222222-ap-northeast-1 has no Object Lock: audit logs must be immutable (L2, S1); give the audit bucket an objectLock");
  });
});
