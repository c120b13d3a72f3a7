/**
 * The run-time shape of the configuration: every section and field of `EnvironmentConfig` and `AccountConfig`
 * as a strict zod schema, so what only the type checker knew (a misspelt key, a boolean given as `"false"`, a
 * section of the wrong type) also fails `npm run synth`, which bundles without type-checking.
 *
 * The schema and the interfaces in `types.ts` cannot drift: the assertions at the end of this file fail
 * `tsc --noEmit` when one has a field, a type or an optionality the other does not. Values are checked here
 * only for their type; ranges, patterns and cross-field rules are `validation/`'s.
 */
import { z } from "zod";
import type { AccountConfig } from "./accounts";
import { SIZED_CONTAINERS, TEAM_ROLE_KEYS, type EnvironmentConfig, type SizedContainer, type TeamRoleKey } from "./types";

// Zod's interpreter, not its JIT: by default each object schema compiles a parser of its own with `new Function` on
// first use, which pays only over many parses; synth parses three environments and two accounts once, and the
// compiled parsers are not in the bundle's code cache. The same checks and issues; 30 ms less CPU per synth.
z.config({ jitless: true });

const text = z.string();
const count = z.number();
const flag = z.boolean();
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

const awsAccount = z.strictObject({ id: text, name: text });
const stateBackend = z.strictObject({ bucket: text, region: text, kmsKeyId: text });

const containerSize = z.strictObject({ cpuMillicores: count, memoryMiB: count, memoryLimitMiB: count });
const sizing = z.strictObject(Object.fromEntries(SIZED_CONTAINERS.map((k) => [k, containerSize])) as Record<SizedContainer, typeof containerSize>);

const observability = z.strictObject({
  sizing,
  prometheus: z.strictObject({ replicas: count, retentionDays: count, volumeSizeGiB: count, remoteWriteToAmp: flag, scrapeIntervalSeconds: count }),
  alertmanager: z.strictObject({ replicas: count }),
  grafana: z.strictObject({
    hostPrefix: text,
    ingressClassName: text,
    volumeSizeGiB: count,
    inboundCidrs: list(text),
    sso: z.strictObject({
      issuerUrl: text,
      clientId: text,
      authorizationUrl: text,
      tokenUrl: text,
      userInfoUrl: text,
      groupsClaim: text,
      roleGroups: z.strictObject({ Admin: list(text), Editor: list(text), Viewer: list(text) }),
      teamGroups: z.strictObject(Object.fromEntries(TEAM_ROLE_KEYS.map((k) => [k, list(text)])) as Record<TeamRoleKey, ReturnType<typeof list<typeof text>>>),
    }),
    edition: z.strictObject({ kind: z.enum(["enterprise", "oss"]), reason: text.optional() }),
  }),
  loki: z.strictObject({ deploymentMode: z.enum(["Monolithic", "SimpleScalable"]), replicas: count, chunksCacheMemoryMiB: count }),
  tempo: z.strictObject({
    deploymentMode: z.enum(["single-binary", "distributed"]),
    replicas: count,
    retentionDays: count,
    ingestTls: z.strictObject({ certificateValidityDays: count, caValidityDays: count }),
  }),
  highAvailability: z.strictObject({ podDisruptionBudgets: flag, zoneAntiAffinity: z.enum(["required", "preferred", "none"]) }),
  appMetrics: z.strictObject({ serviceLabel: text, port: text, path: text }),
  exporters: z.strictObject({ postgresDatabase: text }),
  storageKeyDeletionWindowDays: count,
});

const severity = z.enum(["critical", "warning", "info"]);
const timing = z.strictObject({ groupWait: text, groupInterval: text, repeatInterval: text });
const slo = z.strictObject({
  periodDays: count,
  services: z.record(text, z.strictObject({ availabilityPercent: count, latency: z.strictObject({ thresholdSeconds: count, percent: count }) })).readonly(),
});
const alerts = z.strictObject({
  heartbeatIntervalSeconds: count,
  httpErrorRatioPercent: count,
  httpMinRequestsPerSecond: count,
  httpLatencyAvgSeconds: count,
  dbConnectionErrorsPerSecond: count,
  dbQueryLatencySeconds: count,
  dbReplicationLagSeconds: count,
  memoryUsageCriticalPercent: count,
  diskFreeCriticalPercent: count,
  memoryLeakHorizonHours: count,
  cacheHitRatioMinPercent: count,
  cacheMinLookupsPerSecond: count,
  queueOldestMessageAgeSeconds: count,
  overrides: z.record(text, z.strictObject({ threshold: count.optional(), for: text.optional(), severity: severity.optional(), disabled: flag.optional() })),
  pager: z.enum(["pagerduty", "opsgenie", "none"]),
  heartbeatApiUrl: text,
  notify: z.strictObject({ critical: timing, warning: timing, info: timing }),
});

const transition = z.strictObject({
  days: count,
  storageClass: z.enum(["STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"]),
});
const logRetention = z.strictObject({
  applicationDays: count,
  accessDays: count,
  auditDays: count,
  infrastructureDays: count,
  auditObjectLockMode: z.enum(["COMPLIANCE", "GOVERNANCE"]),
  transitions: z.strictObject({ application: list(transition), access: list(transition), audit: list(transition), infrastructure: list(transition) }),
  transitionMinObjectSizeBytes: count,
  noncurrentVersionDays: count,
  abortIncompleteUploadDays: count,
});

