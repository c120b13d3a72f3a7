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
  /**
   * B1: the application's existing uploaded-files S3 bucket, backed up with the database because the rows
   * and the files they point to are restored together. AWS Backup needs versioning on it.
   */
  readonly uploadsBucketName: string;
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
  /** B4: recovery point objective: the most data, in hours, a restore may lose. */
  readonly rpoHours: number;
  /** B4: recovery time objective: hours from the decision to restore to the application serving again. */
  readonly rtoHours: number;
  /** B2: AWS Backup cron expressions (UTC), parsed by `BackupSchedule` and checked against the RPO. */
  readonly schedules: {
    /** Daily full backup (snapshot) of the database and buckets. */
    readonly dailyFull: string;
    /** The frequent rule (hourly in the guide): its largest gap between runs must be ≤ `rpoHours`. */
    readonly incremental: string;
  };
  /** Use continuous backup (point-in-time recovery) for the frequent rule; the engine must support it. */
  readonly continuousBackup: boolean;
  /** Minutes after the scheduled time within which a job must start, or it is skipped (AWS minimum 60). */
  readonly startWindowMinutes: number;
  /** Minutes after starting within which a job must finish (≥ start window + 60, AWS rule). */
  readonly completionWindowMinutes: number;
  readonly dailyRetentionDays: number;
  readonly hourlyRetentionDays: number;
  /** Copy recovery points to the DR region's vault. */
  readonly crossRegionCopy: boolean;
  readonly vaultLock: {
    readonly mode: "compliance" | "governance" | "none";
    readonly minRetentionDays: number;
    readonly maxRetentionDays: number;
    /** Compliance mode only: days the lock can still be removed after it is applied (AWS minimum 3). */
    readonly changeableForDays: number;
  };
  /** KMS key deletion window (7–30 days, AWS limit). */
  readonly keyDeletionWindowDays: number;
  /** Existing IAM role (by name) that alone may delete recovery points: the break-glass path. */
  readonly breakGlassRoleName: string;
  /** B3: the AWS Backup restore testing plan. */
  readonly restoreTesting: {
    /** AWS cron expression (UTC); weekly in the guide. */
    readonly schedule: string;
    /** Hours after the scheduled time within which the restore test must start. */
    readonly startWindowHours: number;
    /** A random recovery point is chosen among those created in this many past days. */
    readonly selectionWindowDays: number;
    /** Hours the restored resource is kept for validation before AWS Backup deletes it (0–168). */
    readonly validationWindowHours: number;
  };
  /** B4: days the Backup Audit Manager reports are kept in their bucket. */
  readonly auditReportRetentionDays: number;
  /**
   * Key in the alerts notification secret (`alerts.notificationSecretName`) whose value is the HTTPS
   * endpoint (the on-call integration URL) subscribed to the backup failure topic. Read at apply time.
   */
  readonly onCallEndpointSecretKey: string;
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
