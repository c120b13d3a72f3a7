/**
 * Which replicas of an existing AWS resource Application Auto Scaling scales, and on which CPU metric.
 * A small value object, so one construct ({@link ReplicaAutoscaling}) serves Aurora and ElastiCache alike.
 */

export interface ScalableReplicas {
  /** Name part of the policy and scheduled actions, e.g. `db-readers`. */
  readonly slug: string;
  /** What the docs and summary call it, e.g. `Aurora readers`. */
  readonly label: string;
  readonly serviceNamespace: "rds" | "elasticache";
  readonly resourceId: string;
  readonly scalableDimension: string;
  /** Predefined target-tracking metric: average CPU of the replicas being added or removed. */
  readonly predefinedCpuMetric: string;
}

/** Aurora replicas of a DB cluster, scaled on the readers' average CPU (`RDSReaderAverageCPUUtilization`). */
export function auroraReaders(clusterIdentifier: string): ScalableReplicas {
  return {
    slug: "db-readers",
    label: "Aurora readers",
    serviceNamespace: "rds",
    resourceId: `cluster:${clusterIdentifier}`,
    scalableDimension: "rds:cluster:ReadReplicaCount",
    predefinedCpuMetric: "RDSReaderAverageCPUUtilization",
  };
}

/**
 * Replicas per shard of an ElastiCache replication group, scaled on the replicas' engine CPU
 * (`ElastiCacheReplicaEngineCPUUtilization`). Shards (`NodeGroups`) are not scaled: resharding moves slots and
 * is a planned change, not a reaction to load.
 */
export function elastiCacheReplicas(replicationGroupId: string): ScalableReplicas {
  return {
    slug: "cache-replicas",
    label: "ElastiCache replicas",
    serviceNamespace: "elasticache",
    resourceId: `replication-group/${replicationGroupId}`,
    scalableDimension: "elasticache:replication-group:Replicas",
    predefinedCpuMetric: "ElastiCacheReplicaEngineCPUUtilization",
  };
}
