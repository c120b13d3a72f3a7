/**
 * `docs/security.md`, cluster half (S1, S2, S6): the network-policy matrix of the monitoring namespace (from
 * the same flow table the NetworkPolicies are built from), the flows proven denied, the Loki delete path, the
 * Pod Security levels, Grafana's sign-in and load balancer, and the exporter's database TLS.
 */
import type { EnvironmentConfig } from "../../config/types";
import { grafanaUrl } from "../../config/urls";
import { GRAFANA_ENTERPRISE_IMAGE, GRAFANA_ROLES, GRAFANA_TLS_POLICY, HSTS_MAX_AGE_SECONDS, LICENSE_TEXT_ENV, OIDC_SECRET_ENV, roleAttributePath } from "../../constructs/observability/grafana-access";
import { grafanaOssNotice } from "../../constructs/grafana/grafana-organisation";
import { TEAM_ROLE_KEYS, TEAM_ROLES } from "../../dashboards/team-roles";
import { LOKI_OPERATOR_ONLY_PATHS } from "../../constructs/observability/loki";
import { FORBIDDEN_FLOWS, monitoringComponents, monitoringFlows, type Flow, type Peer } from "../../constructs/observability/network/flows";
import { componentPolicyName, DEFAULT_DENY_POLICY } from "../../constructs/observability/network/policies";
import { MONITORING_POD_SECURITY, OPERATOR_POD_SECURITY } from "../../constructs/observability/network/pod-security";
import { NETWORK_POLICY_RELEASE_NAME } from "../../constructs/observability/network/network-policies";
import { OPERATOR_NAMESPACE, RDS_CA_BUNDLE, secretById, secretName, TEMPO_INGEST_TLS } from "../../secrets/catalog";
import { ALLOY_TEMPO_CA_FILE, TEMPO_INGEST_MIN_TLS_VERSION, tempoIngestCertificate } from "../../constructs/observability/tempo-ingest-tls";
import { markdownTable } from "./types";

const code = (s: string) => `\`${s}\``;
const peerLabel = (p: Peer) => (p.kind === "component" ? p.component.title : p.kind === "addresses" ? `${p.title} (${p.cidr})` : p.title);
const portsLabel = (f: Flow) => f.ports.map((p) => `${p.protocol}/${p.port}`).join(", ");

/** The flow table's rows over every environment, with the environments each row holds in. */
function matrixRows(environments: readonly EnvironmentConfig[]): string[][] {
  const rows = new Map<string, { cells: string[]; envs: string[] }>();
  for (const e of environments) {
    for (const f of monitoringFlows(e)) {
      const cells = [peerLabel(f.from), peerLabel(f.to), portsLabel(f), f.why];
      const key = cells.join("\0");
      const row = rows.get(key) ?? { cells, envs: [] };
      row.envs.push(e.name);
      rows.set(key, row);
    }
  }
  const all = environments.map((e) => e.name).join(", ");
  return [...rows.values()].map((r) => [...r.cells, r.envs.join(", ") === all ? "all" : r.envs.join(", ")]);
}

/**
 * D4: which identity-provider groups make up each Grafana team, per environment, and each environment's edition: team
 * sync (Grafana Enterprise, `grafana_team.team_sync`) or the OSS notice synth prints.
 */
function teamSyncSection(environments: readonly EnvironmentConfig[]): string {
  let out = "### Teams from identity-provider groups (D4)\n\n";
  out += "Teams and their folders are managed by the grafana layer. Where Grafana is Enterprise, each team's members are its\n";
  out += `groups' members (team sync, ${code("grafana_team.team_sync")}): Grafana reads the user's groups with ${code("groups_attribute_path")} at each\n`;
  out += "sign-in and adds or removes team membership to match, so folder permissions follow the identity provider. A group maps to\n";
  out += "one team only (a person in two teams is in two groups, decided and audited at the identity provider). The licence\n";
  out += `reaches Grafana as ${code(LICENSE_TEXT_ENV)} from the synced Secret (${code("grafana-enterprise-license")} in docs/secrets.md). Where Grafana\n`;
  out += "is OSS there is no team sync: a signed-in user joins a team through Grafana's user management (the organisation role\n";
  out += "above applies from the first sign-in), and synth prints the reason.\n\n";
  out += markdownTable(
    ["environment", "edition", "image", ...TEAM_ROLE_KEYS.map((k) => `${TEAM_ROLES[k].team} (${k})`)],
    environments.map((e) => {
      const g = e.observability.grafana;
      const enterprise = g.edition.kind === "enterprise";
      return [
        e.name,
        enterprise ? "enterprise: team sync" : "oss: no team sync",
        code(enterprise ? GRAFANA_ENTERPRISE_IMAGE : "grafana/grafana"),
        ...TEAM_ROLE_KEYS.map((k) => (enterprise ? g.sso.teamGroups[k].map(code).join(", ") : `(${g.sso.teamGroups[k].map(code).join(", ")}: not synced)`)),
      ];
    }),
  );
  const notices = environments.filter((e) => e.observability.grafana.edition.kind === "oss");
  if (notices.length > 0) {
    out += "\nEdition notices (printed by synth in the grafana stack's summary):\n\n";
    out += markdownTable(["environment", "notice"], notices.map((e) => [e.name, `grafana edition: ${grafanaOssNotice(e.observability.grafana.edition)}`]));
  }
  return out + "\n";
}

