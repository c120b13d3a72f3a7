/**
 * Layer `grafana`: Grafana's own objects (data sources, folders, teams, permissions, dashboards) through
 * the generated Grafana provider. Applied after `platform`, because the provider needs Grafana up.
 * S5: the provider authenticates with a Grafana service-account token read through an ephemeral resource,
 * so the token is never in state or plan; plans read the read-only token, deploys the managing one.
 */
import { Fn, Op, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { GrafanaProvider } from "../.gen/providers/grafana/provider";
import type { EnvironmentConfig } from "../config/types";
import { GrafanaDataSources } from "../constructs/grafana/data-sources";
import { grafanaUrl } from "../config/urls";
import { ephemeralSecretString } from "../constructs/core/ephemeral-secret";
import { GrafanaOrganisation } from "../constructs/grafana/grafana-organisation";
import { secretById, secretName } from "../secrets/catalog";
import { EnvironmentStack } from "./environment-stack";

/** Terraform variable choosing the Grafana token: `plan` (pull requests, read-only) or `deploy` (default). */
export const GRAFANA_TOKEN_ROLE_VARIABLE = "grafana_token_role";

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
    const { config } = props;
    // The plan role may read only the read-only token and the deploy role only the managing one
    // (secrets/terraform-access.ts), so a plan run that forgets TF_VAR_grafana_token_role=plan fails
    // reading the secret instead of planning with more rights than it needs.
    const role = new TerraformVariable(this, GRAFANA_TOKEN_ROLE_VARIABLE, {
      type: "string",
      default: "deploy",
      description: "Which Grafana token the provider reads: plan (read-only, pull requests) or deploy (manages the grafana layer)",
    });
    role.addValidation({ condition: Fn.contains(["plan", "deploy"], role.stringValue), errorMessage: "grafana_token_role must be plan or deploy." });
    // Ephemeral (Terraform >= 1.10): not stored in a saved plan and set again when it is applied, so the deploy
    // applies the plan made with the read-only token (TF_VAR_grafana_token_role=plan, plan role) using the
    // managing one. cdktf 0.21's TerraformVariableConfig has no `ephemeral` field, hence the override.
    role.addOverride("ephemeral", true);
    const tokenSecret = Fn.conditional(
      Op.eq(role.stringValue, "plan"),
      secretName(config, secretById(config, "grafana-terraform-read-token")),
      secretName(config, secretById(config, "grafana-terraform-token")),
    );
    this.grafana = new GrafanaProvider(this, "grafana", {
      url: grafanaUrl(config),
      auth: ephemeralSecretString(this, "grafana_token", tokenSecret),
    });
    this.organisation = new GrafanaOrganisation(this, "organisation", { config });
    this.dataSources = new GrafanaDataSources(this, "data-sources", { config, provider: this.grafana });
  }
}
