/**
 * S5: every secret an environment uses, as data. Values live only in AWS Secrets Manager under the
 * environment's own `secrets.pathPrefix`; External Secrets Operator copies those the pods read into
 * Kubernetes Secrets (one ExternalSecret each, refreshed every `secrets.refreshIntervalMinutes`), and the
 * Grafana provider reads its token through an ephemeral resource. No stack reads a secret with a data source.
 * Terraform holds one value by nature: the backup alerts' SNS subscription endpoint, which the pipeline passes
 * in as a sensitive input variable (see {@link SecretDefinition.terraform}).
 *
 * The platform layer, the ExternalSecrets chart, the Grafana layer, the role permissions and
 * `docs/secrets.md` all read this one list.
 */
import { ALERTMANAGER_SECRET_NAME, notificationSecretKeys } from "../alerts/secrets";
import type { EnvironmentConfig } from "../config/types";

/** Keys of the Kubernetes Secret Grafana reads its admin credentials from (the chart's defaults). */
export const GRAFANA_ADMIN_KEYS = { user: "admin-user", password: "admin-password" } as const;

/** Key of Grafana's OIDC client secret in its Kubernetes Secret. */
export const GRAFANA_OIDC_SECRET_KEY = "client-secret";

/**
 * Key of the Grafana Enterprise licence (the `license.jwt` file Grafana Labs issues) in its Kubernetes Secret, for
 * environments whose `observability.grafana.edition.kind` is `enterprise`.
 */
export const GRAFANA_LICENSE_KEY = "license.jwt";

/** Keys of the PostgreSQL exporter's monitoring-user secret. */
export const POSTGRES_CREDENTIAL_KEYS = { user: "username", password: "password" } as const;

/**
 * The RDS certificate authorities' bundle the PostgreSQL exporter verifies the database's certificate
 * against (`sslmode=verify-full`). Public, published by AWS; carried by the secrets path so Terraform never
 * holds it and a CA rotation needs no apply.
 */
export const RDS_CA_BUNDLE = {
  key: "global-bundle.pem",
  source: "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem",
  mountDir: "/etc/postgres-exporter/rds-ca",
} as const;

/**
 * S2, S5: the TLS of Alloy → Tempo's OTLP gRPC receiver. A small private CA per environment signs Tempo's ingest
 * certificate; both are issued outside Terraform by `scripts/tls/issue-tempo-cert.sh` and stored in Secrets Manager
 * (entries created without a value), from where the operator syncs the certificate and key for Tempo (a
 * `kubernetes.io/tls` Secret) and the CA certificate alone for Alloy. The CA's key reaches no cluster: only the
 * script reads it, to sign a renewed certificate with the same CA (so Alloy's bundle does not change).
 */
export const TEMPO_INGEST_TLS = {
  /** Keys of the `kubernetes.io/tls` Secret Tempo's ingest pods mount (the type's own key names). */
  certificateKey: "tls.crt",
  privateKeyKey: "tls.key",
  /** Key of the CA bundle Alloy verifies Tempo against, and of the CA's key in its operator-only secret. */
  caKey: "ca.crt",
  caPrivateKeyKey: "ca.key",
  /** Where Tempo's ingest container mounts the certificate and key. */
  tempoMountDir: "/etc/tempo/ingest-tls",
  /** Where Alloy mounts the CA bundle. */
  alloyMountDir: "/etc/alloy/tempo-ca",
  /** How often Tempo's receiver re-reads the certificate and key (`reload_interval`), so a rotated pair needs no restart. */
  reloadInterval: "5m",
} as const;

/** Key of the Redis AUTH token in the Redis exporter's secret. */
export const REDIS_AUTH_KEY = "password";

/** Names of the Kubernetes Secrets the charts read (in the monitoring namespace). */
export const KUBERNETES_SECRET_NAMES = {
  grafanaAdmin: "grafana-admin",
  grafanaOidc: "grafana-oidc-client",
  grafanaLicense: "grafana-enterprise-license",
  alertmanagerReceivers: ALERTMANAGER_SECRET_NAME,
  postgresExporter: "postgres-exporter-credentials",
  rdsCaBundle: "rds-ca-bundle",
  redisExporter: "redis-exporter-auth",
  tempoIngestTls: "tempo-ingest-tls",
  tempoIngestCa: "tempo-ingest-ca",
} as const;

/** Namespace the External Secrets Operator runs in. */
export const OPERATOR_NAMESPACE = "external-secrets";

/** Service account of the operator's controller (the one that reads Secrets Manager). */
export const OPERATOR_SERVICE_ACCOUNT = "external-secrets";

