/**
 * Typed environment configuration. One `EnvironmentConfig` per environment; units are in the field names.
 *
 * Each domain (observability, alerts, log retention, backup, capacity) has its own section type so the
 * constructs of that domain receive only what they need.
 */
import type { PolicyLevel } from "./policy";

export const ENVIRONMENT_NAMES = ["dev", "staging", "prod"] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/** The AWS account an environment deploys into. Account-wide singletons are declared once per `name`. */
export interface AwsAccount {
  /** 12-digit AWS account ID. */
  readonly id: string;
  /** Short, stable account name (e.g. `fx-nonprod`); names the account-baseline stack. */
  readonly name: string;
}

/** Where Terraform state lives: one S3 key per stack, S3-native locking, server-side encryption. */
export interface StateBackendConfig {
  readonly bucket: string;
  readonly region: string;
  /** KMS key (ARN or alias) that encrypts the state objects. */
  readonly kmsKeyId: string;
}

/** The existing EKS cluster this program deploys the operations layer into. */
export interface EksConfig {
  readonly clusterName: string;
  /** Namespace of the monitoring stack (Prometheus, Grafana, Loki, Tempo, Alloy). */
  readonly monitoringNamespace: string;
  /** Namespace of the FX Trader application workloads. */
  readonly appNamespace: string;
}

/** The existing database (B1, M2, M8). */
export interface DatabaseConfig {
  readonly engine: "aurora-postgresql" | "postgres";
  /** Aurora cluster identifier (or RDS instance identifier for `postgres`). */
  readonly identifier: string;
}

/** The existing ElastiCache Redis replication group (M3, M9). */
export interface CacheConfig {
  readonly replicationGroupId: string;
}

/** A pinned Helm chart. */
export interface HelmChartRef {
  readonly repository: string;
  readonly chart: string;
  readonly version: string;
}

/** C1–C6: observability platform sizing and wiring. */
export interface ObservabilityConfig {
  readonly prometheus: {
    readonly replicas: number;
    readonly retentionDays: number;
    readonly volumeSizeGiB: number;
    /** C1: remote-write to an Amazon Managed Service for Prometheus workspace created by this program. */
    readonly remoteWriteToAmp: boolean;
  };
  readonly alertmanager: {
    readonly replicas: number;
  };
  readonly grafana: {
    readonly replicas: number;
    /** Host name under the environment's DNS domain, e.g. `grafana` → `grafana.<dnsDomain>`. */
    readonly hostPrefix: string;
    /** Secrets Manager secret holding the admin credentials (read at apply time, never inlined). */
    readonly adminSecretName: string;
  };
  readonly loki: {
    readonly deploymentMode: "SingleBinary" | "SimpleScalable";
    readonly replicas: number;
  };
  readonly tempo: {
    readonly deploymentMode: "single-binary" | "distributed";
    readonly replicas: number;
    readonly retentionDays: number;
  };
}

/** Alert severities (A): critical pages, warning needs watching, info is informational. */
export type AlertSeverity = "critical" | "warning" | "info";

/**
 * Per-alert override: the most requested feature of the rule packs users know. Changes one alert of one
 * environment without copying its rule group; validation refuses names that are not in `alerts/catalog.ts`.
 */
export interface AlertOverride {
  /** Replaces the threshold the alert takes from config, in the alert's own unit (see `docs/alerts.md`). */
  readonly threshold?: number;
  /** Prometheus duration, e.g. `5m`. */
  readonly for?: string;
  readonly severity?: AlertSeverity;
  readonly disabled?: boolean;
}

/** How Alertmanager batches and repeats the notifications of one severity (Alertmanager durations). */
export interface NotificationTiming {
  /** Wait before the first notification of a new group, to collect related alerts. */
  readonly groupWait: string;
  /** Wait before notifying about alerts added to a group already notified. */
  readonly groupInterval: string;
  /** Resend a still-firing group after this long. */
  readonly repeatInterval: string;
}

