/**
 * Typed environment configuration. One `EnvironmentConfig` per environment; units are in the field names.
 *
 * Each domain (observability, alerts, log retention, backup, capacity) has its own section type so the
 * constructs of that domain receive only what they need.
 */
import type { SloConfig } from "./slo";
import type { PolicyLevel } from "./policy";

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
  /** The cluster's Kubernetes version (`major.minor`, e.g. `1.33`): charts are rendered for it (`helm template --kube-version`). */
  readonly kubernetesVersion: string;
}

/**
 * Grafana's OIDC client. The client secret is not here: it lives in Secrets Manager (`grafana/oidc-client`,
 * see `secrets/catalog.ts`) and reaches Grafana as an environment variable from the synced Secret.
 */
export interface GrafanaSsoConfig {
  /** The identity provider's issuer (https), e.g. `https://sso.example.com/realms/fx-trader`. */
  readonly issuerUrl: string;
  /** Grafana's client ID at the identity provider. */
  readonly clientId: string;
  /** Authorization endpoint (https, on the issuer's host). */
  readonly authorizationUrl: string;
  /** Token endpoint (https, on the issuer's host). */
  readonly tokenUrl: string;
  /** User-info endpoint (https, on the issuer's host). */
  readonly userInfoUrl: string;
  /** Claim of the ID token / user info that lists the user's groups. */
  readonly groupsClaim: string;
  /**
   * Identity-provider groups per Grafana organisation role, strongest first. A user in none of them is
   * refused (`role_attribute_strict`), so an account the IdP knows but this list does not gets no access.
   */
  readonly roleGroups: { readonly Admin: readonly string[]; readonly Editor: readonly string[]; readonly Viewer: readonly string[] };
  /**
   * D4: identity-provider groups per Grafana team (one team per team role of `dashboards/team-roles.ts`), read
   * from the same claim as the roles (`groups_attribute_path`). With `edition.kind` `enterprise` each team's
   * membership follows these groups (team sync, `grafana_team.team_sync`) and so do its folder permissions; with
   * `oss` nothing reads them (Grafana OSS has no team sync) and members join through Grafana's user management.
   * A group belongs to at most one team: a person in two teams is in two groups at the identity provider.
   */
  readonly teamGroups: { readonly [K in TeamRoleKey]: readonly string[] };
}

/**
 * D4: the team roles that get their own Grafana team and folder. The keys live here, not in `dashboards/`, because
 * the config maps identity-provider groups to each of them (`GrafanaSsoConfig.teamGroups`); `dashboards/team-roles.ts`
 * gives each its team, folder and home dashboard.
 */
export const TEAM_ROLE_KEYS = ["sre", "developers", "business"] as const;
export type TeamRoleKey = (typeof TEAM_ROLE_KEYS)[number];

/**
 * Which Grafana build an environment runs. `enterprise`: the `grafana/grafana-enterprise` image with the licence
 * from Secrets Manager (`grafana/enterprise-license`, synced like every secret), and team sync from
 * `sso.teamGroups`. `oss`: the chart's `grafana/grafana` image, no licence secret, no team sync; the reason is
 * printed by synth (one line, like a policy waiver) and listed in `docs/security.md`.
 */
