/**
 * The shared base every environment starts from. Values that the guide fixes come from `GUIDE`;
 * environment files override only what differs.
 */
import { GUIDE } from "../policy";
import type { EnvironmentConfig } from "../types";

/** Everything but the per-environment identity (name, account, DNS, existing resources). */
export type BaseConfig = Omit<
  EnvironmentConfig,
  "name" | "account" | "dnsDomain" | "stateBackend" | "eks" | "database" | "cache"
>;

export const BASE: BaseConfig = {
  policy: "guide",
  region: "ap-northeast-1",
  drRegion: "ap-northeast-3",
  owner: "platform-engineering",
  costCentre: "fx-trading-platform",
  protectStatefulResources: true,
  observability: {
    prometheus: { replicas: 2, retentionDays: 15, volumeSizeGiB: 100, remoteWriteToAmp: true },
    alertmanager: { replicas: 3 },
    grafana: { replicas: 2, hostPrefix: "grafana", adminSecretName: "fx-trader/grafana/admin" },
    loki: { deploymentMode: "SimpleScalable", replicas: 3 },
    tempo: { deploymentMode: "distributed", replicas: 2, retentionDays: 14 },
  },
  alerts: {
    httpLatencyAvgSeconds: 0.5,
    dbQueryLatencySeconds: 0.2,
    httpMinRequestsPerSecond: 1,
    overrides: {},
    notificationSecretName: "fx-trader/alertmanager/receivers",
  },
  logRetention: {
    applicationDays: GUIDE.logRetention.applicationDays,
    accessDays: GUIDE.logRetention.accessDays,
    auditDays: GUIDE.logRetention.auditDays,
    infrastructureDays: 30,
    auditObjectLockMode: "COMPLIANCE",
  },
  backup: {
    rpoHours: GUIDE.recovery.rpoHours,
    rtoHours: GUIDE.recovery.rtoHours,
    // The daily full runs at 22:00 UTC, between the New York close (21:00) and the Tokyo open (23:45).
    schedules: { dailyFull: "cron(0 22 * * ? *)", incremental: "cron(0 * * * ? *)" },
    continuousBackup: true,
    startWindowMinutes: 60,
    completionWindowMinutes: 180,
    dailyRetentionDays: 35,
    hourlyRetentionDays: 7,
    crossRegionCopy: true,
    vaultLock: { mode: "compliance", minRetentionDays: 7, maxRetentionDays: 400, changeableForDays: 3 },
    keyDeletionWindowDays: 30,
    breakGlassRoleName: "fx-trader-backup-break-glass",
    restoreTesting: { schedule: "cron(0 1 ? * TUE *)", startWindowHours: 4, selectionWindowDays: 7, validationWindowHours: 4 },
    auditReportRetentionDays: 400,
    onCallEndpointSecretKey: "backup-sns-https-endpoint",
  },
  capacity: {
    cpuTargetPercent: GUIDE.capacity.cpuScaleOutPercent,
    memoryTargetPercent: GUIDE.capacity.memoryScaleOutPercent,
    diskExpansionPercent: GUIDE.capacity.diskExpansionPercent,
    app: { minReplicas: 3, maxReplicas: 12, peakMinReplicas: 6 },
    dbReaders: { min: 1, max: 4 },
    marketSessions: [
      { name: "tokyo", openUtc: "23:45", closeUtc: "09:00" },
      { name: "london", openUtc: "06:45", closeUtc: "16:00" },
      { name: "new-york", openUtc: "11:45", closeUtc: "21:00" },
    ],
  },
};
