import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { S3BucketPublicAccessBlockConfig } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import type { TerraformStack } from "cdktf";
import { markMustSurvive } from "../../../constructs/policy/must-survive";
import { POLICY_RULES } from "../../../app/policy/rules";
import { waive, type Waivable } from "../../../constructs/policy/waiver";
import { Cloudtrail, type CloudtrailConfig } from "@cdktf/provider-aws/lib/cloudtrail";
import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector";
import { ConfigConfigurationRecorder } from "@cdktf/provider-aws/lib/config-configuration-recorder";
import { IamAccountPasswordPolicy, type IamAccountPasswordPolicyConfig } from "@cdktf/provider-aws/lib/iam-account-password-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { FixtureBucket, JUSTIFICATION, KEY_POLICY, policyError, policyStack, violatedRules } from "./fixtures";

/** A resource that breaks `rule`, and the (rule, resource) pairs the same defect necessarily breaks too. */
interface Violation {
  readonly resource: Waivable;
  readonly alsoBreaks?: ReadonlyArray<readonly [string, Waivable]>;
}

const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "pods.eks.amazonaws.com" } }] });

function publicAccessFlagOff(flag: keyof S3BucketPublicAccessBlockConfig, alsoPab: boolean) {
  return (stack: TerraformStack): Violation => {
    const fixture = new FixtureBucket(stack, "logs", { publicAccessBlock: { [flag]: false } });
    const pab = fixture.node.findChild("public-access-block") as Waivable;
    return { resource: pab, alsoBreaks: alsoPab ? [["CKV2_AWS_6", fixture.bucket]] : [] };
  };
}

const GOOD_TRAIL: CloudtrailConfig = {
  name: "fx-trader-test",
  s3BucketName: "fx-trader-test-trail",
  kmsKeyId: "arn:aws:kms:ap-northeast-1:111111111111:key/test",
  isMultiRegionTrail: true,
  enableLogFileValidation: true,
  enableLogging: true,
  snsTopicName: "fx-trader-test-trail",
  cloudWatchLogsGroupArn: "arn:aws:logs:ap-northeast-1:111111111111:log-group:trail:*",
  cloudWatchLogsRoleArn: "arn:aws:iam::111111111111:role/trail",
};
const trailWith = (override: Partial<CloudtrailConfig>) => (stack: TerraformStack): Violation => ({ resource: new Cloudtrail(stack, "trail", { ...GOOD_TRAIL, ...override }) });
const GOOD_PASSWORD: IamAccountPasswordPolicyConfig = {
  minimumPasswordLength: 14,
  requireLowercaseCharacters: true,
  requireUppercaseCharacters: true,
  requireNumbers: true,
  requireSymbols: true,
  passwordReusePrevention: 24,
  maxPasswordAge: 90,
};
const passwordWith = (override: Partial<IamAccountPasswordPolicyConfig>) => (stack: TerraformStack): Violation => ({ resource: new IamAccountPasswordPolicy(stack, "password", { ...GOOD_PASSWORD, ...override }) });
const role = (stack: TerraformStack, trust: string) => new IamRole(stack, "role", { name: "test", assumeRolePolicy: trust });

/** One violating fixture per rule. */
/** A policy document (not a key policy) with one statement; the data-document rules judge it. */
const documentWith = (actions: string[], resources: string[]) => (stack: TerraformStack) => new DataAwsIamPolicyDocument(stack, "doc", { statement: [{ actions, resources }] });
/** A role policy with one inline JSON statement, so only the identity-policy rules judge it. */
const rolePolicyWith = (actions: string[], resource: string) => (stack: TerraformStack) =>
  new IamRolePolicy(stack, "role-policy", {
    role: new IamRole(stack, "role", { name: "loki", assumeRolePolicy: TRUST }).id,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: resource }] }),
  });
const BUCKET_OBJECTS = "arn:aws:s3:::fx-trader-test-loki/*";

