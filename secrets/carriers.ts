/**
 * S5: the Terraform resource and data types that can carry a secret value into state or plan, and a finder
 * over a synthesized stack. None may appear in any stack, with no exception: the backup SNS endpoint (kept in
 * state by nature) enters as a sensitive input variable the pipeline sets, not through a data source.
 * Ephemeral resources are not carriers: Terraform never persists them.
 */

/** A block type that carries a secret value, or does when `attribute` is set. */
export interface SecretCarrier {
  readonly block: "resource" | "data";
  readonly type: string;
  /** Only a carrier when this attribute is set (e.g. a database's `master_password`). @default always */
  readonly attribute?: string;
  readonly why: string;
}

export const SECRET_CARRIERS: readonly SecretCarrier[] = [
  { block: "data", type: "aws_secretsmanager_secret_version", why: "its secret_string is stored in state" },
  { block: "data", type: "aws_secretsmanager_secret_versions", why: "every version's value is stored in state" },
  { block: "data", type: "aws_secretsmanager_random_password", why: "the generated password is stored in state" },
  { block: "data", type: "aws_ssm_parameter", why: "the (decrypted) value is stored in state" },
  { block: "data", type: "aws_ssm_parameters_by_path", why: "the (decrypted) values are stored in state" },
  { block: "data", type: "aws_kms_secrets", why: "the decrypted plaintext is stored in state" },
  { block: "data", type: "aws_eks_cluster_auth", why: "the cluster token is stored in state" },
  { block: "data", type: "aws_ecr_authorization_token", why: "the registry password is stored in state" },
  { block: "data", type: "kubernetes_secret", why: "the Secret's data is stored in state" },
  { block: "data", type: "kubernetes_secret_v1", why: "the Secret's data is stored in state" },
  { block: "resource", type: "kubernetes_secret", why: "the Secret's data is an attribute in state" },
  { block: "resource", type: "kubernetes_secret_v1", why: "the Secret's data is an attribute in state" },
  { block: "resource", type: "aws_secretsmanager_secret_version", why: "secret_string is an attribute in state" },
  { block: "resource", type: "aws_ssm_parameter", why: "the value is an attribute in state" },
  { block: "resource", type: "aws_iam_access_key", why: "the secret access key is an attribute in state" },
  { block: "resource", type: "aws_iam_user_login_profile", why: "the password is an attribute in state" },
  { block: "resource", type: "aws_kms_ciphertext", why: "the plaintext is an attribute in state" },
  { block: "resource", type: "random_password", why: "the result is an attribute in state" },
  { block: "resource", type: "tls_private_key", why: "the private key is an attribute in state" },
  { block: "resource", type: "grafana_service_account_token", why: "the token is an attribute in state" },
  { block: "resource", type: "grafana_api_key", why: "the key is an attribute in state" },
  { block: "resource", type: "aws_db_instance", attribute: "password", why: "the master password is an attribute in state (use manage_master_user_password)" },
  { block: "resource", type: "aws_rds_cluster", attribute: "master_password", why: "the master password is an attribute in state (use manage_master_user_password)" },
  { block: "resource", type: "aws_elasticache_replication_group", attribute: "auth_token", why: "the AUTH token is an attribute in state" },
  { block: "resource", type: "aws_elasticache_user", attribute: "passwords", why: "the passwords are attributes in state" },
  { block: "resource", type: "helm_release", attribute: "set_sensitive", why: "sensitive values are attributes in state (Helm reads Secrets the operator syncs instead)" },
  { block: "resource", type: "kubernetes_manifest", attribute: "manifest", why: "a manifest of kind Secret carries its data in state" },
];

/** One carrier found in a stack. */
export interface CarrierFinding {
  readonly address: string;
  readonly why: string;
}

/** The parts of a synthesized `cdk.tf.json` the finder reads. */
export interface StackBlocks {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
}

function isSecretManifest(body: Readonly<Record<string, unknown>>): boolean {
  const manifest = body.manifest as { kind?: unknown } | undefined;
  return manifest?.kind === "Secret";
}

/** Every secret carrier in `stack`. */
export function findSecretCarriers(stack: StackBlocks): CarrierFinding[] {
  const findings: CarrierFinding[] = [];
  for (const carrier of SECRET_CARRIERS) {
    const blocks = (carrier.block === "resource" ? stack.resource : stack.data)?.[carrier.type] ?? {};
    for (const [name, body] of Object.entries(blocks)) {
      if (carrier.attribute !== undefined && body[carrier.attribute] === undefined) continue;
      if (carrier.type === "kubernetes_manifest" && !isSecretManifest(body)) continue;
      const prefix = carrier.block === "data" ? "data." : "";
      findings.push({ address: `${prefix}${carrier.type}.${name}`, why: carrier.why });
    }
  }
  return findings;
}
