/**
 * What the end-to-end alerting test feeds the real servers, derived from the synthesized files with as few
 * and as generic changes as possible:
 * - realistic series: the firing case of every alert's promtool scenario, served live (counters keep their rate);
 * - the rule file with `for` set to 0s and nothing else changed;
 * - the Alertmanager configuration with every notifier endpoint and credential file pointed at the local webhook;
 * - a time zone database in which New York's wall clock shows a chosen moment (Alertmanager has no fake clock).
 */
import fs from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import type { EnvironmentConfig } from "../../../config/types";
import { activeAlerts } from "../../../alerts/resolve";
import { SCENARIOS } from "./scenarios";

// ---------------------------------------------------------------------------------------------------------
// Series
// ---------------------------------------------------------------------------------------------------------

/** One exported series: its value `seconds` after the exporter started. */
export interface LiveSeries {
  readonly metric: string;
  readonly labels: Readonly<Record<string, string>>;
  value(seconds: number): number;
}

function parseSeries(series: string): { metric: string; labels: Record<string, string> } {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?$/.exec(series);
  if (m === null) throw new Error(`cannot parse series ${series}`);
  const labels: Record<string, string> = {};
  for (const l of (m[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*("(?:[^"\\]|\\.)*")/g)) labels[l[1]!] = JSON.parse(l[2]!) as string;
  return { metric: m[1]!, labels };
}

/** Series Prometheus writes itself for every target; an exporter never serves them. */
const SYNTHETIC = /^(up|scrape_.*)$/;
const COUNTER = /(_total|_count|_sum|_bucket)$/;

/** A second node's name next to `instance` (`ip-10-0-1-15.<region>…` → `ip-10-0-2-27.<region>…`). */
const secondNode = (instance: string) => instance.replace(/^[^.]+/, "ip-10-0-2-27");

/**
 * The series of every alert's firing promtool case at the minute it fires, deduplicated (first scenario wins):
 * the label sets the rules are proven against, as a running exporter would serve them. Counters keep growing at
 * the case's rate; gauges hold their value. The firing series of the alerts in `onTwoNodes` are served for a
 * second node as well (a group of two alerts with different summaries).
 */
export function scenarioSeries(config: EnvironmentConfig, onTwoNodes: readonly string[] = []): LiveSeries[] {
  const seen = new Map<string, LiveSeries>();
  for (const alert of activeAlerts(config)) {
    const cases = SCENARIOS[alert.name]!({ alert, config });
    const firing = cases.find((c) => c.checks.some((k) => k.firing !== undefined));
    if (firing === undefined) continue;
    const minute = firing.checks.find((k) => k.firing !== undefined)!.minute;
    const stepSeconds = 60 * (firing.intervalMinutes ?? 1);
    for (const s of firing.series) {
      const { metric, labels } = parseSeries(s.series);
      const at = s.values[Math.min(minute, s.values.length - 1)];
      const before = s.values[Math.min(minute, s.values.length - 1) - 1];
      if (SYNTHETIC.test(metric) || typeof at !== "number") continue;
      const key = `${metric}${JSON.stringify(Object.entries(labels).sort())}`;
      if (seen.has(key)) continue;
      const perSecond = COUNTER.test(metric) && typeof before === "number" ? (at - before) / stepSeconds : 0;
      seen.set(key, { metric, labels, value: (seconds) => at + perSecond * seconds });
      if (onTwoNodes.includes(alert.name) && labels.instance !== undefined) {
        const copy = { ...labels, instance: secondNode(labels.instance) };
        seen.set(`${metric}${JSON.stringify(Object.entries(copy).sort())}`, { metric, labels: copy, value: (seconds) => at + perSecond * seconds });
      }
    }
  }
  return [...seen.values()];
}

const escapeLabel = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');

/** Prometheus text exposition of `series` at `seconds`. */
export function exposition(series: readonly LiveSeries[], seconds: number): string {
  return series
    .map((s) => {
      const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",");
      return `${s.metric}${labels === "" ? "" : `{${labels}}`} ${s.value(seconds)}\n`;
    })
    .join("");
}

// ---------------------------------------------------------------------------------------------------------
// Rule file: `for: 0s`
// ---------------------------------------------------------------------------------------------------------

interface RuleFile {
  groups: Array<{ name: string; rules: Array<Record<string, unknown>> }>;
}

/** The rule file with every alert's `for` set to 0s (alerts fire on their first true evaluation); nothing else changes. */
export function withoutFor(ruleFileYaml: string): string {
  const file = parse(ruleFileYaml) as RuleFile;
  for (const group of file.groups) for (const rule of group.rules) if ("for" in rule) rule.for = "0s";
  return stringify(file, { lineWidth: 0 });
}

/** The rule file without the rule of alert `name` (a seeded break). */
export function withoutAlert(ruleFileYaml: string, name: string): string {
  const file = parse(ruleFileYaml) as RuleFile;
  for (const group of file.groups) group.rules = group.rules.filter((r) => r.alert !== name);
  return stringify(file, { lineWidth: 0 });
}

// ---------------------------------------------------------------------------------------------------------
// Alertmanager configuration: endpoints and credentials pointed at the webhook
// ---------------------------------------------------------------------------------------------------------

/**
 * The field that names where each notifier sends. Slack reads its URL from `api_url_file` (a credential file);
 * PagerDuty and Opsgenie default to their public endpoints when the field is absent, so it is set.
 */
export const ENDPOINT_FIELDS: Readonly<Record<string, string>> = {
  slack_configs: "api_url",
  pagerduty_configs: "url",
  opsgenie_configs: "api_url",
  webhook_configs: "url",
};

type Json = Record<string, unknown>;

/** A rewritten field, as `receiver/notifier[i].path`. */
export interface Rewrite {
  readonly receiver: string;
  readonly notifier: string;
  readonly field: string;
}

/**
 * Points every notifier of `am` (parsed alertmanager.yaml) at `webhookUrl`/`tag`/`<receiver>`/`<notifier>`:
 * its endpoint field (or, for a `*_url_file`, the file's content) and every `*_file` credential (a file in
 * `dir` holding a dummy value). Returns the new configuration and the list of fields it changed or added.
 */
export function pointAtWebhook(am: Json, webhookUrl: string, tag: string, dir: string): { config: Json; rewrites: Rewrite[] } {
  const config = structuredClone(am);
  const rewrites: Rewrite[] = [];
  fs.mkdirSync(dir, { recursive: true });
  for (const receiver of (config.receivers as Json[]) ?? []) {
    const name = receiver.name as string;
    for (const [notifier, entries] of Object.entries(receiver)) {
      if (!notifier.endsWith("_configs") || !Array.isArray(entries)) continue;
      const endpointField = ENDPOINT_FIELDS[notifier];
      if (endpointField === undefined) throw new Error(`receiver ${name}: no endpoint field known for ${notifier}`);
      entries.forEach((entry: Json, i) => {
        const endpoint = `${webhookUrl}/${tag}/${name}/${notifier}`;
        const visit = (obj: Json, prefix: string) => {
          for (const [key, value] of Object.entries(obj)) {
            if (typeof value === "object" && value !== null && !Array.isArray(value)) visit(value as Json, `${prefix}${key}.`);
            else if (key.endsWith("_file") && typeof value === "string") {
              const file = path.join(dir, `${name}-${notifier}-${i}-${prefix}${key}`);
              fs.writeFileSync(file, key === `${endpointField}_file` ? endpoint : `e2e-dummy-${key}`);
              obj[key] = file;
              rewrites.push({ receiver: name, notifier: `${notifier}[${i}]`, field: `${prefix}${key}` });
            }
          }
        };
        visit(entry, "");
        if (!(`${endpointField}_file` in entry)) {
          entry[endpointField] = endpoint;
          rewrites.push({ receiver: name, notifier: `${notifier}[${i}]`, field: endpointField });
        }
      });
    }
  }
  return { config, rewrites };
}

/** `am` with every rewritten field removed: equal for the original and the rewritten configuration when nothing else changed. */
export function withoutRewrites(am: Json, rewrites: readonly Rewrite[]): Json {
  const copy = structuredClone(am);
  for (const r of rewrites) {
    const receiver = (copy.receivers as Json[]).find((x) => x.name === r.receiver)!;
    const [, notifier, index] = /^(.*)\[(\d+)\]$/.exec(r.notifier)!;
    let obj = (receiver[notifier!] as Json[])[Number(index)]!;
    const keys = r.field.split(".");
    for (const k of keys.slice(0, -1)) obj = obj[k] as Json;
    delete obj[keys[keys.length - 1]!];
  }
  return copy;
}

// ---------------------------------------------------------------------------------------------------------
// Time zone database showing a chosen moment
// ---------------------------------------------------------------------------------------------------------

/** Seconds east of UTC of `zone`'s wall clock at `moment`. */
export function utcOffsetSeconds(zone: string, moment: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(moment);
  const p = (t: string) => Number(parts.find((x) => x.type === t)!.value);
  const wall = Date.UTC(p("year"), p("month") - 1, p("day"), p("hour"), p("minute"), p("second"));
  return Math.round((wall - Math.floor(moment.getTime() / 1000) * 1000) / 1000);
}

/** A TZif (version 1) file of one fixed offset: what Go's time.LoadLocation reads. */
export function fixedOffsetTzif(offsetSeconds: number): Buffer {
  const header = Buffer.alloc(44);
  header.write("TZif", 0, "ascii"); // magic; version byte 0 (v1); 15 reserved bytes
  // counts: isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  [0, 0, 0, 0, 1, 4].forEach((n, i) => header.writeUInt32BE(n, 20 + 4 * i));
  const type = Buffer.alloc(6);
  type.writeInt32BE(offsetSeconds, 0); // utoff
  type.writeUInt8(0, 4); // isdst
  type.writeUInt8(0, 5); // abbreviation index
  return Buffer.concat([header, type, Buffer.from("E2E\0", "ascii")]);
}

/**
 * A ZONEINFO folder in which each of `zones` shows the wall-clock time it showed at `moment`, from now on:
 * Go reads ZONEINFO before the system's database, so Alertmanager evaluates its time intervals (with their
 * `location`) as if it were `moment`. Its clock itself is not changed: only the zones' offsets, which hold for
 * the minutes a test runs.
 */
export function zoneinfoAt(dir: string, moment: Date, zones: readonly string[], now = new Date()): string {
  const shift = Math.round((moment.getTime() - now.getTime()) / 1000);
  for (const zone of zones) {
    const file = path.join(dir, zone);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, fixedOffsetTzif(utcOffsetSeconds(zone, moment) + shift));
  }
  return dir;
}