export interface GrafanaEditionConfig {
  readonly kind: "enterprise" | "oss";
  /** Why the environment runs OSS: required for `oss` (one line, at least 20 characters), absent for `enterprise`. */
  readonly reason?: string;
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

/**
 * S5: where an environment's secrets live in AWS Secrets Manager and how External Secrets Operator syncs
 * them into the cluster. Which secrets exist, their keys and readers are in `secrets/catalog.ts`.
 */
export interface SecretsConfig {
  /**
   * Path every secret of this environment is named under (`fx-trader/<env>`): the operator's role may read
   * only `<pathPrefix>/*`, so no two environments may share one.
   */
  readonly pathPrefix: string;
  /** Minutes between the operator's reads of each secret: a rotated value reaches the cluster within this. */
  readonly refreshIntervalMinutes: number;
}

/**
 * S2: validity of the certificates `scripts/tls/issue-tempo-cert.sh` issues for Tempo's OTLP gRPC receiver: the
 * environment's private CA and the server certificate it signs (re-issued before it expires; see docs/secrets.md).
 */
export interface TempoIngestTlsConfig {
  /** Days the server certificate is valid (1–397: renewed at least yearly; 397 is the public-CA ceiling). */
  readonly certificateValidityDays: number;
  /** Days the CA certificate is valid (at least certificateValidityDays, at most 3650). */
  readonly caValidityDays: number;
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

/**
 * CPU and memory of one kind of container: its requests (what the scheduler reserves) and its memory limit (where
 * the kernel stops it). No CPU limit: throttling a busy Prometheus or Loki helps no neighbour.
 */
export interface ContainerSize {
  readonly cpuMillicores: number;
  readonly memoryMiB: number;
  /** At least {@link memoryMiB}. */
  readonly memoryLimitMiB: number;
}

/** Every kind of container the observability charts run; each gets its size from `observability.sizing`. */
export const SIZED_CONTAINERS = [
  "prometheus",
  "alertmanager",
  "configReloader",
  "prometheusOperator",
  "operatorJobs",
  "kubeStateMetrics",
  "nodeExporter",
  "grafana",
  "grafanaSidecar",
  "loki",
  "lokiGateway",
  "lokiSidecar",
  "lokiChunksCache",
  "lokiResultsCache",
  "metricsExporter",
  "tempo",
  "tempoMemcached",
  "alloy",
  "postgresExporter",
  "redisExporter",
  "externalSecrets",
  "externalSecretsWebhook",
  "externalSecretsCertController",
] as const;
export type SizedContainer = (typeof SIZED_CONTAINERS)[number];

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
    /** Ingress class of the Grafana ingress (`alb`: AWS Load Balancer Controller). */
    readonly ingressClassName: string;
    /**
     * Size of Grafana's volume, in GiB. Grafana runs one replica on a persistent volume: its SQLite database
     * holds what the `grafana` layer creates, and several replicas would need a shared SQL database.
     */
    readonly volumeSizeGiB: number;
    /**
     * Client networks the internal load balancer admits (`alb.ingress.kubernetes.io/inbound-cidrs`), IPv4 CIDR
     * blocks: the offices and VPN, never `0.0.0.0/0`.
     */
    readonly inboundCidrs: readonly string[];
    /** Single sign-on through OIDC (Grafana `auth.generic_oauth`); the local admin is for break-glass only. */
    readonly sso: GrafanaSsoConfig;
    /** Enterprise (team sync, licence) or OSS with its reason. */
    readonly edition: GrafanaEditionConfig;
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
    /** S2: the certificates of Alloy → Tempo's TLS, issued by `scripts/tls/issue-tempo-cert.sh` (not by Terraform). */
    readonly ingestTls: TempoIngestTlsConfig;
  };
  readonly highAvailability: HighAvailabilityConfig;
  /**
   * The one sizing table: requests and memory limit of every kind of container the charts run (C1–C6).
   * `configReloader` is every config-reloader sidecar (Prometheus, Alertmanager, Alloy); `metricsExporter` the
   * memcached and nginx exporters beside Loki's caches and gateway; `loki` and `tempo` each of their components.
   */
  readonly sizing: { readonly [K in SizedContainer]: ContainerSize };
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
    /** Database the PostgreSQL exporter connects to. */
    readonly postgresDatabase: string;
  };
  /** Deletion window of the KMS key that encrypts the Loki and Tempo buckets (7–30 days, AWS limit). */
  readonly storageKeyDeletionWindowDays: number;
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
  /** C3, I1: who pages for critical alerts; `none` posts critical alerts to the incident channel only. */
  readonly pager: "pagerduty" | "opsgenie" | "none";
  /** Opsgenie heartbeat API base URL; `Watchdog` pings `<url>/<cluster>-watchdog/ping` (no secret in it). */
  readonly heartbeatApiUrl: string;
  /**
   * C3: how often the Watchdog heartbeat reaches `heartbeatApiUrl`, in seconds. Must equal the interval the
   * heartbeat is configured with at the receiver (Opsgenie heartbeat `interval`), which pages when a ping is late.
   */
  readonly heartbeatIntervalSeconds: number;
  /** A8: grouping and repeat intervals per severity. */
  readonly notify: Readonly<Record<AlertSeverity, NotificationTiming>>;
}

/**
 * An S3 storage class a lifecycle rule may move log objects to, listed in S3's waterfall order
 * (objects only move down it). Minimum durations and sizes are in `config/log-storage.ts`.
 */
export type TransitionStorageClass = "STANDARD_IA" | "INTELLIGENT_TIERING" | "ONEZONE_IA" | "GLACIER_IR" | "GLACIER" | "DEEP_ARCHIVE";

