/**
 * C4, L2: Loki, storing chunks and rules in S3 (KMS-encrypted, reached through a Pod Identity role), with
 * per-stream retention from the log retention table. Monolithic in dev, SimpleScalable (read, write and
 * backend targets, replication factor 3) where the environment runs highly available.
 */
import type { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import type { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import type { Release } from "@cdktf/provider-helm/lib/release";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { CHARTS } from "../../config/charts";
import type { CustomerKey } from "../core/customer-key";
import { SecureBucket } from "../core/secure-bucket";
import { HA_REPLICATION_FACTOR } from "../../config/replication";
import { RELEASE_NAMES, SERVICE_ACCOUNTS } from "./endpoints";
import { mergeValues, type HelmValues } from "../core/helm-values";
import { lokiRetention, type LokiRetention } from "./loki-retention";
import { observabilityBucketProps, type ObjectStorageComponentEnvironment } from "./observability-bucket";
import { PodIdentityRole } from "./pod-identity-role";
import { bucketObjectAccess, keyUse } from "./policy-statement";
import { chartRelease } from "../core/chart-release";
import { componentLabels, zoneAntiAffinity } from "./private/scheduling";
import { lokiGatewayReplicas, resourcesOf } from "./resources";

/**
 * First day of the TSDB v13 schema. Fixed: changing it re-indexes nothing but makes Loki look for an index
 * that never existed before that day.
 */
export const LOKI_SCHEMA_FROM = "2024-04-01";

/** Days a replaced ruler rule file stays recoverable in the versioned ruler bucket. */
export const RULER_NONCURRENT_VERSION_DAYS = 30;

/**
 * S6: request paths of Loki that change or destroy stored data or the ring (the compactor's delete API and
 * ring, the cache generation numbers deletes bump, ingester flush and shutdown). The gateway refuses them
 * (403); operators reach them on the backend directly (`kubectl port-forward`, see docs/security.md), which
 * the NetworkPolicies leave to no pod. nginx `map` keys: `~` regular expressions, others exact URIs.
 */
export const LOKI_OPERATOR_ONLY_PATHS: readonly string[] = ["~^/loki/api/v1/delete", "~^/compactor/", "~^/loki/api/v1/cache/generation_numbers", "/flush", "~^/ingester/"];

/** nginx variable set to 1 for an operator-only path (see {@link LOKI_OPERATOR_ONLY_PATHS}). */
export const LOKI_OPERATOR_ONLY_VARIABLE = "$fx_operator_only";

/**
 * The gateway's nginx snippets: a map in the http block marks operator-only paths, and every location
 * (the chart repeats its `locationSnippet` in each) returns 403 for them. A `return` inside `if` is one of
 * the directives nginx documents as safe there.
 */
export function lokiGatewaySnippets(): { httpSnippet: string; locationSnippet: string } {
  const entries = LOKI_OPERATOR_ONLY_PATHS.map((p) => `  ${p} 1;`).join("\n");
  return {
    httpSnippet: `map $uri ${LOKI_OPERATOR_ONLY_VARIABLE} {\n  default 0;\n${entries}\n}`,
    locationSnippet: `if (${LOKI_OPERATOR_ONLY_VARIABLE}) { return 403; }`,
  };
}

export interface LokiProps {
  readonly config: ObjectStorageComponentEnvironment;
  /**
   * StorageClass of the Loki volumes (write-ahead log, compactor); an expandable one lets them grow (K1).
   * @default the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  readonly helmProvider: HelmProvider;
  readonly cluster: DataAwsEksCluster;
  readonly namespace: string;
  readonly encryptionKey: CustomerKey;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

export class Loki extends Construct {
  readonly chunksBucket: SecureBucket;
  readonly rulerBucket: SecureBucket;
  readonly role: PodIdentityRole;
  readonly retention: LokiRetention;
  readonly release: Release;
  readonly releaseName: string = RELEASE_NAMES.loki;
  readonly values: HelmValues;

  constructor(scope: Construct, id: string, props: LokiProps) {
    super(scope, id);
    const { config } = props;
    this.retention = lokiRetention(config);
    this.chunksBucket = new SecureBucket(
      this,
      "chunks",
      observabilityBucketProps(config, {
        purpose: "loki-chunks",
        encryptionKey: props.encryptionKey,
        lifecycle: { expirationDays: this.retention.longestDays },
      }),
    );
    this.rulerBucket = new SecureBucket(
      this,
      "ruler",
      observabilityBucketProps(config, {
        purpose: "loki-ruler",
        encryptionKey: props.encryptionKey,
        versioned: true,
        lifecycle: { noncurrentVersionDays: RULER_NONCURRENT_VERSION_DAYS },
      }),
    );
    this.role = new PodIdentityRole(this, "role", {
      config,
      cluster: props.cluster,
      name: "loki",
      namespace: props.namespace,
      serviceAccount: SERVICE_ACCOUNTS.loki,
      statements: [...bucketObjectAccess([this.chunksBucket.bucket.arn, this.rulerBucket.bucket.arn]), keyUse(props.encryptionKey.arn)],
    });
    this.values = mergeValues(lokiValues(config, this.retention, this.chunksBucket.bucketName, this.rulerBucket.bucketName, props.storageClassName), lokiSizing(config));
    this.release = chartRelease(this, "release", {
      chart: CHARTS.loki,
      name: this.releaseName,
      namespace: props.namespace,
      values: this.values,
      provider: props.helmProvider,
      dependsOn: [this.role.association, this.chunksBucket.bucket, this.rulerBucket.bucket, ...(props.dependsOn ?? [])],
    });
  }
}

/**
 * A Loki component's disruption budget: one pod down at a time. The chart emits a PodDisruptionBudget only
 * when `maxUnavailable` or `minAvailable` is set, so `enabled` alone would create none.
 */
function lokiDisruptionBudget(enabled: boolean): HelmValues {
  return enabled ? { enabled: true, maxUnavailable: 1 } : { enabled: false };
}

/** Requests and memory limits of every Loki container, from the sizing table. */
function lokiSizing(config: ObjectStorageComponentEnvironment): HelmValues {
  const loki = { resources: resourcesOf(config, "loki") };
  return {
    singleBinary: loki,
    write: loki,
    read: loki,
    backend: loki,
    gateway: { resources: resourcesOf(config, "lokiGateway"), metrics: { resources: resourcesOf(config, "metricsExporter") } },
    sidecar: { resources: resourcesOf(config, "lokiSidecar") },
    chunksCache: { resources: resourcesOf(config, "lokiChunksCache") },
    resultsCache: { resources: resourcesOf(config, "lokiResultsCache") },
    memcachedExporter: { resources: resourcesOf(config, "metricsExporter") },
  };
}

function lokiValues(
  config: ObjectStorageComponentEnvironment,
  retention: LokiRetention,
  chunksBucket: string,
  rulerBucket: string,
  storageClass: string | undefined,
): HelmValues {
  const o = config.observability;
  const ha = o.highAvailability;
  const scalable = o.loki.deploymentMode === "SimpleScalable";
  // `read` is stateless; `write` (WAL) and `backend` (compactor, ruler) keep volumes.
  const volumes = (component: string) => component !== "read" && storageClass !== undefined;
  const target = (component: string): HelmValues => ({
    replicas: scalable ? o.loki.replicas : 0,
    affinity: scalable ? zoneAntiAffinity(ha.zoneAntiAffinity, componentLabels(RELEASE_NAMES.loki, component)) : undefined,
    podDisruptionBudget: lokiDisruptionBudget(scalable && ha.podDisruptionBudgets),
    persistence: volumes(component) ? { storageClass } : undefined,
  });
  const caches = o.loki.chunksCacheMemoryMiB > 0;
  return {
    fullnameOverride: RELEASE_NAMES.loki,
    deploymentMode: o.loki.deploymentMode,
    serviceAccount: { create: true, name: SERVICE_ACCOUNTS.loki },
    loki: {
      // One tenant: the cluster's own logs. Access control is Grafana's for reading, the NetworkPolicies' for
      // pushing (Alloy only) and the gateway's for deleting (never: LOKI_OPERATOR_ONLY_PATHS).
      auth_enabled: false,
      commonConfig: { replication_factor: scalable ? HA_REPLICATION_FACTOR : 1 },
      schemaConfig: {
        configs: [{ from: LOKI_SCHEMA_FROM, store: "tsdb", object_store: "s3", schema: "v13", index: { prefix: "loki_index_", period: "24h" } }],
      },
      storage: {
        type: "s3",
        bucketNames: { chunks: chunksBucket, ruler: rulerBucket },
        s3: { region: config.region },
      },
      limits_config: {
        retention_period: retention.defaultPeriod,
        retention_stream: retention.streams.map((s) => ({ selector: s.selector, priority: s.priority, period: s.period })),
      },
      compactor: {
        retention_enabled: true,
        delete_request_store: "s3",
        retention_delete_delay: "2h",
        working_directory: "/var/loki/compactor",
      },
    },
    singleBinary: {
      replicas: scalable ? 0 : o.loki.replicas,
      podDisruptionBudget: { enabled: false },
      persistence: storageClass === undefined ? undefined : { storageClass },
    },
    write: target("write"),
    read: target("read"),
    backend: target("backend"),
    gateway: {
      replicas: lokiGatewayReplicas(config),
      // S6: push and queries pass; delete and the other operator-only paths do not (one tenant, auth off).
      nginxConfig: lokiGatewaySnippets(),
      podDisruptionBudget: lokiDisruptionBudget(scalable && ha.podDisruptionBudgets),
    },
    chunksCache: caches ? { enabled: true, allocatedMemory: o.loki.chunksCacheMemoryMiB } : { enabled: false },
    resultsCache: { enabled: caches },
    // The canary and Helm test push synthetic streams without a log_type; not wanted in any environment.
    lokiCanary: { enabled: false },
    test: { enabled: false },
    minio: { enabled: false },
    monitoring: { serviceMonitor: { enabled: true } },
  };
}
