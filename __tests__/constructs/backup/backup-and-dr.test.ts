/**
 * The backup domain per environment, asserted on the synthesized Terraform JSON: schedules are parsed back
 * from the plan and checked against the RPO, tags against the schedules and audit targets, and every item of
 * B1–B5 against the environment's config.
 */
import { vaultAccessPolicy } from "../../../constructs/backup/backup-vault";
import { KEY_GUARD_SIDS } from "../../../constructs/core/key-guard";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { BackupSchedule } from "../../../config/backup-schedule";
import type { EnvironmentConfig } from "../../../config/types";
import type { EnvironmentName } from "../../../config/environments";
import { BackupAndDr } from "../../../constructs/backup/backup-and-dr";
import { parseHoursTag } from "../../../constructs/backup/recovery-objectives";
import { BucketEncryption } from "../../../constructs/core/bucket-encryption";
import { accessLogBucketName } from "../../../constructs/core/naming";
import { SecureBucket } from "../../../constructs/core/secure-bucket";
import { SummaryNote } from "../../../constructs/core/summary-note";
import { ACCESS_LOG_BUCKET_SSE_S3_JUSTIFICATION } from "../../../constructs/logging/log-retention-buckets";
import { ENVIRONMENT_NAMES, envConfig, parse, resources, synthInStack, type SynthesizedJson } from "../../support";
import { policyDocumentStatements, synthesizedBuckets } from "../../support/synthesized-buckets";

type Res = Record<string, unknown>;
type Rule = {
  rule_name: string;
  target_vault_name: string;
  schedule: string;
  schedule_expression_timezone: string;
  start_window: number;
  completion_window: number;
  enable_continuous_backup: boolean;
  lifecycle: { delete_after: number };
  recovery_point_tags: Record<string, string>;
  copy_action?: Array<{ destination_vault_arn: string; lifecycle: { delete_after: number } }>;
};

function synthBackup(config: EnvironmentConfig): { json: SynthesizedJson; notes: SummaryNote[] } {
  let built: BackupAndDr | undefined;
  const text = synthInStack(config, (scope, cfg) => {
    const provider = scope.node.findChild("aws") as AwsProvider;
    // Stands in for the logging domain's access-log bucket of the data stack.
    const accessLogBucket = new SecureBucket(scope, "access-logs", {
      bucketName: accessLogBucketName(cfg),
      accountId: cfg.account.id,
      encryption: BucketEncryption.s3Managed(ACCESS_LOG_BUCKET_SSE_S3_JUSTIFICATION),
      lifecycle: { expirationDays: 30, rules: () => [{ id: "expire", status: "Enabled", filter: [{}], expiration: [{ days: 30 }] }] },
      serverAccessLogs: { disabledBecause: "the access-log bucket does not log into itself" },
      protect: cfg.protectStatefulResources,
      provider,
    });
    built = new BackupAndDr(scope, "backup", {
      config: cfg,
      provider,
      drProvider: scope.node.findChild("aws-dr") as AwsProvider,
      accessLogBucket,
    });
  });
  return { json: parse(text), notes: built!.node.findAll().filter(SummaryNote.isSummaryNote) };
}

/** The one resource of `type` matching `pick`, with its logical name. */
function find(json: SynthesizedJson, type: string, pick: (r: Res) => boolean = () => true): [string, Res] {
  const matches = Object.entries(resources(json, type)).filter(([, r]) => pick(r));
  if (matches.length !== 1) throw new Error(`expected one ${type} matching, found ${matches.length}`);
  return matches[0]!;
}

const ref = (type: string, name: string, attr: string) => `\${${type}.${name}.${attr}}`;
const inDr = (r: Res) => r.provider === "aws.dr";
const inPrimary = (r: Res) => r.provider === "aws";

