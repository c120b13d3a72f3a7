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
    prometheus: { replicas: 2, retentionDays: 15, volumeSizeGiB: 100, remoteWriteToAmp: true, scrapeIntervalSeconds: 30 },
    alertmanager: { replicas: 3 },
    grafana: { hostPrefix: "grafana", adminSecretName: "fx-trader/grafana/admin", ingressClassName: "alb", volumeSizeGiB: 10 },
    loki: { deploymentMode: "SimpleScalable", replicas: 3, chunksCacheMemoryMiB: 4096 },
    tempo: { deploymentMode: "distributed", replicas: 3, retentionDays: 14 },
    highAvailability: { podDisruptionBudgets: true, zoneAntiAffinity: "required" },
    appMetrics: { serviceLabel: "fx-trader", port: "metrics", path: "/metrics" },
    exporters: {
      postgresCredentialsSecretName: "fx-trader/monitoring/postgres",
      postgresDatabase: "fxtrader",
      redisAuthSecretName: "fx-trader/monitoring/redis",
    },
    storageKeyDeletionWindowDays: 30,
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
    incrementalEveryHours: GUIDE.backupFrequency.databaseIncrementalEveryHours,
    dailyRetentionDays: 35,
    hourlyRetentionDays: 7,
    crossRegionCopy: true,
    vaultLock: { mode: "compliance", minRetentionDays: 7, maxRetentionDays: 400 },
    keyDeletionWindowDays: 30,
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
