/**
 * M3, M9: redis_exporter for the environment's ElastiCache replication group, scraped through its
 * ServiceMonitor. ElastiCache allows AUTH only with in-transit encryption, so the address is `rediss://`.
 */
import { DataAwsElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/data-aws-elasticache-replication-group";
import type { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import type { Release } from "@cdktf/provider-helm/lib/release";
import type { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Token, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { CHARTS } from "../../config/charts";
import type { EnvironmentConfig } from "../../config/types";
import { RELEASE_NAMES } from "./endpoints";
import type { HelmValues } from "./helm-values";
import { MirroredSecret } from "./mirrored-secret";
import { chartRelease } from "./private/chart-release";
import { resourcesOf } from "./resources";

/** JSON key of the Redis AUTH token in its secret. */
export const REDIS_AUTH_KEY = "password";

export interface RedisExporterProps {
  readonly config: EnvironmentConfig;
  readonly helmProvider: HelmProvider;
  readonly kubernetesProvider: KubernetesProvider;
  readonly namespace: string;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

export class RedisExporter extends Construct {
  readonly auth: MirroredSecret;
  readonly release: Release;
  readonly releaseName: string = RELEASE_NAMES.redisExporter;
  readonly values: HelmValues;

  constructor(scope: Construct, id: string, props: RedisExporterProps) {
    super(scope, id);
    const { config } = props;
    const group = new DataAwsElasticacheReplicationGroup(this, "cache", { replicationGroupId: config.cache.replicationGroupId });
    this.auth = new MirroredSecret(this, "auth", {
      provider: props.kubernetesProvider,
      secretsManagerSecret: config.observability.exporters.redisAuthSecretName,
      name: `${RELEASE_NAMES.redisExporter}-auth`,
      namespace: props.namespace,
      dependsOn: props.dependsOn,
      keys: [REDIS_AUTH_KEY],
    });
    this.values = {
      fullnameOverride: RELEASE_NAMES.redisExporter,
      redisAddress: `rediss://${group.primaryEndpointAddress}:${Token.asString(group.port)}`,
      auth: { enabled: true, secret: { name: this.auth.name, key: REDIS_AUTH_KEY } },
      serviceMonitor: { enabled: true, interval: `${config.observability.prometheus.scrapeIntervalSeconds}s` },
      resources: resourcesOf(config, "redisExporter"),
    };
    this.release = chartRelease(this, "release", {
      chart: CHARTS.redisExporter,
      name: this.releaseName,
      namespace: props.namespace,
      values: this.values,
      provider: props.helmProvider,
      dependsOn: [this.auth.secret, ...(props.dependsOn ?? [])],
    });
  }
}
