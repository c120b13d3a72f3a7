/** docs/secrets.md (S5): every secret, its path per environment, what it becomes, who reads it, rotation. */
import type { EnvironmentConfig } from "../../config/types";
import { environmentSecrets, KUBERNETES_SECRET_NAMES, OPERATOR_NAMESPACE, refreshInterval, secretName, TEMPO_INGEST_TLS, type SecretDefinition } from "../../secrets/catalog";
import { ACCOUNTS } from "../../config/accounts";
import { accountVariableSecrets, terraformReadableSecrets, terraformVariableSecrets } from "../../secrets/terraform-access";
import { generatedHeader, markdownTable, type DocGenerator } from "./types";

const code = (s: string) => `\`${s}\``;

/**
 * Every secret of any environment, each once, in catalogue order (the Grafana Enterprise licence exists only where the
 * edition is enterprise).
 */
function allSecrets(environments: readonly EnvironmentConfig[]): Array<{ definition: SecretDefinition }> {
  const out: Array<{ definition: SecretDefinition }> = [];
  for (const c of environments) {
    let after = -1;
    for (const definition of environmentSecrets(c)) {
      const at = out.findIndex((x) => x.definition.id === definition.id);
      if (at >= 0) after = at;
      else out.splice(++after, 0, { definition });
    }
  }
  return out;
}

