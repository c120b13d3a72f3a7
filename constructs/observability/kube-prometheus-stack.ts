/**
 * C1–C3, M6, M7, M1: the kube-prometheus-stack release (Prometheus, Alertmanager, Grafana, node-exporter,
 * kube-state-metrics), sized per environment, with the application's ServiceMonitor and, where enabled,
 * remote write to Amazon Managed Service for Prometheus through a Pod Identity role.
 */
import type { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import type { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import type { Release } from "@cdktf/provider-helm/lib/release";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { AlertmanagerConfig, PrometheusRuleGroup } from "../../alerts/models";
import { CHARTS } from "../../config/charts";
import type { EnvironmentConfig } from "../../config/types";
import { grafanaUrl } from "../../config/urls";
import { GRAFANA_ADMIN_KEYS } from "../../secrets/catalog";
import { grafanaAccessIni, grafanaImage, grafanaIngressAnnotations, grafanaSecretEnv } from "./grafana-access";
import type { AmpWorkspace } from "./amp-workspace";
import { RELEASE_NAMES, SERVICE_ACCOUNTS } from "./endpoints";
import { mergeValues, type HelmValues } from "../core/helm-values";
import { PodIdentityRole } from "./pod-identity-role";
import { chartRelease } from "../core/chart-release";
import { operatorAntiAffinity } from "./private/scheduling";
import { resourcesOf } from "./resources";

/** Name under `additionalPrometheusRulesMap` of the PrometheusRule holding {@link KubePrometheusStackProps.ruleGroups}. */
export const RULES_MAP_KEY = "fx-trader";

/** Share of the Prometheus volume its TSDB may fill before the oldest blocks are dropped (headroom for WAL and compaction). */
export const PROMETHEUS_RETENTION_SIZE_RATIO = 0.85;

/** Kubernetes object name rules (RFC 1123 subdomain) for Alertmanager's secrets. */
const K8S_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** A Kubernetes Secret for Alertmanager, synced by External Secrets Operator from a JSON secret in AWS Secrets Manager. */
export interface AlertmanagerSecretSource {
  /** Kubernetes Secret name; mounted at `/etc/alertmanager/secrets/<name>/<key>`. */
  readonly name: string;
  /** Secrets Manager secret (name or ARN) whose JSON object holds the keys. */
  readonly secretsManagerSecret: string;
  /** JSON keys copied into the Secret; each becomes a file Alertmanager reads through a `*_file` setting. */
  readonly keys: readonly string[];
}

export interface KubePrometheusStackProps {
  readonly config: EnvironmentConfig;
  readonly helmProvider: HelmProvider;
  readonly cluster: DataAwsEksCluster;
  readonly namespace: string;
  /**
   * Name of the Kubernetes Secret with Grafana's admin credentials under `GRAFANA_ADMIN_KEYS` (an
   * ExternalSecret's target; the release depends on the ExternalSecrets release through `dependsOn`).
   */
  readonly grafanaAdminSecret: string;
  /**
   * Workspace Prometheus remote-writes to; creates the Pod Identity role that may write to it.
   * @default no remote write
   */
  readonly ampWorkspace?: AmpWorkspace;
  /**
   * Prometheus rule groups, deployed as a PrometheusRule through `additionalPrometheusRulesMap`. The chart's
   * default rules stay on.
   * @default none
   */
  readonly ruleGroups?: readonly PrometheusRuleGroup[];
  /**
   * The full alertmanager.yaml, placed in `alertmanager.config` (Helm merges it over the chart's default
   * config, so keys it leaves out keep the chart's values).
   * @default the chart's default configuration
   */
  readonly alertmanagerConfig?: AlertmanagerConfig;
  /**
   * Kubernetes Secrets mounted into Alertmanager at `/etc/alertmanager/secrets/<name>/` (receiver keys and
   * URLs read through `*_file` settings).
   * @default none
   */
  readonly alertmanagerSecrets?: readonly string[];
  /**
   * StorageClass of the Prometheus volumes; an expandable one lets a volume grow when `DiskCapacityHigh`
   * fires (K1) instead of being replaced.
   * @default the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/** Whether `ruleGroups` define an alert named `Watchdog`. */
function ownsWatchdog(ruleGroups: readonly PrometheusRuleGroup[] | undefined): boolean {
  return (ruleGroups ?? []).some((g) => g.rules.some((r) => r.alert === "Watchdog"));
}

export class KubePrometheusStack extends Construct {
  /** Where Alertmanager mounts a secret named in {@link KubePrometheusStackProps.alertmanagerSecrets}. */
  static alertmanagerSecretPath(secretName: string, key: string): string {
    return `/etc/alertmanager/secrets/${secretName}/${key}`;
  }

  readonly release: Release;
  readonly releaseName: string = RELEASE_NAMES.kubePrometheusStack;
  readonly values: HelmValues;
  /** The role Prometheus writes to AMP with (only when remote write is on). */
  readonly remoteWriteRole?: PodIdentityRole;

  constructor(scope: Construct, id: string, props: KubePrometheusStackProps) {
    super(scope, id);
    const { config } = props;
    const where = `[${config.name}] KubePrometheusStack`;
    for (const name of props.alertmanagerSecrets ?? []) {
      if (!K8S_NAME.test(name)) throw new Error(`${where}: alertmanagerSecrets entry ${JSON.stringify(name)}: must be a Kubernetes Secret name (lowercase RFC 1123)`);
    }
    if (props.ampWorkspace !== undefined) {
      this.remoteWriteRole = new PodIdentityRole(this, "remote-write-role", {
        config,
        cluster: props.cluster,
        name: "prometheus-remote-write",
        namespace: props.namespace,
        serviceAccount: SERVICE_ACCOUNTS.prometheus,
        statements: [props.ampWorkspace.remoteWriteStatement()],
      });
    }
    this.values = mergeValues(kubePrometheusStackValues(props), kubePrometheusStackSizing(config, props.storageClassName));
    this.release = chartRelease(this, "release", {
      chart: CHARTS.kubePrometheusStack,
      name: this.releaseName,
      namespace: props.namespace,
      values: this.values,
      provider: props.helmProvider,
      dependsOn: [...(this.remoteWriteRole ? [this.remoteWriteRole.association] : []), ...(props.dependsOn ?? [])],
    });
  }
}

/** Pod disruption budget keeping all but one replica up (quorum for Alertmanager's cluster of 3). */
function disruptionBudget(config: EnvironmentConfig, replicas: number): HelmValues {
  const enabled = config.observability.highAvailability.podDisruptionBudgets && replicas > 1;
  return enabled ? { enabled: true, minAvailable: replicas - 1 } : { enabled: false };
}

/**
 * Requests and memory limits of every container the chart runs, from the sizing table, and Grafana's volume on
 * the same StorageClass as Prometheus's.
 */
function kubePrometheusStackSizing(config: EnvironmentConfig, storageClassName: string | undefined): HelmValues {
  const r = (container: Parameters<typeof resourcesOf>[1]) => resourcesOf(config, container);
  return {
    prometheusOperator: {
      resources: r("prometheusOperator"),
      prometheusConfigReloader: { resources: r("configReloader") },
      admissionWebhooks: { patch: { resources: r("operatorJobs") } },
    },
    prometheus: { prometheusSpec: { resources: r("prometheus") } },
    alertmanager: { alertmanagerSpec: { resources: r("alertmanager") } },
    "kube-state-metrics": { resources: r("kubeStateMetrics") },
    "prometheus-node-exporter": { resources: r("nodeExporter") },
    grafana: {
      resources: r("grafana"),
      sidecar: { resources: r("grafanaSidecar") },
      initChownData: { resources: r("grafanaSidecar") },
      persistence: { storageClassName },
    },
  };
}

function kubePrometheusStackValues(props: KubePrometheusStackProps): HelmValues {
  const { config } = props;
  const o = config.observability;
  const ha = o.highAvailability;
  const interval = `${o.prometheus.scrapeIntervalSeconds}s`;
  const host = new URL(grafanaUrl(config)).host;
  return {
    fullnameOverride: RELEASE_NAMES.kubePrometheusStack,
    additionalPrometheusRulesMap: props.ruleGroups && props.ruleGroups.length > 0 ? { [RULES_MAP_KEY]: { groups: props.ruleGroups } } : undefined,
    // Our rules bring their own Watchdog (routed to the heartbeat); the chart's would page the heartbeat twice.
    defaultRules: ownsWatchdog(props.ruleGroups) ? { disabled: { Watchdog: true } } : undefined,
    // EKS runs the control plane: its controller manager, scheduler and etcd cannot be scraped, and
    // kube-proxy binds its metrics to localhost. Their monitors would only raise "target down" alerts.
    kubeControllerManager: { enabled: false },
    kubeScheduler: { enabled: false },
    kubeEtcd: { enabled: false },
    kubeProxy: { enabled: false },
    // M6 host metrics (node-exporter), M7 container metrics (cAdvisor through the kubelet, kube-state-metrics).
    nodeExporter: { enabled: true },
    kubeStateMetrics: { enabled: true },
    kubelet: { serviceMonitor: { cAdvisor: true } },
    prometheus: {
      serviceAccount: { create: true, name: SERVICE_ACCOUNTS.prometheus },
      podDisruptionBudget: disruptionBudget(config, o.prometheus.replicas),
      // M1: the application's /metrics.
      additionalServiceMonitors: [
        {
          name: o.appMetrics.serviceLabel,
          selector: { matchLabels: { "app.kubernetes.io/name": o.appMetrics.serviceLabel } },
          namespaceSelector: { matchNames: [config.eks.appNamespace] },
          endpoints: [{ port: o.appMetrics.port, path: o.appMetrics.path, interval }],
        },
      ],
      prometheusSpec: {
        replicas: o.prometheus.replicas,
        retention: `${o.prometheus.retentionDays}d`,
        retentionSize: `${Math.floor(o.prometheus.volumeSizeGiB * PROMETHEUS_RETENTION_SIZE_RATIO)}GiB`,
        scrapeInterval: interval,
        externalLabels: { cluster: config.eks.clusterName, environment: config.name },
        // AMP de-duplicates an HA pair by the `cluster` and `__replica__` labels.
        replicaExternalLabelName: "__replica__",
        // Select ServiceMonitors, PodMonitors, rules and probes of every release (the exporters' too),
        // not only those labelled with this release.
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        ruleSelectorNilUsesHelmValues: false,
        probeSelectorNilUsesHelmValues: false,
        scrapeConfigSelectorNilUsesHelmValues: false,
        ...operatorAntiAffinity(ha.zoneAntiAffinity),
        storageSpec: {
          volumeClaimTemplate: {
            spec: {
              storageClassName: props.storageClassName,
              accessModes: ["ReadWriteOnce"],
              resources: { requests: { storage: `${o.prometheus.volumeSizeGiB}Gi` } },
            },
          },
        },
        remoteWrite: props.ampWorkspace ? [{ url: props.ampWorkspace.remoteWriteUrl, sigv4: { region: config.region } }] : undefined,
      },
    },
    alertmanager: {
      podDisruptionBudget: disruptionBudget(config, o.alertmanager.replicas),
      config: props.alertmanagerConfig,
      alertmanagerSpec: {
        replicas: o.alertmanager.replicas,
        secrets: props.alertmanagerSecrets && props.alertmanagerSecrets.length > 0 ? [...props.alertmanagerSecrets] : undefined,
        ...operatorAntiAffinity(ha.zoneAntiAffinity),
      },
    },
    grafana: {
      // D4: Grafana Enterprise where the edition says so (team sync); undefined keeps the chart's OSS image.
      image: grafanaImage(config),
      admin: { existingSecret: props.grafanaAdminSecret, userKey: GRAFANA_ADMIN_KEYS.user, passwordKey: GRAFANA_ADMIN_KEYS.password },
      // Data sources are Terraform-managed by the grafana layer (C2); the sidecar's would clash on their UIDs.
      sidecar: { datasources: { enabled: false } },
      ingress: {
        enabled: true,
        ingressClassName: o.grafana.ingressClassName,
        annotations: grafanaIngressAnnotations(config),
        hosts: [host],
        path: "/",
        pathType: "Prefix",
      },
      "grafana.ini": {
        server: { root_url: grafanaUrl(config) },
        analytics: { reporting_enabled: false, check_for_updates: false },
        users: { allow_sign_up: false },
        ...grafanaAccessIni(config),
      },
      // S5: the OIDC client secret (and the Enterprise licence) from the ExternalSecrets' Secrets, never in these values.
      envValueFrom: grafanaSecretEnv(config),
      // One replica on a volume: SQLite keeps what the grafana layer creates (see ObservabilityConfig.grafana).
      persistence: { enabled: true, size: `${o.grafana.volumeSizeGiB}Gi` },
      deploymentStrategy: { type: "Recreate" },
    },
  };
}
