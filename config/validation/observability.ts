/** C1–C6 sizing and wiring rules. */
import { SIZED_CONTAINERS, TEAM_ROLE_KEYS, type EnvironmentConfig, type TeamRoleKey } from "../types";
import { HA_REPLICATION_FACTOR } from "../replication";
import type { ConfigChecker } from "./checker";

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Memory a memcached container needs for an allocation (`-m`): the allocation plus 20% (Loki's chart uses the same ratio). */
export const MEMCACHED_OVERHEAD_RATIO = 1.2;

/** Bounds of `observability.tempo.ingestTls.certificateValidityDays`. */
export const TEMPO_CERTIFICATE_VALIDITY_DAYS = { min: 1, max: 397 } as const;

/** Longest validity of the Tempo ingest CA. */
export const TEMPO_CA_MAX_VALIDITY_DAYS = 3650;

export function checkObservability(c: EnvironmentConfig, v: ConfigChecker): void {
  const o = c.observability;
  v.number("observability.prometheus.replicas", o.prometheus.replicas, { integer: true, min: 1, max: 5 });
  v.number("observability.prometheus.retentionDays", o.prometheus.retentionDays, { integer: true, min: 1, max: 90 });
  v.number("observability.prometheus.volumeSizeGiB", o.prometheus.volumeSizeGiB, { integer: true, min: 10, max: 16384, reason: "EBS gp3 size limits" });
  v.number("observability.prometheus.scrapeIntervalSeconds", o.prometheus.scrapeIntervalSeconds, { integer: true, min: 5, max: 300 });
  v.number("observability.alertmanager.replicas", o.alertmanager.replicas, { integer: true, min: 1, max: 5 });
  v.pattern("observability.grafana.hostPrefix", o.grafana.hostPrefix, DNS_LABEL, "a DNS label");
  v.pattern("observability.grafana.ingressClassName", o.grafana.ingressClassName, DNS_LABEL, "a Kubernetes IngressClass name");
  v.number("observability.grafana.volumeSizeGiB", o.grafana.volumeSizeGiB, { integer: true, min: 1, max: 1024 });
  checkGrafanaAccess(c, v);
  v.oneOf("observability.loki.deploymentMode", o.loki.deploymentMode, ["Monolithic", "SimpleScalable"] as const);
  v.number("observability.loki.replicas", o.loki.replicas, { integer: true, min: 1, max: 10 });
  v.number("observability.loki.chunksCacheMemoryMiB", o.loki.chunksCacheMemoryMiB, { integer: true, min: 0, max: 65536, reason: "0 disables the caches" });
  v.oneOf("observability.tempo.deploymentMode", o.tempo.deploymentMode, ["single-binary", "distributed"] as const);
  v.number("observability.tempo.replicas", o.tempo.replicas, { integer: true, min: 1, max: 10 });
  v.number("observability.tempo.retentionDays", o.tempo.retentionDays, { integer: true, min: 1, max: 90 });
  const tls = o.tempo.ingestTls;
  v.number("observability.tempo.ingestTls.certificateValidityDays", tls.certificateValidityDays, {
    integer: true,
    ...TEMPO_CERTIFICATE_VALIDITY_DAYS,
    reason: "the Tempo ingest certificate is renewed at least yearly; 397 days is the public-CA ceiling",
  });
  v.number("observability.tempo.ingestTls.caValidityDays", tls.caValidityDays, {
    integer: true,
    min: Math.max(1, tls.certificateValidityDays),
    max: TEMPO_CA_MAX_VALIDITY_DAYS,
    reason: `the CA must outlive the certificates it signs, valid for certificateValidityDays = ${tls.certificateValidityDays}, and be rotated within ten years`,
  });
  v.oneOf("observability.highAvailability.zoneAntiAffinity", o.highAvailability.zoneAntiAffinity, ["required", "preferred", "none"] as const);
  v.pattern("observability.appMetrics.serviceLabel", o.appMetrics.serviceLabel, DNS_LABEL, "a Kubernetes label value (DNS label)");
  v.pattern("observability.appMetrics.port", o.appMetrics.port, /^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/, "a Service port name (1–15 lowercase letters, digits, '-')");
  v.pattern("observability.appMetrics.path", o.appMetrics.path, /^\/[A-Za-z0-9/_.-]*$/, "an absolute URL path");
  v.pattern("observability.exporters.postgresDatabase", o.exporters.postgresDatabase, /^[a-z_][a-z0-9_]{0,62}$/, "a PostgreSQL database name (lowercase identifier)");
  v.number("observability.storageKeyDeletionWindowDays", o.storageKeyDeletionWindowDays, { integer: true, min: 7, max: 30, reason: "AWS KMS allows 7–30 days" });

  for (const name of SIZED_CONTAINERS) {
    const size = o.sizing[name];
    const field = `observability.sizing.${name}`;
    v.number(`${field}.cpuMillicores`, size.cpuMillicores, { integer: true, min: 1, max: 64000 });
    v.number(`${field}.memoryMiB`, size.memoryMiB, { integer: true, min: 1, max: 262144 });
    v.number(`${field}.memoryLimitMiB`, size.memoryLimitMiB, { integer: true, min: size.memoryMiB, reason: `a memory limit below the request (${size.memoryMiB} MiB) cannot be scheduled` });
  }
  if (o.loki.chunksCacheMemoryMiB > 0) {
    const needed = Math.ceil(o.loki.chunksCacheMemoryMiB * MEMCACHED_OVERHEAD_RATIO);
    v.number("observability.sizing.lokiChunksCache.memoryMiB", o.sizing.lokiChunksCache.memoryMiB, { integer: true, min: needed, reason: `memcached allocates loki.chunksCacheMemoryMiB (${o.loki.chunksCacheMemoryMiB}) plus 20%` });
  }
  if (o.loki.deploymentMode === "Monolithic") {
    v.require(o.loki.replicas === 1, "observability.loki.replicas", o.loki.replicas, "must be 1 when loki.deploymentMode is Monolithic (one binary, replication factor 1)");
  } else if (o.loki.deploymentMode === "SimpleScalable") {
    v.number("observability.loki.replicas", o.loki.replicas, { integer: true, min: HA_REPLICATION_FACTOR, reason: `SimpleScalable writes with replication factor ${HA_REPLICATION_FACTOR}` });
  }
  if (o.tempo.deploymentMode === "distributed") {
    v.number("observability.tempo.replicas", o.tempo.replicas, { integer: true, min: HA_REPLICATION_FACTOR, reason: `distributed Tempo ingesters replicate ${HA_REPLICATION_FACTOR} ways` });
  } else if (o.tempo.deploymentMode === "single-binary") {
    v.require(o.tempo.replicas === 1, "observability.tempo.replicas", o.tempo.replicas, "must be 1 when tempo.deploymentMode is single-binary");
  }
  if (c.name === "prod") {
    v.number("observability.prometheus.replicas", o.prometheus.replicas, { integer: true, min: 2, reason: "C1: prod runs Prometheus highly available" });
    v.number("observability.alertmanager.replicas", o.alertmanager.replicas, { integer: true, min: 3, reason: "prod runs an Alertmanager cluster of 3" });
    v.require(o.loki.deploymentMode === "SimpleScalable", "observability.loki.deploymentMode", o.loki.deploymentMode, "must be SimpleScalable in prod (highly available)");
    v.require(o.tempo.deploymentMode === "distributed", "observability.tempo.deploymentMode", o.tempo.deploymentMode, "must be distributed in prod (highly available)");
    v.require(o.highAvailability.podDisruptionBudgets, "observability.highAvailability.podDisruptionBudgets", o.highAvailability.podDisruptionBudgets, "must be true in prod (node drains must keep a quorum)");
    v.require(o.highAvailability.zoneAntiAffinity === "required", "observability.highAvailability.zoneAntiAffinity", o.highAvailability.zoneAntiAffinity, "must be required in prod (losing one zone must not lose a component)");
  }
}

/** An IPv4 CIDR block (`a.b.c.d/n`, octets 0–255, n 0–32). */
export function isIpv4Cidr(text: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  return m !== null && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}

/** Group names that are safe inside a single-quoted JMESPath literal (role_attribute_path). */
const GROUP_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._@/-]{0,127}$/;