/** A lifecycle transition: objects older than `days` (counted from creation) move to `storageClass`. */
export interface StorageTransition {
  readonly days: number;
  readonly storageClass: TransitionStorageClass;
}

/** L2: retention per log class, in days, and how the log buckets get there. */
export interface LogRetentionConfig {
  readonly applicationDays: number;
  readonly accessDays: number;
  readonly auditDays: number;
  /** Infrastructure logs: VPC flow logs, container and orchestration-layer logs. */
  readonly infrastructureDays: number;
  /** Object Lock mode of the audit-log bucket (COMPLIANCE in staging and prod); it locks each version for `auditDays`. */
  readonly auditObjectLockMode: "COMPLIANCE" | "GOVERNANCE";
  /**
   * Cost transitions of each log class's bucket, ascending by days; empty keeps objects in STANDARD until
   * they expire. Validated against the storage classes' minimum durations (`config/log-storage.ts`).
   */
  readonly transitions: {
    readonly application: readonly StorageTransition[];
    readonly access: readonly StorageTransition[];
    readonly audit: readonly StorageTransition[];
    readonly infrastructure: readonly StorageTransition[];
  };
  /**
   * Only objects larger than this many bytes are transitioned: S3 bills smaller objects in STANDARD_IA,
   * ONEZONE_IA and GLACIER_IR as 128 KiB, and the per-object transition fee outweighs any saving.
   */
  readonly transitionMinObjectSizeBytes: number;
  /** Days S3 keeps a noncurrent (overwritten or deleted) object version before deleting it. */
  readonly noncurrentVersionDays: number;
  /** Days after which S3 aborts an incomplete multipart upload and deletes its parts. */
  readonly abortIncompleteUploadDays: number;
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
}

/**
 * An FX market session whose hours raise minimum capacity (K2). Sessions trade Monday to Friday.
 *
 * Schedules run in UTC, so a market that observes daylight saving opens at two different UTC times a year.
 * `openUtc` is the earlier of the two and `closeUtc` the later, so the peak window covers the session all
 * year (in standard time capacity is raised an hour earlier than strictly needed). Validation derives both
 * from `timeZone` and the local hours and fails when they disagree.
 */
export interface MarketSession {
  readonly name: string;
  /** IANA time zone of the market, e.g. `Europe/London`. */
  readonly timeZone: string;
  /** Local opening time, `HH:MM`. */
  readonly localOpen: string;
  /** Local closing time, `HH:MM`. */
  readonly localClose: string;
  /** Opening time in UTC, `HH:MM`: the earliest across standard and daylight time. */
  readonly openUtc: string;
  /** Closing time in UTC, `HH:MM`: the latest across standard and daylight time. */
  readonly closeUtc: string;
}

/** One direction (up or down) of an HPA's scaling behaviour: how fast replicas may change. */
export interface HpaScalingRule {
  /** Seconds of past recommendations the HPA considers before changing replicas (0–3600). */
  readonly stabilizationSeconds: number;
  /** At most this percent of the current replicas per period. */
  readonly percentPerPeriod: number;
  /** At most this many pods per period. */
  readonly podsPerPeriod: number;
  /** Length of a period in seconds (1–1800). */
  readonly periodSeconds: number;
}

/** A capacity range with a higher minimum during market sessions (K2). */
export interface PeakRange {
  readonly min: number;
  readonly max: number;
  /** Minimum while a market session is open (from `leadMinutes` before the open to `peakHoldMinutes` after the close). */
  readonly peakMin: number;
}

/** An existing EKS managed node group whose Auto Scaling group gets the peak schedule. */
export interface NodeGroupCapacity extends PeakRange {
  /** Node group name in the environment's EKS cluster. `min`/`max` mirror its scaling config. */
  readonly name: string;
}

/** A tier scaled by Application Auto Scaling with target tracking on CPU and a peak schedule. */
export interface TargetTrackingTier extends PeakRange {
  /** Minutes before a session opens that the minimum is raised: the time a new replica needs to be serving. */
  readonly leadMinutes: number;
  readonly scaleOutCooldownSeconds: number;
  readonly scaleInCooldownSeconds: number;
}

