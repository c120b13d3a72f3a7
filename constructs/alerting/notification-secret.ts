/**
 * The Kubernetes secret Alertmanager mounts for its receivers' credentials (C3), filled at apply time from
 * the Secrets Manager secret `config.alerts.notificationSecretName` through a data source: the synthesized
 * JSON only holds the lookup expressions, never a routing key or webhook URL.
 */
import { DataAwsSecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version";
import type { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { ALERTMANAGER_SECRET_NAME, notificationSecretKeys } from "../../alerts/secrets";
import type { EnvironmentConfig } from "../../config/types";

export interface NotificationSecretProps {
  readonly config: EnvironmentConfig;
  /** The provider of the environment's EKS cluster (the platform stack's). */
  readonly kubernetesProvider: KubernetesProvider;
}

export class NotificationSecret extends Construct {
  /** Kubernetes secret name, for kube-prometheus-stack `alertmanagerSpec.secrets`. */
  readonly secretName: string;
  /** Keys copied from Secrets Manager; each becomes a file Alertmanager reads. */
  readonly keys: readonly string[];
  readonly secret: SecretV1;

  constructor(scope: Construct, id: string, props: NotificationSecretProps) {
    super(scope, id);
    const { config } = props;
    this.secretName = ALERTMANAGER_SECRET_NAME;
    this.keys = notificationSecretKeys(config);
    const source = new DataAwsSecretsmanagerSecretVersion(this, "source", { secretId: config.alerts.notificationSecretName });
    const values = Fn.jsondecode(source.secretString);
    // lookup() without a default: a key missing from the Secrets Manager JSON fails the plan, naming the key.
    const data = Object.fromEntries(this.keys.map((key) => [key, Fn.lookup(values, key)]));
    this.secret = new SecretV1(this, "secret", {
      provider: props.kubernetesProvider,
      metadata: {
        name: this.secretName,
        namespace: config.eks.monitoringNamespace,
        labels: { "app.kubernetes.io/part-of": "fx-trader-alerting", "app.kubernetes.io/managed-by": "cdktf" },
      },
      type: "Opaque",
      data,
    });
  }
}