/** Grafana's load balancer CIDRs and its OIDC client. */
function checkGrafanaAccess(c: EnvironmentConfig, v: ConfigChecker): void {
  const g = c.observability.grafana;
  v.require(g.inboundCidrs.length > 0, "observability.grafana.inboundCidrs", g.inboundCidrs, "must list at least one client network (IPv4 CIDR)");
  g.inboundCidrs.forEach((cidr, i) => {
    const field = `observability.grafana.inboundCidrs[${i}]`;
    v.require(isIpv4Cidr(cidr), field, cidr, "must be an IPv4 CIDR block (a.b.c.d/n)");
    v.require(!cidr.endsWith("/0"), field, cidr, "must not admit every address: Grafana is reached from the offices and the VPN only");
  });
  const sso = g.sso;
  const https = /^https:\/\/([a-z0-9.-]+)(:\d+)?(\/[A-Za-z0-9._~%/-]*)?$/;
  v.pattern("observability.grafana.sso.issuerUrl", sso.issuerUrl, https, "an https URL without query or fragment");
  const issuerHost = https.exec(sso.issuerUrl)?.[1];
  for (const key of ["authorizationUrl", "tokenUrl", "userInfoUrl"] as const) {
    const field = `observability.grafana.sso.${key}`;
    const m = https.exec(sso[key]);
    v.require(m !== null && m[1] === issuerHost, field, sso[key], `must be an https URL on the issuer's host (${issuerHost ?? "the issuer is invalid"})`);
  }
  v.pattern("observability.grafana.sso.clientId", sso.clientId, /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, "an OIDC client ID (letters, digits, . _ : -)");
  v.pattern("observability.grafana.sso.groupsClaim", sso.groupsClaim, /^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "a claim name (letters, digits, _)");
  const seen = new Map<string, string>();
  for (const role of ["Admin", "Editor", "Viewer"] as const) {
    const groups = sso.roleGroups[role];
    v.require(groups.length > 0 || role !== "Admin", `observability.grafana.sso.roleGroups.${role}`, groups, "must name at least one group (someone must administer Grafana without the break-glass login)");
    groups.forEach((group, i) => {
      const field = `observability.grafana.sso.roleGroups.${role}[${i}]`;
      v.pattern(field, group, GROUP_NAME, "a group name (letters, digits, space . _ @ / -; no quotes)");
      const other = seen.get(group);
      v.require(other === undefined, field, group, `must not also be in roleGroups.${other ?? ""}: a group maps to one role`);
      seen.set(group, role);
    });
  }
  checkTeamGroups(c, v);
}

