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

/** How often AWS Config runs its periodic rules or delivers a snapshot (the API's `MaximumExecutionFrequency` values). */
export type ConfigFrequency = "One_Hour" | "Three_Hours" | "Six_Hours" | "Twelve_Hours" | "TwentyFour_Hours";

/** Resource types Amazon Inspector scans (S3). */
export type InspectorResourceType = "ECR" | "LAMBDA" | "LAMBDA_CODE" | "EC2";

/**
 * S1–S4: the account-wide security baseline, one per AWS account however many environments share it.
 * Lives on the account (`config/accounts.ts`), not the environment, so the baseline stack's output does not
 * depend on which environments are selected.
 */
export interface AccountSecurityConfig {
  /** S1: IAM account password policy (CIS AWS Foundations Benchmark). */
  readonly passwordPolicy: {
    readonly minimumLength: number;
    readonly requireLowercase: boolean;
    readonly requireUppercase: boolean;
    readonly requireNumbers: boolean;
    readonly requireSymbols: boolean;
    /** Previous passwords a user may not reuse. */
    readonly reusePrevention: number;
    readonly maxAgeDays: number;
  };
  /** S1: IAM Access Analyzer reports roles, users, keys and permissions unused for this many days. */
  readonly unusedAccessAgeDays: number;
  /** S1–S2: AWS Config rules of the audit items. */
  readonly config: {
    /** S4: how often periodic (and hybrid) rules re-evaluate. */
    readonly ruleFrequency: ConfigFrequency;
    /** How often Config delivers a configuration snapshot to the evidence bucket. */
    readonly snapshotFrequency: ConfigFrequency;
    /** S1: a password or access key unused this many days is non-compliant (IAM_USER_UNUSED_CREDENTIALS_CHECK). */
    readonly unusedCredentialsMaxAgeDays: number;
    /** S2: TCP ports security groups may open to 0.0.0.0/0 or ::/0 (VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS). */
    readonly authorizedPublicTcpPorts: readonly number[];
    /** S2: TCP ports never open to the internet (RESTRICTED_INCOMING_TRAFFIC takes at most five). */
    readonly blockedPublicTcpPorts: readonly number[];
  };
  /** Threat detection: how often GuardDuty publishes updated findings. */
  readonly guardDutyFindingFrequency: "FIFTEEN_MINUTES" | "ONE_HOUR" | "SIX_HOURS";
  /** S3: what Amazon Inspector scans for vulnerable dependencies. */
  readonly inspectorResourceTypes: readonly InspectorResourceType[];
  /** Security Hub standards, by version (the standards' ARNs carry it). */
  readonly securityHub: {
    readonly cisVersion: "1.4.0" | "3.0.0";
    readonly foundationalVersion: "1.0.0";
  };
  /** S4: the audit cadence. EventBridge Scheduler `cron(...)` expressions in `timezone`. */
  readonly cadence: {
    /** Monthly light check: every Config rule re-evaluated. */
    readonly monthlyCheckSchedule: string;
    /** Quarterly comprehensive audit: an Audit Manager assessment report. */
    readonly quarterlyAuditSchedule: string;
    /** IANA time zone of both schedules, e.g. `Asia/Tokyo`. */
    readonly timezone: string;
    /** Audit Manager standard framework the quarterly assessment collects evidence for. */
    readonly auditFrameworkName: string;
  };
  /** Where Config history and audit reports are kept. */
  readonly evidence: {
    /** Days audit evidence is kept (≥ the guide's audit-log retention). */
    readonly retentionDays: number;
    /** Days the baseline buckets' S3 server access logs are kept (≥ the guide's access-log retention). */
    readonly accessLogRetentionDays: number;
    /** KMS key deletion window (7–30 days, AWS limit). */
    readonly keyDeletionWindowDays: number;
  };
  /** The evidence bucket, its key and the access-log bucket get `prevent_destroy`. */
  readonly protectStatefulResources: boolean;
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
