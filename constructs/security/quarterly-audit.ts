/**
 * S4 quarterly comprehensive audit: an AWS Audit Manager assessment against a standard framework (evidence
 * collected continuously from Config, Security Hub and CloudTrail) and a quarterly schedule that generates
 * its assessment report into the evidence bucket. The assessment's process owner is a security-auditor role:
 * read-only SecurityAudit plus an inline policy that reads this assessment, its evidence and its reports (no
 * Audit Manager administration), assumable only by the one role named in config (`auditorPrincipalRoleName`),
 * with MFA.
 */
import { AuditmanagerAccountRegistration } from "@cdktf/provider-aws/lib/auditmanager-account-registration";
import { AuditmanagerAssessment } from "@cdktf/provider-aws/lib/auditmanager-assessment";
import { DataAwsAuditmanagerFramework } from "@cdktf/provider-aws/lib/data-aws-auditmanager-framework";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { Construct } from "constructs";
import type { AwsAccount } from "../../config/types";
import { accountResourceName } from "../core/naming";
import { schedulerRole, waiveScheduleKey } from "./private/scheduler-role";
import type { SecureBucket } from "../core/secure-bucket";
import { terraformJson } from "../core/terraform-string";

/** EventBridge Scheduler universal target for Audit Manager's CreateAssessmentReport. */
export const CREATE_ASSESSMENT_REPORT_TARGET = "arn:aws:scheduler:::aws-sdk:auditmanager:createAssessmentReport";
/** AWS managed policies of the security-auditor role: read-only audit access only. */
export const AUDITOR_MANAGED_POLICIES = ["arn:aws:iam::aws:policy/SecurityAudit"] as const;
/** Audit Manager actions the auditor needs on the assessment: read it and its evidence, generate and fetch reports. */
export const AUDITOR_ASSESSMENT_ACTIONS = [
  "auditmanager:GetAssessment",
  "auditmanager:GetEvidenceFoldersByAssessment",
  "auditmanager:GetEvidenceFoldersByAssessmentControl",
  "auditmanager:GetEvidenceByEvidenceFolder",
  "auditmanager:GetEvidenceFolder",
  "auditmanager:GetEvidence",
  "auditmanager:GetChangeLogs",
  "auditmanager:ListAssessmentReports",
  "auditmanager:CreateAssessmentReport",
  "auditmanager:GetAssessmentReportUrl",
] as const;
/** Services whose evidence the assessment collects. */
export const ASSESSED_SERVICES = ["iam", "s3", "ec2", "kms", "cloudtrail", "config", "guardduty", "securityhub", "eks", "rds"] as const;

export interface QuarterlyAuditProps {
  readonly account: AwsAccount;
  readonly bucket: SecureBucket;
  readonly key: KmsKey;
  /** Key prefix of the reports in the bucket. */
  readonly prefix: string;
  /** Audit Manager standard framework name, e.g. `CIS AWS Benchmark v1.4.0`. */
  readonly frameworkName: string;
  /** EventBridge Scheduler expression, e.g. `cron(0 4 1 1,4,7,10 ? *)`. */
  readonly schedule: string;
  readonly timezone: string;
  /** The one IAM role (by name, in this account) that may assume the auditor role, with MFA. */
  readonly auditorPrincipalRoleName: string;
}

/** S4: the quarterly Audit Manager assessment and its report schedule. */
export class QuarterlyAudit extends Construct {
  readonly auditorRole: IamRole;
  readonly assessment: AuditmanagerAssessment;
  readonly schedule: SchedulerSchedule;

  constructor(scope: Construct, id: string, props: QuarterlyAuditProps) {
    super(scope, id);
    const { account, bucket, key, prefix } = props;
    const registration = new AuditmanagerAccountRegistration(this, "registration", {});
    const framework = new DataAwsAuditmanagerFramework(this, "framework", { name: props.frameworkName, frameworkType: "Standard" });

    const auditorTrust = new DataAwsIamPolicyDocument(this, "auditor-trust", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${account.id}:role/${props.auditorPrincipalRoleName}`] }],
          condition: [{ test: "Bool", variable: "aws:MultiFactorAuthPresent", values: ["true"] }],
        },
      ],
    });
    this.auditorRole = new IamRole(this, "auditor-role", { name: accountResourceName(account, "security-auditor"), assumeRolePolicy: auditorTrust.json });
    AUDITOR_MANAGED_POLICIES.forEach((policyArn, i) => new IamRolePolicyAttachment(this, `auditor-policy-${i}`, { role: this.auditorRole.name, policyArn }));

    this.assessment = new AuditmanagerAssessment(this, "assessment", {
      name: accountResourceName(account, "quarterly-audit"),
      description: `S4 quarterly comprehensive audit of account ${account.name} against ${props.frameworkName}`,
      frameworkId: framework.id,
      roles: [{ roleArn: this.auditorRole.arn, roleType: "PROCESS_OWNER" }],
      scope: [{ awsAccounts: [{ id: account.id }], awsServices: ASSESSED_SERVICES.map((serviceName) => ({ serviceName })) }],
      assessmentReportsDestination: [{ destination: `s3://${bucket.bucket.bucket}/${prefix}`, destinationType: "S3" }],
      dependsOn: [registration],
    });

    const auditorPermissions = new DataAwsIamPolicyDocument(this, "auditor-permissions", {
      statement: [
        { sid: "ReviewQuarterlyAssessment", actions: [...AUDITOR_ASSESSMENT_ACTIONS], resources: [this.assessment.arn] },
        { sid: "ListAssessments", actions: ["auditmanager:ListAssessments", "auditmanager:GetAccountStatus"], resources: ["*"] },
        { sid: "ReadReports", actions: ["s3:GetObject"], resources: [`${bucket.bucket.arn}/${prefix}/*`] },
        { sid: "ListReports", actions: ["s3:ListBucket"], resources: [bucket.bucket.arn], condition: [{ test: "StringLike", variable: "s3:prefix", values: [`${prefix}/*`] }] },
        { sid: "DecryptReports", actions: ["kms:Decrypt"], resources: [key.arn] },
      ],
    });
    new IamRolePolicy(this, "auditor-policy", { name: "review-quarterly-audit", role: this.auditorRole.id, policy: auditorPermissions.json });

    const role = schedulerRole(this, account, accountResourceName(account, "quarterly-audit-report"), [
      { sid: "CreateQuarterlyReport", actions: ["auditmanager:CreateAssessmentReport", "auditmanager:GetAssessment"], resources: [this.assessment.arn] },
      { sid: "WriteReport", actions: ["s3:PutObject", "s3:GetBucketLocation"], resources: [bucket.bucket.arn, `${bucket.bucket.arn}/${prefix}/*`] },
      { sid: "EncryptReport", actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: [key.arn] },
    ]);
    this.schedule = new SchedulerSchedule(this, "schedule", {
      name: accountResourceName(account, "quarterly-audit-report"),
      description: "S4 quarterly comprehensive audit: Audit Manager assessment report",
      scheduleExpression: props.schedule,
      scheduleExpressionTimezone: props.timezone,
      flexibleTimeWindow: { mode: "OFF" },
      target: {
        arn: CREATE_ASSESSMENT_REPORT_TARGET,
        roleArn: role.arn,
        // <aws.scheduler.execution-id> is a Scheduler context attribute: each quarter's report gets its own name.
        input: terraformJson({ AssessmentId: this.assessment.id, Name: "quarterly-<aws.scheduler.execution-id>", Description: "S4 quarterly comprehensive audit report" }),
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 86400 },
      },
    });
    waiveScheduleKey(this.schedule);
  }
}
