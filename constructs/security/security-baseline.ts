/**
 * The account security baseline (S1–S4), composed once per AWS account: password policy, Access Analyzer,
 * the account-level S3 public access block, AWS Config with the audit rules and its Object-Locked evidence
 * bucket, the account's CloudTrail trail, GuardDuty, Inspector and Security Hub (in the primary and the DR
 * region), the finding and CIS alarm routing to the alert topics, and the monthly and quarterly audit cadence.
 * A facade: each part is its own construct; this wires them (the evidence bucket and key are shared by Config,
 * the trail and the audit reports).
 */
import { S3AccountPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-account-public-access-block";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { AccountConfig } from "../../config/accounts";
import { GUIDE } from "../../config/policy";
import { AuditTrail } from "../logging/audit-trail";
import { BucketEncryption } from "../core/bucket-encryption";
import { CustomerKey } from "../core/customer-key";
import { breakGlassGuard } from "../core/key-guard";
import { accountBucketName, accountResourceName } from "../core/naming";
import { SecureBucket } from "../core/secure-bucket";
import { SummaryNote } from "../core/summary-note";
import { AccessAnalyzers } from "./access-analyzers";
import { managedRules } from "./config-managed-rules";
import { ConfigRecorder } from "./config-recorder";
import { ConfigRules } from "./config-rules";
import { GuardDuty } from "./guardduty";
import { InspectorScanning } from "./inspector";
import { MonthlySecurityCheck } from "./monthly-check";
import { AccountPasswordPolicy } from "./password-policy";
import { DEFAULT_NONCURRENT_VERSION_DAYS, ExpiryLifecycle } from "./expiry-lifecycle";
import { QuarterlyAudit } from "./quarterly-audit";
import { SecurityAlerts } from "./security-alerts";
import { SecurityHub } from "./security-hub";

/** Key prefixes in the evidence bucket. */
export const EVIDENCE_PREFIXES = { config: "config", auditReports: "audit-manager", cloudTrail: "cloudtrail" } as const;

/** Object Lock of the evidence bucket: compliance mode for the guide's audit-log retention (L2, S6). */
export const EVIDENCE_OBJECT_LOCK = { mode: "COMPLIANCE", days: GUIDE.logRetention.auditDays } as const;

/** The regional services of the baseline in one region. */
export interface RegionalDetection {
  readonly region: string;
  readonly config: ConfigRecorder;
  readonly guardDuty: GuardDuty;
  readonly inspector: InspectorScanning;
  readonly securityHub: SecurityHub;
}

export interface SecurityBaselineProps {
  readonly account: AccountConfig;
  /** Provider in the account's DR region (`account.drRegion`), alias `dr`. */
  readonly drProvider: TerraformProvider;
}

/** S1–S4: everything an account's security baseline holds, wired together. */
export class SecurityBaseline extends Construct {
  readonly passwordPolicy: AccountPasswordPolicy;
  readonly accessAnalyzers: AccessAnalyzers;
  readonly accessLogs: SecureBucket;
  /** The rotating KMS key of the account's audit evidence (Config history, audit reports). */
  readonly evidenceKey: CustomerKey;
  readonly evidence: SecureBucket;
  readonly config: ConfigRecorder;
  readonly configRules: ConfigRules;
  readonly guardDuty: GuardDuty;
  readonly inspector: InspectorScanning;
  readonly securityHub: SecurityHub;
  /** GuardDuty, Config, Security Hub and Inspector in the DR region. */
  readonly dr: RegionalDetection;
  /** The account's one CloudTrail trail. */
  readonly trail: AuditTrail;
  /** Finding routes and CIS alarms to the per-severity topics. */
  readonly alerts: SecurityAlerts;
  readonly monthlyCheck: MonthlySecurityCheck;
  readonly quarterlyAudit: QuarterlyAudit;

  constructor(scope: Construct, id: string, props: SecurityBaselineProps) {
    super(scope, id);
    const { account } = props;
    const s = account.security;
    const protect = s.protectStatefulResources;

    this.passwordPolicy = new AccountPasswordPolicy(this, "password-policy", { policy: s.passwordPolicy });
    this.accessAnalyzers = new AccessAnalyzers(this, "access-analyzer", { account, unusedAccessAgeDays: s.unusedAccessAgeDays });
    new S3AccountPublicAccessBlock(this, "s3-account-public-access-block", {
      accountId: account.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });

    // The access-log bucket is not versioned: it holds request metadata, no evidence; the buckets logging
    // into it get their own delivery grant in its policy.
    this.accessLogs = new SecureBucket(this, "access-logs", {
      bucketName: accountBucketName(account, account.region, "access-logs"),
      accountId: account.id,
      encryption: BucketEncryption.s3Managed(
        "S3 server access log delivery supports only SSE-S3 on the target bucket (AWS limitation); the bucket holds request metadata, no evidence or data",
      ),
      lifecycle: new ExpiryLifecycle(s.evidence.accessLogRetentionDays, undefined),
      serverAccessLogs: { disabledBecause: "this is the access-log target bucket; logging it into itself would log its own log deliveries without end" },
      versioned: false,
      protect,
    });
    this.evidenceKey = new CustomerKey(this, "evidence-key", {
      aliasName: `alias/${accountResourceName(account, "audit-evidence")}`,
      description: `${accountResourceName(account, "audit-evidence")}: Config history and audit reports`,
      accountId: account.id,
      deletionWindowDays: s.evidence.keyDeletionWindowDays,
      deletionWindowSource: `account ${account.name}: security.evidence.keyDeletionWindowDays`,
      guard: breakGlassGuard(account.id, s.breakGlassRoleName),
      protect,
    });
    this.evidence = new SecureBucket(this, "evidence", {
      bucketName: accountBucketName(account, account.region, "evidence"),
      accountId: account.id,
      encryption: BucketEncryption.kms(this.evidenceKey),
      lifecycle: new ExpiryLifecycle(s.evidence.retentionDays, DEFAULT_NONCURRENT_VERSION_DAYS),
      serverAccessLogs: { target: this.accessLogs, prefix: "evidence/" },
      objectLock: EVIDENCE_OBJECT_LOCK,
      mustSurvive: true,
      protect,
    });

    this.config = new ConfigRecorder(this, "config", {
      account,
      bucket: this.evidence,
      key: this.evidenceKey.key,
      prefix: EVIDENCE_PREFIXES.config,
      snapshotFrequency: s.config.snapshotFrequency,
    });
    this.configRules = new ConfigRules(this, "config-rules", { account, rules: managedRules(s), frequency: s.config.ruleFrequency, recorder: this.config.recorder });

    this.guardDuty = new GuardDuty(this, "guardduty", { findingPublishingFrequency: s.guardDutyFindingFrequency });
    this.inspector = new InspectorScanning(this, "inspector", { account, resourceTypes: s.inspectorResourceTypes });
    this.securityHub = new SecurityHub(this, "security-hub", { region: account.region, standards: s.securityHub });

    // Every region the environments use: the DR region runs the same detection (global IAM types are recorded once).
    const drScope = new Construct(this, "dr");
    const provider = props.drProvider;
    this.dr = {
      region: account.drRegion,
      config: new ConfigRecorder(drScope, "config", {
        account,
        bucket: this.evidence,
        key: this.evidenceKey.key,
        prefix: EVIDENCE_PREFIXES.config,
        snapshotFrequency: s.config.snapshotFrequency,
        provider,
        role: this.config.role,
        includeGlobalResourceTypes: false,
      }),
      guardDuty: new GuardDuty(drScope, "guardduty", { findingPublishingFrequency: s.guardDutyFindingFrequency, provider }),
      inspector: new InspectorScanning(drScope, "inspector", { account, resourceTypes: s.inspectorResourceTypes, provider }),
      securityHub: new SecurityHub(drScope, "security-hub", { region: account.drRegion, standards: s.securityHub, provider }),
    };

    this.trail = new AuditTrail(this, "trail", {
      account,
      bucket: this.evidence,
      key: this.evidenceKey,
      s3KeyPrefix: EVIDENCE_PREFIXES.cloudTrail,
      logGroupRetentionDays: s.trail.cloudWatchLogsRetentionDays,
      protect,
    });
    this.alerts = new SecurityAlerts(this, "alerts", { account, trailLogGroup: this.trail.logGroup, drProvider: provider, protect });

    this.monthlyCheck = new MonthlySecurityCheck(this, "monthly-check", {
      account,
      rules: this.configRules.rules,
      schedule: s.cadence.monthlyCheckSchedule,
      timezone: s.cadence.timezone,
    });
    this.quarterlyAudit = new QuarterlyAudit(this, "quarterly-audit", {
      account,
      bucket: this.evidence,
      key: this.evidenceKey.key,
      prefix: EVIDENCE_PREFIXES.auditReports,
      frameworkName: s.cadence.auditFrameworkName,
      schedule: s.cadence.quarterlyAuditSchedule,
      timezone: s.cadence.timezone,
      auditorPrincipalRoleName: s.auditorPrincipalRoleName,
    });

    new SummaryNote(this, "note", {
      topic: "security",
      text: `${this.configRules.rules.length} Config rules (${s.config.ruleFrequency}), monthly check ${s.cadence.monthlyCheckSchedule}, quarterly audit ${s.cadence.quarterlyAuditSchedule} ${s.cadence.timezone}`,
    });
  }
}
