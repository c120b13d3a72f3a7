/**
 * Risk rules of the change review. Each rule looks at the resource and review-file changes and reports
 * findings; the highest level decides the review's outcome. High risk: data or protection can be lost,
 * or an incident may go unnoticed (stateful resources destroyed or replaced, retention or locks shortened,
 * backups weakened, alerts loosened or removed, notification paths replaced, a chart's major version).
 */
import { parse as parseYaml } from "yaml";
import { durationSeconds, isDuration } from "../alerts/duration";
import type { FileChange, ResourceChange, TreeDiff } from "./diff";
import statefulTypes from "./stateful-types.json";
import type { Json } from "./tree";

export type RiskLevel = "high" | "medium" | "low";

export interface Finding {
  readonly level: RiskLevel;
  readonly rule: string;
  /** `stack/type.name`, or `out/<path>` for review files. */
  readonly where: string;
  readonly message: string;
}

/**
 * Resource types whose destruction loses data, keys, evidence or protection. One list in
 * `stateful-types.json`, read by this review and by the CI plan summary (`scripts/ci/plan-result.cjs`).
 */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set(statefulTypes);

/** Attributes whose change makes Terraform replace (destroy and recreate) a stateful resource. */
export const REPLACING_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_s3_bucket: ["bucket", "bucket_prefix", "object_lock_enabled"],
  aws_kms_key: ["multi_region", "customer_master_key_spec", "key_usage"],
  aws_kms_replica_key: ["primary_key_arn"],
  aws_backup_vault: ["name", "kms_key_arn"],
  aws_cloudwatch_log_group: ["name", "name_prefix"],
  aws_cloudtrail: ["name"],
  aws_prometheus_workspace: ["alias"],
};

/** Attribute path segments that hold a retention period (days, hours or a duration string). */
const RETENTION_PATH = /(^|[._[\]])(days|retention_in_days|retention_days|delete_after|delete_after_days|min_retention_days|max_retention_days|noncurrent_days|expiration|retention_period|retention|max_age|changeable_for_days)(\b|$)/i;

const where = (c: ResourceChange) => `${c.stack}/${c.type}.${c.name}`;
const levelRank: Record<RiskLevel, number> = { high: 2, medium: 1, low: 0 };

/** Converts a retention value to hours: numbers are days (AWS), strings are Prometheus/Loki durations (`720h`, `30d`). */
export function retentionHours(value: Json | undefined, path: string): number | undefined {
  if (typeof value === "number") return /hours/i.test(path) ? value : value * 24;
  if (typeof value !== "string") return undefined;
  return isDuration(value.trim()) ? durationSeconds(value.trim()) / 3600 : undefined;
}

function stateful(changes: readonly ResourceChange[]): Finding[] {
  const findings: Finding[] = [];
  for (const c of changes) {
    if (!STATEFUL_TYPES.has(c.type)) continue;
    if (c.kind === "removed") {
      findings.push({ level: "high", rule: "stateful-destroyed", where: where(c), message: `${c.type} is removed: Terraform destroys it (data, keys or protection are lost)` });
    }
    if (c.kind === "changed") {
      for (const attr of REPLACING_ATTRIBUTES[c.type] ?? []) {
        const a = c.attributes.find((x) => x.path === attr);
        if (a) findings.push({ level: "high", rule: "stateful-replaced", where: where(c), message: `\`${attr}\` ${fmt(a.before)} → ${fmt(a.after)} forces replacement (destroy and recreate)` });
      }
      const protection = c.attributes.find((x) => x.path === "lifecycle.prevent_destroy" || x.path === "lifecycle");
      if (protection && JSON.stringify(c.before?.lifecycle ?? null).includes('"prevent_destroy":true') && !JSON.stringify(c.after?.lifecycle ?? null).includes('"prevent_destroy":true')) {
        findings.push({ level: "high", rule: "protection-removed", where: where(c), message: "`prevent_destroy` is removed from a stateful resource" });
      }
    }
  }
  return findings;
}

