/**
 * S1, S2: Grafana's sign-in and load balancer settings as the cluster gets them: `grafana.ini` (the
 * ConfigMap the grafana chart renders), the Ingress annotations and the container's environment. The role
 * mapping is evaluated with a JMESPath implementation (the `jmespath` package, the reference one of the
 * language Grafana's role_attribute_path is written in) on sample claims.
 */
import fs from "node:fs";
import path from "node:path";
import jmespath from "jmespath";
import YAML from "yaml";
import type { EnvironmentConfig } from "../../config/types";
import { GRAFANA_ENTERPRISE_IMAGE, GRAFANA_ROLES, GRAFANA_TLS_POLICY, HSTS_MAX_AGE_SECONDS, LICENSE_TEXT_ENV, OIDC_SECRET_ENV } from "../../constructs/observability/grafana-access";
import { TEAM_ROLE_KEYS } from "../../config/types";
import { GRAFANA_LICENSE_KEY, GRAFANA_OIDC_SECRET_KEY, KUBERNETES_SECRET_NAMES } from "../../secrets/catalog";
import { ALB_ATTRIBUTES_ANNOTATION, albAccessLogAttributes } from "../../constructs/logging/alb-access-logs";
import type { K8sObject } from "./helm-render";
import { REFERENCE_DIR } from "./index";

type Block = Record<string, unknown>;

/** What Grafana reads: ini sections (every value as text), the Ingress annotations, the container env and image. */
export interface GrafanaView {
  readonly source: string;
  /** The container image's repository, without registry or tag (`grafana/grafana-enterprise`). */
  readonly imageRepository: string;
  readonly ini: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly env: ReadonlyArray<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
}

/** Parses grafana.ini (`[section]`, `key = value`). */
export function parseIni(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  let section = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith(";") || line.startsWith("#")) continue;
    const head = /^\[(.+)\]$/.exec(line);
    if (head) {
      section = head[1]!;
      out[section] ??= {};
      continue;
    }
    const eq = line.indexOf("=");
    (out[section] ??= {})[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

/** The view from the grafana chart's rendered objects, or undefined when the subchart did not render. */
export function renderedGrafana(objects: readonly K8sObject[]): GrafanaView | undefined {
  const cm = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === "kps-grafana" && o.data?.["grafana.ini"] !== undefined);
  if (cm === undefined) return undefined;
  const ingress = objects.find((o) => o.kind === "Ingress" && o.metadata.name === "kps-grafana");
  const deployment = objects.find((o) => o.kind === "Deployment" && o.metadata.name === "kps-grafana");
  const container = (((deployment?.spec?.template as Block | undefined)?.spec as Block | undefined)?.containers as Array<{ name: string; image?: string; env?: GrafanaView["env"] }> | undefined)?.find((c) => c.name === "grafana");
  // docker.io/grafana/grafana-enterprise:12.3.0 → grafana/grafana-enterprise
  const imageRepository = (container?.image ?? "").replace(/[:@].*$/, "").split("/").filter((part, i, all) => !(i === 0 && all.length > 2 && /[.:]/.test(part))).join("/");
  return { source: "rendered grafana chart", imageRepository, ini: parseIni(cm.data!["grafana.ini"]!), annotations: ((ingress?.metadata as { annotations?: Record<string, string> } | undefined)?.annotations) ?? {}, env: container?.env ?? [] };
}

/** The grafana subchart's default image repository, from its values.yaml in the reference set (what Helm uses when the values set none). */
export function subchartDefaultImageRepository(): string {
  const defaults = YAML.parse(fs.readFileSync(path.join(REFERENCE_DIR, "helm/kube-prometheus-stack/subcharts/grafana/values.yaml"), "utf8")) as { image: { repository: string } };
  return defaults.image.repository;
}

/** The view from the values kube-prometheus-stack hands its grafana subchart (when the reference set lacks it). */
export function grafanaFromValues(values: string): GrafanaView {
  const g = (JSON.parse(values) as { grafana: { image?: { repository?: string }; "grafana.ini": Record<string, Record<string, unknown>>; ingress: { annotations: Record<string, string> }; envValueFrom?: Record<string, { secretKeyRef: { name: string; key: string } }> } }).grafana;
  const ini = Object.fromEntries(Object.entries(g["grafana.ini"]).map(([s, kv]) => [s, Object.fromEntries(Object.entries(kv).map(([k, v]) => [k, String(v)]))]));
  return { source: "values for the grafana subchart", imageRepository: g.image?.repository ?? subchartDefaultImageRepository(), ini, annotations: g.ingress.annotations, env: Object.entries(g.envValueFrom ?? {}).map(([name, valueFrom]) => ({ name, valueFrom })) };
}