const VIOLATIONS: Readonly<Record<string, { readonly what: string; readonly build: (stack: TerraformStack) => Violation }>> = {
  CKV_AWS_19: {
    what: "a bucket has no default encryption",
    build: (stack) => {
      const b = new FixtureBucket(stack, "logs", { omit: ["encryption"] }).bucket;
      return { resource: b, alsoBreaks: [["CKV_AWS_145", b]] };
    },
  },
  CKV_AWS_145: { what: "a bucket is encrypted with SSE-S3, not KMS", build: (stack) => ({ resource: new FixtureBucket(stack, "logs", { sseAlgorithm: "AES256" }).bucket }) },
  CKV_AWS_21: {
    what: "a must-survive bucket is not versioned",
    build: (stack) => ({ resource: markMustSurvive(new FixtureBucket(stack, "config").bucket) }),
  },
  CKV2_AWS_6: { what: "a bucket has no public access block", build: (stack) => ({ resource: new FixtureBucket(stack, "logs", { omit: ["publicAccessBlock"] }).bucket }) },
  CKV_AWS_53: { what: "a public access block does not block public ACLs", build: publicAccessFlagOff("blockPublicAcls", true) },
  CKV_AWS_54: { what: "a public access block does not block public policies", build: publicAccessFlagOff("blockPublicPolicy", true) },
  CKV_AWS_55: { what: "a public access block does not ignore public ACLs", build: publicAccessFlagOff("ignorePublicAcls", false) },
  CKV_AWS_56: { what: "a public access block does not restrict public buckets", build: publicAccessFlagOff("restrictPublicBuckets", false) },
  CKV_AWS_18: { what: "a bucket has no access logging", build: (stack) => ({ resource: new FixtureBucket(stack, "logs", { omit: ["logging"] }).bucket }) },
  CKV2_AWS_61: { what: "a bucket has no lifecycle configuration", build: (stack) => ({ resource: new FixtureBucket(stack, "logs", { omit: ["lifecycle"] }).bucket }) },
  CKV_AWS_7: { what: "a KMS key does not rotate", build: (stack) => ({ resource: new KmsKey(stack, "key", { description: "logs", enableKeyRotation: false, policy: KEY_POLICY }) }) },
  CKV_AWS_166: { what: "a backup vault has no customer key", build: (stack) => ({ resource: new BackupVault(stack, "vault", { name: "fx-trader-test" }) }) },
  CKV_AWS_66: {
    what: "a log group has no retention",
    build: (stack) => ({ resource: new CloudwatchLogGroup(stack, "log-group", { name: "/fx-trader/test", kmsKeyId: "arn:aws:kms:ap-northeast-1:111111111111:key/test" }) }),
  },
  CKV_AWS_158: { what: "a log group is not KMS-encrypted", build: (stack) => ({ resource: new CloudwatchLogGroup(stack, "log-group", { name: "/fx-trader/test", retentionInDays: 365 }) }) },
  "AVD-AWS-0057": {
    what: "a role policy allows a wildcard action",
    build: (stack) => {
      const role = new IamRole(stack, "role", { name: "loki", assumeRolePolicy: TRUST });
      const doc = new DataAwsIamPolicyDocument(stack, "doc", { statement: [{ actions: ["s3:*"], resources: ["arn:aws:s3:::fx-trader-test-loki/*"] }] });
      return { resource: new IamRolePolicy(stack, "role-policy", { role: role.id, policy: doc.json }) };
    },
  },
  CKV_AWS_35: { what: "a trail is not KMS-encrypted", build: trailWith({ kmsKeyId: undefined }) },
  CKV_AWS_36: { what: "a trail does not validate log files", build: trailWith({ enableLogFileValidation: false }) },
  CKV_AWS_67: { what: "a trail is single-region", build: trailWith({ isMultiRegionTrail: false }) },
  CKV_AWS_251: { what: "a trail does not log", build: trailWith({ enableLogging: false }) },
  CKV_AWS_252: { what: "a trail has no SNS topic", build: trailWith({ snsTopicName: undefined }) },
  CKV2_AWS_10: { what: "a trail does not deliver to CloudWatch Logs", build: trailWith({ cloudWatchLogsGroupArn: undefined }) },
  CKV_AWS_26: { what: "an SNS topic is unencrypted", build: (stack) => ({ resource: new SnsTopic(stack, "topic", { name: "fx-trader-test" }) }) },
  CKV_AWS_227: { what: "a KMS key is disabled", build: (stack) => ({ resource: new KmsKey(stack, "key", { description: "logs", enableKeyRotation: true, policy: KEY_POLICY, isEnabled: false }) }) },
  CKV_AWS_33: {
    what: "a KMS key policy allows every principal",
    build: (stack) => ({
      resource: new KmsKey(stack, "key", {
        description: "logs",
        enableKeyRotation: true,
        policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" }] }),
      }),
    }),
  },
  CKV2_AWS_64: { what: "a KMS key has no policy", build: (stack) => ({ resource: new KmsKey(stack, "key", { description: "logs", enableKeyRotation: true }) }) },
  CKV_AWS_338: {
    what: "a log group keeps logs under a year",
    build: (stack) => ({ resource: new CloudwatchLogGroup(stack, "log-group", { name: "/fx-trader/test", retentionInDays: 30, kmsKeyId: "arn:aws:kms:ap-northeast-1:111111111111:key/test" }) }),
  },
  CKV_AWS_297: {
    what: "a schedule uses no customer key",
    build: (stack) => ({
      resource: new SchedulerSchedule(stack, "schedule", { name: "test", scheduleExpression: "rate(1 day)", flexibleTimeWindow: { mode: "OFF" }, target: { arn: "arn:aws:scheduler:::aws-sdk:config:startConfigRulesEvaluation", roleArn: "arn:aws:iam::111111111111:role/s" } }),
    }),
  },
  CKV_AWS_9: { what: "passwords live longer than 90 days", build: passwordWith({ maxPasswordAge: 180 }) },
  CKV_AWS_10: { what: "passwords may be shorter than 14", build: passwordWith({ minimumPasswordLength: 8 }) },
  CKV_AWS_11: { what: "passwords need no lowercase letter", build: passwordWith({ requireLowercaseCharacters: false }) },
  CKV_AWS_12: { what: "passwords need no number", build: passwordWith({ requireNumbers: false }) },
  CKV_AWS_13: { what: "passwords may be reused", build: passwordWith({ passwordReusePrevention: 3 }) },
  CKV_AWS_14: { what: "passwords need no symbol", build: passwordWith({ requireSymbols: false }) },
  CKV_AWS_15: { what: "passwords need no uppercase letter", build: passwordWith({ requireUppercaseCharacters: false }) },
  CKV2_AWS_3: { what: "a GuardDuty detector is disabled", build: (stack) => ({ resource: new GuarddutyDetector(stack, "detector", { enable: false }) }) },
  CKV2_AWS_48: {
    what: "Config records only some resource types",
    build: (stack) => ({ resource: new ConfigConfigurationRecorder(stack, "recorder", { name: "test", roleArn: "arn:aws:iam::111111111111:role/c", recordingGroup: { allSupported: false, resourceTypes: ["AWS::S3::Bucket"] } }) }),
  },
  CKV2_AWS_65: {
    what: "a bucket keeps ACLs enabled",
    build: (stack) => {
      const fixture = new FixtureBucket(stack, "logs");
      return { resource: new S3BucketOwnershipControls(stack, "ownership", { bucket: fixture.bucket.id, rule: { objectOwnership: "BucketOwnerPreferred" } }) };
    },
  },
  CKV_AWS_300: {
    what: "a lifecycle configuration never aborts failed uploads",
    build: (stack) => {
      const fixture = new FixtureBucket(stack, "logs", { omit: ["lifecycle"] });
      return { resource: new S3BucketLifecycleConfiguration(stack, "lifecycle", { bucket: fixture.bucket.id, rule: [{ id: "expire", status: "Enabled", filter: [{ prefix: "" }], expiration: [{ days: 30 }] }] }) };
    },
  },
  CKV_AWS_20: { what: "a bucket has a public-read ACL", build: (stack) => ({ resource: new FixtureBucket(stack, "logs", { acl: "public-read" }).bucket }) },
  CKV_AWS_57: {
    what: "a bucket has a public-read-write ACL",
    build: (stack) => {
      const b = new FixtureBucket(stack, "logs", { acl: "public-read-write" }).bucket;
      return { resource: b, alsoBreaks: [["CKV_AWS_20", b]] };
    },
  },
  CKV2_AWS_62: { what: "a bucket sends no event notifications", build: (stack) => ({ resource: new FixtureBucket(stack, "logs", { omit: ["notification"] }).bucket }) },
  CKV_AWS_60: {
    what: "a role may be assumed by every service",
    build: (stack) => ({ resource: role(stack, JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "*" } }] })) }),
  },
  CKV_AWS_61: {
    what: "a role trusts a whole account",
    build: (stack) => ({ resource: role(stack, JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "arn:aws:iam::111111111111:root" } }] })) }),
  },
  CKV_AWS_274: {
    what: "a role has AdministratorAccess",
    build: (stack) => ({ resource: new IamRolePolicyAttachment(stack, "admin", { role: role(stack, TRUST).name, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }) }),
  },
  CKV_AWS_144: { what: "a bucket is not replicated to another region", build: (stack) => ({ resource: new FixtureBucket(stack, "logs", { versioned: true, omit: ["replication"] }).bucket }) },
  CKV_AWS_1: {
    what: "a policy document allows every action on every resource",
    build: (stack) => {
      const doc = documentWith(["*"], ["*"])(stack);
      return { resource: doc, alsoBreaks: ["CKV_AWS_49", "CKV_AWS_107", "CKV_AWS_108", "CKV_AWS_109", "CKV_AWS_110", "CKV_AWS_111", "CKV_AWS_356"].map((id) => [id, doc] as const) };
    },
  },
  CKV_AWS_49: {
    what: 'a policy document allows the action "*" (on named resources)',
    build: (stack) => {
      // "*" includes wildcard-only actions that return credentials (sts:GetSessionToken), whatever the resources.
      const doc = documentWith(["*"], [BUCKET_OBJECTS])(stack);
      return { resource: doc, alsoBreaks: [["CKV_AWS_107", doc]] };
    },
  },
  CKV_AWS_107: { what: "a policy document allows a credential-returning action (sts:GetSessionToken, wildcard-only)", build: (stack) => ({ resource: documentWith(["sts:GetSessionToken"], [BUCKET_OBJECTS])(stack) }) },
  CKV_AWS_108: {
    what: "a policy document allows s3:GetObject on every resource",
    build: (stack) => {
      const doc = documentWith(["s3:GetObject"], ["*"])(stack);
      return { resource: doc, alsoBreaks: [["CKV_AWS_356", doc]] };
    },
  },
  CKV_AWS_109: {
    what: "a policy document allows kms:CreateGrant on every resource",
    build: (stack) => {
      const doc = documentWith(["kms:CreateGrant"], ["*"])(stack);
      return { resource: doc, alsoBreaks: [["CKV_AWS_356", doc]] };
    },
  },
  CKV_AWS_110: {
    what: "a policy document allows iam:CreatePolicyVersion on every resource",
    build: (stack) => {
      const doc = documentWith(["iam:CreatePolicyVersion"], ["*"])(stack);
      return { resource: doc, alsoBreaks: [["CKV_AWS_109", doc], ["CKV_AWS_356", doc]] };
    },
  },
  CKV_AWS_111: {
    what: "a policy document allows kms:Decrypt on every resource",
    build: (stack) => {
      const doc = documentWith(["kms:Decrypt"], ["*"])(stack);
      return { resource: doc, alsoBreaks: [["CKV_AWS_356", doc]] };
    },
  },
  CKV_AWS_356: { what: "a policy document allows a restrictable read action (kms:DescribeKey) on every resource", build: (stack) => ({ resource: documentWith(["kms:DescribeKey"], ["*"])(stack) }) },
  CKV_AWS_286: {
    what: "a role policy allows iam:CreatePolicyVersion on every resource",
    build: (stack) => {
      const policy = rolePolicyWith(["iam:CreatePolicyVersion"], "*")(stack);
      return { resource: policy, alsoBreaks: [["CKV_AWS_289", policy], ["CKV_AWS_355", policy]] };
    },
  },
  CKV_AWS_287: { what: "a role policy allows sts:GetSessionToken", build: (stack) => ({ resource: rolePolicyWith(["sts:GetSessionToken"], BUCKET_OBJECTS)(stack) }) },
  CKV_AWS_288: {
    what: "a role policy allows s3:GetObject on every resource",
    build: (stack) => {
      const policy = rolePolicyWith(["s3:GetObject"], "*")(stack);
      return { resource: policy, alsoBreaks: [["CKV_AWS_355", policy]] };
    },
  },
  CKV_AWS_289: {
    what: "a role policy allows kms:CreateGrant on every resource",
    build: (stack) => {
      const policy = rolePolicyWith(["kms:CreateGrant"], "*")(stack);
      return { resource: policy, alsoBreaks: [["CKV_AWS_355", policy]] };
    },
  },
  CKV_AWS_290: {
    what: "a role policy allows kms:Decrypt on every resource",
    build: (stack) => {
      const policy = rolePolicyWith(["kms:Decrypt"], "*")(stack);
      return { resource: policy, alsoBreaks: [["CKV_AWS_355", policy]] };
    },
  },
  CKV_AWS_355: { what: "a role policy allows kms:DescribeKey on every resource", build: (stack) => ({ resource: rolePolicyWith(["kms:DescribeKey"], "*")(stack) }) },
  CKV_SECRET_6: {
    what: "a secret value is inlined",
    build: (stack) => ({ resource: new SecretsmanagerSecretVersion(stack, "secret", { secretId: "fx-trader/test", secretString: "correct-horse-battery-staple" }) }),
  },
};

