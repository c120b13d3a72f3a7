/**
 * The "follow one value" section of `docs/architecture.md`: the application log retention
 * (`logRetention.applicationDays`, L2) from the config files to every place it lands, per environment. Each place
 * is found and its value read where it is (the environment files' source, the validator probed at its bounds, the
 * synthesized stack JSON, the synth summary notes, the rendered `docs/retention.md`, the change review run on a
 * shortened copy of the stack); a place that is missing or disagrees with the effective config throws, naming it,
 * so the page cannot describe a flow the program no longer has.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { applyOverrides } from "../../../config/merge";
import { GUIDE } from "../../../config/policy";
import { logClassPolicy } from "../../../config/retention-policy";
import type { EnvironmentConfig } from "../../../config/types";
import { findConfigIssues } from "../../../config/validate";
import { bucketName } from "../../../constructs/core/naming";
import { diffTrees } from "../../review/diff";
import { assessRisk, retentionHours } from "../../review/risk";
import { stripMetadata, type Json, type StackJson } from "../../review/tree";
import { markdownTable } from "../types";
import type { DeployedEnvironment, DeployedStack } from "./deployed";

/** The followed field, as validation messages and the environment files name it. */
export const FOLLOWED_FIELD = "logRetention.applicationDays";

/** Largest retention validation accepts for a log class (10 years). */
const MAX_DAYS = 3653;

/** One place the value lands: what it is, where exactly, and the value read there. */
export interface ValuePlace {
  readonly place: string;
  readonly where: string;
  readonly value: string;
}

/** The config sources the value is written in: `config/environments/base.ts` and the environment's own file. */
export interface ConfigSources {
  readonly base: { readonly file: string; readonly text: string };
  readonly environment: { readonly file: string; readonly text: string };
}

type JsonObject = Record<string, unknown>;
const obj = (v: unknown): JsonObject => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as JsonObject) : {});

/** Thrown when a place is missing or disagrees with the effective config. */
export class FollowedValueError extends Error {
  constructor(environment: string, place: string, problem: string) {
    super(`docs/architecture.md, ${environment}: ${place}: ${problem}`);
    this.name = "FollowedValueError";
  }
}

/** Reads the environment files of the registry (`config/environments/`) from `root`. */
export function configSources(root: string, environment: string): ConfigSources {
  const read = (file: string) => ({ file, text: fs.readFileSync(path.join(root, file), "utf8") });
  return { base: read("config/environments/base.ts"), environment: read(`config/environments/${environment}.ts`) };
}