/** Which Terraform role a Terraform-read secret is for (see `secrets/terraform-access.ts`). */
export type TerraformRole = "plan" | "deploy";

/** A secret as it exists in Secrets Manager, and where its value goes. */
export interface SecretDefinition {
  /** Stable identifier (also the docs' anchor). */
  readonly id: string;
  /** Name under the environment's `secrets.pathPrefix`, e.g. `grafana/admin`. */
  readonly path: string;
  /** What the value is. */
  readonly description: string;
  /** `json`: an object whose keys are listed in `kubernetes.keys`; `string`: the value itself. */
  readonly format: "json" | "string";
  /** The Kubernetes Secret an ExternalSecret of the same name makes from it (same keys as the JSON). */
  readonly kubernetes?: {
    readonly name: string;
    readonly namespace: string;
    readonly keys: readonly string[];
    /** The Secret's type (`target.template.type` of its ExternalSecret). @default Opaque */
    readonly type?: "kubernetes.io/tls";
  };
  /**
   * Read by an operator's script only (neither synced into the cluster nor read by Terraform): what reads it. No
   * role of this program may read it: the operator's role reads only synced secrets, the Terraform roles only theirs.
   */
  readonly operatorOnly?: string;
  /**
   * Used by Terraform itself: `ephemeral` (an ephemeral resource, never in state or plan), or `variable`: the
   * pipeline reads the secret with the listed roles and passes it as the sensitive input variable `variable`
   * (`TF_VAR_<variable>`). That is for the SNS subscription endpoint, which AWS stores on the subscription and
   * Terraform keeps in state by nature: `endpoint` is not write-only, so an ephemeral value cannot go there.
   */
  readonly terraform?:
    | { readonly layer: "grafana" | "data"; readonly read: "ephemeral"; readonly roles: readonly TerraformRole[]; readonly variable?: undefined }
    | { readonly layer: "grafana" | "data"; readonly read: "variable"; readonly variable: string; readonly roles: readonly TerraformRole[] };
  /** Who reads the value. */
  readonly readers: string;
  /** What to do after rotating it in Secrets Manager (which workloads need a restart). */
  readonly rotation: string;
}

/** The Secrets Manager name of a secret in an environment. */
export function secretName(config: Pick<EnvironmentConfig, "secrets">, definition: Pick<SecretDefinition, "path">): string {
  return `${config.secrets.pathPrefix}/${definition.path}`;
}

/** The ExternalSecret refresh interval as a Go duration (`15m`). */
export function refreshInterval(config: Pick<EnvironmentConfig, "secrets">): string {
  return `${config.secrets.refreshIntervalMinutes}m`;
}

