/**
 * Layer `grafana`: Grafana's own objects (data sources, folders, teams, permissions, dashboards) through
 * the generated Grafana provider. Applied after `platform`, because the provider needs Grafana up.
 * Credentials are read from Secrets Manager at apply time; no secret value is in the synthesized JSON.
 */
import { DataAwsSecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version";
import { Fn } from "cdktf";
import type { Construct } from "constructs";
import { GrafanaProvider } from "../.gen/providers/grafana/provider";
import type { EnvironmentConfig } from "../config/types";
import { GrafanaDataSources } from "../constructs/grafana/data-sources";
import { grafanaUrl } from "../config/urls";
import { GrafanaOrganisation } from "../constructs/grafana/grafana-organisation";
import { EnvironmentStack } from "./environment-stack";

export interface GrafanaStackProps {
  readonly config: EnvironmentConfig;
}

export class GrafanaStack extends EnvironmentStack {
  readonly grafana: GrafanaProvider;
  /** Team folders, teams, folder permissions and dashboards (D1–D4). */
  readonly organisation: GrafanaOrganisation;
  readonly dataSources: GrafanaDataSources;

  constructor(scope: Construct, props: GrafanaStackProps) {
    super(scope, { config: props.config, layer: "grafana" });
    const admin = new DataAwsSecretsmanagerSecretVersion(this, "grafana-admin", {
      secretId: props.config.observability.grafana.adminSecretName,
    });
    const credentials = Fn.jsondecode(admin.secretString);
    this.grafana = new GrafanaProvider(this, "grafana", {
      url: grafanaUrl(props.config),
      auth: Fn.join(":", [Fn.lookup(credentials, "admin-user"), Fn.lookup(credentials, "admin-password")]),
    });
    this.organisation = new GrafanaOrganisation(this, "organisation", { config: props.config });
    this.dataSources = new GrafanaDataSources(this, "data-sources", { config: props.config, provider: this.grafana });
  }
}
