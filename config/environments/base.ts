/**
 * The shared base every environment starts from. Values that the guide fixes come from `GUIDE`;
 * environment files override only what differs.
 */
import { GUIDE } from "../policy";
import { DEFAULT_SLO } from "../slo";
import type { EnvironmentConfig } from "../types";

/** Everything but the per-environment identity (name, account, DNS, existing resources). */
export type BaseConfig = Omit<
  EnvironmentConfig,
  "name" | "account" | "dnsDomain" | "stateBackend" | "eks" | "database" | "cache" | "secrets"
>;

export const BASE: BaseConfig = {
  policy: "guide",
  region: "ap-northeast-1",
  drRegion: "ap-northeast-3",
  owner: "platform-engineering",
  costCentre: "fx-trading-platform",
  protectStatefulResources: true,
  ci: { privateRunnerLabels: ["self-hosted", "linux", "fx-trader-private"] },
  observability: {
    prometheus: { replicas: 2, retentionDays: 15, volumeSizeGiB: 100, remoteWriteToAmp: true, scrapeIntervalSeconds: 30 },
    alertmanager: { replicas: 3 },
    grafana: {
      hostPrefix: "grafana",
      ingressClassName: "alb",
      volumeSizeGiB: 10,
      // The offices and the VPN (corporate address plan); the load balancer is internal besides.
      inboundCidrs: ["10.0.0.0/8"],
      sso: {
        issuerUrl: "https://sso.fx-trader.example.com/realms/fx-trader",
        clientId: "grafana",
        authorizationUrl: "https://sso.fx-trader.example.com/realms/fx-trader/protocol/openid-connect/auth",
        tokenUrl: "https://sso.fx-trader.example.com/realms/fx-trader/protocol/openid-connect/token",
        userInfoUrl: "https://sso.fx-trader.example.com/realms/fx-trader/protocol/openid-connect/userinfo",
        groupsClaim: "groups",
        roleGroups: { Admin: ["fx-platform-admins"], Editor: ["fx-sre"], Viewer: ["fx-developers", "fx-trading-desk"] },
        // D4: one group per team; platform admins need no team (the Admin role opens every folder).
        teamGroups: { sre: ["fx-sre"], developers: ["fx-developers"], business: ["fx-trading-desk"] },
      },
      // Team sync is Enterprise-only; staging carries the licence too so the team mapping is proven before prod.
      edition: { kind: "enterprise" },
    },
    loki: { deploymentMode: "SimpleScalable", replicas: 3, chunksCacheMemoryMiB: 4096 },
    tempo: { deploymentMode: "distributed", replicas: 3, retentionDays: 14, ingestTls: { certificateValidityDays: 180, caValidityDays: 1825 } },
    highAvailability: { podDisruptionBudgets: true, zoneAntiAffinity: "required" },
    sizing: {
      prometheus: { cpuMillicores: 1000, memoryMiB: 4096, memoryLimitMiB: 6144 },
      alertmanager: { cpuMillicores: 50, memoryMiB: 128, memoryLimitMiB: 256 },
      configReloader: { cpuMillicores: 10, memoryMiB: 32, memoryLimitMiB: 64 },
      prometheusOperator: { cpuMillicores: 100, memoryMiB: 128, memoryLimitMiB: 256 },
      operatorJobs: { cpuMillicores: 10, memoryMiB: 32, memoryLimitMiB: 64 },
      kubeStateMetrics: { cpuMillicores: 50, memoryMiB: 128, memoryLimitMiB: 256 },
      nodeExporter: { cpuMillicores: 50, memoryMiB: 64, memoryLimitMiB: 128 },
      grafana: { cpuMillicores: 200, memoryMiB: 256, memoryLimitMiB: 512 },
      grafanaSidecar: { cpuMillicores: 20, memoryMiB: 64, memoryLimitMiB: 128 },
      loki: { cpuMillicores: 250, memoryMiB: 1024, memoryLimitMiB: 2048 },
      lokiGateway: { cpuMillicores: 50, memoryMiB: 64, memoryLimitMiB: 128 },
      lokiSidecar: { cpuMillicores: 20, memoryMiB: 64, memoryLimitMiB: 128 },
      // memcached holds its allocation plus 20% for connections and slabs (the chart's own ratio).
      lokiChunksCache: { cpuMillicores: 500, memoryMiB: 4916, memoryLimitMiB: 4916 },
      lokiResultsCache: { cpuMillicores: 500, memoryMiB: 1229, memoryLimitMiB: 1229 },
      metricsExporter: { cpuMillicores: 10, memoryMiB: 32, memoryLimitMiB: 64 },
      tempo: { cpuMillicores: 250, memoryMiB: 1024, memoryLimitMiB: 2048 },
      tempoMemcached: { cpuMillicores: 100, memoryMiB: 128, memoryLimitMiB: 256 },
      alloy: { cpuMillicores: 200, memoryMiB: 256, memoryLimitMiB: 512 },
      postgresExporter: { cpuMillicores: 50, memoryMiB: 64, memoryLimitMiB: 128 },
      redisExporter: { cpuMillicores: 50, memoryMiB: 64, memoryLimitMiB: 128 },
      externalSecrets: { cpuMillicores: 50, memoryMiB: 128, memoryLimitMiB: 256 },
      externalSecretsWebhook: { cpuMillicores: 20, memoryMiB: 64, memoryLimitMiB: 128 },
      externalSecretsCertController: { cpuMillicores: 20, memoryMiB: 64, memoryLimitMiB: 128 },
    },
    appMetrics: { serviceLabel: "fx-trader", port: "metrics", path: "/metrics" },
    exporters: { postgresDatabase: "fxtrader" },
    storageKeyDeletionWindowDays: 30,
  },
  alerts: {
    httpErrorRatioPercent: GUIDE.alerts.httpErrorRatioPercent,
    httpMinRequestsPerSecond: 1,
    httpLatencyAvgSeconds: 0.5,
    dbConnectionErrorsPerSecond: 0,
    dbQueryLatencySeconds: 0.2,
    dbReplicationLagSeconds: 30,
    memoryUsageCriticalPercent: GUIDE.alerts.memoryUsageCriticalPercent,
    diskFreeCriticalPercent: GUIDE.alerts.diskFreeCriticalPercent,
    memoryLeakHorizonHours: 4,
    cacheHitRatioMinPercent: 80,
    cacheMinLookupsPerSecond: 1,
    queueOldestMessageAgeSeconds: 60,
    overrides: {},
    pager: "pagerduty",
    heartbeatApiUrl: "https://api.opsgenie.com/v2/heartbeats",
    heartbeatIntervalSeconds: 60,
    notify: {
      critical: { groupWait: "30s", groupInterval: "5m", repeatInterval: "4h" },
      warning: { groupWait: "1m", groupInterval: "10m", repeatInterval: "12h" },
      info: { groupWait: "10m", groupInterval: "1h", repeatInterval: "24h" },
    },
  },
  logRetention: {
    applicationDays: GUIDE.logRetention.applicationDays,
    accessDays: GUIDE.logRetention.accessDays,
    auditDays: GUIDE.logRetention.auditDays,
    infrastructureDays: 30,
    auditObjectLockMode: "COMPLIANCE",
    transitions: {
      application: [],
      access: [{ days: 30, storageClass: "STANDARD_IA" }],
      audit: [
        { days: 30, storageClass: "STANDARD_IA" },
        { days: 90, storageClass: "GLACIER_IR" },
      ],
      infrastructure: [],
    },
    transitionMinObjectSizeBytes: 128 * 1024,
    noncurrentVersionDays: 7,
    abortIncompleteUploadDays: 7,
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
  },
  capacity: {
    cpuTargetPercent: GUIDE.capacity.cpuScaleOutPercent,
    memoryTargetPercent: GUIDE.capacity.memoryScaleOutPercent,
    diskExpansionPercent: GUIDE.capacity.diskExpansionPercent,
    app: {
      deployments: ["fx-trader-web", "fx-trader-api"],
      minReplicas: 3,
      maxReplicas: 12,
      // Up: double or add 4 pods every 15 s, whichever is more, reacting at once.
      scaleUp: { stabilizationSeconds: 0, percentPerPeriod: 100, podsPerPeriod: 4, periodSeconds: 15 },
      // Down: after 10 minutes of lower demand, remove 10% or 1 pod a minute, whichever is less.
      scaleDown: { stabilizationSeconds: 600, percentPerPeriod: 10, podsPerPeriod: 1, periodSeconds: 60 },
    },
    nodes: {
      leadMinutes: 20,
      groups: [{ name: "app", min: 3, max: 12, peakMin: 6 }],
    },
    // A new Aurora replica or ElastiCache replica takes 10–20 minutes to serve: raise minimums 45 minutes ahead.
    dbReaders: { min: 1, max: 4, peakMin: 2, leadMinutes: 45, scaleOutCooldownSeconds: 300, scaleInCooldownSeconds: 900 },
    cacheReplicas: { enabled: true, min: 1, max: 3, peakMin: 2, leadMinutes: 45, scaleOutCooldownSeconds: 300, scaleInCooldownSeconds: 900 },
    peakHoldMinutes: 30,
    // FX trades 24×5: the only weekday gap between sessions (New York's close to Tokyo's open) is about an
    // hour, too short to scale in and out again. So the peak runs from Sunday night to Friday night UTC.
    minOffPeakMinutes: 120,
    // Monday–Friday. UTC opens are the daylight-time (earlier) ones, UTC closes the standard-time (later) ones.
    marketSessions: [
      { name: "tokyo", timeZone: "Asia/Tokyo", localOpen: "09:00", localClose: "18:00", openUtc: "00:00", closeUtc: "09:00" },
      { name: "london", timeZone: "Europe/London", localOpen: "08:00", localClose: "17:00", openUtc: "07:00", closeUtc: "17:00" },
      { name: "new-york", timeZone: "America/New_York", localOpen: "08:00", localClose: "17:00", openUtc: "12:00", closeUtc: "22:00" },
    ],
  },
  slo: DEFAULT_SLO,
};