/** Every secret of an environment, in a fixed order. */
export function environmentSecrets(config: EnvironmentConfig): readonly SecretDefinition[] {
  const monitoring = config.eks.monitoringNamespace;
  const within = "within the refresh interval (table above)";
  return [
    {
      id: "grafana-admin",
      path: "grafana/admin",
      description: "Grafana's built-in admin user and password (break-glass login; SSO is the normal way in)",
      format: "json",
      kubernetes: { name: KUBERNETES_SECRET_NAMES.grafanaAdmin, namespace: monitoring, keys: [GRAFANA_ADMIN_KEYS.user, GRAFANA_ADMIN_KEYS.password] },
      readers: "Grafana (kube-prometheus-stack `grafana.admin.existingSecret`, environment variables at start)",
      rotation: `the Kubernetes Secret follows ${within}; Grafana reads it only at start and stores the admin password in its database, so change it in Grafana too (\`grafana cli admin reset-admin-password\`) or restart the Grafana Deployment on a fresh volume`,
    },
    {
      id: "grafana-oidc-client",
      path: "grafana/oidc-client",
      description: "Grafana's OIDC client secret at the identity provider (SSO; issuer and client ID are in the environment config)",
      format: "json",
      kubernetes: { name: KUBERNETES_SECRET_NAMES.grafanaOidc, namespace: monitoring, keys: [GRAFANA_OIDC_SECRET_KEY] },
      readers: "Grafana (environment variable GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET, read at start)",
      rotation: `add the new secret at the identity provider, store it, wait for the Kubernetes Secret (${within}), then \`kubectl -n ${monitoring} rollout restart deployment/kps-grafana\`; revoke the old one after`,
    },
    // D4: only an Enterprise environment has a licence (an OSS one has no entry, so no secret, ExternalSecret or grant).
    ...(config.observability.grafana.edition.kind === "enterprise"
      ? [
          {
            id: "grafana-enterprise-license",
            path: "grafana/enterprise-license",
            description: `the Grafana Enterprise licence (the ${GRAFANA_LICENSE_KEY} file Grafana Labs issues for this environment's Grafana URL), under the JSON key \`${GRAFANA_LICENSE_KEY}\`: team sync needs it`,
            format: "json" as const,
            kubernetes: { name: KUBERNETES_SECRET_NAMES.grafanaLicense, namespace: monitoring, keys: [GRAFANA_LICENSE_KEY] },
            readers: "Grafana Enterprise (environment variable GF_ENTERPRISE_LICENSE_TEXT, `[enterprise] license_text`, read at start)",
            rotation: `store the renewed licence, wait for the Kubernetes Secret (${within}), then \`kubectl -n ${monitoring} rollout restart deployment/kps-grafana\`; an expired licence turns Enterprise features (team sync) off, not Grafana`,
          },
        ]
      : []),
    {
      id: "alertmanager-receivers",
      path: "alertmanager/receivers",
      description: "routing keys and webhook URLs of the Alertmanager receivers (keys listed in docs/alerts.md)",
      format: "json",
      kubernetes: { name: KUBERNETES_SECRET_NAMES.alertmanagerReceivers, namespace: monitoring, keys: notificationSecretKeys(config) },
      readers: "Alertmanager (mounted files read through `*_file` settings)",
      rotation: `the mounted files follow ${within} plus the kubelet's sync (about a minute); Alertmanager reads the files on every notification: no restart`,
    },
    {
      id: "postgres-exporter",
      path: "monitoring/postgres",
      description: "user name and password of the read-only monitoring database user",
      format: "json",
      kubernetes: { name: KUBERNETES_SECRET_NAMES.postgresExporter, namespace: monitoring, keys: [POSTGRES_CREDENTIAL_KEYS.user, POSTGRES_CREDENTIAL_KEYS.password] },
      readers: "postgres_exporter (environment variables)",
      rotation: `the Kubernetes Secret follows ${within}; environment variables are read at start: \`kubectl -n ${monitoring} rollout restart deployment/postgres-exporter\` after that (keep the old password valid until then)`,
    },
    {
      id: "rds-ca-bundle",
      path: "monitoring/rds-ca-bundle",
      description: `the RDS certificate authorities' bundle (public; AWS publishes it at ${RDS_CA_BUNDLE.source}), under the JSON key \`${RDS_CA_BUNDLE.key}\`: postgres_exporter verifies the database's certificate and host name against it (sslmode=verify-full)`,
      format: "json",
      kubernetes: { name: KUBERNETES_SECRET_NAMES.rdsCaBundle, namespace: monitoring, keys: [RDS_CA_BUNDLE.key] },
      readers: `postgres_exporter (a file mounted at ${RDS_CA_BUNDLE.mountDir}/${RDS_CA_BUNDLE.key}, read at each connection)`,
      rotation: `when AWS adds or rotates an RDS CA, store the new bundle (download it from ${RDS_CA_BUNDLE.source}); the mounted file follows ${within} plus the kubelet's sync: no restart`,
    },
    {
      id: "tempo-ingest-tls",
      path: "monitoring/tempo-ingest-tls",
      description: `the certificate (PEM, with the SANs Alloy dials) and private key of Tempo's OTLP gRPC receiver, under the JSON keys \`${TEMPO_INGEST_TLS.certificateKey}\` and \`${TEMPO_INGEST_TLS.privateKeyKey}\`, issued by \`scripts/tls/issue-tempo-cert.sh <environment>\` from the environment's Tempo ingest CA`,
      format: "json",
      kubernetes: {
        name: KUBERNETES_SECRET_NAMES.tempoIngestTls,
        namespace: monitoring,
        keys: [TEMPO_INGEST_TLS.certificateKey, TEMPO_INGEST_TLS.privateKeyKey],
        type: "kubernetes.io/tls",
      },
      readers: `Tempo's OTLP gRPC receiver (the distributor; the single binary in single-binary mode): files mounted at ${TEMPO_INGEST_TLS.tempoMountDir}, reloaded every ${TEMPO_INGEST_TLS.reloadInterval}`,
      rotation: `re-run \`scripts/tls/issue-tempo-cert.sh <environment> --apply\` before the certificate expires (it signs a new one with the same CA, so Alloy's bundle is unchanged); the Kubernetes Secret follows ${within} plus the kubelet's sync, and Tempo reloads the files within ${TEMPO_INGEST_TLS.reloadInterval}: no restart`,
    },
    {
      id: "tempo-ingest-ca",
      path: "monitoring/tempo-ingest-ca",
      description: `the certificate of the environment's Tempo ingest CA (public; PEM, more than one during a CA rotation) under the JSON key \`${TEMPO_INGEST_TLS.caKey}\`, written by \`scripts/tls/issue-tempo-cert.sh\``,
      format: "json",
      kubernetes: { name: KUBERNETES_SECRET_NAMES.tempoIngestCa, namespace: monitoring, keys: [TEMPO_INGEST_TLS.caKey] },
      readers: `Alloy's otelcol.exporter.otlp (a file mounted at ${TEMPO_INGEST_TLS.alloyMountDir}/${TEMPO_INGEST_TLS.caKey}, read when the component starts)`,
      rotation: `only on a CA rotation (\`scripts/tls/issue-tempo-cert.sh <environment> --new-ca --apply\`, which keeps the old CA in the bundle): wait for the Kubernetes Secret (${within}), then \`kubectl -n ${monitoring} rollout restart daemonset/alloy\`, then issue the certificate from the new CA (the same script without --new-ca); drop the old CA from the bundle after the old certificate expired`,
    },
    {
      id: "tempo-ingest-ca-key",
      path: "monitoring/tempo-ingest-ca-key",
      description: `the private key of the environment's Tempo ingest CA (PEM) with its certificate, under the JSON keys \`${TEMPO_INGEST_TLS.caPrivateKeyKey}\` and \`${TEMPO_INGEST_TLS.caKey}\``,
      format: "json",
      operatorOnly: "`scripts/tls/issue-tempo-cert.sh` (run by an operator) reads it to sign a renewed Tempo certificate; no role of this program may read it",
      readers: "an operator running `scripts/tls/issue-tempo-cert.sh` (never synced into the cluster, never read by Terraform)",
      rotation: "written by the script with --new-ca only (see tempo-ingest-ca); nothing reads it at run time",
    },
    {
      id: "redis-exporter",
      path: "monitoring/redis",
      description: "the ElastiCache AUTH token",
      format: "json",
      kubernetes: { name: KUBERNETES_SECRET_NAMES.redisExporter, namespace: monitoring, keys: [REDIS_AUTH_KEY] },
      readers: "redis_exporter (environment variable)",
      rotation: `the Kubernetes Secret follows ${within}; \`kubectl -n ${monitoring} rollout restart deployment/redis-exporter\` after that (ElastiCache keeps the old token valid while rotating with ROTATE)`,
    },
    {
      id: "grafana-terraform-token",
      path: "grafana/terraform-token",
      description: "Grafana service-account token with the Editor role plus folder, team and data source administration: what the grafana layer manages",
      format: "string",
      terraform: { layer: "grafana", read: "ephemeral", roles: ["deploy"] },
      readers: "the Grafana provider when the deploy role applies the grafana layer (CI apply jobs, `TF_VAR_grafana_token_role=deploy`; ephemeral resource: never in state or plan)",
      rotation: "create a new token for the service account, store it, then delete the old one: the next run reads the new one; nothing to restart",
    },
    {
      id: "grafana-terraform-read-token",
      path: "grafana/terraform-read-token",
      description: "Grafana service-account token with the Viewer role plus data source reading: enough to refresh and plan the grafana layer",
      format: "string",
      terraform: { layer: "grafana", read: "ephemeral", roles: ["plan"] },
      readers: "the Grafana provider in every plan of the grafana layer: pull requests, deploy plans and drift (plan role, `TF_VAR_grafana_token_role=plan`; ephemeral resource: never in state or plan)",
      rotation: "as the managing token: add the new token, store it, delete the old one",
    },
    {
      id: "backup-on-call-endpoint",
      path: "backup/on-call-endpoint",
      description: "HTTPS endpoint (on-call integration URL) subscribed to the backup failure topic",
      format: "string",
      terraform: { layer: "data", read: "variable", variable: "backup_on_call_endpoint", roles: ["plan", "deploy"] },
      readers:
        "Amazon SNS (the subscription's endpoint); the pipeline reads it before plan and apply of the data layer and passes it as the sensitive input variable `TF_VAR_backup_on_call_endpoint` (no data source reads it)",
      rotation:
        "store the new URL, then apply the data layer: SNS replaces the subscription (it confirms itself). An SNS endpoint is stored by AWS on the subscription and in the Terraform state (and a saved plan) by nature; this secret holds nothing else",
    },
  ];
}

/** The secret with `id`; throws naming the known ids. */
export function secretById(config: EnvironmentConfig, id: string): SecretDefinition {
  const all = environmentSecrets(config);
  const found = all.find((s) => s.id === id);
  if (found === undefined) throw new Error(`[${config.name}] no secret ${JSON.stringify(id)}: known secrets are ${all.map((s) => s.id).join(", ")}`);
  return found;
}
