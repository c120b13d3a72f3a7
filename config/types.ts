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

/** How the observability components spread over nodes and zones (C1, C3–C5 high availability). */
export interface HighAvailabilityConfig {
  /** Pod disruption budgets for every multi-replica component, so node drains keep a quorum. */
  readonly podDisruptionBudgets: boolean;
  /**
   * Anti-affinity of replicas across availability zones (`topology.kubernetes.io/zone`): `required` never
   * co-locates two replicas in one zone, `preferred` tries to, `none` leaves the charts' defaults.
   */
  readonly zoneAntiAffinity: "required" | "preferred" | "none";
}

/** C1–C6: observability platform sizing and wiring. */
export interface ObservabilityConfig {
  readonly prometheus: {
    readonly replicas: number;
    readonly retentionDays: number;
    readonly volumeSizeGiB: number;
    /** C1: remote-write to an Amazon Managed Service for Prometheus workspace created by this program. */
    readonly remoteWriteToAmp: boolean;
    /** Default scrape interval of every target, in seconds. */
    readonly scrapeIntervalSeconds: number;
  };
  readonly alertmanager: {
    readonly replicas: number;
  };
  readonly grafana: {
    /** Host name under the environment's DNS domain, e.g. `grafana` → `grafana.<dnsDomain>`. */
    readonly hostPrefix: string;
    /** Secrets Manager secret holding the admin credentials (read at apply time, never inlined). */
    readonly adminSecretName: string;
    /** Ingress class of the Grafana ingress (`alb`: AWS Load Balancer Controller). */
    readonly ingressClassName: string;
    /**
     * Size of Grafana's volume, in GiB. Grafana runs one replica on a persistent volume: its SQLite database
     * holds what the `grafana` layer creates, and several replicas would need a shared SQL database.
     */
    readonly volumeSizeGiB: number;
  };
  readonly loki: {
    /** `Monolithic` (one binary, dev) or `SimpleScalable` (read/write/backend targets, highly available). */
    readonly deploymentMode: "Monolithic" | "SimpleScalable";
    /** Replicas of each target (read, write, backend) or of the monolith. */
    readonly replicas: number;
    /** Memory of the memcached chunk cache, in MiB; 0 disables the chunk and results caches. */
    readonly chunksCacheMemoryMiB: number;
  };
  readonly tempo: {
    readonly deploymentMode: "single-binary" | "distributed";
    readonly replicas: number;
    readonly retentionDays: number;
  };
  readonly highAvailability: HighAvailabilityConfig;
  /** M1: how Prometheus finds the FX Trader application's `/metrics` (a ServiceMonitor). */
  readonly appMetrics: {
    /** Value of the `app.kubernetes.io/name` label of the application's Service. */
    readonly serviceLabel: string;
    /** Name of the Service port that serves metrics. */
    readonly port: string;
    readonly path: string;
  };
  /** M2, M3, M8, M9: database and cache exporters. */
  readonly exporters: {
    /** Secrets Manager secret (JSON keys `username`, `password`) of the read-only monitoring database user. */
    readonly postgresCredentialsSecretName: string;
    /** Database the PostgreSQL exporter connects to. */
    readonly postgresDatabase: string;
    /** Secrets Manager secret (JSON key `password`) holding the Redis AUTH token. */
    readonly redisAuthSecretName: string;
  };
  /** Deletion window of the KMS key that encrypts the Loki and Tempo buckets (7–30 days, AWS limit). */
  readonly storageKeyDeletionWindowDays: number;
}

/** Per-alert override: the most requested feature of the rule packs users know. */
export interface AlertOverride {
  readonly threshold?: number;
  /** Prometheus duration, e.g. `5m`. */
  readonly for?: string;
  readonly severity?: "critical" | "warning" | "info";
  readonly disabled?: boolean;
}

/** A1–A9: alert thresholds that vary by environment, and per-alert overrides. */
export interface AlertsConfig {
  /** A3: average HTTP response time above which `HttpLatencyHigh` fires, in seconds. */
  readonly httpLatencyAvgSeconds: number;
  /** A4: average database query time above which `DatabaseQueriesSlow` fires, in seconds. */
  readonly dbQueryLatencySeconds: number;
  /** A1: below this request rate (req/s) an error ratio is not meaningful and does not page. */
  readonly httpMinRequestsPerSecond: number;
  /** Overrides keyed by alert name (e.g. `HttpLatencyHigh`). */
  readonly overrides: Readonly<Record<string, AlertOverride>>;
  /** Secrets Manager secret whose keys become the files Alertmanager reads (routing keys, webhook URLs). */
  readonly notificationSecretName: string;
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
