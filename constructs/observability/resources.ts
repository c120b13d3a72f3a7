/**
 * Container resources from the environment's sizing table (`observability.sizing`): the Kubernetes
 * `resources` of each kind of container, and the totals the configured replicas reserve (synth summary, docs).
 */
import type { ContainerSize, EnvironmentConfig, SizedContainer } from "../../config/types";
import type { HelmValues } from "../core/helm-values";

/** A Kubernetes `resources` block: CPU and memory requests, a memory limit, no CPU limit. */
export function containerResources(size: ContainerSize): HelmValues {
  return {
    requests: { cpu: `${size.cpuMillicores}m`, memory: `${size.memoryMiB}Mi` },
    limits: { memory: `${size.memoryLimitMiB}Mi` },
  };
}

/** The `resources` of one kind of container in an environment. */
export function resourcesOf(config: Pick<EnvironmentConfig, "observability">, container: SizedContainer): HelmValues {
  return containerResources(config.observability.sizing[container]);
}

/** How many containers of a kind the environment runs: a fixed count, or one per node (DaemonSets). */
export interface SizedCount {
  readonly container: SizedContainer;
  readonly count: number;
  readonly perNode: boolean;
}

/**
 * The long-running containers each environment runs, by kind, from the same settings the charts' values use
 * (replicas, deployment modes, caches). One-shot Jobs and init containers are left out: they reserve nothing
 * while the stack runs. The render suite checks these counts against the rendered manifests.
 */
export function sizedCounts(config: Pick<EnvironmentConfig, "observability">): SizedCount[] {
  const o = config.observability;
  const scalable = o.loki.deploymentMode === "SimpleScalable";
  const caches = o.loki.chunksCacheMemoryMiB > 0;
  const gateways = lokiGatewayReplicas(config);
  const tempoPods = o.tempo.deploymentMode === "distributed" ? 4 * o.tempo.replicas + 1 : o.tempo.replicas;
  const fixed = (container: SizedContainer, count: number): SizedCount => ({ container, count, perNode: false });
  const perNode = (container: SizedContainer): SizedCount => ({ container, count: 1, perNode: true });
  return [
    fixed("prometheus", o.prometheus.replicas),
    fixed("alertmanager", o.alertmanager.replicas),
    // The operator adds one config-reloader to every Prometheus and Alertmanager pod.
    fixed("configReloader", o.prometheus.replicas + o.alertmanager.replicas),
    fixed("prometheusOperator", 1),
    fixed("kubeStateMetrics", 1),
    fixed("grafana", 1),
    fixed("grafanaSidecar", 1),
    // Monolithic: one binary per replica; SimpleScalable: read, write and backend targets.
    fixed("loki", scalable ? 3 * o.loki.replicas : o.loki.replicas),
    // The rules sidecar runs beside the binary that evaluates rules (the monolith, or each backend).
    fixed("lokiSidecar", o.loki.replicas),
    fixed("lokiGateway", gateways),
    fixed("metricsExporter", gateways + (caches ? 2 : 0)),
    fixed("lokiChunksCache", caches ? 1 : 0),
    fixed("lokiResultsCache", caches ? 1 : 0),
    // Distributed: ingester, distributor, querier and query-frontend per replica, one compactor.
    fixed("tempo", tempoPods),
    fixed("tempoMemcached", o.tempo.deploymentMode === "distributed" ? 1 : 0),
    fixed("postgresExporter", 1),
    fixed("redisExporter", 1),
    // S5: External Secrets Operator's controller, webhook and certificate controller (one replica each).
    fixed("externalSecrets", 1),
    fixed("externalSecretsWebhook", 1),
    fixed("externalSecretsCertController", 1),
    perNode("nodeExporter"),
    perNode("alloy"),
    perNode("configReloader"),
  ].filter((c) => c.count > 0);
}

/** Replicas of Loki's gateway: two where Loki runs highly available. */
export function lokiGatewayReplicas(config: Pick<EnvironmentConfig, "observability">): number {
  return config.observability.loki.deploymentMode === "SimpleScalable" ? 2 : 1;
}

/** Summed requests and memory limits, in millicores and MiB. */
export interface ResourceTotal {
  readonly cpuMillicores: number;
  readonly memoryMiB: number;
  readonly memoryLimitMiB: number;
}

/** What the stack reserves: for the fixed replicas, and on every node (DaemonSets). */
export function resourceTotals(config: Pick<EnvironmentConfig, "observability">): { readonly cluster: ResourceTotal; readonly perNode: ResourceTotal } {
  const sum = (perNode: boolean): ResourceTotal =>
    sizedCounts(config)
      .filter((c) => c.perNode === perNode)
      .reduce(
        (t, c) => {
          const s = config.observability.sizing[c.container];
          return {
            cpuMillicores: t.cpuMillicores + c.count * s.cpuMillicores,
            memoryMiB: t.memoryMiB + c.count * s.memoryMiB,
            memoryLimitMiB: t.memoryLimitMiB + c.count * s.memoryLimitMiB,
          };
        },
        { cpuMillicores: 0, memoryMiB: 0, memoryLimitMiB: 0 },
      );
  return { cluster: sum(false), perNode: sum(true) };
}

/** `2.35 CPU, 9.5 GiB requested (limit 14 GiB)` */
export function formatTotal(t: ResourceTotal): string {
  const gib = (mib: number) => `${Number((mib / 1024).toFixed(1))} GiB`;
  return `${Number((t.cpuMillicores / 1000).toFixed(2))} CPU, ${gib(t.memoryMiB)} requested (limit ${gib(t.memoryLimitMiB)})`;
}
