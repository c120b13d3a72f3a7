/**
 * The environment's AWS Backup plan (B1, B2, B4): the daily full and the frequent (continuous where the
 * engine supports it) rules, both copied to the DR vault when the environment requires it, and two
 * selections: the protected resources by ARN from config, and every resource tagged with the plan's tier.
 * The plan and its recovery points carry the `rpo`, `rto` and `backup-tier` tags.
 */
import { BackupPlan as AwsBackupPlan } from "@cdktf/provider-aws/lib/backup-plan";
import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { formatMinutes } from "../../config/backup-schedule";
import type { BackupRule } from "./backup-rule";
import type { BackupServiceRole } from "./backup-service-role";
import type { BackupVault } from "./backup-vault";
import type { DrVault } from "./dr-vault";
import type { ProtectedResource } from "./protected-resources";
import { RECOVERY_TAG_KEYS, type RecoveryObjectives } from "./recovery-objectives";
import type { BackupEnvironment } from "./backup-names";

export interface BackupPlanProps {
  readonly config: BackupEnvironment;
  /** Plan name. */
  readonly name: string;
  readonly objectives: RecoveryObjectives;
  readonly rules: readonly BackupRule[];
  readonly vault: BackupVault;
  /** Required exactly when `backup.crossRegionCopy` is true. */
  readonly drVault?: DrVault;
  /** The role AWS Backup assumes. */
  readonly serviceRole: BackupServiceRole;
  /** Resources selected by ARN. */
  readonly resources: readonly ProtectedResource[];
  readonly provider: TerraformProvider;
}

export class BackupPlan extends Construct {
  readonly plan: AwsBackupPlan;
  readonly byArn: BackupSelection;
  readonly byTierTag: BackupSelection;
  readonly rules: readonly BackupRule[];

  constructor(scope: Construct, id: string, props: BackupPlanProps) {
    super(scope, id);
    const { config, objectives } = props;
    const where = `BackupPlan ${this.node.path} [${config.name}]`;
    if (config.backup.crossRegionCopy && props.drVault === undefined) {
      throw new Error(`${where}: backup.crossRegionCopy is true but no DR vault was given; the RPO would not hold through a region loss`);
    }
    if (!config.backup.crossRegionCopy && props.drVault !== undefined) {
      throw new Error(`${where}: a DR vault was given but backup.crossRegionCopy is false`);
    }
    if (props.rules.length === 0) throw new Error(`${where}: a backup plan needs at least one rule`);
    const mostFrequent = Math.min(...props.rules.map((r) => r.schedule.largestGapMinutes));
    if (mostFrequent > objectives.rpoHours * 60) {
      throw new Error(`${where}: the most frequent rule leaves ${formatMinutes(mostFrequent)} between backups, more than the RPO of ${objectives.rpoHours} h (backup.schedules)`);
    }
    this.rules = props.rules;
    const tags = objectives.tags();
    this.plan = new AwsBackupPlan(this, "plan", {
      provider: props.provider,
      name: props.name,
      rule: props.rules.map((r) => r.toPlanRule({ vaultName: props.vault.vault.name, drVaultArn: props.drVault?.arn, recoveryPointTags: tags })),
      tags,
    });
    this.byArn = new BackupSelection(this, "by-arn", {
      provider: props.provider,
      name: `${props.name}-resources`,
      planId: this.plan.id,
      iamRoleArn: props.serviceRole.arn,
      resources: props.resources.map((r) => r.arn),
    });
    this.byTierTag = new BackupSelection(this, "by-tier-tag", {
      provider: props.provider,
      name: `${props.name}-tier-${objectives.tier}`,
      planId: this.plan.id,
      iamRoleArn: props.serviceRole.arn,
      selectionTag: [{ type: "STRINGEQUALS", key: RECOVERY_TAG_KEYS.tier, value: objectives.tier }],
    });
  }
}