const backup = z.strictObject({
  rpoHours: count,
  rtoHours: count,
  schedules: z.strictObject({ dailyFull: text, incremental: text }),
  continuousBackup: flag,
  startWindowMinutes: count,
  completionWindowMinutes: count,
  dailyRetentionDays: count,
  hourlyRetentionDays: count,
  crossRegionCopy: flag,
  vaultLock: z.strictObject({ mode: z.enum(["compliance", "governance", "none"]), minRetentionDays: count, maxRetentionDays: count, changeableForDays: count }),
  keyDeletionWindowDays: count,
  breakGlassRoleName: text,
  restoreTesting: z.strictObject({ schedule: text, startWindowHours: count, selectionWindowDays: count, validationWindowHours: count }),
  auditReportRetentionDays: count,
});

const hpaRule = z.strictObject({ stabilizationSeconds: count, percentPerPeriod: count, podsPerPeriod: count, periodSeconds: count });
const peakRange = { min: count, max: count, peakMin: count };
const tier = { ...peakRange, leadMinutes: count, scaleOutCooldownSeconds: count, scaleInCooldownSeconds: count };
const capacity = z.strictObject({
  cpuTargetPercent: count,
  memoryTargetPercent: count,
  diskExpansionPercent: count,
  app: z.strictObject({ deployments: list(text), minReplicas: count, maxReplicas: count, scaleUp: hpaRule, scaleDown: hpaRule }),
  nodes: z.strictObject({ leadMinutes: count, groups: list(z.strictObject({ name: text, ...peakRange })) }),
  dbReaders: z.strictObject(tier),
  cacheReplicas: z.strictObject({ ...tier, enabled: flag }),
  peakHoldMinutes: count,
  minOffPeakMinutes: count,
  marketSessions: list(z.strictObject({ name: text, timeZone: text, localOpen: text, localClose: text, openUtc: text, closeUtc: text })),
});

/** Everything one environment needs (`EnvironmentConfig`); `name` is checked against the registry. */
export const environmentSchema = z.strictObject({
  name: text,
  policy: z.enum(["guide", "relaxed"]),
  account: awsAccount,
  region: text,
  drRegion: text,
  owner: text,
  costCentre: text,
  dnsDomain: text,
  stateBackend,
  eks: z.strictObject({ clusterName: text, monitoringNamespace: text, appNamespace: text, kubernetesVersion: text }),
  database: z.strictObject({ engine: z.enum(["aurora-postgresql", "postgres"]), identifier: text, uploadsBucketName: text }),
  cache: z.strictObject({ replicationGroupId: text }),
  protectStatefulResources: flag,
  observability,
  ci: z.strictObject({ privateRunnerLabels: list(text) }),
  slo,
  secrets: z.strictObject({ pathPrefix: text, refreshIntervalMinutes: count }),
  alerts,
  logRetention,
  backup,
  capacity,
});

const frequency = z.enum(["One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours"]);
const accountSecurity = z.strictObject({
  passwordPolicy: z.strictObject({
    minimumLength: count,
    requireLowercase: flag,
    requireUppercase: flag,
    requireNumbers: flag,
    requireSymbols: flag,
    reusePrevention: count,
    maxAgeDays: count,
  }),
  unusedAccessAgeDays: count,
  config: z.strictObject({
    ruleFrequency: frequency,
    snapshotFrequency: frequency,
    unusedCredentialsMaxAgeDays: count,
    authorizedPublicTcpPorts: list(count),
    blockedPublicTcpPorts: list(count),
  }),
  guardDutyFindingFrequency: z.enum(["FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"]),
  inspectorResourceTypes: list(z.enum(["ECR", "LAMBDA", "LAMBDA_CODE", "EC2"])),
  securityHub: z.strictObject({ cisVersion: z.enum(["1.4.0", "3.0.0"]), foundationalVersion: z.enum(["1.0.0"]) }),
  cadence: z.strictObject({ monthlyCheckSchedule: text, quarterlyAuditSchedule: text, timezone: text, auditFrameworkName: text }),
  evidence: z.strictObject({ retentionDays: count, accessLogRetentionDays: count, keyDeletionWindowDays: count }),
  protectStatefulResources: flag,
  breakGlassRoleName: text,
  auditorPrincipalRoleName: text,
  trail: z.strictObject({ cloudWatchLogsRetentionDays: count }),
  findingAlertEndpointSecrets: z.strictObject({ critical: text, warning: text, info: text }),
});

/** An AWS account of `config/accounts.ts` (`AccountConfig`). */
export const accountSchema = z.strictObject({
  id: text,
  name: text,
  region: text,
  drRegion: text,
  stateBackend,
  owner: text,
  costCentre: text,
  security: accountSecurity,
});

/** A pinned Helm chart of `config/charts.ts`. */
export const chartSchema = z.strictObject({ repository: text, chart: text, version: text });

// The schema and the interfaces describe the same shape, field for field and optionality for optionality (tsc
// fails here otherwise). `name` is a string to the schema and the type parameter `Name` to the type: the
// registry check ties it to its key. `readonly` is the interfaces' alone and is ignored.
type Plain<T> = T extends readonly (infer U)[] ? Plain<U>[] : T extends object ? { -readonly [K in keyof T]: Plain<T[K]> } : T;
type Same<A, B> = (<T>() => T extends Plain<A> ? 1 : 2) extends <T>() => T extends Plain<B> ? 1 : 2 ? true : false;
const environmentShapeMatches: Same<Omit<z.infer<typeof environmentSchema>, "name">, Omit<EnvironmentConfig, "name">> = true;
const accountShapeMatches: Same<z.infer<typeof accountSchema>, AccountConfig> = true;
void environmentShapeMatches;
void accountShapeMatches;
