import { ConfigConfigRule } from "@cdktf/provider-aws/lib/config-config-rule";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { TerraformStack, Testing } from "cdktf";
import { ACCOUNTS } from "../../../config/accounts";
import { accountBucketName } from "../../../constructs/core/naming";
import { checkStack } from "../../../constructs/policy/security-policy";
import { AccessAnalyzers } from "../../../constructs/security/access-analyzers";
import { managedRules } from "../../../constructs/security/config-managed-rules";
import { ConfigRules } from "../../../constructs/security/config-rules";
import { EvidenceKey } from "../../../constructs/security/evidence-key";
import { InspectorScanning } from "../../../constructs/security/inspector";
import { MonthlySecurityCheck } from "../../../constructs/security/monthly-check";
import { SecureBucket } from "../../../constructs/security/secure-bucket";
import { policyStack } from "../policy/fixtures";

const account = ACCOUNTS["fx-prod"]!;
const stack = () => new TerraformStack(Testing.app(), "test");

describe("SecureBucket", () => {
  it("S3: passes every policy rule with a customer key and access logging", () => {
    const s = policyStack();
    const key = new KmsKey(s, "key", { enableKeyRotation: true });
    const logs = new SecureBucket(s, "logs", { bucketName: "fx-trader-test-logs", encryption: { kmsKey: key }, accessLogs: { noneBecause: "test: the access-log target cannot log into itself" }, expirationDays: 90, protect: false });
    new SecureBucket(s, "data", { bucketName: "fx-trader-test-data", encryption: { kmsKey: key }, accessLogs: { target: logs, prefix: "data" }, expirationDays: 30, mustSurvive: true, protect: true });
    const result = checkStack(s);
    expect(result.violations).toEqual([]);
    expect(result.waived.map((w) => [w.ruleId, w.path])).toEqual([["CKV_AWS_18", "test/logs/bucket"]]);
  });

  it("S3: records the stated reason as the waiver when it must use SSE-S3", () => {
    const s = policyStack();
    new SecureBucket(s, "logs", { bucketName: "fx-trader-test-logs", encryption: { s3ManagedBecause: "test: log delivery supports only SSE-S3 here" }, accessLogs: { noneBecause: "test: the access-log target cannot log into itself" }, expirationDays: 90, protect: false });
    const result = checkStack(s);
    expect(result.violations).toEqual([]);
    expect(result.waived.map((w) => [w.ruleId, w.justification])).toEqual([
      ["CKV_AWS_145", "test: log delivery supports only SSE-S3 here"],
      ["CKV_AWS_18", "test: the access-log target cannot log into itself"],
    ]);
  });

  it("fails when objects would never expire", () => {
    expect(() => new SecureBucket(stack(), "b", { bucketName: "fx-trader-test-b", encryption: { s3ManagedBecause: "test: only SSE-S3 possible here" }, accessLogs: { noneBecause: "test: no logging target in this test" }, expirationDays: 0, protect: false })).toThrow(
      "SecureBucket test/b: expirationDays = 0: must be a positive integer (days)",
    );
  });
});

describe("baseline constructs validate eagerly", () => {
  it("fails when the unused-access age is outside 1–365 days", () => {
    expect(() => new AccessAnalyzers(stack(), "aa", { account, unusedAccessAgeDays: 0 })).toThrow("AccessAnalyzers test/aa: unusedAccessAgeDays = 0: must be an integer from 1 to 365 (IAM Access Analyzer limit; from security.unusedAccessAgeDays of account fx-prod)");
  });

  it("fails when the key deletion window is outside 7–30 days", () => {
    expect(() => new EvidenceKey(stack(), "k", { account, deletionWindowDays: 3, protect: true })).toThrow("EvidenceKey test/k: deletionWindowDays = 3: must be an integer from 7 to 30");
  });

  it("fails when Inspector would scan nothing", () => {
    expect(() => new InspectorScanning(stack(), "i", { account, resourceTypes: [] })).toThrow("InspectorScanning test/i: resourceTypes is empty; S3 needs at least ECR and LAMBDA");
  });

  it("fails when a managed rule is declared twice", () => {
    const rules = managedRules(account.security);
    expect(() => new ConfigRules(stack(), "r", { account, rules: [...rules, rules[0]!], frequency: "TwentyFour_Hours", recorder: new KmsKey(stack(), "dep") })).toThrow(
      "ConfigRules test/r: rule names iam-password-policy appear twice",
    );
  });

  it("fails when a change-triggered rule has no resource types", () => {
    const rule = { identifier: "ENCRYPTED_VOLUMES", name: "encrypted-volumes", requirement: "S2", checks: "x", trigger: "change" } as const;
    expect(() => new ConfigRules(stack(), "r", { account, rules: [rule], frequency: "TwentyFour_Hours", recorder: new KmsKey(stack(), "dep") })).toThrow(
      "ConfigRules test/r: ENCRYPTED_VOLUMES evaluate on configuration changes but name no resource types",
    );
  });

  it("fails when the monthly check would exceed StartConfigRulesEvaluation's 25 rules", () => {
    const s = stack();
    const rules = Array.from({ length: 26 }, (_, i) => new ConfigConfigRule(s, `r${i}`, { name: `r${i}`, source: { owner: "AWS", sourceIdentifier: "ROOT_ACCOUNT_MFA_ENABLED" } }));
    expect(() => new MonthlySecurityCheck(s, "m", { account, rules, schedule: "cron(0 3 1 * ? *)", timezone: "UTC" })).toThrow("MonthlySecurityCheck test/m: 26 rules: must be 1 to 25 (StartConfigRulesEvaluation limit)");
  });

  it("fails when an account bucket name breaks S3's 63-character limit, naming the purpose", () => {
    expect(() => accountBucketName(account, "ap-northeast-1", "a-purpose-far-too-long-for-s3")).toThrow('[account fx-prod] bucket name "fx-trader-fx-prod-a-purpose-far-too-long-for-s3-222222222222-ap-northeast-1" for purpose "a-purpose-far-too-long-for-s3"');
  });
});
