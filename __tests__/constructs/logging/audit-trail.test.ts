import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { ACCOUNTS } from "../../../config/accounts";
import { AuditTrail } from "../../../constructs/logging/audit-trail";
import { BucketEncryption } from "../../../constructs/core/bucket-encryption";
import { CustomerKey } from "../../../constructs/core/customer-key";
import { accountBucketName } from "../../../constructs/core/naming";
import { SecureBucket } from "../../../constructs/core/secure-bucket";
import { LifecyclePolicy } from "../../../constructs/logging/lifecycle-policy";
import { onlyResource, parse, synthInStack } from "../../support";
import { policyDocumentStatements } from "../../support/synthesized-buckets";
import type { Construct } from "constructs";

const lifecycle = new LifecyclePolicy({ expirationDays: 365, noncurrentVersionDays: 7, abortIncompleteUploadDays: 7 });
const account = ACCOUNTS["fx-prod"]!;

function trailIn(scope: Construct, options: { objectLock?: boolean; retentionDays?: number } = {}): AuditTrail {
  const key = new CustomerKey(scope, "key", { aliasName: "alias/test-evidence", description: "test", accountId: account.id });
  const bucket = new SecureBucket(scope, "evidence", {
    bucketName: accountBucketName(account, account.region, options.objectLock === false ? "plain" : "evidence"),
    accountId: account.id,
    encryption: BucketEncryption.kms(options.objectLock === false ? new KmsKey(scope, "k", {}) : key.key),
    lifecycle,
    serverAccessLogs: { disabledBecause: "isolated test bucket with nothing to audit" },
    ...(options.objectLock === false ? {} : { objectLock: { mode: "COMPLIANCE", days: 365 } as const }),
  });
  return new AuditTrail(scope, "trail", { account, bucket, key, logGroupRetentionDays: options.retentionDays ?? 365 });
}

describe("AuditTrail (one per account)", () => {
  it("names and addresses the trail and its log group from the account", () => {
    expect(AuditTrail.trailName(account)).toBe("fx-trader-fx-prod-audit");
    expect(AuditTrail.trailArn(account)).toBe("arn:aws:cloudtrail:ap-northeast-1:222222222222:trail/fx-trader-fx-prod-audit");
    expect(AuditTrail.logGroupName(account)).toBe("/aws/cloudtrail/fx-trader-fx-prod-audit");
  });

  it("S1: lets only this trail use the evidence key", () => {
    const json = parse(synthInStack("prod", (scope) => void trailIn(scope)));
    const keys = Object.values(json.resource?.aws_kms_key ?? {});
    const statements = policyDocumentStatements(json, keys[0]!.policy);
    expect(statements.find((s) => s.sid === "CloudTrailEncryptLogs")).toEqual({
      sid: "CloudTrailEncryptLogs",
      effect: "Allow",
      principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
      actions: ["kms:GenerateDataKey*"],
      resources: ["*"],
      condition: [
        { test: "StringEquals", variable: "aws:SourceArn", values: ["arn:aws:cloudtrail:ap-northeast-1:222222222222:trail/fx-trader-fx-prod-audit"] },
        { test: "StringLike", variable: "kms:EncryptionContext:aws:cloudtrail:arn", values: ["arn:aws:cloudtrail:*:222222222222:trail/*"] },
      ],
    });
    expect(statements.find((s) => s.sid === "CloudWatchLogsEncryptTrail")?.condition).toEqual([
      { test: "ArnEquals", variable: "kms:EncryptionContext:aws:logs:arn", values: ["arn:aws:logs:ap-northeast-1:222222222222:log-group:/aws/cloudtrail/fx-trader-fx-prod-audit"] },
    ]);
  });

  it("S1/L2: delivers to a KMS-encrypted, retained, protected CloudWatch log group through a role only this trail may assume", () => {
    const json = parse(synthInStack("prod", (scope) => void trailIn(scope)));
    const group = onlyResource(json, "aws_cloudwatch_log_group");
    expect(group).toMatchObject({ name: "/aws/cloudtrail/fx-trader-fx-prod-audit", retention_in_days: 365, deletion_protection_enabled: true, lifecycle: { prevent_destroy: true } });
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\.[\w-]+\.arn\}$/);
    const trail = onlyResource(json, "aws_cloudtrail");
    expect(trail).toMatchObject({ is_multi_region_trail: true, include_global_service_events: true, enable_log_file_validation: true });
    expect(trail.cloud_watch_logs_group_arn).toMatch(/^\$\{aws_cloudwatch_log_group\.[\w-]+\.arn\}:\*$/);
    expect(trail.cloud_watch_logs_role_arn).toMatch(/^\$\{aws_iam_role\.[\w-]+\.arn\}$/);
    const role = onlyResource(json, "aws_iam_role");
    const trust = policyDocumentStatements(json, role.assume_role_policy);
    expect(trust).toEqual([
      {
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
        condition: [
          { test: "StringEquals", variable: "aws:SourceArn", values: ["arn:aws:cloudtrail:ap-northeast-1:222222222222:trail/fx-trader-fx-prod-audit"] },
          { test: "StringEquals", variable: "aws:SourceAccount", values: ["222222222222"] },
        ],
      },
    ]);
    const policy = policyDocumentStatements(json, onlyResource(json, "aws_iam_role_policy").policy);
    expect(policy).toEqual([
      { sid: "DeliverTrailEvents", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: ["arn:aws:logs:ap-northeast-1:222222222222:log-group:/aws/cloudtrail/fx-trader-fx-prod-audit:log-stream:*"] },
    ]);
  });

  it("fails when the audit bucket has no Object Lock", () => {
    expect(() => synthInStack("prod", (scope) => void trailIn(scope, { objectLock: false }))).toThrow(
      "AuditTrail test/trail: bucket fx-trader-fx-prod-plain-222222222222-ap-northeast-1 has no Object Lock: audit logs must be immutable (L2, S1); give the audit bucket an objectLock",
    );
  });

  it("fails when the log group retention is not a CloudWatch Logs value", () => {
    expect(() => synthInStack("prod", (scope) => void trailIn(scope, { retentionDays: 366 }))).toThrow(
      "AuditTrail test/trail: [account fx-prod] security.trail.cloudWatchLogsRetentionDays = 366: must be one CloudWatch Logs accepts",
    );
  });
});