/** A1–A9, K1, P2: alert thresholds that vary by environment, per-alert overrides and notification routing. */
export interface AlertsConfig {
  /** A1: share of HTTP requests answered 5xx above which `HttpErrorRateHigh` fires, in percent (guide: 1). */
  readonly httpErrorRatioPercent: number;
  /** A1, A3: below this request rate (req/s) error ratio and average latency are not meaningful and do not alert. */
  readonly httpMinRequestsPerSecond: number;
  /** A3: average HTTP response time above which `HttpLatencyHigh` fires, in seconds. */
  readonly httpLatencyAvgSeconds: number;
  /** A2: database connection errors per second above which `DatabaseConnectionErrors` fires (0: any error). */
  readonly dbConnectionErrorsPerSecond: number;
  /** A4: average database query time above which `DatabaseQueriesSlow` fires, in seconds. */
  readonly dbQueryLatencySeconds: number;
  /** D2: replica lag above which `DatabaseReplicationLagHigh` fires, in seconds. */
  readonly dbReplicationLagSeconds: number;
  /** A5: memory usage (node, and container against its limit) above which the memory alerts page, in percent (guide: 90). */
  readonly memoryUsageCriticalPercent: number;
  /** A6: free space of a real filesystem below which `DiskSpaceCritical` pages, in percent (guide: 10). */
  readonly diskFreeCriticalPercent: number;
  /** P2: `MemoryLeakSuspected` fires when a container's memory trend reaches its limit within this many hours. */
  readonly memoryLeakHorizonHours: number;
  /** M3, P2: cache hit ratio below which `CacheHitRatioLow` fires, in percent. */
  readonly cacheHitRatioMinPercent: number;
  /** M3: below this many cache lookups per second the hit ratio is not meaningful and does not alert. */
  readonly cacheMinLookupsPerSecond: number;
  /** M4: age of the oldest queued message above which `QueueBacklogHigh` fires, in seconds. */
  readonly queueOldestMessageAgeSeconds: number;
  /** Overrides keyed by alert name (e.g. `HttpLatencyHigh`). */
  readonly overrides: Readonly<Record<string, AlertOverride>>;
  /** Secrets Manager secret whose keys become the files Alertmanager reads (routing keys, webhook URLs). */
  readonly notificationSecretName: string;
  /** C3, I1: who pages for critical alerts; `none` posts critical alerts to the incident channel only. */
  readonly pager: "pagerduty" | "opsgenie" | "none";
  /** Opsgenie heartbeat API base URL; `Watchdog` pings `<url>/<cluster>-watchdog/ping` (no secret in it). */
  readonly heartbeatApiUrl: string;
  /** A8: grouping and repeat intervals per severity. */
  readonly notify: Readonly<Record<AlertSeverity, NotificationTiming>>;
}

/** L2: retention per log class, in days. */
export interface LogRetentionConfig {
  readonly applicationDays: number;
  readonly accessDays: number;
  readonly auditDays: number;
  /** Infrastructure logs: VPC flow logs, container and orchestration-layer logs. */
  readonly infrastructureDays: number;
  /** Object Lock mode of the audit-log bucket (COMPLIANCE in staging and prod). */
  readonly auditObjectLockMode: "COMPLIANCE" | "GOVERNANCE";
}

/** B1–B5: backup and disaster recovery. */
export interface BackupConfig {
  readonly rpoHours: number;
  readonly rtoHours: number;
  /** Hours between database backups of the incremental (hourly) rule. */
  readonly incrementalEveryHours: number;
  readonly dailyRetentionDays: number;
  readonly hourlyRetentionDays: number;
  /** Copy recovery points to the DR region's vault. */
  readonly crossRegionCopy: boolean;
  readonly vaultLock: {
    readonly mode: "compliance" | "governance" | "none";
    readonly minRetentionDays: number;
    readonly maxRetentionDays: number;
  };
  /** KMS key deletion window (7–30 days, AWS limit). */
  readonly keyDeletionWindowDays: number;
}

/** An FX market session whose open raises minimum capacity (K2). Times are UTC, `HH:MM`. */
export interface MarketSession {
  readonly name: string;
  readonly openUtc: string;
  readonly closeUtc: string;
}

/** K1–K2: autoscaling targets and ranges. */
export interface CapacityConfig {
  readonly cpuTargetPercent: number;
  readonly memoryTargetPercent: number;
  readonly diskExpansionPercent: number;
  readonly app: { readonly minReplicas: number; readonly maxReplicas: number; readonly peakMinReplicas: number };
  readonly dbReaders: { readonly min: number; readonly max: number };
  readonly marketSessions: readonly MarketSession[];
}

/** Everything one environment needs; validated by `validateEnvironmentConfig` before any stack is built. */
export interface EnvironmentConfig {
  readonly name: EnvironmentName;
  /** `guide`: held to the operations guide's values; `relaxed`: may deviate through this config. */
  readonly policy: PolicyLevel;
  readonly account: AwsAccount;
  readonly region: string;
  /** Disaster-recovery region for backup copies and replica keys; must differ from `region`. */
  readonly drRegion: string;
  readonly owner: string;
  readonly costCentre: string;
  readonly dnsDomain: string;
  readonly stateBackend: StateBackendConfig;
  readonly eks: EksConfig;
  readonly database: DatabaseConfig;
  readonly cache: CacheConfig;
  /** Stateful resources get `prevent_destroy` unless an environment turns it off here. */
  readonly protectStatefulResources: boolean;
  readonly observability: ObservabilityConfig;
  readonly alerts: AlertsConfig;
  readonly logRetention: LogRetentionConfig;
  readonly backup: BackupConfig;
  readonly capacity: CapacityConfig;
}

/** Deep partial used by per-environment overrides of the shared base. Arrays replace, never merge. */
export type Overrides<T> = {
  readonly [K in keyof T]?: T[K] extends readonly unknown[]
    ? T[K]
    : T[K] extends object
      ? T[K] extends Readonly<Record<string, infer V>>
        ? string extends keyof T[K]
          ? Readonly<Record<string, V>>
          : Overrides<T[K]>
        : Overrides<T[K]>
      : T[K];
};