function render(environments: readonly EnvironmentConfig[]): string {
  const secrets = allSecrets(environments);
  const nameIn = (c: EnvironmentConfig, s: SecretDefinition) => (environmentSecrets(c).some((x) => x.id === s.id) ? code(secretName(c, s)) : `none in ${c.name}`);
  let out = generatedHeader("secrets/catalog.ts and the environment configs");
  out += "# Secrets (S5)\n\n";
  out += "Every value lives only in AWS Secrets Manager, under the environment's own `secrets.pathPrefix`. External Secrets\n";
  out += `Operator (namespace ${code(OPERATOR_NAMESPACE)}) copies those the pods read into Kubernetes Secrets, one ExternalSecret each;\n`;
  out += "the Grafana provider reads its token through an ephemeral resource. Nothing secret is in the repository, the\n";
  out += "synthesized JSON, the rendered YAML, a plan or the Terraform state, except the SNS endpoints (the backup on-call one\n";
  out += "per environment, the security finding ones per account): an SNS endpoint is stored by AWS on the subscription and in the\n";
  out += "Terraform state by nature, so each has a secret of its own holding nothing else.\n\n";
  out += "No stack reads a secret with a `data` source (a data source's result is stored in state, and reading it at plan time\n";
  out += "would need the secret in every plan). The SNS endpoint cannot be ephemeral either: `aws_sns_topic_subscription.endpoint`\n";
  out += "is not a write-only argument, so Terraform refuses an ephemeral value there. It enters the data layer as a sensitive input\n";
  out += "variable (no default, so a run without it fails instead of subscribing nothing) that the pipeline sets from the secret\n";
  out += "before each plan (`scripts/ci/with-stack-variables.sh <stack> …`, from `npm run ci:matrix -- variables <stack>`; a saved\n";
  out += "plan carries it to the apply, which is why plan artifacts are as sensitive as state):\n\n";
  out += markdownTable(
    ["environment", "stack layer", "set", "from the secret"],
    [
      ...environments.flatMap((c) => terraformVariableSecrets(c).map((v) => [c.name, v.layer, code(v.environmentVariable), code(v.secret)])),
      ...[...new Set(environments.map((c) => c.account.name))].flatMap((name) =>
        accountVariableSecrets(ACCOUNTS[name]!).map((v) => [`account ${name}`, "account", code(v.environmentVariable), code(v.secret)]),
      ),
    ],
  );
  out += "\nThe value is then in that stack's state and in its saved plan, as it is on the subscription in AWS: the same trust\n";
  out += "as the state itself (KMS-encrypted bucket, readable by the plan and deploy roles); it grants nothing but posting to the\n";
  out += "on-call integration.\n\n";
  out += "## Paths and refresh per environment\n\n";
  out += markdownTable(["environment", "path prefix", "ExternalSecret refresh"], environments.map((c) => [c.name, code(`${c.secrets.pathPrefix}/`), code(refreshInterval(c))]));
  out += "\n## Secrets\n\n";
  out += markdownTable(
    ["secret", "Secrets Manager name per environment", "value", "becomes", "read by"],
    secrets.map(({ definition: s }) => [
      code(s.id),
      environments.map((c) => nameIn(c, s)).join("<br>"),
      `${s.format === "json" ? "JSON object" : "string"}: ${s.description}`,
      s.kubernetes
        ? `${s.kubernetes.type === undefined ? "Secret" : `${code(s.kubernetes.type)} Secret`} ${code(`${s.kubernetes.namespace}/${s.kubernetes.name}`)}, keys ${s.kubernetes.keys.map(code).join(", ")}${environments.some((c) => { const here = environmentSecrets(c).find((x) => x.id === s.id); return here !== undefined && here.kubernetes?.keys.join() !== s.kubernetes!.keys.join(); }) ? " (keys per environment in docs/alerts.md)" : ""}`
        : s.terraform
          ? `Terraform, ${s.terraform.layer} layer (${s.terraform.read === "ephemeral" ? "ephemeral, never stored" : `sensitive input variable ${code(`TF_VAR_${s.terraform.variable}`)} set by the pipeline; kept in state by nature`})`
          : `nothing: operator-only, ${s.operatorOnly ?? "read by no role of this program"}`,
      s.readers,
    ]),
  );
  out += "\n## Rotation\n\n";
  out += "Rotate in Secrets Manager (put a new version); no apply is needed except where the table says so.\n\n";
  out += markdownTable(["secret", "after rotating"], secrets.map(({ definition: s }) => [code(s.id), s.rotation]));
  const validityPerEnvironment = (field: keyof EnvironmentConfig["observability"]["tempo"]["ingestTls"]) =>
    environments.map((c) => `${c.name}: ${c.observability.tempo.ingestTls[field]} days`).join(", ");
  out += "\n## Tempo ingest certificate (S2)\n\n";
  out += "Alloy → Tempo is TLS (docs/security.md). The certificate and its key never pass through Terraform: an operator issues them\n";
  out += "with `scripts/tls/issue-tempo-cert.sh <environment>` (openssl, ECDSA P-256; what to certify comes from the code: the host\n";
  out += "Alloy dials, `observability.tempo.ingestTls`, the secret names) into the three `tempo-ingest-*` entries above, which the\n";
  out += "bootstrap stack creates without a value. The script prints the `aws secretsmanager put-secret-value` commands (or runs\n";
  out += "them with `--apply`, then deletes the keys), works in a folder outside the repository and never prints a key.\n\n";
  out += markdownTable(
    ["when", "run", "then"],
    [
      ["first deploy (entries empty)", "`scripts/tls/issue-tempo-cert.sh <env> --new-ca --apply`", "nothing: Alloy and Tempo start once the ExternalSecrets have synced (their pods wait for the Secrets)"],
      [
        `renewal, before the certificate expires (${validityPerEnvironment("certificateValidityDays")})`,
        "`scripts/tls/issue-tempo-cert.sh <env> --apply`",
        `nothing: same CA, so Alloy's bundle is unchanged; the Secret follows within the refresh interval plus the kubelet's sync, and Tempo re-reads the files every ${TEMPO_INGEST_TLS.reloadInterval}`,
      ],
      [
        `CA rotation (${validityPerEnvironment("caValidityDays")})`,
        "`scripts/tls/issue-tempo-cert.sh <env> --new-ca --apply`: the bundle becomes new CA + old bundle, no certificate is issued",
        "after the refresh interval `kubectl -n <monitoring namespace> rollout restart daemonset/alloy` (Alloy reads the CA file at start), then the renewal command; remove the old CA from the bundle once its last certificate expired",
      ],
    ],
  );
  out += "\nExpiry check (no exporter reads the certificate, so no alert is derived; run it with the renewal reminder):\n\n";
  out += "```sh\n";
  out += `kubectl -n ${environments[0]!.eks.monitoringNamespace} get secret ${KUBERNETES_SECRET_NAMES.tempoIngestTls} -o jsonpath='{.data.tls\\.crt}' | base64 -d | openssl x509 -noout -enddate -checkend $((30*86400))\n`;
  out += "```\n\n";
  out += "It prints the end date and exits non-zero when the certificate expires within 30 days.\n";
  out += "\n## Terraform role permissions\n\n";
  out += "The plan and deploy roles get no Secrets Manager read but `secretsmanager:GetSecretValue` on these secrets\n";
  out += "(`terraformSecretAccess(config, role)` in `secrets/terraform-access.ts`, ARNs with the `-??????` suffix Secrets Manager appends):\n\n";
  out += markdownTable(
    ["environment", "plan role", "deploy role"],
    environments.map((c) => [c.name, terraformReadableSecrets(c, "plan").map(code).join("<br>"), terraformReadableSecrets(c, "deploy").map(code).join("<br>")]),
  );
  out += "\nPlans set `TF_VAR_grafana_token_role=plan`; without it the grafana layer asks for the managing token, which the\n";
  out += "plan role may not read, and the plan fails instead of running with more rights than it needs.\n";
  return out;
}

export const secretsDoc: DocGenerator = { path: "docs/secrets.md", render };
