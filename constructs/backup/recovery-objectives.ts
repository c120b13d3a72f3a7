/**
 * The recovery objectives of an environment (B4) and the tags that record them. The `rpo`, `rto` and
 * `backup-tier` tags on the plan, the vaults, the recovery points and the configuration bucket all come
 * from here, and the same hours bound the schedules (validation) and the audit controls, so a tag cannot
 * promise an RPO the schedule does not deliver.
 */
import type { BackupConfig } from "../../config/types";

/** How demanding a resource's recovery is; resources tagged `backup-tier=<tier>` join the plan of that tier. */
export type BackupTier = "critical" | "standard" | "basic";

/** Tag keys written by the backup constructs. */
export const RECOVERY_TAG_KEYS = { rpo: "rpo", rto: "rto", tier: "backup-tier" } as const;

/** Renders whole hours as a tag value, e.g. `1h`. */
export function hoursTag(hours: number): string {
  return `${hours}h`;
}

/** Parses a tag value written by {@link hoursTag}; throws on anything else. */
export function parseHoursTag(value: string): number {
  const match = /^(\d+)h$/.exec(value);
  if (!match) throw new Error(`recovery tag "${value}" is not whole hours such as "1h"`);
  return Number(match[1]);
}

export class RecoveryObjectives {
  /** The tier for an RPO: `critical` up to 1 h, `standard` up to 1 day, `basic` beyond. */
  static tierFor(rpoHours: number): BackupTier {
    if (rpoHours <= 1) return "critical";
    if (rpoHours <= 24) return "standard";
    return "basic";
  }

  static fromConfig(backup: Pick<BackupConfig, "rpoHours" | "rtoHours">): RecoveryObjectives {
    return new RecoveryObjectives(backup.rpoHours, backup.rtoHours);
  }

  readonly tier: BackupTier;

  constructor(readonly rpoHours: number, readonly rtoHours: number) {
    this.tier = RecoveryObjectives.tierFor(rpoHours);
  }

  /** RESTORE_TIME_FOR_RESOURCES_MEET_TARGET's `maxRestoreTime`: the RTO in minutes. */
  get restoreTimeTargetMinutes(): number {
    return this.rtoHours * 60;
  }

  /** `{ rpo: "1h", rto: "4h", "backup-tier": "critical" }`. */
  tags(): Record<string, string> {
    return {
      [RECOVERY_TAG_KEYS.rpo]: hoursTag(this.rpoHours),
      [RECOVERY_TAG_KEYS.rto]: hoursTag(this.rtoHours),
      [RECOVERY_TAG_KEYS.tier]: this.tier,
    };
  }
}
