/**
 * Risk rules of the change review. Each rule looks at the resource and review-file changes and reports
 * findings; the highest level decides the review's outcome. High risk: data or protection can be lost,
 * or an incident may go unnoticed (stateful resources destroyed or replaced, retention or locks shortened,
 * backups weakened, alerts loosened or removed, notification paths replaced, a chart's major version).
 */
import { parse as parseYaml } from "yaml";
import { durationSeconds, isDuration } from "../../alerts/duration";
import { BackupSchedule, CronParseError, formatMinutes } from "../../config/backup-schedule";
import type { BlockChange, FileChange, ResourceChange, TreeDiff } from "./diff";
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

/** How often an AWS Backup schedule runs, read by `config/backup-schedule.ts` (the parser validation, plan rules and docs use). */
export interface BackupFrequency {
  /** Largest gap between two consecutive runs, in hours. */
  readonly largestGapHours: number;
  /** Average runs per week (a `MON-FRI` daily rule runs 5 times). */
  readonly runsPerWeek: number;
}

/** Runs per 4-year window → per week: the parser evaluates 4 × 365 + 1 days. */
const WINDOW_WEEKS = (4 * 365 + 1) / 7;

/** The frequency of a schedule, or undefined when it is not a cron expression the parser evaluates. */
export function backupFrequency(schedule: Json | undefined): BackupFrequency | undefined {
  if (typeof schedule !== "string") return undefined;
  try {
    const parsed = BackupSchedule.parse(schedule);
    return { largestGapHours: parsed.largestGapHours, runsPerWeek: (parsed.runsPerMatchingDay * parsed.matchingDays) / WINDOW_WEEKS };
  } catch (error) {
    if (error instanceof CronParseError) return undefined;
    throw error;
  }
}

const describeFrequency = (f: BackupFrequency) => `largest gap ${formatMinutes(Math.round(f.largestGapHours * 60))}, ${Math.round(f.runsPerWeek * 10) / 10} runs a week`;

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
      if (rule.schedule !== next.schedule) {
        const b = backupFrequency(rule.schedule);
        const a = backupFrequency(next.schedule);
        if (b === undefined || a === undefined) {
          findings.push({ level: "medium", rule: "backup-schedule-unreadable", where: where(c), message: `rule \`${name}\` schedule ${fmt(rule.schedule)} → ${fmt(next.schedule)} cannot be evaluated: compare the frequencies by hand` });
        } else if (a.largestGapHours > b.largestGapHours || a.runsPerWeek < b.runsPerWeek) {
          // Fewer recovery points: more data is lost in a disaster even when the RPO still allows the new gap.
          findings.push({
            level: "high",
            rule: "backup-weakened",
            where: where(c),
            message: `rule \`${name}\` runs less often: ${fmt(rule.schedule)} → ${fmt(next.schedule)} (${describeFrequency(b)} → ${describeFrequency(a)})`,
          });
        }
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

interface LokiRetention {
  /** Path of the `limits_config` object inside the release. */
  readonly path: string;
  readonly global: Json | undefined;
  readonly streams: ReadonlyMap<string, Json>;
}

/** Every `limits_config`-like object (one with `retention_stream`) in a parsed Helm release, by path. */
function lokiRetentions(value: Json | undefined, path = ""): LokiRetention[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => lokiRetentions(v, `${path}[${i}]`));
  if (value === null || value === undefined || typeof value !== "object") return [];
  const own: LokiRetention[] = Array.isArray(value.retention_stream)
    ? [
        {
          path,
          global: value.retention_period,
          streams: new Map(value.retention_stream.map((s) => [String((s as Record<string, Json>).selector), (s as Record<string, Json>).period])),
        },
      ]
    : [];
  return [...own, ...Object.entries(value).flatMap(([k, v]) => lokiRetentions(v, path === "" ? k : `${path}.${k}`))];
}

/**
 * C4/L2: a Loki per-stream retention (`retention_stream[].period`) shortened, or a stream removed so that its
 * logs fall back to a shorter `retention_period`. Loki's compactor deletes the older chunks at its next run.
 */
