/**
 * Capacity (K1, K2): every autoscaling policy of an environment, composed from its capacity config.
 *
 * - application: one HorizontalPodAutoscaler per FX Trader Deployment (CPU and memory targets, behaviour);
 * - worker nodes: peak minimums on the managed node groups' Auto Scaling groups;
 * - database: Aurora replica auto scaling on reader CPU, with peak minimums (Aurora only);
 * - cache: ElastiCache replica auto scaling on replica CPU, with peak minimums (where the group supports it);
 * - disk: an expandable gp3 StorageClass; `DiskCapacityHigh` triggers what cannot grow by itself.
 */
import type { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "../../config/types";
import { SummaryNote } from "../core/summary-note";
import { ApplicationAutoscaler } from "./application-autoscaler";
import { ExpandableStorageClass } from "./expandable-storage-class";
import { NodeGroupPeakSchedule } from "./node-group-peak-schedule";
import { ReplicaAutoscaling } from "./replica-autoscaling";
import { auroraReaders, elastiCacheReplicas } from "./scalable-replicas";

export interface CapacityProps {
  readonly config: Pick<EnvironmentConfig, "name" | "capacity" | "cache" | "database" | "eks" | "protectStatefulResources">;
  /** Kubernetes provider of the environment's EKS cluster (HPAs, StorageClass). */
  readonly kubernetes: KubernetesProvider;
}

export class Capacity extends Construct {
  readonly applications: readonly ApplicationAutoscaler[];
  readonly nodeGroups: readonly NodeGroupPeakSchedule[];
  /** Undefined when the database is RDS PostgreSQL: RDS has no read-replica auto scaling. */
  readonly dbReaders?: ReplicaAutoscaling;
  /** Undefined when `capacity.cacheReplicas.enabled` is false. */
  readonly cacheReplicas?: ReplicaAutoscaling;
  readonly storageClass: ExpandableStorageClass;

  constructor(scope: Construct, id: string, props: CapacityProps) {
    super(scope, id);
    const { config, kubernetes } = props;
    const k = config.capacity;
    const app = new Construct(this, "app");
    this.applications = k.app.deployments.map((d) => new ApplicationAutoscaler(app, d, { config, deployment: d, provider: kubernetes }));
    const nodes = new Construct(this, "nodes");
    this.nodeGroups = k.nodes.groups.map((group) => new NodeGroupPeakSchedule(nodes, group.name, { config, group }));
    if (config.database.engine === "aurora-postgresql") {
      this.dbReaders = new ReplicaAutoscaling(this, "db-readers", {
        config,
        replicas: auroraReaders(config.database.identifier),
        tier: k.dbReaders,
        field: "capacity.dbReaders",
      });
    }
    if (k.cacheReplicas.enabled) {
      this.cacheReplicas = new ReplicaAutoscaling(this, "cache-replicas", {
        config,
        replicas: elastiCacheReplicas(config.cache.replicationGroupId),
        tier: k.cacheReplicas,
        field: "capacity.cacheReplicas",
      });
    }
    this.storageClass = new ExpandableStorageClass(this, "storage", { config, provider: kubernetes });
    new SummaryNote(this, "summary", { topic: "capacity", text: this.summary(config) });
  }

  private summary(config: CapacityProps["config"]): string {
    const k = config.capacity;
    const tiers = [
      `HPA CPU ${k.cpuTargetPercent}% / memory ${k.memoryTargetPercent}% on ${k.app.deployments.length} deployments (${k.app.minReplicas}–${k.app.maxReplicas} pods)`,
      this.dbReaders ? `DB readers ${k.dbReaders.min}–${k.dbReaders.max} (peak ${k.dbReaders.peakMin})` : "DB readers not scaled (RDS PostgreSQL)",
      this.cacheReplicas ? `cache replicas ${k.cacheReplicas.min}–${k.cacheReplicas.max} (peak ${k.cacheReplicas.peakMin})` : "cache replicas not scaled",
    ];
    const actions =
      this.nodeGroups.reduce((n, g) => n + g.schedules.length, 0) + (this.dbReaders?.scheduledActions.length ?? 0) + (this.cacheReplicas?.scheduledActions.length ?? 0);
    const peaks = k.marketSessions.length > 0 ? `peaks ${k.marketSessions.map((s) => s.name).join(", ")}: ${actions} scheduled actions (UTC)` : "no peak schedule";
    return `${tiers.join("; ")}; ${peaks}; volumes expandable (expand at ${k.diskExpansionPercent}%)`;
  }
}