/** K1–K2: autoscaling targets, ranges and peak schedules. */
export interface CapacityConfig {
  /** K1: average CPU utilization the HPAs and target-tracking policies hold. */
  readonly cpuTargetPercent: number;
  /** K1: average memory utilization the HPAs hold. */
  readonly memoryTargetPercent: number;
  /** K1: disk usage at which volumes are expanded (the `DiskCapacityHigh` info alert's threshold). */
  readonly diskExpansionPercent: number;
  /** FX Trader application workloads: one HorizontalPodAutoscaler per Deployment. */
  readonly app: {
    /** Deployments in `eks.appNamespace` the HPAs scale; their manifests must not set `spec.replicas`. */
    readonly deployments: readonly string[];
    readonly minReplicas: number;
    readonly maxReplicas: number;
    /** Scale up fast: no stabilization, large steps. */
    readonly scaleUp: HpaScalingRule;
    /** Scale down slow: a long stabilization window, small steps. */
    readonly scaleDown: HpaScalingRule;
  };
  /** Worker nodes: peak minimums on the managed node groups' Auto Scaling groups, so scaled-out pods have room. */
  readonly nodes: {
    /** Minutes before a session opens that the node minimum is raised (boot, join, image pulls). */
    readonly leadMinutes: number;
    readonly groups: readonly NodeGroupCapacity[];
  };
  /** Aurora read replicas (replica auto scaling on reader CPU). Ignored when `database.engine` is `postgres`. */
  readonly dbReaders: TargetTrackingTier;
  /** ElastiCache replicas per shard (auto scaling on replica engine CPU). */
  readonly cacheReplicas: TargetTrackingTier & {
    /**
     * Whether the replication group supports ElastiCache auto scaling: Redis OSS 6.0 or later, cluster mode
     * enabled, a node type other than T-class. `false` leaves the group's replicas as they are.
     */
    readonly enabled: boolean;
  };
  /** Minutes after a session closes before the peak minimums are lowered. */
  readonly peakHoldMinutes: number;
  /**
   * Off-peak gaps shorter than this stay at peak: lowering the minimum and raising it again soon after would
   * remove replicas only to add them back (an Aurora replica takes 10–20 minutes to create).
   */
  readonly minOffPeakMinutes: number;
  /** Sessions that raise minimum capacity; empty means no peak schedule. */
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
  /** S6: existing IAM role (by name), assumed with MFA, that alone may delete, disable or re-police the evidence key. */
  readonly breakGlassRoleName: string;
  /**
   * S4: existing IAM role (by name, e.g. the auditors' SSO permission-set role) that alone may assume the
   * security-auditor role, with MFA. Not the account root: the trust names one principal.
   */
  readonly auditorPrincipalRoleName: string;
  /** S1: the account's CloudTrail trail (one per account, all regions) and its CloudWatch Logs delivery. */
  readonly trail: {
    /** Days the trail's CloudWatch log group keeps events (≥ the guide's audit-log retention). */
    readonly cloudWatchLogsRetentionDays: number;
  };
  /**
   * Detection → response: Secrets Manager secret names (in the account's region), one per severity, each holding
   * only the HTTPS endpoint URL its SNS topic delivers to (the on-call receivers of that severity).
   */
  readonly findingAlertEndpointSecrets: {
    readonly critical: string;
    readonly warning: string;
    readonly info: string;
  };
}

/**
 * Everything one environment needs; validated by `validateEnvironmentConfig` before any stack is built. `Name` is
 * the environment's name as a type: the registry (`config/environments/index.ts`) derives `EnvironmentName` from
 * its keys, and this module, which every environment file imports, does not import the registry (no cycle).
 */
export interface EnvironmentConfig<Name extends string = string> {
  readonly name: Name;
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
  /** S5: this environment's secret paths (its own, never shared) and refresh interval. */
  readonly secrets: SecretsConfig;
  /** Stateful resources get `prevent_destroy` unless an environment turns it off here. */
  readonly protectStatefulResources: boolean;
  readonly observability: ObservabilityConfig;
  readonly alerts: AlertsConfig;
  readonly logRetention: LogRetentionConfig;
  readonly backup: BackupConfig;
  readonly capacity: CapacityConfig;
  /** A10: availability and latency objectives per service. */
  readonly slo: SloConfig;
  readonly ci: CiConfig;
}

/** Where the environment's CI jobs run (`.github/workflows/`, `tools/review/stack-plan.ts`). */
export interface CiConfig {
  /**
   * Labels of the self-hosted runners inside the environment's VPC, for the stacks that need private
   * endpoints at plan and apply time (the EKS API for `-platform`, the internal Grafana for `-grafana`).
   * Every other stack runs on GitHub-hosted runners.
   */
  readonly privateRunnerLabels: readonly string[];
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
