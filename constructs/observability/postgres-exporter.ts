/**
 * M2, M8, P1: postgres_exporter for the environment's database, scraped through its ServiceMonitor, with the
 * `pg_stat_statements` collector on. Credentials of a read-only monitoring user come from the Kubernetes Secret
 * External Secrets Operator syncs from Secrets Manager (S5).
 */
import { DataAwsDbInstance } from "@cdktf/provider-aws/lib/data-aws-db-instance";
import { DataAwsRdsCluster } from "@cdktf/provider-aws/lib/data-aws-rds-cluster";
import type { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import type { Release } from "@cdktf/provider-helm/lib/release";
import { Token, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { CHARTS } from "../../config/charts";
import type { EnvironmentConfig } from "../../config/types";
import { KUBERNETES_SECRET_NAMES, POSTGRES_CREDENTIAL_KEYS, RDS_CA_BUNDLE } from "../../secrets/catalog";
import { RELEASE_NAMES } from "./endpoints";
import type { HelmValues } from "../core/helm-values";
import { chartRelease } from "../core/chart-release";
import { resourcesOf } from "./resources";

/**
 * The port as text, resolved at apply time. It sits inside a JSON string of the values document, so Terraform's
 * interpolation yields `"port": "5432"` (a string, as the chart reads it). It must not be `jsonencode`d: that
 * adds a second pair of quotes inside the first and the document no longer parses.
 */
function portText(port: number): string {
  return Token.asString(port);
}

export interface PostgresExporterProps {
  readonly config: Pick<EnvironmentConfig, "database" | "observability">;
  readonly helmProvider: HelmProvider;
  readonly namespace: string;
  /** Include the ExternalSecrets release, which creates the credentials Secret. @default none */
  readonly dependsOn?: ITerraformDependable[];
}

export class PostgresExporter extends Construct {
  /** Name of the Kubernetes Secret with the monitoring user's credentials. */
  readonly credentialsSecret: string = KUBERNETES_SECRET_NAMES.postgresExporter;
  readonly release: Release;
  readonly releaseName: string = RELEASE_NAMES.postgresExporter;
  readonly values: HelmValues;

  constructor(scope: Construct, id: string, props: PostgresExporterProps) {
    super(scope, id);
    const { config } = props;
    const db = config.database;
    // The writer endpoint: statement statistics and connections are the primary's.
    const endpoint =
      db.engine === "aurora-postgresql"
        ? (() => {
            const cluster = new DataAwsRdsCluster(this, "database", { clusterIdentifier: db.identifier });
            return { host: cluster.endpoint, port: portText(cluster.port) };
          })()
        : (() => {
            const instance = new DataAwsDbInstance(this, "database", { dbInstanceIdentifier: db.identifier });
            return { host: instance.address, port: portText(instance.port) };
          })();
    this.values = {
      fullnameOverride: RELEASE_NAMES.postgresExporter,
      config: {
        datasource: {
          host: endpoint.host,
          port: endpoint.port,
          database: config.observability.exporters.postgresDatabase,
          // TLS with the server's certificate and host name verified against the RDS CA bundle (synced from
          // Secrets Manager, see secrets/catalog.ts RDS_CA_BUNDLE), not merely encrypted.
          sslmode: "verify-full",
          extraParams: `sslrootcert=${RDS_CA_BUNDLE.mountDir}/${RDS_CA_BUNDLE.key}`,
          userSecret: { name: this.credentialsSecret, key: POSTGRES_CREDENTIAL_KEYS.user },
          passwordSecret: { name: this.credentialsSecret, key: POSTGRES_CREDENTIAL_KEYS.password },
        },
        // P1: per-statement timings (needs the pg_stat_statements extension on the database).
        extraArgs: ["--collector.stat_statements"],
      },
      extraVolumes: [{ name: "rds-ca", secret: { secretName: KUBERNETES_SECRET_NAMES.rdsCaBundle, items: [{ key: RDS_CA_BUNDLE.key, path: RDS_CA_BUNDLE.key }] } }],
      extraVolumeMounts: [{ name: "rds-ca", mountPath: RDS_CA_BUNDLE.mountDir, readOnly: true }],
      serviceMonitor: { enabled: true, interval: `${config.observability.prometheus.scrapeIntervalSeconds}s` },
      resources: resourcesOf(config, "postgresExporter"),
    };
    this.release = chartRelease(this, "release", {
      chart: CHARTS.postgresExporter,
      name: this.releaseName,
      namespace: props.namespace,
      values: this.values,
      provider: props.helmProvider,
      dependsOn: props.dependsOn,
    });
  }
}
