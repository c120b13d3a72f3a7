/** B2–B4 backup rules, including the cross-field RPO check. */
import { GUIDE } from "../policy";
import type { EnvironmentConfig } from "../types";
import type { ConfigChecker } from "./checker";

export function checkBackup(c: EnvironmentConfig, v: ConfigChecker): void {
  const b = c.backup;
  const guided = c.policy === "guide";
  v.number("backup.rpoHours", b.rpoHours, {
    min: 1,
    max: guided ? GUIDE.recovery.rpoHours : 168,
    reason: guided ? `guide B4: RPO ${GUIDE.recovery.rpoHours} h` : "1 h (AWS Backup's smallest schedule) to 1 week",
  });
  v.number("backup.rtoHours", b.rtoHours, {
    min: 1,
    max: guided ? GUIDE.recovery.rtoHours : 168,
    reason: guided ? `guide B4: RTO ${GUIDE.recovery.rtoHours} h` : "1 h to 1 week",
  });
  v.number("backup.incrementalEveryHours", b.incrementalEveryHours, { integer: true, min: 1, max: 24, reason: "a divisor-friendly hourly schedule" });
  v.require(
    b.incrementalEveryHours <= b.rpoHours,
    "backup.incrementalEveryHours",
    b.incrementalEveryHours,
    `must be ≤ backup.rpoHours (${b.rpoHours}): a backup every ${b.incrementalEveryHours} h cannot meet an RPO of ${b.rpoHours} h`,
  );
  v.number("backup.dailyRetentionDays", b.dailyRetentionDays, { integer: true, min: 1, max: 36500 });
  v.number("backup.hourlyRetentionDays", b.hourlyRetentionDays, { integer: true, min: 1, max: 35, reason: "continuous backup keeps at most 35 days" });
  v.oneOf("backup.vaultLock.mode", b.vaultLock.mode, ["compliance", "governance", "none"] as const);
  if (b.vaultLock.mode !== "none") {
    v.number("backup.vaultLock.minRetentionDays", b.vaultLock.minRetentionDays, { integer: true, min: 1, max: 36500 });
    v.number("backup.vaultLock.maxRetentionDays", b.vaultLock.maxRetentionDays, { integer: true, min: b.vaultLock.minRetentionDays, max: 36500, reason: "≥ vaultLock.minRetentionDays" });
    for (const field of ["dailyRetentionDays", "hourlyRetentionDays"] as const) {
      v.require(
        b[field] >= b.vaultLock.minRetentionDays && b[field] <= b.vaultLock.maxRetentionDays,
        `backup.${field}`,
        b[field],
        `must lie within the vault lock's retention range ${b.vaultLock.minRetentionDays}–${b.vaultLock.maxRetentionDays} days`,
      );
    }
  }
  v.number("backup.keyDeletionWindowDays", b.keyDeletionWindowDays, { integer: true, min: 7, max: 30, reason: "AWS KMS allows 7–30 days" });
  if (guided) {
    v.require(b.crossRegionCopy, "backup.crossRegionCopy", b.crossRegionCopy, `must be true in ${c.name}: the RPO must hold through a region loss`);
  }
  if (c.name === "prod") {
    v.require(b.vaultLock.mode === "compliance", "backup.vaultLock.mode", b.vaultLock.mode, "must be compliance in prod");
  }
}