function retention(changes: readonly ResourceChange[]): Finding[] {
  const findings: Finding[] = [];
  for (const c of changes.filter((x) => x.kind === "changed")) {
    for (const a of c.attributes) {
      if (!RETENTION_PATH.test(a.path)) continue;
      const before = retentionHours(a.before, a.path);
      const after = retentionHours(a.after, a.path);
      if (before !== undefined && after !== undefined && after < before) {
        findings.push({ level: "high", rule: "retention-shortened", where: where(c), message: `\`${a.path}\` shortened ${fmt(a.before)} → ${fmt(a.after)}` });
      } else if (before !== undefined && after === undefined && a.after === undefined) {
        findings.push({ level: "high", rule: "retention-shortened", where: where(c), message: `\`${a.path}\` (${fmt(a.before)}) is removed` });
      }
    }
    for (const a of c.attributes.filter((x) => /(^|\.)mode$/.test(x.path) || /changeable_for_days/.test(x.path))) {
      if (a.before === "COMPLIANCE" && a.after !== "COMPLIANCE") {
        findings.push({ level: "high", rule: "lock-weakened", where: where(c), message: `lock mode COMPLIANCE → ${fmt(a.after)}` });
      }
    }
  }
  return findings;
}

/** Runs per day of an AWS Backup cron expression `cron(min hour dom month dow year)`; undefined if unknown. */
export function runsPerDay(schedule: Json | undefined): number | undefined {
  if (typeof schedule !== "string") return undefined;
  const m = /^cron\(\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*\)$/.exec(schedule.trim());
  if (!m) return undefined;
  const [, , hour, dom, , dow] = m;
  let perDay: number;
  if (hour === "*") perDay = 24;
  else if (/^\*\/(\d+)$/.test(hour!)) perDay = Math.ceil(24 / Number(hour!.slice(2)));
  else if (/^\d+-\d+\/(\d+)$/.test(hour!)) {
    const [range, step] = hour!.split("/");
    const [from, to] = range!.split("-").map(Number);
    perDay = Math.floor((to! - from!) / Number(step)) + 1;
  } else if (/^[\d,]+$/.test(hour!)) perDay = hour!.split(",").length;
  else return undefined;
  if (dow !== "?" && dow !== "*") return perDay * (dow!.split(",").length / 7);
  if (dom !== "?" && dom !== "*") return perDay * (dom!.split(",").length / 30);
  return perDay;
}

function backup(changes: readonly ResourceChange[]): Finding[] {
  const findings: Finding[] = [];
  for (const c of changes.filter((x) => x.type === "aws_backup_plan" && x.kind === "changed")) {
    const rules = (body: Record<string, Json> | undefined) =>
      new Map(((body?.rule as Json[] | undefined) ?? []).map((r) => [String((r as Record<string, Json>).rule_name), r as Record<string, Json>]));
    const before = rules(c.before);
    const after = rules(c.after);
    for (const [name, rule] of before) {
      const next = after.get(name);
      if (!next) {
        findings.push({ level: "high", rule: "backup-weakened", where: where(c), message: `backup rule \`${name}\` is removed` });
        continue;
      }
      const bRuns = runsPerDay(rule.schedule);
      const aRuns = runsPerDay(next.schedule);
      if (bRuns !== undefined && aRuns !== undefined && aRuns < bRuns) {
        findings.push({ level: "high", rule: "backup-weakened", where: where(c), message: `rule \`${name}\` runs less often: ${fmt(rule.schedule)} → ${fmt(next.schedule)}` });
      }
      if (rule.enable_continuous_backup === true && next.enable_continuous_backup !== true) {
        findings.push({ level: "high", rule: "backup-weakened", where: where(c), message: `rule \`${name}\` stops continuous backup (point-in-time recovery)` });
      }
      const copies = (r: Record<string, Json>) => ((r.copy_action as Json[] | undefined) ?? []).length;
      if (copies(next) < copies(rule)) {
        findings.push({ level: "high", rule: "backup-copy-removed", where: where(c), message: `rule \`${name}\` no longer copies recovery points to the DR vault` });
      }
    }
  }
  return findings;
}

interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Record<string, string>;
}