/** The initializer text of the first `logRetention: { applicationDays: <here> }` in a source file. */
function initializerOf(text: string): string | undefined {
  const source = ts.createSourceFile("config.ts", text, ts.ScriptTarget.Latest, true);
  const [section, field] = FOLLOWED_FIELD.split(".") as [string, string];
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found !== undefined) return;
    if (ts.isPropertyAssignment(node) && node.name.getText(source) === field) {
      const owner = node.parent.parent;
      if (ts.isPropertyAssignment(owner) && owner.name.getText(source) === section) {
        found = node.initializer.getText(source);
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function configPlaces(config: EnvironmentConfig, sources: ConfigSources, fail: (place: string, problem: string) => never): ValuePlace[] {
  const days = config.logRetention.applicationDays;
  const base = initializerOf(sources.base.text);
  if (base === undefined) fail(`config base (${sources.base.file})`, `sets no ${FOLLOWED_FIELD}`);
  const guideExpression = "GUIDE.logRetention.applicationDays";
  const baseDays = base === guideExpression ? GUIDE.logRetention.applicationDays : Number(base);
  if (!Number.isInteger(baseDays)) fail(`config base (${sources.base.file})`, `${FOLLOWED_FIELD} = ${base} is neither a number nor ${guideExpression}`);
  const override = initializerOf(sources.environment.text);
  const overrideDays = override === undefined ? undefined : Number(override);
  if (override !== undefined && !Number.isInteger(overrideDays)) fail(`config override (${sources.environment.file})`, `${FOLLOWED_FIELD} = ${override} is not a number`);
  const effective = overrideDays ?? baseDays;
  if (effective !== days) {
    fail(`config (${override === undefined ? sources.base.file : sources.environment.file})`, `${FOLLOWED_FIELD} reads ${effective} but the environment's config has ${days}`);
  }
  return [
    { place: "config: base", where: `\`${sources.base.file}\``, value: base === guideExpression ? `\`${base}\` = ${baseDays} (config/policy.ts)` : String(baseDays) },
    { place: "config: override", where: `\`${sources.environment.file}\``, value: override === undefined ? "— (the base value applies)" : override },
  ];
}

/** The validator's verdict on `config` with the followed value set to `days`: the message, or undefined when accepted. */
function verdict(config: EnvironmentConfig, days: number): string | undefined {
  const probe = applyOverrides<EnvironmentConfig>(config, { logRetention: { applicationDays: days } });
  return findConfigIssues(probe).find((i) => i.field === FOLLOWED_FIELD)?.allowed;
}

function validationPlace(config: EnvironmentConfig, fail: (place: string, problem: string) => never): ValuePlace {
  const place = "validation (config/validation/log-retention.ts)";
  const min = config.policy === "guide" ? GUIDE.logRetention.applicationDays : 1;
  const days = config.logRetention.applicationDays;
  if (verdict(config, days) !== undefined) fail(place, `rejects the configured ${days} days`);
  const below = verdict(config, min - 1);
  if (below === undefined || verdict(config, min) !== undefined) fail(place, `does not bound the value below at ${min} days (${config.policy} policy)`);
  if (verdict(config, MAX_DAYS) !== undefined || verdict(config, MAX_DAYS + 1) === undefined) fail(place, `does not bound the value above at ${MAX_DAYS} days`);
  return { place: "validation", where: "`config/validation/log-retention.ts`", value: `${below}; guide value ${GUIDE.logRetention.applicationDays} d` };
}

function stackOf(env: DeployedEnvironment, layer: string, fail: (place: string, problem: string) => never): DeployedStack {
  return env.stacks.find((s) => s.layer === layer) ?? fail(`${layer} stack`, "is not among the environment's stacks");
}

/** The application log bucket's lifecycle configuration in the data stack: its address and the expiring rule's index. */
function lifecycleOf(stack: DeployedStack, bucket: string, fail: (place: string, problem: string) => never): { address: string; rule: number; days: unknown } {
  const place = `S3 lifecycle of ${bucket} (${stack.name})`;
  const resources = obj(stack.json.resource);
  const bucketId = Object.entries(obj(resources.aws_s3_bucket)).find(([, r]) => obj(r).bucket === bucket)?.[0] ?? fail(place, "no aws_s3_bucket has this name");
  const [id, lifecycle] =
    Object.entries(obj(resources.aws_s3_bucket_lifecycle_configuration)).find(([, r]) => obj(r).bucket === `\${aws_s3_bucket.${bucketId}.id}`) ??
    fail(place, `no aws_s3_bucket_lifecycle_configuration is attached to aws_s3_bucket.${bucketId}`);
  const rules = Array.isArray(obj(lifecycle).rule) ? (obj(lifecycle).rule as unknown[]) : [];
  const expiring = rules.flatMap((r, i) => (obj(r).status === "Enabled" && Array.isArray(obj(r).expiration) ? [i] : []));
  if (expiring.length !== 1) fail(place, `has ${expiring.length} enabled expiration rules, expected 1`);
  const rule = expiring[0]!;
  return { address: `aws_s3_bucket_lifecycle_configuration.${id}`, rule, days: obj((obj(rules[rule]).expiration as unknown[])[0]).days };
}

/** Loki's `retention_stream` entry for `selector` in the platform stack's Loki release. */
function lokiStreamOf(stack: DeployedStack, selector: string, fail: (place: string, problem: string) => never): { address: string; path: string; period: unknown } {
  const place = `Loki retention of ${selector} (${stack.name})`;
  const [id, release] = Object.entries(obj(obj(stack.json.resource).helm_release)).find(([, r]) => obj(r).chart === "loki") ?? fail(place, "no helm_release of the loki chart");
  const values = obj(JSON.parse(String((obj(release).values as unknown[] | undefined)?.[0] ?? "{}")) as unknown);
  const streams = obj(obj(values.loki).limits_config).retention_stream;
  const index = Array.isArray(streams) ? streams.findIndex((s) => obj(s).selector === selector) : -1;
  if (index < 0) fail(place, "loki.limits_config.retention_stream has no entry for it");
  return { address: `helm_release.${id}`, path: `values[0].loki.limits_config.retention_stream[${index}].period`, period: obj((streams as unknown[])[index]).period };
}

/** The review's findings when `edit` shortens a copy of `stack`: the change review run on the two trees. */
function reviewFindings(stack: DeployedStack, edit: (copy: JsonObject) => void): string[] {
  const before = stripMetadata(stack.json as Json) as StackJson;
  const after = structuredClone(before) as JsonObject;
  edit(after);
  const tree = (json: StackJson) => ({ stacks: new Map([[stack.name, json]]), reviewFiles: new Map<string, string>() });
  return assessRisk(diffTrees(tree(before), tree(after as StackJson))).map((f) => `\`${f.rule}\`: ${f.message}`);
}

/**
 * Every place the application log retention of `env` lands, in flow order; throws {@link FollowedValueError} when
 * one is missing or disagrees. `retentionDoc` is the rendered `docs/retention.md`.
 */
export function followApplicationRetention(env: DeployedEnvironment, sources: ConfigSources, retentionDoc: string): ValuePlace[] {
  const config = env.config;
  const days = config.logRetention.applicationDays;
  const fail = (place: string, problem: string): never => {
    throw new FollowedValueError(config.name, place, problem);
  };
  const policy = logClassPolicy(config, "application");
  const places = [...configPlaces(config, sources, fail), validationPlace(config, fail)];

  const data = stackOf(env, "data", fail);
  const bucket = bucketName(config, policy.bucketPurpose);
  const lifecycle = lifecycleOf(data, bucket, fail);
  const lifecyclePath = `rule[${lifecycle.rule}].expiration[0].days`;
  if (lifecycle.days !== days) fail(`S3 lifecycle (${data.name}/${lifecycle.address})`, `${lifecyclePath} = ${String(lifecycle.days)}, the config says ${days}`);
  places.push({ place: "S3 lifecycle rule", where: `\`${data.name}\` \`${lifecycle.address}\` \`${lifecyclePath}\` (bucket \`${bucket}\`)`, value: `${days} d` });

  const platform = stackOf(env, "platform", fail);
  const selector = `{log_type="${policy.lokiLogType}"}`;
  const loki = lokiStreamOf(platform, selector, fail);
  if (retentionHours(loki.period as Json, "retention") !== days * 24) fail(`Loki (${platform.name}/${loki.address})`, `${loki.path} = ${String(loki.period)}, the config says ${days} d (${days * 24}h)`);
  places.push({ place: "Loki per-stream retention", where: `\`${platform.name}\` \`${loki.address}\` \`${loki.path}\` (\`${selector}\`)`, value: String(loki.period) });

  const note = data.notes.find((n) => n.topic === "retention") ?? fail(`synth summary (${data.name})`, "has no retention line");
  const summaryDays = /(?:^|, )application (\d+) d\b/.exec(note.text)?.[1];
  if (summaryDays !== String(days)) fail(`synth summary (${data.name})`, `"${note.topic}: ${note.text}" does not say application ${days} d`);
  places.push({ place: "synth summary", where: `\`npm run synth\`, under \`${data.name}\``, value: `\`${note.topic}: application ${summaryDays} d, …\`` });

  const section = retentionDoc.split(/^## /m).find((s) => s.startsWith(`${config.name}\n`)) ?? fail("docs/retention.md", "has no section for the environment");
  if (!section.includes(`\n| application | ${days} d |`)) fail("docs/retention.md", `the application row of ## ${config.name} does not say ${days} d`);
  places.push({ place: "retention doc", where: `[docs/retention.md](retention.md), \`## ${config.name}\``, value: `${days} d` });

  const s3Review = reviewFindings(data, (copy) => {
    const rules = obj(obj(obj(copy.resource).aws_s3_bucket_lifecycle_configuration)[lifecycle.address.split(".")[1]!]).rule as unknown[];
    (obj(rules[lifecycle.rule]).expiration as JsonObject[])[0]!.days = days - 1;
  }).find((f) => f.startsWith("`retention-shortened`"));
  if (s3Review === undefined) fail("change review (tools/review/risk.ts)", `flags no shortening of ${lifecyclePath} to ${days - 1}`);
  const lokiReview = reviewFindings(platform, (copy) => {
    const release = obj(obj(obj(copy.resource).helm_release)[loki.address.split(".")[1]!]);
    const values = obj(JSON.parse(String((release.values as unknown[])[0])) as unknown);
    (obj(obj(values.loki).limits_config).retention_stream as JsonObject[]).find((s) => s.selector === selector)!.period = `${(days - 1) * 24}h`;
    release.values = [JSON.stringify(values)];
  }).find((f) => f.startsWith("`loki-stream-retention-shortened`"));
  if (lokiReview === undefined) fail("change review (tools/review/risk.ts)", `flags no shortening of Loki's ${selector} retention to ${(days - 1) * 24}h`);
  places.push({ place: "change review (one day shorter)", where: "`tools/review/risk.ts`", value: `${s3Review}; ${lokiReview}` });
  return places;
}

/** The section: a short introduction and, per environment, the places with their values. */
export function followOneValueSection(envs: readonly DeployedEnvironment[], root: string, retentionDoc: string): string {
  let out = "## Follow one value: application log retention\n\n";
  out += `Where \`${FOLLOWED_FIELD}\` (L2) goes, from the config files to everything that keeps, reports or reviews it. Each value is\n`;
  out += "read at its place (the environment files, the validator probed at its bounds, the synthesized stacks, the synth\n";
  out += "summary, docs/retention.md, the change review run on a copy one day shorter); the page fails to generate when one\n";
  out += "is missing or disagrees.\n\n";
  for (const env of envs) {
    const places = followApplicationRetention(env, configSources(root, env.config.name), retentionDoc);
    out += `### ${env.config.name}: ${env.config.logRetention.applicationDays} days\n\n`;
    out += markdownTable(["place", "where", "value"], places.map((p) => [p.place, p.where, p.value])) + "\n";
  }
  return out;
}
