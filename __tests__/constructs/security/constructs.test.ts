import { ConfigConfigRule } from "@cdktf/provider-aws/lib/config-config-rule";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { ACCOUNTS } from "../../../config/accounts";
import { accountBucketName } from "../../../constructs/core/naming";
import { AccessAnalyzers } from "../../../constructs/security/access-analyzers";
import { managedRules } from "../../../constructs/security/config-managed-rules";
import { ConfigRules } from "../../../constructs/security/config-rules";
import { ExpiryLifecycle } from "../../../constructs/security/expiry-lifecycle";
import { InspectorScanning } from "../../../constructs/security/inspector";
import { MonthlySecurityCheck } from "../../../constructs/security/monthly-check";
import { SecurityBaseline } from "../../../constructs/security/security-baseline";

const account = ACCOUNTS["fx-prod"]!;
const stack = () => new TerraformStack(Testing.app(), "test");
const baseline = (a: typeof account) => {
  const scope = stack();
  return new SecurityBaseline(scope, "security", { account: a, drProvider: new AwsProvider(scope, "aws-dr", { alias: "dr", region: a.drRegion }) });
};

describe("ExpiryLifecycle", () => {
  it("expires the whole bucket after the retention and aborts uploads after a week", () => {
    expect(new ExpiryLifecycle(90, undefined).rules()).toEqual([
      { id: "expire", status: "Enabled", filter: [{}], expiration: [{ days: 90 }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }] },
    ]);
  });

  it("also expires noncurrent versions when the bucket is versioned", () => {
    expect(new ExpiryLifecycle(365, 30).rules()[0]).toMatchObject({ noncurrentVersionExpiration: [{ noncurrentDays: 30 }] });
  });
});

describe("baseline constructs validate eagerly", () => {
  it("fails when the unused-access age is outside 1–365 days", () => {
    expect(() => new AccessAnalyzers(stack(), "aa", { account, unusedAccessAgeDays: 0 })).toThrow("AccessAnalyzers test/aa: unusedAccessAgeDays = 0: must be an integer from 1 to 365 (IAM Access Analyzer limit; from security.unusedAccessAgeDays of account fx-prod)");
  });

  it("fails when the evidence key deletion window is outside 7–30 days, naming the account's field", () => {
    const short = { ...account, security: { ...account.security, evidence: { ...account.security.evidence, keyDeletionWindowDays: 3 } } };
    expect(() => baseline(short)).toThrow(
      "CustomerKey test/security/evidence-key: deletionWindowDays = 3: must be an integer from 7 to 30 (AWS KMS limit; from account fx-prod: security.evidence.keyDeletionWindowDays)",
    );
  });

  it("fails when audit evidence would never expire", () => {
    const forever = { ...account, security: { ...account.security, evidence: { ...account.security.evidence, retentionDays: 0 } } };
    expect(() => baseline(forever)).toThrow(
      `SecureBucket test/security/evidence (${accountBucketName(account, account.region, "evidence")}): lifecycle.expirationDays = 0: must be an integer ≥ 1 (days), or undefined to keep objects until deleted`,
    );
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