function alertsOf(content: string | undefined): Map<string, AlertRule> {
  const out = new Map<string, AlertRule>();
  if (content === undefined) return out;
  const doc = parseYaml(content) as { groups?: Array<{ rules?: AlertRule[] }> } | null;
  for (const group of doc?.groups ?? []) for (const rule of group.rules ?? []) if (rule.alert) out.set(rule.alert, rule);
  return out;
}

/**
 * The numeric comparisons of a PromQL alert expression, in order (`> 0.01`, `>= 0.1`, ...). Label matchers
 * compare strings in quotes, so every `op number` is a threshold or a floor.
 */
export function comparisons(expr: string): Array<{ op: string; value: number }> {
  return [...expr.matchAll(/(>=|<=|>|<|==|!=)\s*(?:bool\s+)?(-?\d+(?:\.\d+)?(?:e-?\d+)?)(?![\w.])/g)].map((m) => ({ op: m[1]!, value: Number(m[2]) }));
}

const SEVERITY_RANK: Record<string, number> = { critical: 3, warning: 2, info: 1 };

function alertRules(files: readonly FileChange[]): Finding[] {
  const findings: Finding[] = [];
  for (const f of files.filter((x) => x.path.endsWith("prometheus-rules.yaml"))) {
    const before = alertsOf(f.before);
    const after = alertsOf(f.after);
    const at = `out/${f.path}`;
    for (const [name, rule] of before) {
      const next = after.get(name);
      if (!next) {
        findings.push({ level: "high", rule: "alert-removed", where: at, message: `alert \`${name}\` is removed` });
        continue;
      }
      // Raising a `>` bound or lowering a `<` bound means fewer series match: the alert fires less.
      const oldBounds = comparisons(rule.expr);
      const newBounds = comparisons(next.expr);
      if (oldBounds.length === newBounds.length) {
        oldBounds.forEach((b, i) => {
          const a = newBounds[i]!;
          if (b.op === a.op && ((/^>/.test(a.op) && a.value > b.value) || (/^</.test(a.op) && a.value < b.value))) {
            findings.push({ level: "high", rule: "alert-loosened", where: at, message: `alert \`${name}\` threshold loosened: ${b.op} ${b.value} → ${a.op} ${a.value}` });
          }
        });
      } else {
        findings.push({ level: "medium", rule: "alert-changed", where: at, message: `alert \`${name}\` expression changed shape; review its thresholds by hand` });
      }
      const bFor = retentionHours(rule.for ?? "0s", "for") ?? 0;
      const aFor = retentionHours(next.for ?? "0s", "for") ?? 0;
      if (aFor > bFor) findings.push({ level: "high", rule: "alert-loosened", where: at, message: `alert \`${name}\` waits longer: for ${rule.for ?? "0s"} → ${next.for ?? "0s"}` });
      const bSev = SEVERITY_RANK[rule.labels?.severity ?? ""] ?? 0;
      const aSev = SEVERITY_RANK[next.labels?.severity ?? ""] ?? 0;
      if (aSev < bSev) findings.push({ level: "high", rule: "alert-loosened", where: at, message: `alert \`${name}\` severity lowered: ${rule.labels?.severity} → ${next.labels?.severity}` });
    }
  }
  return findings;
}

function receiversOf(content: string | undefined): Map<string, string> {
  const doc = (content === undefined ? null : parseYaml(content)) as { receivers?: Array<Record<string, unknown>> } | null;
  return new Map((doc?.receivers ?? []).map((r) => [String(r.name), JSON.stringify(r)]));
}

