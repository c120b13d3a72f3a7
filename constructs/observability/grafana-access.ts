/**
 * S1, S2: how people reach Grafana. SSO through OIDC (`auth.generic_oauth`) with the identity provider's
 * groups mapped to organisation roles, the login form and basic auth off (the local admin is break-glass
 * only, see docs/security.md), secure cookies and HSTS; the internal ALB with a TLS 1.3/1.2 policy and the
 * config's client networks. Values for kube-prometheus-stack's `grafana` subchart.
 */
import type { EnvironmentConfig, GrafanaSsoConfig } from "../../config/types";
import { GRAFANA_LICENSE_KEY, GRAFANA_OIDC_SECRET_KEY, KUBERNETES_SECRET_NAMES } from "../../secrets/catalog";
import type { HelmValues } from "../core/helm-values";
import { ALB_ATTRIBUTES_ANNOTATION, albAccessLogAttributes } from "../logging/alb-access-logs";

/** The ALB listener's TLS policy: TLS 1.3 and 1.2 only, forward-secret ciphers (AWS's recommended policy). */
export const GRAFANA_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** HSTS max-age: one year, the preload lists' minimum. */
export const HSTS_MAX_AGE_SECONDS = 31536000;

/** Environment variable Grafana reads the OIDC client secret from (overrides `auth.generic_oauth.client_secret`). */
export const OIDC_SECRET_ENV = "GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET";

/** Environment variable Grafana Enterprise reads its licence from (`[enterprise] license_text`). */
export const LICENSE_TEXT_ENV = "GF_ENTERPRISE_LICENSE_TEXT";

/**
 * D4: the image of an `enterprise` environment (Grafana Labs' Enterprise build, same tags as the OSS one, so the
 * chart's appVersion tag applies). An `oss` environment keeps the chart's `grafana/grafana`.
 */
export const GRAFANA_ENTERPRISE_IMAGE = "grafana/grafana-enterprise";

/** Organisation roles, strongest first: the first whose groups the user is in wins. */
export const GRAFANA_ROLES = ["Admin", "Editor", "Viewer"] as const;

/**
 * The JMESPath Grafana evaluates on the user's claims to pick the organisation role: the strongest role one
 * of whose groups the user is in, else nothing (with `role_attribute_strict`, the login is refused).
 */
export function roleAttributePath(sso: Pick<GrafanaSsoConfig, "groupsClaim" | "roleGroups">): string {
  const terms = GRAFANA_ROLES.flatMap((role) => sso.roleGroups[role].map((group) => `contains(${sso.groupsClaim}[*], '${group}') && '${role}'`));
  return terms.join(" || ");
}

/** The `grafana.ini` sections that configure sign-in, cookies and headers. */
export function grafanaAccessIni(config: Pick<EnvironmentConfig, "observability">): HelmValues {
  const sso = config.observability.grafana.sso;
  return {
    auth: {
      // Break-glass only: an operator re-enables the form for the local admin (docs/security.md).
      disable_login_form: true,
      oauth_allow_insecure_email_lookup: false,
    },
    "auth.basic": { enabled: false },
    "auth.anonymous": { enabled: false },
    "auth.generic_oauth": {
      enabled: true,
      name: "FX Trader SSO",
      client_id: sso.clientId,
      scopes: "openid profile email",
      auth_url: sso.authorizationUrl,
      token_url: sso.tokenUrl,
      api_url: sso.userInfoUrl,
      use_pkce: true,
      use_refresh_token: true,
      allow_sign_up: true,
      groups_attribute_path: sso.groupsClaim,
      role_attribute_path: roleAttributePath(sso),
      role_attribute_strict: true,
      allow_assign_grafana_admin: false,
      skip_org_role_sync: false,
    },
    security: {
      cookie_secure: true,
      // Lax, not Strict: the identity provider's redirect back to Grafana is a cross-site navigation that must carry the OAuth state cookie.
      cookie_samesite: "lax",
      strict_transport_security: true,
      // A string: Helm renders a number this large as 3.1536e+07, which Grafana cannot read as an integer.
      strict_transport_security_max_age_seconds: String(HSTS_MAX_AGE_SECONDS),
      strict_transport_security_subdomains: false,
      x_content_type_options: true,
      x_xss_protection: true,
      disable_gravatar: true,
    },
  };
}

/** The ALB annotations of Grafana's ingress: internal, TLS 1.3/1.2 only, the configured CIDRs, access logs on. */
export function grafanaIngressAnnotations(config: Pick<EnvironmentConfig, "observability" | "name" | "account" | "region" | "logRetention">): Record<string, string> {
  return {
    "alb.ingress.kubernetes.io/scheme": "internal",
    "alb.ingress.kubernetes.io/target-type": "ip",
    "alb.ingress.kubernetes.io/listen-ports": '[{"HTTPS":443}]',
    "alb.ingress.kubernetes.io/ssl-policy": GRAFANA_TLS_POLICY,
    "alb.ingress.kubernetes.io/inbound-cidrs": config.observability.grafana.inboundCidrs.join(","),
    // Access logs into the environment's access-log bucket, under the prefix its policy grants to Elastic Load Balancing.
    [ALB_ATTRIBUTES_ANNOTATION]: albAccessLogAttributes(config),
  };
}

/**
 * The secrets Grafana reads as environment variables from the synced Secrets (never in the values): the OIDC client
 * secret, and in an `enterprise` environment the licence text.
 */
export function grafanaSecretEnv(config: Pick<EnvironmentConfig, "observability">): HelmValues {
  return {
    [OIDC_SECRET_ENV]: { secretKeyRef: { name: KUBERNETES_SECRET_NAMES.grafanaOidc, key: GRAFANA_OIDC_SECRET_KEY } },
    ...(config.observability.grafana.edition.kind === "enterprise" ? { [LICENSE_TEXT_ENV]: { secretKeyRef: { name: KUBERNETES_SECRET_NAMES.grafanaLicense, key: GRAFANA_LICENSE_KEY } } } : {}),
  };
}

/** The grafana subchart's `image` override: the Enterprise image, or nothing (the chart's OSS image). */
export function grafanaImage(config: Pick<EnvironmentConfig, "observability">): HelmValues | undefined {
  return config.observability.grafana.edition.kind === "enterprise" ? { repository: GRAFANA_ENTERPRISE_IMAGE } : undefined;
}