/** Shortest OSS reason: as long as a policy waiver's justification (constructs/policy/waiver.ts). */
export const MIN_EDITION_REASON_LENGTH = 20;

/**
 * D4: the identity-provider groups of each team and the edition that syncs them. A group maps to one team: in two,
 * its members would get both teams' folder permissions without anyone having decided so (a person who needs both
 * is put into both teams' groups at the identity provider, where that decision is visible and audited).
 */
function checkTeamGroups(c: EnvironmentConfig, v: ConfigChecker): void {
  const g = c.observability.grafana;
  const owner = new Map<string, TeamRoleKey>();
  for (const team of TEAM_ROLE_KEYS) {
    const field = `observability.grafana.sso.teamGroups.${team}`;
    const groups = g.sso.teamGroups[team];
    v.require(groups.length > 0, field, groups, `must name at least one identity-provider group (team sync puts exactly their members into team ${team})`);
    groups.forEach((group, i) => {
      const at = `${field}[${i}]`;
      v.pattern(at, group, GROUP_NAME, "a group name (letters, digits, space . _ @ / -; no quotes)");
      const other = owner.get(group);
      v.require(other === undefined, at, group, other === team ? "must not be listed twice in one team" : `must not also be in teamGroups.${other ?? ""}: a group maps to one team (put a person who needs both teams into both teams' groups)`);
      owner.set(group, team);
    });
  }
  const e = g.edition;
  v.oneOf("observability.grafana.edition.kind", e.kind, ["enterprise", "oss"] as const);
  if (e.kind === "oss") {
    const reason = e.reason ?? "";
    v.require(
      reason.trim().length >= MIN_EDITION_REASON_LENGTH && !/[\r\n]/.test(reason),
      "observability.grafana.edition.reason",
      e.reason ?? null,
      `must say in one line of at least ${MIN_EDITION_REASON_LENGTH} characters why this environment runs Grafana OSS (no team sync: team membership by hand); synth prints it`,
    );
  } else if (e.kind === "enterprise") {
    v.require(e.reason === undefined, "observability.grafana.edition.reason", e.reason, "must be absent when edition.kind is enterprise (a reason is printed for oss only)");
  }
}
