/**
 * S2: the monitoring namespace's NetworkPolicies as a release of the project chart `fx-network-policies`
 * (Helm, like every other cluster object of this program; not `kubernetes_manifest`). Installed right after
 * the namespace, before the workloads, so no pod of the namespace ever runs unpoliced.
 */
import type { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import type { Release } from "@cdktf/provider-helm/lib/release";
import { AssetType, TerraformAsset, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "../../../config/types";
import { materializeProjectChart } from "../../secrets/project-chart";
import type { HelmValues } from "../../core/helm-values";
import { chartRelease } from "../../core/chart-release";
import { NETWORK_POLICY_CHART_FILES, NETWORK_POLICY_CHART_NAME } from "./policy-chart";
import { monitoringNetworkPolicies } from "./policies";

/** Helm release name of the policies. */
export const NETWORK_POLICY_RELEASE_NAME = "fx-network-policies";

export interface NetworkPoliciesProps {
  readonly config: Pick<EnvironmentConfig, "eks" | "observability">;
  readonly helmProvider: HelmProvider;
  readonly namespace: string;
  /** The namespace. */
  readonly dependsOn: ITerraformDependable[];
}

export class NetworkPolicies extends Construct {
  readonly release: Release;
  readonly values: HelmValues;

  constructor(scope: Construct, id: string, props: NetworkPoliciesProps) {
    super(scope, id);
    const chart = new TerraformAsset(this, "chart", {
      path: materializeProjectChart(undefined, NETWORK_POLICY_CHART_FILES, NETWORK_POLICY_CHART_NAME),
      type: AssetType.DIRECTORY,
    });
    this.values = { networkPolicies: monitoringNetworkPolicies(props.config).map((p) => ({ name: p.name, spec: p.spec })) };
    this.release = chartRelease(this, "release", {
      provider: props.helmProvider,
      name: NETWORK_POLICY_RELEASE_NAME,
      namespace: props.namespace,
      chart: { path: chart.path },
      values: this.values,
      dependsOn: props.dependsOn,
    });
  }
}
