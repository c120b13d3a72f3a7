/**
 * B4 "checked continuously": a Backup Audit Manager framework whose controls (see `auditControls`) are
 * evaluated by AWS Config against the recovery objectives, and report plans that deliver the compliance
 * and restore-job reports to the audit report bucket. Requires AWS Config recording in the account
 * (the account baseline stack).
 */
import { BackupFramework } from "@cdktf/provider-aws/lib/backup-framework";
import { BackupReportPlan } from "@cdktf/provider-aws/lib/backup-report-plan";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { SecureBucket } from "../core/secure-bucket";
import { auditControls, type AuditControl } from "./audit-controls";
import { AUDIT_REPORT_PREFIX } from "./audit-report-bucket";
import { backupNames, type BackupEnvironment } from "./backup-names";

export interface BackupAuditFrameworkProps {
  readonly config: BackupEnvironment;
  /**
   * Bucket the reports are delivered to (same stack). Its name is passed as a reference to the bucket resource,
   * so Terraform creates the bucket before the report plans.
   */
  readonly reportBucket: SecureBucket;
  readonly tags: Record<string, string>;
  readonly provider: TerraformProvider;
}

/** Backup Audit Manager allows at most 50 controls per account and region. */
const MAX_CONTROLS = 50;

export class BackupAuditFramework extends Construct {
  readonly framework: BackupFramework;
  readonly controls: readonly AuditControl[];
  readonly reportPlans: readonly BackupReportPlan[];

  constructor(scope: Construct, id: string, props: BackupAuditFrameworkProps) {
    super(scope, id);
    const { config } = props;
    const names = backupNames(config);
    this.controls = auditControls(config);
    if (this.controls.length > MAX_CONTROLS) {
      throw new Error(`BackupAuditFramework ${this.node.path} [${config.name}]: ${this.controls.length} controls exceed AWS's ${MAX_CONTROLS} per account and region`);
    }
    this.framework = new BackupFramework(this, "framework", {
      provider: props.provider,
      name: names.framework,
      description: `fx-trader ${config.name}: RPO ${config.backup.rpoHours} h, RTO ${config.backup.rtoHours} h (B4)`,
      control: this.controls.map((c) => ({
        name: c.name,
        inputParameter: c.parameters.length === 0 ? undefined : c.parameters.map(([name, value]) => ({ name, value })),
        scope: c.scope.kind === "tier-tag" ? { tags: c.scope.tags } : { complianceResourceIds: [c.scope.vaultName], complianceResourceTypes: ["AWS::Backup::BackupVault"] },
      })),
      tags: props.tags,
    });
    const delivery = (report: string) => ({
      s3BucketName: props.reportBucket.bucket.bucket,
      s3KeyPrefix: `${AUDIT_REPORT_PREFIX}-${report}`,
      formats: ["CSV", "JSON"],
    });
    this.reportPlans = [
      new BackupReportPlan(this, "compliance-report", {
        provider: props.provider,
        name: names.complianceReportPlan,
        description: `fx-trader ${config.name}: daily resource compliance against the backup framework`,
        reportDeliveryChannel: delivery("compliance"),
        reportSetting: { reportTemplate: "RESOURCE_COMPLIANCE_REPORT", frameworkArns: [this.framework.arn], numberOfFrameworks: 1 },
        tags: props.tags,
      }),
      new BackupReportPlan(this, "restore-job-report", {
        provider: props.provider,
        name: names.restoreJobReportPlan,
        description: `fx-trader ${config.name}: restore jobs, including the weekly restore tests (B3 evidence)`,
        reportDeliveryChannel: delivery("restore-jobs"),
        reportSetting: { reportTemplate: "RESTORE_JOB_REPORT" },
        tags: props.tags,
      }),
    ];
  }
}