/** The network, pod security and Grafana access sections. */
export function clusterSecuritySections(environments: readonly EnvironmentConfig[]): string {
  if (environments.length === 0) return "";
  const first = environments[0]!;
  const ns = first.eks.monitoringNamespace;
  let out = "## Monitoring namespace network policies (S2, S6)\n\n";
  out += `The release ${code(NETWORK_POLICY_RELEASE_NAME)} (the project chart of the same name, installed right after the namespace and before\n`;
  out += `every workload) puts ${code(DEFAULT_DENY_POLICY)} on every pod of ${code(ns)} (ingress and egress) and one policy per component that allows\n`;
  out += "exactly the rows below; a connection needs both the source's egress and the destination's ingress. The table is\n";
  out += "`constructs/observability/network/flows.ts`; the render suite evaluates the rendered NetworkPolicies against the charts'\n";
  out += "pod labels and ports: every pod is policed, every row is allowed, and no other connection reaches a port a pod listens on.\n";
  out += "Addresses outside the pod network cannot be named by host in a NetworkPolicy: they are CIDR blocks limited by port.\n";
  out += "Traffic between a pod and its own node (the kubelet's probes) is always allowed by Kubernetes, whatever the policies.\n\n";
  out += markdownTable(["from", "to", "ports", "why", "environments"], matrixRows(environments));
  out += "\nComponents and their policies (pods selected by the labels their charts set):\n\n";
  out += markdownTable(
    ["component", "policy", "pod labels"],
    Object.values(monitoringComponents(first)).map((c) => [
      c.title,
      c.hostNetwork ? "none: host network, outside NetworkPolicy's reach (reached as a node address)" : code(componentPolicyName(c)),
      [...Object.entries(c.podLabels).map(([k, v]) => `${k}=${v}`), ...(c.oneOf ? [`${c.oneOf.label} in (${c.oneOf.values.join(", ")})`] : [])].map(code).join(" "),
    ]),
  );
  out += "\nProven denied on the rendered policies (`__tests__/stacks/helm-render.test.ts`):\n\n";
  out += markdownTable(["from", "to", "port", "what it would allow"], FORBIDDEN_FLOWS.map((f) => [f.from === "app" ? `application namespace ${first.eks.appNamespace}` : f.from, f.to, String(f.port), f.why]));

  out += "\n### Loki: push through Alloy only, delete by an operator only\n\n";
  out += "Loki runs one tenant (`auth_enabled: false`): who may push is the network policies' (only Alloy reaches the gateway's\n";
  out += "push path; no pod but the gateway and Loki's own reach Loki's HTTP port), and the gateway refuses with 403 every path\n";
  out += `that deletes or changes stored data or the ring (nginx \`map $uri\` keys ${LOKI_OPERATOR_ONLY_PATHS.map(code).join(", ")}), so neither Grafana nor Alloy can\n`;
  out += "forward a delete. Retention deletes are the compactor's own (`retention_enabled`). The operator path for a deletion\n";
  out += "request is the backend directly, through the Kubernetes API (RBAC on `pods/portforward` in the namespace, audited by EKS):\n\n";
  out += "```sh\n";
  out += `kubectl -n ${ns} port-forward svc/loki-backend 3100   # dev (Monolithic): svc/loki\n`;
  out += "curl -X POST 'http://localhost:3100/loki/api/v1/delete?query={namespace=\"...\"}&start=...&end=...'\n";
  out += "```\n\n";
  out += "Alloy's OTLP receivers bind to the pod's own address (`POD_IP` from `status.podIP`), not `0.0.0.0`, and only the\n";
  out += "application namespace may reach them.\n\n";
  out += "### Alloy → Tempo: TLS with certificate verification\n\n";
  out += "Alloy sends traces to Tempo's OTLP gRPC receiver over TLS and verifies Tempo's certificate and host name against the\n";
  out += `environment's Tempo ingest CA (\`otelcol.exporter.otlp\` \`tls { ca_file = ${JSON.stringify(ALLOY_TEMPO_CA_FILE)} }\`, no \`insecure\`, no\n`;
  out += `\`insecure_skip_verify\`). Tempo's receiver (the distributor, or the single binary) serves TLS ${TEMPO_INGEST_MIN_TLS_VERSION} and up from the mounted\n`;
  out += `\`kubernetes.io/tls\` Secret and re-reads it every ${TEMPO_INGEST_TLS.reloadInterval}; its OTLP HTTP receiver is off (nothing sends to it). The CA (ECDSA\n`;
  out += "P-256, `pathlen:0`, name-constrained to the monitoring namespace's Service names) and the certificate (ECDSA P-256, the one\n";
  out += "SAN Alloy dials, `serverAuth`) are issued outside Terraform by `scripts/tls/issue-tempo-cert.sh <environment>` into\n";
  out += "Secrets Manager entries Terraform creates without a value; External Secrets Operator syncs them (docs/secrets.md, rotation\n";
  out += "there). No key is in the state, the synthesized JSON, the rendered YAML or the repository. Tempo's traffic between its own\n";
  out += "components stays plaintext inside the namespace (limited by the network policies).\n\n";
  out += markdownTable(
    ["environment", "Tempo mode", "Alloy dials (the certificate's SAN)", "CA permitted DNS", "certificate / CA validity (days)", "certificate, CA (Secrets Manager)"],
    environments.map((e) => {
      const p = tempoIngestCertificate(e);
      return [e.name, e.observability.tempo.deploymentMode, p.hostnames.map(code).join(", "), code(p.permittedDnsDomain), `${p.certificateValidityDays} / ${p.caValidityDays}`, `${code(p.secrets.certificate)}, ${code(p.secrets.ca)}`];
    }),
  );
  out += "\n";

  out += "### Pod Security Admission\n\n";
  out += "Each namespace this program creates enforces the strictest Pod Security Standard all its rendered pods meet (the render\n";
  out += "suite computes it from the pods and compares):\n\n";
  out += markdownTable(
    ["namespace", "enforce", "audit", "warn", "why"],
    [
      [ns, MONITORING_POD_SECURITY.enforce, MONITORING_POD_SECURITY.audit, MONITORING_POD_SECURITY.warn, MONITORING_POD_SECURITY.why],
      [OPERATOR_NAMESPACE, OPERATOR_POD_SECURITY.enforce, OPERATOR_POD_SECURITY.audit, OPERATOR_POD_SECURITY.warn, OPERATOR_POD_SECURITY.why],
    ],
  );

  out += "\n## Grafana access (S1, S2)\n\n";
  out += "Sign-in is SSO through OIDC (`auth.generic_oauth`, PKCE); the identity provider's groups map to organisation roles, strongest\n";
  out += "first, and a user in none of the groups is refused (`role_attribute_strict`). The login form, basic auth and anonymous access\n";
  out += "are off. Cookies are `Secure` and `SameSite=Lax` (Lax, not Strict: the provider's redirect back is a cross-site navigation\n";
  out += `that must carry the OAuth state cookie); HSTS is on for ${HSTS_MAX_AGE_SECONDS} s. The internal ALB listens on HTTPS 443 only with\n`;
  out += `${code(GRAFANA_TLS_POLICY)} (TLS 1.3 and 1.2) and admits only the configured client networks. The client secret is in Secrets\n`;
  out += `Manager and reaches Grafana as ${code(OIDC_SECRET_ENV)} from the synced Secret, never in values or state.\n\n`;
  out += markdownTable(
    ["environment", "URL", "issuer", "client ID", "client secret (Secrets Manager)", ...GRAFANA_ROLES.map((r) => `${r} groups`), "inbound CIDRs"],
    environments.map((e) => {
      const g = e.observability.grafana;
      return [e.name, grafanaUrl(e), g.sso.issuerUrl, code(g.sso.clientId), code(secretName(e, secretById(e, "grafana-oidc-client"))), ...GRAFANA_ROLES.map((r) => g.sso.roleGroups[r].map(code).join(", ") || "none"), g.inboundCidrs.map(code).join(", ")];
    }),
  );
  out += `\nThe role mapping Grafana evaluates (JMESPath on the ${code(first.observability.grafana.sso.groupsClaim)} claim; the render suite evaluates it on sample users):\n\n`;
  out += `${code(roleAttributePath(first.observability.grafana.sso))}\n\n`;
  out += teamSyncSection(environments);
  out += "**Break-glass.** The local admin (`grafana/admin` in Secrets Manager) is for when the identity provider is down. An\n";
  out += `operator with the cluster's admin role runs \`kubectl -n ${ns} set env deployment/kps-grafana GF_AUTH_DISABLE_LOGIN_FORM=false\`,\n`;
  out += "signs in, and the next apply (or `kubectl ... GF_AUTH_DISABLE_LOGIN_FORM-`) closes it again; the change is in the EKS\n";
  out += "audit log and Grafana's own.\n\n";

  out += "## Database TLS of the PostgreSQL exporter (S2)\n\n";
  out += "postgres_exporter connects with `sslmode=verify-full`: the database's certificate and host name are verified against the\n";
  out += `RDS certificate authorities' bundle, mounted at ${code(`${RDS_CA_BUNDLE.mountDir}/${RDS_CA_BUNDLE.key}`)} from the Secret that External\n`;
  out += `Secrets Operator syncs from Secrets Manager (${code(secretName(first, secretById(first, "rds-ca-bundle")))} and its siblings per environment). AWS publishes\n`;
  out += `the bundle at ${RDS_CA_BUNDLE.source}; store it under the JSON key ${code(RDS_CA_BUNDLE.key)}, e.g.\n`;
  out += `\`jq -n --rawfile pem global-bundle.pem '{"${RDS_CA_BUNDLE.key}": $pem}'\`, and again when AWS adds or rotates a CA.\n\n`;
  return out;
}
