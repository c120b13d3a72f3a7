/**
 * The account security baseline (S1–S4), composed once per AWS account: password policy, Access Analyzer,
 * the account-level S3 public access block, AWS Config with the audit rules and its evidence bucket,
 * GuardDuty, Inspector, Security Hub, and the monthly and quarterly audit cadence. A facade: each part is its
 * own construct; this wires them (the evidence bucket and key are shared by Config and the audit reports).
 */
import { S3AccountPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-account-public-access-block";
import { Construct } from "constructs";
import type { AccountConfig } from "../../config/accounts";
import { accountBucketName } from "../core/naming";
import { SummaryNote } from "../core/summary-note";
import { AccessAnalyzers } from "./access-analyzers";
import { managedRules } from "./config-managed-rules";
import { ConfigRecorder } from "./config-recorder";
import { ConfigRules } from "./config-rules";
import { EvidenceKey } from "./evidence-key";
import { GuardDuty } from "./guardduty";
import { InspectorScanning } from "./inspector";
import { MonthlySecurityCheck } from "./monthly-check";
import { AccountPasswordPolicy } from "./password-policy";
import { QuarterlyAudit } from "./quarterly-audit";
import { SecureBucket } from "./secure-bucket";
import { SecurityHub } from "./security-hub";

/** Key prefixes in the evidence bucket. */
export const EVIDENCE_PREFIXES = { config: "config", auditReports: "audit-manager" } as const;

export interface SecurityBaselineProps {
  readonly account: AccountConfig;
}

/** S1–S4: everything an account's security baseline holds, wired together. */
export class SecurityBaseline extends Construct {
  readonly passwordPolicy: AccountPasswordPolicy;
  readonly accessAnalyzers: AccessAnalyzers;
  readonly accessLogs: SecureBucket;
  readonly evidenceKey: EvidenceKey;
  readonly evidence: SecureBucket;
  readonly config: ConfigRecorder;
  readonly configRules: ConfigRules;
  readonly guardDuty: GuardDuty;
  readonly inspector: InspectorScanning;
  readonly securityHub: SecurityHub;
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

    this.accessLogs = new SecureBucket(this, "access-logs", {
      bucketName: accountBucketName(account, account.region, "access-logs"),
      encryption: { s3ManagedBecause: "S3 server access log delivery supports only SSE-S3 on the target bucket (AWS limitation); the bucket holds request metadata, no evidence or data" },
      accessLogs: { noneBecause: "this is the access-log target bucket; logging it into itself would log its own log deliveries without end" },
      expirationDays: s.evidence.accessLogRetentionDays,
      policyStatements: (arn) => [
        {
          sid: "S3ServerAccessLogDelivery",
          principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
          actions: ["s3:PutObject"],
          resources: [`${arn}/*`],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [account.id] }],
        },
      ],
      protect,
    });
    this.evidenceKey = new EvidenceKey(this, "evidence-key", { account, deletionWindowDays: s.evidence.keyDeletionWindowDays, protect });
    this.evidence = new SecureBucket(this, "evidence", {
      bucketName: accountBucketName(account, account.region, "evidence"),
      encryption: { kmsKey: this.evidenceKey.key },
      accessLogs: { target: this.accessLogs, prefix: "evidence" },
      expirationDays: s.evidence.retentionDays,
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
    });

    new SummaryNote(this, "note", {
      topic: "security",
      text: `${this.configRules.rules.length} Config rules (${s.config.ruleFrequency}), monthly check ${s.cadence.monthlyCheckSchedule}, quarterly audit ${s.cadence.quarterlyAuditSchedule} ${s.cadence.timezone}`,
    });
  }
}