/** The role Grafana gives a user with `groups` (null: refused, with role_attribute_strict). */
export function mappedRole(view: GrafanaView, claim: string, groups: readonly string[]): string | null {
  const path = view.ini["auth.generic_oauth"]?.role_attribute_path;
  if (path === undefined) return null;
  const role = jmespath.search({ [claim]: [...groups] }, path) as unknown;
  return typeof role === "string" && role !== "" ? role : null;
}

/** Every way the view falls short of SSO-only sign-in, secure cookies, HSTS and the ALB policy of the config. */
export function grafanaAccessProblems(view: GrafanaView, config: EnvironmentConfig): string[] {
  const g = config.observability.grafana;
  const sso = g.sso;
  const problems: string[] = [];
  const want = (section: string, key: string, value: string) => {
    const got = view.ini[section]?.[key];
    if (got !== value) problems.push(`grafana.ini [${section}] ${key} = ${JSON.stringify(got ?? null)}; expected ${JSON.stringify(value)}`);
  };
  want("auth.generic_oauth", "enabled", "true");
  want("auth.generic_oauth", "client_id", sso.clientId);
  want("auth.generic_oauth", "auth_url", sso.authorizationUrl);
  want("auth.generic_oauth", "token_url", sso.tokenUrl);
  want("auth.generic_oauth", "api_url", sso.userInfoUrl);
  want("auth.generic_oauth", "role_attribute_strict", "true");
  want("auth.generic_oauth", "allow_assign_grafana_admin", "false");
  want("auth", "disable_login_form", "true");
  want("auth.basic", "enabled", "false");
  want("security", "cookie_secure", "true");
  want("security", "strict_transport_security", "true");
  const samesite = view.ini.security?.cookie_samesite;
  if (samesite !== "lax" && samesite !== "strict") problems.push(`grafana.ini [security] cookie_samesite = ${JSON.stringify(samesite ?? null)}; expected lax or strict`);
  const maxAge = view.ini.security?.strict_transport_security_max_age_seconds ?? "";
  if (!/^\d+$/.test(maxAge) || Number(maxAge) < HSTS_MAX_AGE_SECONDS) problems.push(`grafana.ini [security] strict_transport_security_max_age_seconds = ${JSON.stringify(maxAge)}; expected an integer ≥ ${HSTS_MAX_AGE_SECONDS}`);
  if (view.ini["auth.generic_oauth"]?.client_secret !== undefined) problems.push("grafana.ini [auth.generic_oauth] has client_secret: the secret must come from the synced Secret, not the values");
  const secretEnv = view.env.find((e) => e.name === OIDC_SECRET_ENV)?.valueFrom?.secretKeyRef;
  if (secretEnv?.name !== KUBERNETES_SECRET_NAMES.grafanaOidc || secretEnv.key !== GRAFANA_OIDC_SECRET_KEY) problems.push(`${OIDC_SECRET_ENV} is ${JSON.stringify(secretEnv ?? null)}; expected Secret ${KUBERNETES_SECRET_NAMES.grafanaOidc} key ${GRAFANA_OIDC_SECRET_KEY}`);
  // Role mapping: each group gives its role, several groups the strongest, an unknown group nothing.
  for (const role of GRAFANA_ROLES) {
    for (const group of sso.roleGroups[role]) {
      const got = mappedRole(view, sso.groupsClaim, [group]);
      if (got !== role) problems.push(`a member of ${group} signs in as ${got ?? "nobody (refused)"}; roleGroups says ${role}`);
    }
  }
  const everyGroup = GRAFANA_ROLES.flatMap((r) => sso.roleGroups[r]);
  const strongest = GRAFANA_ROLES.find((r) => sso.roleGroups[r].length > 0)!;
  if (mappedRole(view, sso.groupsClaim, [...everyGroup].reverse()) !== strongest) problems.push(`a member of every group does not sign in as ${strongest}`);
  if (mappedRole(view, sso.groupsClaim, ["some-other-group"]) !== null) problems.push("a member of no configured group is not refused");
  // The load balancer.
  const a = view.annotations;
  if (a["alb.ingress.kubernetes.io/ssl-policy"] !== GRAFANA_TLS_POLICY) problems.push(`the ALB's TLS policy is ${JSON.stringify(a["alb.ingress.kubernetes.io/ssl-policy"] ?? null)}; expected ${GRAFANA_TLS_POLICY}`);
  // The attribute value itself is checked against the access-log bucket's delivery grant in alb-access-logs.test.ts.
  if (a[ALB_ATTRIBUTES_ANNOTATION] !== albAccessLogAttributes(config)) problems.push(`the ALB's access logs are ${JSON.stringify(a[ALB_ATTRIBUTES_ANNOTATION] ?? null)}; expected ${albAccessLogAttributes(config)}`);
  if (a["alb.ingress.kubernetes.io/inbound-cidrs"] !== g.inboundCidrs.join(",")) problems.push(`the ALB admits ${JSON.stringify(a["alb.ingress.kubernetes.io/inbound-cidrs"] ?? null)}; observability.grafana.inboundCidrs is ${g.inboundCidrs.join(",")}`);
  if (a["alb.ingress.kubernetes.io/scheme"] !== "internal") problems.push(`the ALB's scheme is ${JSON.stringify(a["alb.ingress.kubernetes.io/scheme"] ?? null)}; expected internal`);
  if (a["alb.ingress.kubernetes.io/listen-ports"] !== '[{"HTTPS":443}]') problems.push(`the ALB listens on ${a["alb.ingress.kubernetes.io/listen-ports"] ?? "the default ports"}; expected HTTPS 443 only`);
  return problems;
}

