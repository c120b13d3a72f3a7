/**
 * dev: single-replica and cheap. Relaxes the guide (shorter retention, no DR copy, governance locks)
 * only here, through `policy: "relaxed"`.
 */
import { defineEnvironment } from "./define";

export const dev = defineEnvironment({
  name: "dev",
  policy: "relaxed",
  account: { id: "111111111111", name: "fx-nonprod" },
  dnsDomain: "dev.fx-trader.example.com",
  stateBackend: { bucket: "fx-trader-tfstate-111111111111", region: "ap-northeast-1", kmsKeyId: "alias/fx-trader-tfstate" },
  eks: { clusterName: "fx-trader-dev", monitoringNamespace: "monitoring", appNamespace: "fx-trader" },
  database: { engine: "aurora-postgresql", identifier: "fx-trader-dev", uploadsBucketName: "fx-trader-dev-uploads-111111111111" },
  cache: { replicationGroupId: "fx-trader-dev" },
  protectStatefulResources: false,
  observability: {
    prometheus: { replicas: 1, retentionDays: 3, volumeSizeGiB: 20, remoteWriteToAmp: false },
    alertmanager: { replicas: 1 },
    grafana: { replicas: 1 },
    loki: { deploymentMode: "SingleBinary", replicas: 1 },
    tempo: { deploymentMode: "single-binary", replicas: 1, retentionDays: 3 },
  },
  alerts: { httpLatencyAvgSeconds: 1, dbQueryLatencySeconds: 0.5, httpMinRequestsPerSecond: 0.1 },
  logRetention: { applicationDays: 7, accessDays: 30, auditDays: 90, infrastructureDays: 7, auditObjectLockMode: "GOVERNANCE" },
  backup: {
    rpoHours: 24,
    rtoHours: 24,
    schedules: { incremental: "cron(0 6 * * ? *)" },
    dailyRetentionDays: 7,
    hourlyRetentionDays: 2,
    crossRegionCopy: false,
    vaultLock: { mode: "none", minRetentionDays: 1, maxRetentionDays: 35 },
    keyDeletionWindowDays: 7,
    auditReportRetentionDays: 90,
  },
  capacity: {
    app: { minReplicas: 1, maxReplicas: 3, peakMinReplicas: 1 },
    dbReaders: { min: 0, max: 1 },
    marketSessions: [],
  },
});
