/**
 * S5: External Secrets Operator in the platform layer: its namespace, the `external-secrets` chart (pinned,
 * CRDs installed by the packaged chart through `installCRDs`), and the EKS Pod Identity role of its
 * controller, which may read only the secrets this environment syncs into the cluster, all under the
 * environment's own `secrets.pathPrefix`.
 */
import type { Release } from "@cdktf/provider-helm/lib/release";
import { OPERATOR_POD_SECURITY, podSecurityLabels } from "../observability/network/pod-security";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Construct } from "constructs";
import { CHARTS } from "../../config/charts";
import type { EnvironmentConfig } from "../../config/types";
import { environmentSecrets, OPERATOR_NAMESPACE, OPERATOR_SERVICE_ACCOUNT, secretName } from "../../secrets/catalog";
import { secretArn } from "../../secrets/terraform-access";
import type { EksProviders } from "../core/eks-providers";
import type { HelmValues } from "../core/helm-values";
import { resourcesOf } from "../observability/resources";
import { PodIdentityRole } from "../observability/pod-identity-role";
import type { PolicyStatement } from "../core/policy-statements";
import { chartRelease } from "../core/chart-release";

/** Helm release name (and `fullnameOverride`) of the operator. */
export const OPERATOR_RELEASE_NAME = "external-secrets";

export interface ExternalSecretsOperatorProps {
  readonly config: EnvironmentConfig;
  readonly eks: EksProviders;
}

/**
 * What the controller may do: read the value and metadata of each secret an ExternalSecret names (ARNs
 * with Secrets Manager's six-character suffix), nothing else; the Terraform-read secrets are not among them.
 */
export function operatorStatements(config: EnvironmentConfig): PolicyStatement[] {
  const synced = environmentSecrets(config).filter((s) => s.kubernetes !== undefined);
  return [
    {
      sid: "ReadSyncedSecrets",
      actions: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
      resources: synced.map((s) => secretArn(config, secretName(config, s))),
    },
  ];
}

export class ExternalSecretsOperator extends Construct {
  readonly namespace: NamespaceV1;
  readonly role: PodIdentityRole;
  /** The operator release; the store and ExternalSecrets release depends on it (CRDs and webhook first). */
  readonly release: Release;
  readonly values: HelmValues;

  constructor(scope: Construct, id: string, props: ExternalSecretsOperatorProps) {
    super(scope, id);
    const { config, eks } = props;
    this.namespace = new NamespaceV1(this, "namespace", {
      provider: eks.kubernetes,
      metadata: { name: OPERATOR_NAMESPACE, labels: { "app.kubernetes.io/part-of": "fx-trader-secrets", ...podSecurityLabels(OPERATOR_POD_SECURITY) } },
    });
    this.role = new PodIdentityRole(this, "role", {
      config,
      cluster: eks.cluster,
      name: "external-secrets",
      namespace: OPERATOR_NAMESPACE,
      serviceAccount: OPERATOR_SERVICE_ACCOUNT,
      statements: operatorStatements(config),
    });
    this.values = {
      fullnameOverride: OPERATOR_RELEASE_NAME,
      // The packaged chart carries the CRDs as templates; installCRDs renders them, so the first apply
      // needs no CRD at plan time and Helm upgrades them with the chart.
      installCRDs: true,
      serviceAccount: { create: true, name: OPERATOR_SERVICE_ACCOUNT },
      resources: resourcesOf(config, "externalSecrets"),
      webhook: { resources: resourcesOf(config, "externalSecretsWebhook") },
      certController: { resources: resourcesOf(config, "externalSecretsCertController") },
    };
    this.release = chartRelease(this, "release", {
      chart: CHARTS.externalSecrets,
      name: OPERATOR_RELEASE_NAME,
      namespace: OPERATOR_NAMESPACE,
      values: this.values,
      provider: eks.helm,
      dependsOn: [this.namespace, this.role.association],
    });
  }
}