function lokiStreams(changes: readonly ResourceChange[]): Finding[] {
  const findings: Finding[] = [];
  for (const c of changes.filter((x) => x.type === "helm_release" && x.kind === "changed")) {
    const after = new Map(lokiRetentions(c.after?.values).map((r) => [r.path, r]));
    for (const before of lokiRetentions(c.before?.values)) {
      const next = after.get(before.path);
      for (const [selector, period] of before.streams) {
        const newPeriod = next?.streams.get(selector) ?? next?.global;
        const b = retentionHours(period, "retention");
        const a = retentionHours(newPeriod, "retention");
        if (b === undefined) continue;
        const fallback = next?.streams.has(selector) !== true;
        if (a === undefined || a < b) {
          findings.push({
            level: "high",
            rule: "loki-stream-retention-shortened",
            where: where(c),
            message: fallback
              ? `Loki stream \`${selector}\` loses its retention rule: ${fmt(period)} → the default ${fmt(newPeriod)}`
              : `Loki stream \`${selector}\` retention shortened ${fmt(period)} → ${fmt(newPeriod)}`,
          });
        }
      }
    }
  }
  return findings;
}

const blockWhere = (b: BlockChange) => `${b.stack}/${b.address}`;

/** Attribute changes of a block as `path a → b`, for messages. */
const attributesOf = (b: BlockChange) => b.attributes.map((a) => `\`${a.path || "(value)"}\` ${fmt(a.before)} → ${fmt(a.after)}`).join(", ");

/**
 * Everything outside `resource` that changes a plan. Every such change is a finding, so a change that only
 * moves the state, retags every resource or rewires a data source is never "no changes".
 */
function stackSettings(blocks: readonly BlockChange[]): Finding[] {
  const findings: Finding[] = [];
  const add = (b: BlockChange, level: RiskLevel, rule: string, message: string) => findings.push({ level, rule, where: blockWhere(b), message });
  for (const b of blocks) {
    switch (b.block) {
      case "backend":
        add(
          b,
          "high",
          "backend-changed",
          `${b.kind === "changed" ? `state backend ${attributesOf(b)}` : `state backend ${b.kind}`}: the stack's state moves. Migrate it first (\`terraform init -migrate-state\`, or copy the state object); a plan against the new location starts from an empty state and creates every resource again`,
        );
        break;
      case "provider": {
        if (b.kind !== "changed") {
          add(b, b.kind === "removed" ? "medium" : "low", "provider-changed", `provider configuration ${b.kind}`);
          break;
        }
        const tags = b.attributes.filter((a) => a.path.startsWith("default_tags"));
        const others = b.attributes.filter((a) => !a.path.startsWith("default_tags"));
        if (tags.length > 0) {
          const names = tags.map((a) => `\`${/\.tags\.(.+)$/.exec(a.path)?.[1] ?? a.path}\` ${fmt(a.before)} → ${fmt(a.after)}`).join(", ");
          add(b, "medium", "default-tags-changed", `default tag ${names}: every resource this provider manages is updated in place (\`tags_all\`)`);
        }
        for (const a of others) {
          const critical = /^(region|allowed_account_ids|forbidden_account_ids|assume_role)/.test(a.path);
          add(
            b,
            critical ? "high" : "medium",
            critical ? "provider-target-changed" : "provider-changed",
            critical
              ? `\`${a.path}\` ${fmt(a.before)} → ${fmt(a.after)}: every resource of this provider is looked up in another region or account; Terraform plans to recreate them there`
              : `\`${a.path}\` ${fmt(a.before)} → ${fmt(a.after)}: reaches every resource of this provider`,
          );
        }
        break;
      }
      case "required_provider": {
        const version = b.attributes.find((a) => a.path === "version");
        const major = (v: Json | undefined) => String(v ?? "").replace(/^[~>=<^ v]+/, "").split(".")[0];
        const level: RiskLevel = b.kind !== "changed" || (version !== undefined && major(version.before) !== major(version.after)) ? "medium" : "low";
        add(b, level, "provider-version-changed", b.kind === "changed" ? attributesOf(b) : `provider requirement ${b.kind}`);
        break;
      }
      case "data":
        add(b, "low", "data-source-changed", b.kind === "changed" ? `${attributesOf(b)}: resources reading it may change` : `data source ${b.kind}`);
        break;
      case "output":
        if (b.kind === "removed") add(b, "medium", "output-removed", "output removed: a stack or tool reading it fails");
        else add(b, "low", "output-changed", b.kind === "changed" ? attributesOf(b) : "output added");
        break;
      default:
        add(b, "low", "stack-setting-changed", b.kind === "changed" ? attributesOf(b) : `${b.block} ${b.kind}`);
    }
  }
  return findings;
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
    ...lokiStreams(diff.resources),
    ...kubernetesSecrets(diff.resources),
    ...stackSettings(diff.blocks),
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

