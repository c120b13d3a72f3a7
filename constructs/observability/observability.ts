/**
 * The observability platform of one environment (C1–C6, M1–M9): a thin facade that creates the monitoring
 * namespace, the storage key and the AMP workspace, and composes one construct per Helm chart.
 */
import { AuditArchiveRole } from "./audit-archive";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "../../config/types";
import { CustomerKey } from "../core/customer-key";
import type { EksProviders } from "../core/eks-providers";
import { SummaryNote } from "../core/summary-note";
import { Alloy } from "./alloy";
import { AmpWorkspace } from "./amp-workspace";
import { RELEASE_NAMES, type ReleaseKey } from "./endpoints";
import { GRAFANA_ADMIN_KEYS, KubePrometheusStack, type AlertmanagerSecretSource } from "./kube-prometheus-stack";
import { Loki } from "./loki";
import { MirroredSecret } from "./mirrored-secret";
import { PostgresExporter } from "./postgres-exporter";
import type { PrometheusRuleGroup } from "./prometheus-rule-group";
import { RedisExporter } from "./redis-exporter";
import { storageKeyProps } from "./storage-key";
import { Tempo } from "./tempo";

/** Name of the Kubernetes Secret Grafana's admin credentials are copied into. */
export const GRAFANA_ADMIN_SECRET = "grafana-admin";

export interface ObservabilityProps {
  readonly config: EnvironmentConfig;
  readonly eks: EksProviders;
  /** @default none (see {@link KubePrometheusStack}) */
  readonly ruleGroups?: readonly PrometheusRuleGroup[];
  /** @default the chart's default configuration (see {@link KubePrometheusStack}) */
  readonly alertmanagerConfig?: Record<string, unknown>;
  /**
   * Secrets Alertmanager mounts; created in the monitoring namespace from Secrets Manager, and the
   * kube-prometheus-stack release waits for them.
   * @default none
   */
  readonly alertmanagerSecrets?: readonly AlertmanagerSecretSource[];
  /**
   * StorageClass of the Prometheus and Loki volumes (K1: an expandable class lets them grow at 70%).
   * @default the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

export class Observability extends Construct {
  readonly namespace: NamespaceV1;
  /** The monitoring namespace's name; create secrets for Alertmanager here (and depend on {@link namespace}). */
  readonly namespaceName: string;
  readonly storageKey: CustomerKey;
  readonly ampWorkspace?: AmpWorkspace;
  readonly grafanaAdminSecret: MirroredSecret;
  /** Secrets Alertmanager mounts (receiver keys and URLs), mirrored from Secrets Manager. */
  readonly alertmanagerSecrets: readonly MirroredSecret[];
  readonly kubePrometheusStack: KubePrometheusStack;
  readonly loki: Loki;
  readonly tempo: Tempo;
  readonly alloy: Alloy;
  readonly postgresExporter: PostgresExporter;
  readonly redisExporter: RedisExporter;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const { config, eks } = props;
    const o = config.observability;
    this.namespaceName = config.eks.monitoringNamespace;
    this.namespace = new NamespaceV1(this, "namespace", {
      provider: eks.kubernetes,
      metadata: { name: this.namespaceName, labels: { "app.kubernetes.io/part-of": "fx-trader-observability" } },
    });
    const common = { config, helmProvider: eks.helm, namespace: this.namespaceName, dependsOn: [this.namespace] };
    this.storageKey = new CustomerKey(this, "storage-key", storageKeyProps(config));
    if (o.prometheus.remoteWriteToAmp) this.ampWorkspace = new AmpWorkspace(this, "amp", { config });
    this.grafanaAdminSecret = new MirroredSecret(this, "grafana-admin", {
      provider: eks.kubernetes,
      secretsManagerSecret: o.grafana.adminSecretName,
      name: GRAFANA_ADMIN_SECRET,
      namespace: this.namespaceName,
      keys: [GRAFANA_ADMIN_KEYS.user, GRAFANA_ADMIN_KEYS.password],
      dependsOn: [this.namespace],
    });
    this.alertmanagerSecrets = (props.alertmanagerSecrets ?? []).map(
      (source) =>
        new MirroredSecret(this, `alertmanager-secret-${source.name}`, {
          provider: eks.kubernetes,
          secretsManagerSecret: source.secretsManagerSecret,
          name: source.name,
          namespace: this.namespaceName,
          keys: source.keys,
          dependsOn: [this.namespace],
        }),
    );
    this.kubePrometheusStack = new KubePrometheusStack(this, "kube-prometheus-stack", {
      ...common,
      cluster: eks.cluster,
      grafanaAdminSecret: this.grafanaAdminSecret,
      ampWorkspace: this.ampWorkspace,
      ruleGroups: props.ruleGroups,
      alertmanagerConfig: props.alertmanagerConfig,
      alertmanagerSecrets: this.alertmanagerSecrets.map((s) => s.name),
      storageClassName: props.storageClassName,
      dependsOn: [...common.dependsOn, ...this.alertmanagerSecrets.map((s) => s.secret)],
    });
    // Releases that create ServiceMonitors need the CRDs kube-prometheus-stack installs.
    const afterCrds = { ...common, dependsOn: [this.namespace, this.kubePrometheusStack.release] };
    this.loki = new Loki(this, "loki", { ...afterCrds, cluster: eks.cluster, encryptionKey: this.storageKey, storageClassName: props.storageClassName });
    this.tempo = new Tempo(this, "tempo", { ...common, cluster: eks.cluster, encryptionKey: this.storageKey });
    this.alloy = new Alloy(this, "alloy", afterCrds);
    new AuditArchiveRole(this, "alloy-audit-archive", { config, cluster: eks.cluster, namespace: this.namespaceName });
    this.postgresExporter = new PostgresExporter(this, "postgres-exporter", { ...afterCrds, kubernetesProvider: eks.kubernetes });
    this.redisExporter = new RedisExporter(this, "redis-exporter", { ...afterCrds, kubernetesProvider: eks.kubernetes });

    new SummaryNote(this, "summary", {
      topic: "observability",
      text:
        `Prometheus ×${o.prometheus.replicas} ${o.prometheus.retentionDays}d/${o.prometheus.volumeSizeGiB}GiB` +
        `${this.ampWorkspace ? " → AMP" : ""}, Alertmanager ×${o.alertmanager.replicas}, ` +
        `Loki ${o.loki.deploymentMode} ×${o.loki.replicas}, Tempo ${o.tempo.deploymentMode} ×${o.tempo.replicas} ${o.tempo.retentionDays}d, ` +
        `zone anti-affinity ${o.highAvailability.zoneAntiAffinity}`,
    });
  }

  /** Helm release name of each chart. */
  get releaseNames(): Readonly<Record<ReleaseKey, string>> {
    return RELEASE_NAMES;
  }

  get lokiChunksBucketArn(): string {
    return this.loki.chunksBucket.arn;
  }

  get lokiRulerBucketArn(): string {
    return this.loki.rulerBucket.arn;
  }

  get tempoTracesBucketArn(): string {
    return this.tempo.tracesBucket.arn;
  }

  get storageKeyArn(): string {
    return this.storageKey.arn;
  }

  /** AMP remote-write URL, when the environment remote-writes (C1). */
  get ampRemoteWriteUrl(): string | undefined {
    return this.ampWorkspace?.remoteWriteUrl;
  }

  /** AMP workspace ARN, when the environment remote-writes (C1). */
  get ampWorkspaceArn(): string | undefined {
    return this.ampWorkspace?.arn;
  }
}
