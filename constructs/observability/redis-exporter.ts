/**
 * M3, M9: redis_exporter for the environment's ElastiCache replication group, scraped through its
 * ServiceMonitor. ElastiCache allows AUTH only with in-transit encryption, so the address is `rediss://`.
 */
import { DataAwsElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/data-aws-elasticache-replication-group";
import type { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import type { Release } from "@cdktf/provider-helm/lib/release";
import { Token, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { CHARTS } from "../../config/charts";
import type { EnvironmentConfig } from "../../config/types";
import { KUBERNETES_SECRET_NAMES, REDIS_AUTH_KEY } from "../../secrets/catalog";
import { RELEASE_NAMES } from "./endpoints";
import type { HelmValues } from "../core/helm-values";
import { chartRelease } from "../core/chart-release";
import { resourcesOf } from "./resources";

export interface RedisExporterProps {
  readonly config: Pick<EnvironmentConfig, "cache" | "observability">;
  readonly helmProvider: HelmProvider;
  readonly namespace: string;
  /** Include the ExternalSecrets release, which creates the AUTH token Secret. @default none */
  readonly dependsOn?: ITerraformDependable[];
}

export class RedisExporter extends Construct {
  /** Name of the Kubernetes Secret with the AUTH token. */
  readonly authSecret: string = KUBERNETES_SECRET_NAMES.redisExporter;
  readonly release: Release;
  readonly releaseName: string = RELEASE_NAMES.redisExporter;
  readonly values: HelmValues;

  constructor(scope: Construct, id: string, props: RedisExporterProps) {
    super(scope, id);
    const { config } = props;
    const group = new DataAwsElasticacheReplicationGroup(this, "cache", { replicationGroupId: config.cache.replicationGroupId });
    this.values = {
      fullnameOverride: RELEASE_NAMES.redisExporter,
      redisAddress: `rediss://${group.primaryEndpointAddress}:${Token.asString(group.port)}`,
      auth: { enabled: true, secret: { name: this.authSecret, key: REDIS_AUTH_KEY } },
      serviceMonitor: { enabled: true, interval: `${config.observability.prometheus.scrapeIntervalSeconds}s` },
      resources: resourcesOf(config, "redisExporter"),
    };
    this.release = chartRelease(this, "release", {
      chart: CHARTS.redisExporter,
      name: this.releaseName,
      namespace: props.namespace,
      values: this.values,
      provider: props.helmProvider,
      dependsOn: props.dependsOn,
    });
  }
}
