/** A Kubernetes Secret whose keys are copied at apply time from a JSON secret in AWS Secrets Manager. */
import { DataAwsSecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version";
import type { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { Fn, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";

export interface MirroredSecretProps {
  readonly provider: KubernetesProvider;
  /** Name (or ARN) of the Secrets Manager secret; its value is a JSON object. */
  readonly secretsManagerSecret: string;
  /** Name of the Kubernetes Secret. */
  readonly name: string;
  readonly namespace: string;
  /** JSON keys copied into the Kubernetes Secret under the same names; a missing key fails the apply. */
  readonly keys: readonly string[];
  /** e.g. the namespace the Secret lives in. @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Charts take credentials from an existing Kubernetes Secret (`existingSecret`, `passwordSecret`); this
 * creates that Secret from Secrets Manager, so no credential is ever in the repository or the synthesized
 * JSON, only a reference resolved by Terraform at apply time. (The value does reach the encrypted Terraform
 * state, as it must for Terraform to write the Secret.)
 */
export class MirroredSecret extends Construct {
  readonly secret: SecretV1;
  /** Name of the Kubernetes Secret; releases that mount it also depend on {@link secret}. */
  readonly name: string;
  readonly keys: readonly string[];

  constructor(scope: Construct, id: string, props: MirroredSecretProps) {
    super(scope, id);
    if (props.keys.length === 0) {
      throw new Error(`MirroredSecret ${props.namespace}/${props.name}: keys is empty: name the JSON keys of ${props.secretsManagerSecret} to copy`);
    }
    this.keys = props.keys;
    this.name = props.name;
    const version = new DataAwsSecretsmanagerSecretVersion(this, "source", { secretId: props.secretsManagerSecret });
    const json = Fn.jsondecode(version.secretString);
    this.secret = new SecretV1(this, "secret", {
      provider: props.provider,
      metadata: { name: props.name, namespace: props.namespace, labels: { "app.kubernetes.io/managed-by": "cdktf" } },
      type: "Opaque",
      data: Object.fromEntries(props.keys.map((key) => [key, Fn.lookup(json, key)])),
      dependsOn: props.dependsOn,
    });
  }
}
