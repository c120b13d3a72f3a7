/**
 * C5: Tempo storing traces in S3 (KMS-encrypted, reached through a Pod Identity role), receiving OTLP gRPC from
 * Alloy over TLS (S2, tempo-ingest-tls.ts). The single-binary `tempo` chart in dev; `tempo-distributed` 2.x (no Kafka) where highly available.
 * The compactor's block retention and the bucket's lifecycle expiry come from the same `retentionDays`.
 */
import type { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import type { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import type { Release } from "@cdktf/provider-helm/lib/release";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import YAML from "yaml";
import { CHARTS } from "../../config/charts";
import type { HelmChartRef } from "../../config/types";
import type { CustomerKey } from "../core/customer-key";
import { SecureBucket } from "../core/secure-bucket";
import { HA_REPLICATION_FACTOR } from "../../config/replication";
import { OTLP_PORTS, RELEASE_NAMES, SERVICE_ACCOUNTS } from "./endpoints";
import { mergeValues, type HelmValues } from "../core/helm-values";
import { observabilityBucketProps, type ObjectStorageComponentEnvironment } from "./observability-bucket";
import { PodIdentityRole } from "./pod-identity-role";
import { bucketObjectAccess, keyUse } from "./policy-statement";
import { chartRelease } from "../core/chart-release";
import { componentLabels, zoneAntiAffinity } from "./private/scheduling";
import { resourcesOf } from "./resources";
import { tempoReceiverTls, tempoTlsVolume } from "./tempo-ingest-tls";

export interface TempoProps {
  readonly config: ObjectStorageComponentEnvironment;
  readonly helmProvider: HelmProvider;
  readonly cluster: DataAwsEksCluster;
  readonly namespace: string;
  readonly encryptionKey: CustomerKey;
  /**
   * StorageClass of the single binary's WAL volume; an expandable one lets it grow (K1), like every other volume.
   * @default the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/** Tempo's block retention for a number of days. */
export function tempoRetention(days: number): string {
  return `${days * 24}h`;
}

export class Tempo extends Construct {
  readonly tracesBucket: SecureBucket;
  readonly role: PodIdentityRole;
  readonly chart: HelmChartRef;
  readonly release: Release;
  readonly releaseName: string = RELEASE_NAMES.tempo;
  readonly values: HelmValues;

  constructor(scope: Construct, id: string, props: TempoProps) {
    super(scope, id);
    const { config } = props;
    const t = config.observability.tempo;
    this.tracesBucket = new SecureBucket(
      this,
      "traces",
      observabilityBucketProps(config, {
        purpose: "tempo-traces",
        encryptionKey: props.encryptionKey,
        lifecycle: { expirationDays: t.retentionDays },
      }),
    );
    this.role = new PodIdentityRole(this, "role", {
      config,
      cluster: props.cluster,
      name: "tempo",
      namespace: props.namespace,
      serviceAccount: SERVICE_ACCOUNTS.tempo,
      statements: [...bucketObjectAccess([this.tracesBucket.bucket.arn]), keyUse(props.encryptionKey.arn)],
    });
    const s3 = { bucket: this.tracesBucket.bucketName, endpoint: `s3.${config.region}.amazonaws.com`, region: config.region };
    const distributed = t.deploymentMode === "distributed";
    this.chart = distributed ? CHARTS.tempoDistributed : CHARTS.tempo;
    this.values = mergeValues(distributed ? distributedValues(config, s3) : singleBinaryValues(config, s3, props.storageClassName), tempoSizing(config, distributed));
    this.release = chartRelease(this, "release", {
      chart: this.chart,
      name: this.releaseName,
      namespace: props.namespace,
      values: this.values,
      provider: props.helmProvider,
      dependsOn: [this.role.association, this.tracesBucket.bucket, ...(props.dependsOn ?? [])],
    });
  }
}

/** Requests and memory limits of every Tempo container, from the sizing table. */
function tempoSizing(config: ObjectStorageComponentEnvironment, distributed: boolean): HelmValues {
  const tempo = { resources: resourcesOf(config, "tempo") };
  if (!distributed) return { tempo };
  return {
    ingester: tempo,
    distributor: tempo,
    querier: tempo,
    queryFrontend: tempo,
    compactor: tempo,
    memcached: { resources: resourcesOf(config, "tempoMemcached") },
  };
}

type S3Settings = { readonly bucket: string; readonly endpoint: string; readonly region: string };

function singleBinaryValues(config: ObjectStorageComponentEnvironment, s3: S3Settings, storageClassName: string | undefined): HelmValues {
  const t = config.observability.tempo;
  const tls = tempoTlsVolume();
  return {
    fullnameOverride: RELEASE_NAMES.tempo,
    replicas: t.replicas,
    serviceAccount: { create: true, name: SERVICE_ACCOUNTS.tempo },
    tempo: {
      retention: tempoRetention(t.retentionDays),
      reportingEnabled: false,
      storage: { trace: { backend: "s3", s3 } },
      // OTLP gRPC is what Alloy sends, over TLS (tempo-ingest-tls.ts); the OTLP HTTP receiver is removed (`null`: the
      // chart's default has one), nothing sends to it. The chart's Jaeger receivers stay: its Service template reads
      // `receivers.jaeger.protocols` unconditionally, so removing them (`null`) fails the render.
      receivers: {
        otlp: { protocols: { grpc: { endpoint: `0.0.0.0:${OTLP_PORTS.grpc}`, tls: tempoReceiverTls() }, http: null } },
      },
      extraVolumeMounts: [tls.mount],
    },
    extraVolumes: [tls.volume],
    // The WAL survives a restart of the single replica.
    persistence: { enabled: true, size: "10Gi", storageClassName },
  };
}

function distributedValues(config: ObjectStorageComponentEnvironment, s3: S3Settings): HelmValues {
  const o = config.observability;
  const tls = tempoTlsVolume();
  const ha = o.highAvailability;
  // The chart's affinities are strings it passes through `tpl`, so ours is rendered to YAML text. Only
  // `required` replaces them: the defaults already prefer spreading over zones.
  const affinity = (component: string): string | undefined => {
    if (ha.zoneAntiAffinity !== "required") return undefined;
    return YAML.stringify(zoneAntiAffinity("required", componentLabels(RELEASE_NAMES.tempo, component)));
  };
  const component = (name: string): HelmValues => ({
    replicas: o.tempo.replicas,
    affinity: affinity(name),
    podDisruptionBudget: { enabled: ha.podDisruptionBudgets },
  });
  return {
    fullnameOverride: RELEASE_NAMES.tempo,
    reportingEnabled: false,
    serviceAccount: { create: true, name: SERVICE_ACCOUNTS.tempo },
    storage: { trace: { backend: "s3", s3 } },
    // OTLP gRPC over TLS on the distributor (tempo-ingest-tls.ts); OTLP HTTP off: nothing sends to it.
    traces: { otlp: { grpc: { enabled: true, receiverConfig: { tls: tempoReceiverTls() } }, http: { enabled: false } } },
    ingester: { ...component("ingester"), config: { replication_factor: HA_REPLICATION_FACTOR } },
    distributor: { ...component("distributor"), extraVolumes: [tls.volume], extraVolumeMounts: [tls.mount] },
    querier: component("querier"),
    queryFrontend: component("query-frontend"),
    compactor: {
      podDisruptionBudget: { enabled: ha.podDisruptionBudgets },
      config: { compaction: { block_retention: tempoRetention(o.tempo.retentionDays) } },
    },
  };
}