/** The audit controls each environment must have: literal expectations, not recomputed from the code under test. */
const EXPECTED_CONTROLS: Record<EnvironmentName, Array<[string, Array<[string, string]>]>> = {
  dev: [
    ["BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", [["requiredFrequencyUnit", "hours"], ["requiredFrequencyValue", "24"], ["requiredRetentionDays", "2"]]],
    ["BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", [["requiredRetentionDays", "2"]]],
    ["BACKUP_LAST_RECOVERY_POINT_CREATED", [["recoveryPointAgeUnit", "hours"], ["recoveryPointAgeValue", "24"]]],
    ["BACKUP_RECOVERY_POINT_ENCRYPTED", []],
    ["BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED", [["principalArnList", "arn:aws:iam::111111111111:role/fx-trader-backup-break-glass"]]],
    ["BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", []],
    ["RESTORE_TIME_FOR_RESOURCES_MEET_TARGET", [["maxRestoreTime", "1440"]]],
  ],
  staging: [
    ["BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", [["requiredFrequencyUnit", "hours"], ["requiredFrequencyValue", "1"], ["requiredRetentionDays", "7"]]],
    ["BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", [["requiredRetentionDays", "7"]]],
    ["BACKUP_LAST_RECOVERY_POINT_CREATED", [["recoveryPointAgeUnit", "hours"], ["recoveryPointAgeValue", "1"]]],
    ["BACKUP_RECOVERY_POINT_ENCRYPTED", []],
    ["BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED", [["principalArnList", "arn:aws:iam::111111111111:role/fx-trader-backup-break-glass"]]],
    ["BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", []],
    ["BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION", [["crossRegionList", "ap-northeast-3"]]],
    ["BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK", [["minRetentionDays", "7"], ["maxRetentionDays", "400"]]],
    ["RESTORE_TIME_FOR_RESOURCES_MEET_TARGET", [["maxRestoreTime", "240"]]],
  ],
  prod: [
    ["BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", [["requiredFrequencyUnit", "hours"], ["requiredFrequencyValue", "1"], ["requiredRetentionDays", "7"]]],
    ["BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", [["requiredRetentionDays", "7"]]],
    ["BACKUP_LAST_RECOVERY_POINT_CREATED", [["recoveryPointAgeUnit", "hours"], ["recoveryPointAgeValue", "1"]]],
    ["BACKUP_RECOVERY_POINT_ENCRYPTED", []],
    ["BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED", [["principalArnList", "arn:aws:iam::222222222222:role/fx-trader-backup-break-glass"]]],
    ["BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", []],
    ["BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION", [["crossRegionList", "ap-northeast-3"]]],
    ["BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK", [["minRetentionDays", "7"], ["maxRetentionDays", "400"]]],
    ["RESTORE_TIME_FOR_RESOURCES_MEET_TARGET", [["maxRestoreTime", "240"]]],
  ],
};

const EXPECTED_SUMMARY: Record<EnvironmentName, string> = {
  dev: "RPO 24 h, RTO 24 h, every 24 h (continuous) + daily full, no DR copy, restore test every 7 d",
  staging: "RPO 1 h, RTO 4 h, every 1 h (continuous) + daily full, DR copy → ap-northeast-3, restore test every 7 d",
  prod: "RPO 1 h, RTO 4 h, every 1 h (continuous) + daily full, DR copy → ap-northeast-3, restore test every 7 d",
};