describe("policy rules: each fails synthesis naming the rule and the resource, and yields to a waiver", () => {
  it("covers every rule", () => {
    expect(Object.keys(VIOLATIONS).sort()).toEqual(POLICY_RULES.map((r) => r.id).sort());
  });

  describe.each(POLICY_RULES.map((r) => [r.id, r.requirements.join(", ")] as const))("%s (%s)", (ruleId) => {
    const { what, build } = VIOLATIONS[ruleId]!;

    it(`fails when ${what}, with the rule ID and the resource path`, () => {
      const stack = policyStack();
      const { resource, alsoBreaks = [] } = build(stack);
      const error = policyError(stack);
      expect(error).toBeDefined();
      expect(error!.message).toContain(`${ruleId} ${resource.node.path} (`);
      expect(error!.message).toContain("policy check failed for stack test");
      expect(violatedRules(stack)).toEqual([ruleId, ...alsoBreaks.map(([r]) => r)].sort());
    });

    it("passes when that resource carries a waiver of the rule", () => {
      const stack = policyStack();
      const { resource, alsoBreaks = [] } = build(stack);
      for (const [other, target] of alsoBreaks) waive(target, other, JUSTIFICATION);
      if (alsoBreaks.length > 0) expect(violatedRules(stack)).toEqual([ruleId]);
      waive(resource, ruleId, JUSTIFICATION);
      expect(policyError(stack)).toBeUndefined();
    });
  });
});