/** The groups Grafana reads from a user's claims with `groups_attribute_path` (what team sync matches teams on). */
export function syncedGroups(view: GrafanaView, claims: Record<string, unknown>): string[] | null {
  const p = view.ini["auth.generic_oauth"]?.groups_attribute_path;
  if (p === undefined || p === "") return null;
  const got = jmespath.search(claims, p) as unknown;
  return Array.isArray(got) ? got.map(String) : null;
}

/**
 * D4: every way the view falls short of the edition of the config. Enterprise: the Enterprise image, the licence
 * text as GF_ENTERPRISE_LICENSE_TEXT from the synced licence Secret (never in the ini), and groups_attribute_path
 * reading each team's groups from the claim. OSS: the chart's OSS image and no licence at all.
 */
export function grafanaEditionProblems(view: GrafanaView, config: EnvironmentConfig): string[] {
  const g = config.observability.grafana;
  const problems: string[] = [];
  const licence = view.env.find((e) => e.name === LICENSE_TEXT_ENV);
  const enterpriseIni = view.ini.enterprise ?? {};
  if (enterpriseIni.license_text !== undefined) problems.push("grafana.ini [enterprise] has license_text: the licence must come from the synced Secret, not the values");
  if (enterpriseIni.license_path !== undefined) problems.push(`grafana.ini [enterprise] license_path = ${JSON.stringify(enterpriseIni.license_path)}; the licence is read from ${LICENSE_TEXT_ENV}`);
  if (g.edition.kind === "enterprise") {
    if (view.imageRepository !== GRAFANA_ENTERPRISE_IMAGE) problems.push(`Grafana runs image ${JSON.stringify(view.imageRepository)}; edition enterprise needs ${GRAFANA_ENTERPRISE_IMAGE}`);
    const ref = licence?.valueFrom?.secretKeyRef;
    if (licence?.value !== undefined) problems.push(`${LICENSE_TEXT_ENV} has a literal value: the licence must come from the synced Secret`);
    if (ref?.name !== KUBERNETES_SECRET_NAMES.grafanaLicense || ref.key !== GRAFANA_LICENSE_KEY) problems.push(`${LICENSE_TEXT_ENV} is ${JSON.stringify(ref ?? null)}; expected Secret ${KUBERNETES_SECRET_NAMES.grafanaLicense} key ${GRAFANA_LICENSE_KEY}`);
    // Team sync matches a team's external groups against what groups_attribute_path returns for the user.
    for (const team of TEAM_ROLE_KEYS) {
      const groups = g.sso.teamGroups[team];
      const got = syncedGroups(view, { [g.sso.groupsClaim]: [...groups, "some-other-group"], email: "someone@example.invalid" });
      if (got === null || groups.some((x) => !got.includes(x))) problems.push(`groups_attribute_path ${JSON.stringify(view.ini["auth.generic_oauth"]?.groups_attribute_path ?? null)} gives ${JSON.stringify(got)} for a member of ${groups.join(", ")}: team sync would not put them into team ${team}`);
    }
  } else {
    if (view.imageRepository === GRAFANA_ENTERPRISE_IMAGE) problems.push(`Grafana runs ${GRAFANA_ENTERPRISE_IMAGE} though edition is oss (no licence)`);
    if (licence !== undefined) problems.push(`${LICENSE_TEXT_ENV} is set though edition is oss`);
  }
  return problems;
}