function notifications(changes: readonly ResourceChange[], files: readonly FileChange[]): Finding[] {
  const findings: Finding[] = [];
  for (const c of changes.filter((x) => x.type === "grafana_contact_point" || x.type === "grafana_notification_policy")) {
    if (c.kind === "removed") findings.push({ level: "high", rule: "notification-replaced", where: where(c), message: `${c.type} is removed` });
    if (c.kind === "changed" && c.attributes.some((a) => a.path === "name")) {
      findings.push({ level: "high", rule: "notification-replaced", where: where(c), message: `${c.type} is renamed (replaced)` });
    }
  }
  for (const f of files.filter((x) => x.path.endsWith("alertmanager.yaml") && x.kind !== "added")) {
    const before = receiversOf(f.before);
    const after = receiversOf(f.after);
    for (const [name, body] of before) {
      if (!after.has(name)) findings.push({ level: "high", rule: "notification-replaced", where: `out/${f.path}`, message: `receiver \`${name}\` is removed` });
      else if (after.get(name) !== body) findings.push({ level: "high", rule: "notification-replaced", where: `out/${f.path}`, message: `receiver \`${name}\` is changed` });
    }
    const route = (content: string | undefined) => JSON.stringify(((content === undefined ? null : parseYaml(content)) as { route?: unknown } | null)?.route ?? null);
    if (route(f.before) !== route(f.after)) findings.push({ level: "medium", rule: "routing-changed", where: `out/${f.path}`, message: "the alert routing tree changed" });
  }
  return findings;
}

/** Kubernetes Secrets Terraform manages; removing one from the code makes Terraform delete it from the cluster. */
const KUBERNETES_SECRET_TYPES: ReadonlySet<string> = new Set(["kubernetes_secret_v1", "kubernetes_secret"]);

function kubernetesSecrets(changes: readonly ResourceChange[]): Finding[] {
  return changes
    .filter((c) => c.kind === "removed" && KUBERNETES_SECRET_TYPES.has(c.type))
    .map((c) => ({
      level: "high",
      rule: "secret-removed",
      where: where(c),
      message: `${c.type} is removed: Terraform deletes the Secret and the pods reading it fail; if an ExternalSecret now owns it, apply the operator and the ExternalSecrets first, then \`terraform state rm\` it (README "Secrets")`,
    }));
}

function charts(changes: readonly ResourceChange[]): Finding[] {
  const findings: Finding[] = [];
  for (const c of changes.filter((x) => x.type === "helm_release" && x.kind === "changed")) {
    const a = c.attributes.find((x) => x.path === "version");
    if (!a) continue;
    const major = (v: Json | undefined) => String(v ?? "").replace(/^v/, "").split(".")[0];
    const level: RiskLevel = major(a.before) !== major(a.after) ? "high" : "low";
    findings.push({ level, rule: level === "high" ? "chart-major-change" : "chart-version-change", where: where(c), message: `chart ${fmt(c.after?.chart)} ${fmt(a.before)} → ${fmt(a.after)}` });
  }
  return findings;
}

/** Every finding for a diff, high first, then by location. */
export function assessRisk(diff: TreeDiff): Finding[] {
  const findings = [
    ...diff.stacksRemoved.map((s): Finding => ({ level: "high", rule: "stack-removed", where: s, message: "the whole stack is removed: every resource in it is destroyed" })),
    ...stateful(diff.resources),
    ...retention(diff.resources),
    ...backup(diff.resources),
    ...alertRules(diff.files),
    ...notifications(diff.resources, diff.files),
    ...charts(diff.resources),
    ...kubernetesSecrets(diff.resources),
  ];
  const statefulChanged = diff.resources.filter((c) => c.kind === "changed" && STATEFUL_TYPES.has(c.type) && !findings.some((f) => f.where === where(c)));
  for (const c of statefulChanged) findings.push({ level: "medium", rule: "stateful-changed", where: where(c), message: `updated in place: ${c.attributes.map((a) => `\`${a.path}\``).join(", ")}` });
  return findings.sort((x, y) => levelRank[y.level] - levelRank[x.level] || x.where.localeCompare(y.where) || x.message.localeCompare(y.message));
}

/** The overall level: the highest finding, or low when there are none. */
export function overallRisk(findings: readonly Finding[]): RiskLevel {
  return findings.reduce<RiskLevel>((acc, f) => (levelRank[f.level] > levelRank[acc] ? f.level : acc), "low");
}

/** Short rendering of a JSON value for messages. */
export function fmt(value: Json | undefined): string {
  if (value === undefined) return "(none)";
  const s = typeof value === "string" ? value : JSON.stringify(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

