/**
 * Facade of the backup domain (B1–B5) for one environment: composes the keys, the vaults, the service role,
 * the configuration bucket, the plan, restore testing, the audit framework and the failure alerts, and adds
 * the synth summary line. It only wires the pieces together; each decides its own resources.
 */
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { BackupSchedule, formatMinutes } from "../../config/backup-schedule";
import type { EnvironmentConfig } from "../../config/types";
import { secretById } from "../../secrets/catalog";
import type { SecureBucket } from "../core/secure-bucket";
import { SummaryNote } from "../core/summary-note";
import { AuditReportBucket } from "./audit-report-bucket";
import { BackupAuditFramework } from "./backup-audit-framework";
import { BackupFailureAlerts } from "./backup-failure-alerts";
import { BackupKeys } from "./backup-keys";
import { backupNames } from "./backup-names";
import { BackupPlan } from "./backup-plan";
import { BackupRule } from "./backup-rule";
import { BackupServiceRole } from "./backup-service-role";
import { BackupVault } from "./backup-vault";
import { breakGlassRoleArn } from "./audit-controls";
import { ConfigurationBucket } from "./configuration-bucket";
import { DrVault } from "./dr-vault";
import { protectedResources } from "./protected-resources";
import { RecoveryObjectives } from "./recovery-objectives";
import { RestoreTesting } from "./restore-testing";

export interface BackupAndDrProps {
  readonly config: EnvironmentConfig;
  /** Provider of the primary region (the stack's `aws`). */
  readonly provider: TerraformProvider;
  /** Provider of the DR region (the stack's `awsDr`). */
  readonly drProvider: TerraformProvider;
  /** The environment's access-log bucket (same stack, from the logging domain): the backup buckets log into it, by reference. */
  readonly accessLogBucket: SecureBucket;
}

/** The synth summary line, e.g. `RPO 1 h, RTO 4 h, every 1 h (continuous) + daily full, DR copy → ap-northeast-3, …`. */
export function backupSummary(config: EnvironmentConfig): string {
  const frequent = BackupRule.fromConfig(config).find((r) => r.name === "incremental")!;
  const restoreTest = BackupSchedule.parse(config.backup.restoreTesting.schedule);
  return [
    `RPO ${config.backup.rpoHours} h, RTO ${config.backup.rtoHours} h`,
    `${frequent.cadence}${frequent.continuous ? " (continuous)" : ""} + daily full`,
    config.backup.crossRegionCopy ? `DR copy → ${config.drRegion}` : "no DR copy",
    `restore test every ${formatMinutes(restoreTest.largestGapMinutes)}`,
  ].join(", ");
}

export class BackupAndDr extends Construct {
  readonly objectives: RecoveryObjectives;
  readonly keys: BackupKeys;
  readonly vault: BackupVault;
  readonly drVault?: DrVault;
  readonly serviceRole: BackupServiceRole;
  readonly configurationBucket: ConfigurationBucket;
  readonly plan: BackupPlan;
  readonly restoreTesting: RestoreTesting;
  readonly reportBucket: AuditReportBucket;
  readonly audit: BackupAuditFramework;
  readonly alerts: BackupFailureAlerts;

  constructor(scope: Construct, id: string, props: BackupAndDrProps) {
    super(scope, id);
    const { config, provider, drProvider, accessLogBucket } = props;
    const names = backupNames(config);
    this.objectives = RecoveryObjectives.fromConfig(config.backup);
    const tags = this.objectives.tags();
    const protect = config.protectStatefulResources;

    this.keys = new BackupKeys(this, "keys", { config, provider, drProvider });
    const vaultProps = { vaultLock: config.backup.vaultLock, breakGlassRoleArn: breakGlassRoleArn(config), tags, protect };
    this.vault = new BackupVault(this, "vault", { ...vaultProps, name: names.vault, encryptionKey: this.keys.vaultKey.key, provider });
    if (config.backup.crossRegionCopy) {
      this.drVault = new DrVault(this, "dr-vault", { config, encryptionKey: this.keys.vaultKey.replica, tags, drProvider });
    }
    this.serviceRole = new BackupServiceRole(this, "service-role", { name: names.serviceRole, accountId: config.account.id, provider });
    this.configurationBucket = new ConfigurationBucket(this, "configuration-bucket", { config, encryptionKey: this.keys.dataKey.primary, accessLogBucket, tags, provider });
    const resources = protectedResources(config);
    this.plan = new BackupPlan(this, "plan", {
      config,
      name: names.plan,
      objectives: this.objectives,
      rules: BackupRule.fromConfig(config),
      vault: this.vault,
      drVault: this.drVault,
      serviceRole: this.serviceRole,
      resources,
      provider,
    });
    this.restoreTesting = new RestoreTesting(this, "restore-testing", {
      config,
      vault: this.vault,
      serviceRole: this.serviceRole,
      resources,
      tags,
      provider,
    });
    this.reportBucket = new AuditReportBucket(this, "report-bucket", { config, encryptionKey: this.keys.dataKey.primary, accessLogBucket, provider });
    this.audit = new BackupAuditFramework(this, "audit", { config, reportBucket: this.reportBucket.storage, tags, provider });
    this.audit.node.addDependency(this.reportBucket);
    this.alerts = new BackupFailureAlerts(this, "alerts", {
      config,
      encryptionKey: this.keys.dataKey.primary,
      onCallEndpoint: secretById(config, "backup-on-call-endpoint"),
      vault: this.vault,
      provider,
    });
    new SummaryNote(this, "summary", { topic: "backup", text: backupSummary(config) });
  }
}
