/**
 * The observability platform of one environment (C1–C6, M1–M9): a thin facade that creates the monitoring
 * namespace, the storage key and the AMP workspace, and composes one construct per Helm chart.
 */
import { AuditArchiveRole } from "./audit-archive";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "../../config/types";
import { KUBERNETES_SECRET_NAMES } from "../../secrets/catalog";
import { CustomerKey } from "../core/customer-key";
import type { ExpandableStorageClass } from "../capacity/expandable-storage-class";
import type { EksProviders } from "../core/eks-providers";
import type { ExternalSecretsOperator } from "../secrets/external-secrets-operator";
import { SyncedSecrets } from "../secrets/synced-secrets";
import { SummaryNote } from "../core/summary-note";
import { Alloy } from "./alloy";
import { AmpWorkspace } from "./amp-workspace";
import { RELEASE_NAMES, type ReleaseKey } from "./endpoints";
import { KubePrometheusStack, type AlertmanagerSecretSource } from "./kube-prometheus-stack";
import { Loki } from "./loki";
import { PostgresExporter } from "./postgres-exporter";
import type { AlertmanagerConfig, PrometheusRuleGroup } from "../../alerts/models";
import { RedisExporter } from "./redis-exporter";
import { formatTotal, resourceTotals } from "./resources";
import { storageKeyProps } from "./storage-key";
import { Tempo } from "./tempo";
import { NetworkPolicies } from "./network/network-policies";
import { MONITORING_POD_SECURITY, podSecurityLabels } from "./network/pod-security";

/** Name of the Kubernetes Secret Grafana's admin credentials are synced into. */
export const GRAFANA_ADMIN_SECRET = KUBERNETES_SECRET_NAMES.grafanaAdmin;

export interface ObservabilityProps {
  readonly config: EnvironmentConfig;
  readonly eks: EksProviders;
  /**
   * S5: the operator that syncs the credentials the charts read; the store and ExternalSecrets release
   * waits for it, and the releases that read a secret wait for that release.
   */
  readonly secretsOperator: ExternalSecretsOperator;
  /** @default none (see {@link KubePrometheusStack}) */
  readonly ruleGroups?: readonly PrometheusRuleGroup[];
  /** @default the chart's default configuration (see {@link KubePrometheusStack}) */
  readonly alertmanagerConfig?: AlertmanagerConfig;
  /**
   * Secrets Alertmanager mounts (ExternalSecrets in the monitoring namespace, see `secrets/catalog.ts`).
   * @default none
   */
  readonly alertmanagerSecrets?: readonly AlertmanagerSecretSource[];
  /**
   * StorageClass of the Prometheus, Loki and Tempo volumes (K1: an expandable class lets them grow at 70%).
   * @default the cluster's default StorageClass
   */
  readonly storageClass?: ExpandableStorageClass;
}

