/**
 * The Backup Audit Manager controls (B4) as data: name, input parameters and scope, computed from the
 * environment's objectives and config. `BackupAuditFramework` renders them; `docs/backup-and-dr.md` lists them.
 * Parameter names are AWS's (Backup Audit Manager "Choosing your controls" and the AWS Config managed rules
 * of the same names).
 */
import { breakGlassGuard } from "../core/key-guard";
import type { EnvironmentConfig } from "../../config/types";
import { backupNames, type BackupEnvironment } from "./backup-names";
import { RECOVERY_TAG_KEYS, RecoveryObjectives } from "./recovery-objectives";

/** Which resources a control evaluates. */
export type ControlScope =
  /** Resources (or recovery points) tagged `backup-tier=<tier>`. */
  | { readonly kind: "tier-tag"; readonly tags: Record<string, string> }
  /** One backup vault. */
  | { readonly kind: "vault"; readonly vaultName: string };

export interface AuditControl {
  readonly name: string;
  /** Input parameters, in a fixed order. */
  readonly parameters: ReadonlyArray<readonly [string, string]>;
  readonly scope: ControlScope;
  /** What a COMPLIANT result proves, for docs. */
  readonly proves: string;
}

/** The break-glass role ARN: the only principal allowed to delete recovery points. */
export function breakGlassRoleArn(config: Pick<EnvironmentConfig, "account" | "backup">): string {
  return breakGlassGuard(config.account.id, config.backup.breakGlassRoleName).breakGlassRoleArn;
}

/**
 * `BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK`'s frequency: hours up to 24 (AWS's maximum for
 * hours), whole days beyond.
 */
export function requiredFrequency(rpoHours: number): readonly [unit: "hours" | "days", value: number] {
  return rpoHours <= 24 ? ["hours", rpoHours] : ["days", Math.ceil(rpoHours / 24)];
}

/** The environment's controls, in a fixed order. Cross-region and vault-lock controls only where configured. */
export function auditControls(config: BackupEnvironment): readonly AuditControl[] {
  const b = config.backup;
  const objectives = RecoveryObjectives.fromConfig(b);
  const tierScope: ControlScope = { kind: "tier-tag", tags: { [RECOVERY_TAG_KEYS.tier]: objectives.tier } };
  const minRetention = Math.min(b.dailyRetentionDays, b.hourlyRetentionDays);
  const [unit, value] = requiredFrequency(objectives.rpoHours);
  const controls: AuditControl[] = [
    {
      name: "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
      parameters: [["requiredFrequencyUnit", unit], ["requiredFrequencyValue", String(value)], ["requiredRetentionDays", String(minRetention)]],
      scope: tierScope,
      proves: `the plan has a rule running at least every ${value} ${unit === "hours" ? "h" : "d"} that keeps recovery points ≥ ${minRetention} d`,
    },
    {
      name: "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
      parameters: [["requiredRetentionDays", String(minRetention)]],
      scope: tierScope,
      proves: `every recovery point is kept ≥ ${minRetention} d`,
    },
    {
      name: "BACKUP_LAST_RECOVERY_POINT_CREATED",
      parameters: [["recoveryPointAgeUnit", "hours"], ["recoveryPointAgeValue", String(objectives.rpoHours)]],
      scope: tierScope,
      proves: `each protected resource has a recovery point younger than the RPO (${objectives.rpoHours} h)`,
    },
    {
      name: "BACKUP_RECOVERY_POINT_ENCRYPTED",
      parameters: [],
      scope: tierScope,
      proves: "every recovery point is encrypted",
    },
    {
      name: "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED",
      parameters: [["principalArnList", breakGlassRoleArn(config)]],
      scope: { kind: "vault", vaultName: backupNames(config).vault },
      proves: "the vault refuses manual deletion of recovery points except by the break-glass role",
    },
    {
      name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
      parameters: [],
      scope: tierScope,
      proves: `every resource tagged ${RECOVERY_TAG_KEYS.tier}=${objectives.tier} is in a backup plan`,
    },
  ];
  if (b.crossRegionCopy) {
    controls.push({
      name: "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION",
      parameters: [["crossRegionList", config.drRegion]],
      scope: tierScope,
      proves: `every protected resource has its backups copied to ${config.drRegion}`,
    });
  }
  if (b.vaultLock.mode !== "none") {
    controls.push({
      name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK",
      parameters: [["minRetentionDays", String(b.vaultLock.minRetentionDays)], ["maxRetentionDays", String(b.vaultLock.maxRetentionDays)]],
      scope: tierScope,
      proves: `every protected resource is backed up to a vault locked for ${b.vaultLock.minRetentionDays}–${b.vaultLock.maxRetentionDays} d`,
    });
  }
  controls.push({
    name: "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET",
    parameters: [["maxRestoreTime", String(objectives.restoreTimeTargetMinutes)]],
    scope: tierScope,
    proves: `restore tests finish within the RTO (${objectives.restoreTimeTargetMinutes} min)`,
  });
  return controls;
}