describe.each(ENVIRONMENT_NAMES)("backup and DR in %s", (env) => {
  const config = envConfig(env);
  const b = config.backup;
  const account = config.account.id;
  const { json, notes } = synthBackup(config);
  const [, plan] = find(json, "aws_backup_plan");
  const rules = plan.rule as Rule[];
  const rule = (name: string) => rules.find((r) => r.rule_name === name)!;
  const [vaultName, vault] = find(json, "aws_backup_vault", inPrimary);
  const [frameworkName, framework] = find(json, "aws_backup_framework");
  const controls = framework.control as Array<{ name: string; input_parameter?: Array<{ name: string; value: string }>; scope: Record<string, unknown> }>;
  const parameter = (control: string, name: string) => controls.find((c) => c.name === control)!.input_parameter!.find((p) => p.name === name)!.value;

  it("B2: the frequent rule, parsed back from the plan, leaves no gap between backups longer than the RPO", () => {
    const incremental = rule("incremental");
    const gap = BackupSchedule.parse(incremental.schedule).largestGapMinutes;
    expect(gap).toBeLessThanOrEqual(b.rpoHours * 60);
    if (config.policy === "guide") expect(gap).toBe(60);
    expect(incremental.enable_continuous_backup).toBe(true);
    expect(incremental.lifecycle.delete_after).toBe(b.hourlyRetentionDays);
  });

  it("B2: a daily full (snapshot) rule runs at least every 24 h and keeps its recovery points the configured days", () => {
    const daily = rule("daily-full");
    expect(BackupSchedule.parse(daily.schedule).largestGapMinutes).toBeLessThanOrEqual(24 * 60);
    expect(daily.enable_continuous_backup).toBe(false);
    expect(daily.lifecycle.delete_after).toBe(b.dailyRetentionDays);
    expect(rules.map((r) => r.rule_name)).toEqual(["daily-full", "incremental"]);
    for (const r of rules) {
      expect(r).toMatchObject({ schedule_expression_timezone: "Etc/UTC", start_window: b.startWindowMinutes, completion_window: b.completionWindowMinutes });
      expect(r.start_window).toBeLessThanOrEqual(BackupSchedule.parse(rule("incremental").schedule).smallestGapMinutes);
      expect(r.target_vault_name).toBe(ref("aws_backup_vault", vaultName, "name"));
    }
  });

  it(`B4: every rule copies to a vault in the DR region (${config.drRegion}) exactly when the environment requires it`, () => {
    const vaults = resources(json, "aws_backup_vault");
    if (b.crossRegionCopy) {
      const [drName, drVault] = find(json, "aws_backup_vault", inDr);
      expect(drVault.name).toBe(`fx-trader-${env}-backup-dr`);
      for (const r of rules) {
        expect(r.copy_action).toEqual([{ destination_vault_arn: ref("aws_backup_vault", drName, "arn"), lifecycle: { delete_after: r.lifecycle.delete_after } }]);
      }
      const [replicaName] = find(json, "aws_kms_replica_key", (k) => String(k.description).includes("recovery points"));
      expect(drVault.kms_key_arn).toBe(ref("aws_kms_replica_key", replicaName, "arn"));
    } else {
      expect(Object.keys(vaults)).toEqual([vaultName]);
      for (const r of rules) expect(r.copy_action).toBeUndefined();
    }
  });

  it("B4: the rpo, rto and backup-tier tags agree with the schedule, the selection and the audit targets", () => {
    const tags = plan.tags as Record<string, string>;
    expect(Object.keys(tags).sort()).toEqual(["backup-tier", "rpo", "rto"]);
    const rpoHours = parseHoursTag(tags.rpo!);
    const rtoHours = parseHoursTag(tags.rto!);
    expect(rpoHours).toBe(b.rpoHours);
    expect(rtoHours).toBe(b.rtoHours);
    // The schedule keeps the promise the tag makes.
    expect(BackupSchedule.parse(rule("incremental").schedule).largestGapHours).toBeLessThanOrEqual(rpoHours);
    // The audit framework checks the same numbers.
    expect(Number(parameter("BACKUP_LAST_RECOVERY_POINT_CREATED", "recoveryPointAgeValue"))).toBe(rpoHours);
    expect(Number(parameter("RESTORE_TIME_FOR_RESOURCES_MEET_TARGET", "maxRestoreTime"))).toBe(rtoHours * 60);
    // The tier selects the tagged resources and scopes the controls.
    const [, byTag] = find(json, "aws_backup_selection", (s) => s.selection_tag !== undefined);
    expect(byTag.selection_tag).toEqual([{ type: "STRINGEQUALS", key: "backup-tier", value: tags["backup-tier"] }]);
    expect(tags["backup-tier"]).toBe(b.rpoHours <= 1 ? "critical" : "standard");
    expect(controls.find((c) => c.name === "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN")!.scope).toEqual({ tags: { "backup-tier": tags["backup-tier"] } });
    // One set of tags everywhere it is recorded.
    for (const r of rules) expect(r.recovery_point_tags).toEqual(tags);
    for (const v of Object.values(resources(json, "aws_backup_vault"))) expect(v.tags).toEqual(tags);
    expect(find(json, "aws_backup_restore_testing_plan")[1].tags).toEqual(tags);
    expect(framework.tags).toEqual(tags);
    expect(find(json, "aws_s3_bucket", (s) => String(s.bucket).includes("-configuration-"))[1].tags).toEqual(tags);
  });

  it("B1: the plan selects the database, the uploaded-files bucket and the configuration bucket by ARN", () => {
    const [, byArn] = find(json, "aws_backup_selection", (s) => s.resources !== undefined);
    expect(byArn.resources).toEqual([
      `arn:aws:rds:ap-northeast-1:${account}:cluster:fx-trader-${env}`,
      `arn:aws:s3:::fx-trader-${env}-uploads-${account}`,
      `arn:aws:s3:::fx-trader-${env}-configuration-${account}-ap-northeast-1`,
    ]);
    const [roleName, role] = find(json, "aws_iam_role");
    expect(JSON.parse(role.assume_role_policy as string).Statement[0].Principal).toEqual({ Service: ["backup.amazonaws.com"] });
    for (const selection of Object.values(resources(json, "aws_backup_selection"))) {
      expect(selection.iam_role_arn).toBe(ref("aws_iam_role", roleName, "arn"));
    }
    expect(Object.values(resources(json, "aws_iam_role_policy_attachment")).map((a) => a.policy_arn)).toEqual([
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
      "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
      "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
    ]);
  });

  it("B1/B4: the vault is encrypted with a customer multi-Region key and denies recovery-point deletion to all but the break-glass role", () => {
    const [keyName, key] = find(json, "aws_kms_key", (k) => String(k.description).includes("recovery points"));
    expect(vault.kms_key_arn).toBe(ref("aws_kms_key", keyName, "arn"));
    expect(key).toMatchObject({ multi_region: true, enable_key_rotation: true, deletion_window_in_days: b.keyDeletionWindowDays });
    for (const policy of Object.values(resources(json, "aws_backup_vault_policy"))) {
      const vaultRef = policy.backup_vault_name as string;
      expect(Object.keys(resources(json, "aws_backup_vault")).some((v) => vaultRef === ref("aws_backup_vault", v, "name"))).toBe(true);
      // S6: the full semantics (who may, with or without MFA) are evaluated in __tests__/stacks/evidence-protection.test.ts.
      expect(JSON.parse(policy.policy as string).Statement).toEqual(JSON.parse(vaultAccessPolicy(`arn:aws:iam::${account}:role/fx-trader-backup-break-glass`)).Statement);
    }
    expect(Object.keys(resources(json, "aws_backup_vault_policy"))).toHaveLength(b.crossRegionCopy ? 2 : 1);
  });

  it(`B4: the vault lock is ${b.vaultLock.mode} mode with the configured retention range`, () => {
    const locks = Object.values(resources(json, "aws_backup_vault_lock_configuration"));
    if (b.vaultLock.mode === "none") {
      expect(locks).toEqual([]);
      return;
    }
    expect(locks).toHaveLength(b.crossRegionCopy ? 2 : 1);
    for (const lock of locks) {
      expect(lock).toMatchObject({ min_retention_days: b.vaultLock.minRetentionDays, max_retention_days: b.vaultLock.maxRetentionDays });
      // AWS applies compliance mode exactly when a grace time (changeable_for_days) is set.
      if (b.vaultLock.mode === "compliance") expect(lock.changeable_for_days).toBe(b.vaultLock.changeableForDays);
      else expect(lock.changeable_for_days).toBeUndefined();
    }
    expect(b.dailyRetentionDays).toBeGreaterThanOrEqual(b.vaultLock.minRetentionDays);
    expect(b.hourlyRetentionDays).toBeGreaterThanOrEqual(b.vaultLock.minRetentionDays);
    if (env === "prod") expect(b.vaultLock.mode).toBe("compliance");
  });

  it("B1/B2: every customer key is multi-Region with a replica and an alias in the DR region", () => {
    const keys = resources(json, "aws_kms_key");
    const replicas = resources(json, "aws_kms_replica_key");
    expect(Object.keys(keys)).toHaveLength(2);
    for (const [name, key] of Object.entries(keys)) {
      expect(key).toMatchObject({ provider: "aws", multi_region: true, enable_key_rotation: true, deletion_window_in_days: b.keyDeletionWindowDays });
      const replica = Object.values(replicas).filter((r) => r.primary_key_arn === ref("aws_kms_key", name, "arn"));
      expect(replica).toHaveLength(1);
      expect(replica[0]).toMatchObject({ provider: "aws.dr", deletion_window_in_days: b.keyDeletionWindowDays, policy: key.policy });
    }
    const aliases = Object.values(resources(json, "aws_kms_alias"));
    expect(aliases.map((a) => `${a.provider} ${a.name}`).sort()).toEqual([
      `aws alias/fx-trader-${env}-backup-data`,
      `aws alias/fx-trader-${env}-backup-vault`,
      `aws.dr alias/fx-trader-${env}-backup-data`,
      `aws.dr alias/fx-trader-${env}-backup-vault`,
    ]);
  });

  it("B2: the configuration bucket is versioned, KMS-encrypted, private and covered by the continuous rule", () => {
    const bucketName = `fx-trader-${env}-configuration-${account}-ap-northeast-1`;
    const [name] = find(json, "aws_s3_bucket", (s) => s.bucket === bucketName);
    const bucketRef = ref("aws_s3_bucket", name, "id");
    expect(find(json, "aws_s3_bucket_versioning", (v) => v.bucket === bucketRef)[1].versioning_configuration).toEqual({ status: "Enabled" });
    const [dataKey] = find(json, "aws_kms_key", (k) => String(k.description).includes("configuration bucket"));
    expect(find(json, "aws_s3_bucket_server_side_encryption_configuration", (e) => e.bucket === bucketRef)[1].rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: ref("aws_kms_key", dataKey, "arn") }, bucket_key_enabled: true },
    ]);
    expect(find(json, "aws_s3_bucket_public_access_block", (p) => p.bucket === bucketRef)[1]).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(rule("incremental").enable_continuous_backup).toBe(true);
    const [, byArn] = find(json, "aws_backup_selection", (s) => s.resources !== undefined);
    expect(byArn.resources).toContain(`arn:aws:s3:::${bucketName}`);
  });

  it("B3: a weekly restore test picks a random recovery point (RANDOM_WITHIN_WINDOW) of the database and the uploads bucket", () => {
    const [testPlanName, testPlan] = find(json, "aws_backup_restore_testing_plan");
    expect(BackupSchedule.parse(testPlan.schedule_expression as string).largestGapMinutes).toBe(7 * 24 * 60);
    expect(testPlan).toMatchObject({ schedule_expression_timezone: "Etc/UTC", start_window_hours: b.restoreTesting.startWindowHours });
    expect(testPlan.recovery_point_selection).toEqual([
      {
        algorithm: "RANDOM_WITHIN_WINDOW",
        include_vaults: [ref("aws_backup_vault", vaultName, "arn")],
        recovery_point_types: ["CONTINUOUS", "SNAPSHOT"],
        selection_window_days: b.restoreTesting.selectionWindowDays,
      },
    ]);
    const selections = Object.values(resources(json, "aws_backup_restore_testing_selection"));
    expect(selections.map((s) => [s.protected_resource_type, s.protected_resource_arns])).toEqual([
      ["Aurora", [`arn:aws:rds:ap-northeast-1:${account}:cluster:fx-trader-${env}`]],
      ["S3", [`arn:aws:s3:::fx-trader-${env}-uploads-${account}`]],
    ]);
    for (const s of selections) {
      expect(s).toMatchObject({
        restore_testing_plan_name: ref("aws_backup_restore_testing_plan", testPlanName, "name"),
        validation_window_hours: b.restoreTesting.validationWindowHours,
      });
    }
  });

  it("B4: the audit framework has the controls and parameters of the environment's objectives", () => {
    expect(controls.map((c) => [c.name, (c.input_parameter ?? []).map((p) => [p.name, p.value])])).toEqual(EXPECTED_CONTROLS[env]);
    expect(framework.name).toBe(`fx_trader_${env}_backup`);
    expect(controls.find((c) => c.name === "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED")!.scope).toEqual({
      compliance_resource_ids: [`fx-trader-${env}-backup`],
      compliance_resource_types: ["AWS::Backup::BackupVault"],
    });
  });

  it("B4: report plans deliver the compliance and restore-job reports to the private report bucket", () => {
    const reportBucket = `fx-trader-${env}-backup-reports-${account}-ap-northeast-1`;
    const plans = Object.values(resources(json, "aws_backup_report_plan"));
    expect(plans.map((p) => (p.report_setting as Res).report_template)).toEqual(["RESOURCE_COMPLIANCE_REPORT", "RESTORE_JOB_REPORT"]);
    expect(plans[0]!.report_setting).toMatchObject({ framework_arns: [ref("aws_backup_framework", frameworkName, "arn")], number_of_frameworks: 1 });
    const [reportBucketId] = find(json, "aws_s3_bucket", (s) => s.bucket === reportBucket);
    // A reference, not the name: Terraform then creates the bucket before the plans.
    for (const p of plans) expect(p.report_delivery_channel).toMatchObject({ s3_bucket_name: ref("aws_s3_bucket", reportBucketId, "bucket"), formats: ["CSV", "JSON"] });
  });

  it("B4: only the Backup Audit Manager reports role may write reports, under the report prefix", () => {
    const reportBucket = synthesizedBuckets(json).get(`fx-trader-${env}-backup-reports-${account}-ap-northeast-1`)!;
    expect(reportBucket.statements.map((s) => s.sid)).toEqual(["DenyInsecureTransport", "AllowBackupAuditManagerToDeliverReports"]);
    expect(reportBucket.statements[1]).toEqual({
      sid: "AllowBackupAuditManagerToDeliverReports",
      effect: "Allow",
      principals: [{ type: "AWS", identifiers: ["*"] }],
      actions: ["s3:PutObject"],
      resources: [`arn:aws:s3:::fx-trader-${env}-backup-reports-${account}-ap-northeast-1/backup-audit-*`],
      condition: [
        { test: "ArnEquals", variable: "aws:PrincipalArn", values: [`arn:aws:iam::${account}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`] },
        { test: "StringEquals", variable: "aws:PrincipalAccount", values: [account] },
      ],
    });
  });

  it("both backup buckets log their access into the environment's access-log bucket, by reference", () => {
    const [accessId] = find(json, "aws_s3_bucket", (s) => s.bucket === `fx-trader-${env}-access-logs-${account}-ap-northeast-1`);
    for (const purpose of ["configuration", "backup-reports"]) {
      const name = `fx-trader-${env}-${purpose}-${account}-ap-northeast-1`;
      expect(synthesizedBuckets(json).get(name)!.logging).toMatchObject({ target_bucket: ref("aws_s3_bucket", accessId, "id"), target_prefix: `s3/${name}/` });
    }
  });

  it("the data key admits EventBridge and CloudWatch of this account and the reports role, the vault key only the account (S6 guard first)", () => {
    const sids = (pick: string) => policyDocumentStatements(json, find(json, "aws_kms_key", (k) => String(k.description).includes(pick))[1].policy).map((s) => s.sid);
    const guard = Object.values(KEY_GUARD_SIDS);
    expect(sids("backup alerts")).toEqual([...guard, "AllowEventBridgeAndCloudWatchToPublishToTheEncryptedTopic", "AllowBackupAuditManagerToWriteEncryptedReports"]);
    expect(sids("recovery points")).toEqual(guard);
  });

  it("failures of backup, DR copy and restore (test) jobs reach the KMS-encrypted on-call topic", () => {
    const [topicName, topic] = find(json, "aws_sns_topic");
    const [dataKey] = find(json, "aws_kms_key", (k) => String(k.description).includes("backup alerts"));
    expect(topic.kms_master_key_id).toBe(ref("aws_kms_key", dataKey, "arn"));
    const topicArn = ref("aws_sns_topic", topicName, "arn");
    const patterns = Object.values(resources(json, "aws_cloudwatch_event_rule")).map((r) => JSON.parse(r.event_pattern as string));
    const expected = [
      { source: ["aws.backup"], "detail-type": ["Backup Job State Change"], detail: { state: ["FAILED", "ABORTED", "EXPIRED", "PARTIAL"] } },
      ...(b.crossRegionCopy ? [{ source: ["aws.backup"], "detail-type": ["Copy Job State Change"], detail: { state: ["FAILED", "PARTIAL"] } }] : []),
      { source: ["aws.backup"], "detail-type": ["Restore Job State Change"], detail: { status: ["FAILED", "ABORTED"] } },
    ];
    expect(patterns).toEqual(expected);
    for (const target of Object.values(resources(json, "aws_cloudwatch_event_target"))) expect(target.arn).toBe(topicArn);
    const alarms = Object.values(resources(json, "aws_cloudwatch_metric_alarm"));
    expect(alarms.map((a) => a.metric_name)).toEqual([
      "NumberOfBackupJobsFailed",
      ...(b.crossRegionCopy ? ["NumberOfCopyJobsFailed"] : []),
      "NumberOfRestoreJobsFailed",
    ]);
    for (const a of alarms) {
      expect(a).toMatchObject({ namespace: "AWS/Backup", dimensions: { BackupVaultName: `fx-trader-${env}-backup` }, threshold: 1, alarm_actions: [topicArn] });
    }
    const [, subscription] = find(json, "aws_sns_topic_subscription");
    expect(subscription).toMatchObject({ protocol: "https", topic_arn: topicArn });
    // S5: the endpoint is the sensitive input variable the pipeline fills from its own secret (never the
    // receivers' secret); no data source reads it and no URL is in the JSON.
    expect(subscription.endpoint).toBe("${var.backup_on_call_endpoint}");
    const variable = ((json as unknown as { variable: Record<string, Res> }).variable).backup_on_call_endpoint!;
    expect(variable).toMatchObject({ type: "string", sensitive: true, nullable: false });
    expect(variable.default).toBeUndefined();
    expect(String(variable.description)).toContain(`fx-trader/${env}/backup/on-call-endpoint`);
    expect(json.data?.aws_secretsmanager_secret_version).toBeUndefined();
    expect(JSON.stringify(json)).not.toMatch(/https:\/\/[a-z0-9]/i);
  });

  it(`stateful resources ${config.protectStatefulResources ? "are" : "are not"} protected from destruction, as the environment says`, () => {
    for (const type of ["aws_kms_key", "aws_kms_replica_key", "aws_backup_vault", "aws_backup_vault_lock_configuration", "aws_s3_bucket"]) {
      for (const r of Object.values(resources(json, type))) {
        expect([type, (r.lifecycle as Res | undefined)?.prevent_destroy ?? false]).toEqual([type, config.protectStatefulResources]);
      }
    }
  });

  it("adds the synth summary line from the same numbers", () => {
    // Waivers print their own notes (topic "policy waiver"); the backup domain adds exactly one summary line.
    expect(notes.filter((n) => n.topic !== "policy waiver").map((n) => `${n.topic}: ${n.text}`)).toEqual([`backup: ${EXPECTED_SUMMARY[env]}`]);
  });
});