export class Observability extends Construct {
  readonly namespace: NamespaceV1;
  /** The monitoring namespace's name; create secrets for Alertmanager here (and depend on {@link namespace}). */
  readonly namespaceName: string;
  readonly storageKey: CustomerKey;
  readonly ampWorkspace?: AmpWorkspace;
  /** S5: the ClusterSecretStore and the ExternalSecrets of every Secret the charts below read. */
  readonly syncedSecrets: SyncedSecrets;
  readonly kubePrometheusStack: KubePrometheusStack;
  readonly loki: Loki;
  readonly tempo: Tempo;
  readonly alloy: Alloy;
  readonly postgresExporter: PostgresExporter;
  readonly redisExporter: RedisExporter;
  /** S2: default deny plus the flow table's allowances, installed before every workload of the namespace. */
  readonly networkPolicies: NetworkPolicies;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const { config, eks } = props;
    // The resource's name token (not the plain name) makes the releases depend on the StorageClass resource.
    const storageClassName = props.storageClass?.storageClass.metadata.name;
    const o = config.observability;
    this.namespaceName = config.eks.monitoringNamespace;
    this.namespace = new NamespaceV1(this, "namespace", {
      provider: eks.kubernetes,
      metadata: { name: this.namespaceName, labels: { "app.kubernetes.io/part-of": "fx-trader-observability", ...podSecurityLabels(MONITORING_POD_SECURITY) } },
    });
    this.networkPolicies = new NetworkPolicies(this, "network-policies", { config, helmProvider: eks.helm, namespace: this.namespaceName, dependsOn: [this.namespace] });
    // Every workload below starts under the namespace's NetworkPolicies.
    const namespaceReady = [this.namespace, this.networkPolicies.release];
    const common = { config, helmProvider: eks.helm, namespace: this.namespaceName, dependsOn: namespaceReady };
    this.storageKey = new CustomerKey(this, "storage-key", storageKeyProps(config));
    if (o.prometheus.remoteWriteToAmp) this.ampWorkspace = new AmpWorkspace(this, "amp", { config });
    // Order (S5): operator → store and ExternalSecrets → the releases whose pods read the Secrets.
    this.syncedSecrets = new SyncedSecrets(this, "synced-secrets", {
      config,
      helmProvider: eks.helm,
      namespace: this.namespaceName,
      dependsOn: [...namespaceReady, props.secretsOperator.release],
    });
    const afterSecrets = [...namespaceReady, this.syncedSecrets.release];
    this.kubePrometheusStack = new KubePrometheusStack(this, "kube-prometheus-stack", {
      ...common,
      cluster: eks.cluster,
      grafanaAdminSecret: GRAFANA_ADMIN_SECRET,
      ampWorkspace: this.ampWorkspace,
      ruleGroups: props.ruleGroups,
      alertmanagerConfig: props.alertmanagerConfig,
      alertmanagerSecrets: (props.alertmanagerSecrets ?? []).map((s) => s.name),
      storageClassName,
      dependsOn: afterSecrets,
    });
    // Releases that create ServiceMonitors need the CRDs kube-prometheus-stack installs.
    const afterCrds = { ...common, dependsOn: [...namespaceReady, this.kubePrometheusStack.release] };
    this.loki = new Loki(this, "loki", { ...afterCrds, cluster: eks.cluster, encryptionKey: this.storageKey, storageClassName });
    this.tempo = new Tempo(this, "tempo", { ...common, cluster: eks.cluster, encryptionKey: this.storageKey, storageClassName });
    this.alloy = new Alloy(this, "alloy", afterCrds);
    new AuditArchiveRole(this, "alloy-audit-archive", { config, cluster: eks.cluster, namespace: this.namespaceName });
    const afterCrdsAndSecrets = { ...common, dependsOn: [...afterSecrets, this.kubePrometheusStack.release] };
    this.postgresExporter = new PostgresExporter(this, "postgres-exporter", afterCrdsAndSecrets);
    this.redisExporter = new RedisExporter(this, "redis-exporter", afterCrdsAndSecrets);

    new SummaryNote(this, "summary", {
      topic: "observability",
      text:
        `Prometheus ×${o.prometheus.replicas} ${o.prometheus.retentionDays}d/${o.prometheus.volumeSizeGiB}GiB` +
        `${this.ampWorkspace ? " → AMP" : ""}, Alertmanager ×${o.alertmanager.replicas}, ` +
        `Loki ${o.loki.deploymentMode} ×${o.loki.replicas}, Tempo ${o.tempo.deploymentMode} ×${o.tempo.replicas} ${o.tempo.retentionDays}d, ` +
        `zone anti-affinity ${o.highAvailability.zoneAntiAffinity}`,
    });
    const totals = resourceTotals(config);
    new SummaryNote(this, "sizing", {
      topic: "sizing",
      text: `${formatTotal(totals.cluster)}, plus per node ${formatTotal(totals.perNode)}`,
    });
  }

  /** Helm release name of each chart. */
  get releaseNames(): Readonly<Record<ReleaseKey, string>> {
    return RELEASE_NAMES;
  }
}
