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
  eks: { clusterName: "fx-trader-dev", monitoringNamespace: "monitoring", appNamespace: "fx-trader", kubernetesVersion: "1.33" },
  database: { engine: "aurora-postgresql", identifier: "fx-trader-dev", uploadsBucketName: "fx-trader-dev-uploads-111111111111" },
  cache: { replicationGroupId: "fx-trader-dev" },
  secrets: { pathPrefix: "fx-trader/dev", refreshIntervalMinutes: 60 },
  ci: { privateRunnerLabels: ["self-hosted", "linux", "fx-trader-dev-vpc"] },
  protectStatefulResources: false,
  observability: {
    grafana: {
      sso: { clientId: "grafana-dev" },
      edition: { kind: "oss", reason: "no Grafana Enterprise licence for dev: team membership is kept by Grafana user management" },
    },
    prometheus: { replicas: 1, retentionDays: 3, volumeSizeGiB: 20, remoteWriteToAmp: false },
    alertmanager: { replicas: 1 },
    loki: { deploymentMode: "Monolithic", replicas: 1, chunksCacheMemoryMiB: 0 },
    tempo: { deploymentMode: "single-binary", replicas: 1, retentionDays: 3 },
    highAvailability: { podDisruptionBudgets: false, zoneAntiAffinity: "none" },
    sizing: {
      prometheus: { cpuMillicores: 250, memoryMiB: 1024, memoryLimitMiB: 2048 },
      grafana: { cpuMillicores: 100, memoryMiB: 128, memoryLimitMiB: 256 },
      loki: { cpuMillicores: 200, memoryMiB: 512, memoryLimitMiB: 1024 },
      tempo: { cpuMillicores: 200, memoryMiB: 512, memoryLimitMiB: 1024 },
      alloy: { cpuMillicores: 100, memoryMiB: 128, memoryLimitMiB: 256 },
    },
    storageKeyDeletionWindowDays: 7,
  },
  alerts: {
    httpLatencyAvgSeconds: 1,
    dbQueryLatencySeconds: 0.5,
    httpMinRequestsPerSecond: 0.1,
    cacheMinLookupsPerSecond: 0.1,
    pager: "none",
    overrides: { DatabaseReplicationLagHigh: { disabled: true }, MemoryLeakSuspected: { for: "1h" } },
  },
  // A10: dev holds looser objectives than staging and prod (per-environment targets).
  slo: {
    services: {
      "fx-trader-api": { availabilityPercent: 99.5, latency: { thresholdSeconds: 0.5, percent: 99 } },
      "fx-trader-web": { availabilityPercent: 99, latency: { thresholdSeconds: 1, percent: 95 } },
    },
  },
  logRetention: {
    applicationDays: 7,
    accessDays: 30,
    auditDays: 90,
    infrastructureDays: 7,
    auditObjectLockMode: "GOVERNANCE",
    // Everything stays in STANDARD: 30-day access logs cannot transition at all (STANDARD_IA needs 30 days
    // before and 30 days in it), and dev's small volumes leave nothing worth saving on audit logs.
    transitions: { access: [], audit: [] },
    noncurrentVersionDays: 1,
    abortIncompleteUploadDays: 1,
  },
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
    app: { minReplicas: 1, maxReplicas: 3 },
    nodes: { groups: [{ name: "app", min: 1, max: 3, peakMin: 1 }] },
    dbReaders: { min: 0, max: 1, peakMin: 0 },
    // dev leaves its cache replicas as they are (no replica auto scaling, no peak schedule).
    cacheReplicas: { enabled: false, min: 0, max: 0, peakMin: 0 },
    marketSessions: [],
  },
});
