/** Synthesizes environments' platform and grafana stacks once per test file and reads their resources. */
import { Testing } from "cdktf";
import YAML from "yaml";
import { selectEnvironments } from "../../../config";
import type { EnvironmentName } from "../../../config/environments";
import { addFxTraderStacks, type EnvironmentStacks } from "../../../stacks/app";
import { parse, resources, type SynthesizedJson } from "../../support";
import { sharedTree } from "../../support/shared-synthesis";

export interface SynthesizedRelease {
  readonly logicalId: string;
  readonly name: string;
  readonly chart: string;
  readonly version: string;
  readonly repository: string;
  readonly namespace: string;
  readonly values: Record<string, unknown>;
  readonly raw: Record<string, unknown>;
}

const cache = new Map<string, { stacks: EnvironmentStacks; platform: SynthesizedJson; grafana: SynthesizedJson }>();

/** The synthesized stacks of one built-in environment. */
export function synthesized(env: EnvironmentName): { stacks: EnvironmentStacks; platform: SynthesizedJson; grafana: SynthesizedJson } {
  let hit = cache.get(env);
  if (hit === undefined) {
    const app = Testing.app();
    const stacks = addFxTraderStacks(app, selectEnvironments(env)).environments[0]!;
    hit = { stacks, platform: parse(Testing.synth(stacks.platform)), grafana: parse(Testing.synth(stacks.grafana)) };
    cache.set(env, hit);
  }
  return hit;
}

const sharedCache = new Map<string, { platform: SynthesizedJson; releases: SynthesizedRelease[] }>();

/**
 * An environment's platform stack as the real synth command wrote it (jest's shared synthesis of every environment,
 * read-only), with its helm_releases parsed once: for suites that only read the synthesized JSON.
 */
export function sharedPlatform(env: EnvironmentName): { platform: SynthesizedJson; releases: SynthesizedRelease[] } {
  let hit = sharedCache.get(env);
  if (hit === undefined) {
    const platform = sharedTree().stacks.get(`fx-trader-${env}-platform`) as SynthesizedJson | undefined;
    if (platform === undefined) throw new Error(`the shared synthesis has no fx-trader-${env}-platform stack`);
    hit = { platform, releases: releasesOf(platform) };
    sharedCache.set(env, hit);
  }
  return hit;
}

/** Every helm_release of an environment's platform stack, values parsed. */
export function releases(env: EnvironmentName): SynthesizedRelease[] {
  return releasesOf(synthesized(env).platform);
}

/** Every helm_release of a synthesized platform stack, values parsed. */
export function releasesOf(platform: SynthesizedJson): SynthesizedRelease[] {
  return Object.entries(resources(platform, "helm_release")).map(([logicalId, r]) => ({
    logicalId,
    name: r.name as string,
    chart: r.chart as string,
    version: r.version as string,
    repository: r.repository as string,
    namespace: r.namespace as string,
    values: YAML.parse((r.values as string[])[0]!) as Record<string, unknown>,
    raw: r,
  }));
}

/** The release of a chart; fails when there is not exactly one. */
export function release(env: EnvironmentName, chart: string): SynthesizedRelease {
  return releaseOf(releases(env), env, chart);
}

/** The release of a chart among `all`; fails when there is not exactly one. */
export function releaseOf(all: readonly SynthesizedRelease[], env: string, chart: string): SynthesizedRelease {
  const found = all.filter((r) => r.chart === chart);
  if (found.length !== 1) throw new Error(`expected one ${chart} release in ${env}, found ${found.length}`);
  return found[0]!;
}

/** Value at a dotted path (keys without dots only). */
export function at(values: unknown, dotted: string): unknown {
  return dotted.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], values);
}

/** The bucket resource whose name contains `-<purpose>-`, with its logical ID. */
export function bucket(json: SynthesizedJson, purpose: string): { id: string; resource: Record<string, unknown> } {
  const found = Object.entries(resources(json, "aws_s3_bucket")).filter(([, b]) => (b.bucket as string).includes(`-${purpose}-`));
  if (found.length !== 1) throw new Error(`expected one ${purpose} bucket, found ${found.length}`);
  return { id: found[0]![0], resource: found[0]![1] };
}

/** The resource of `type` attached to a bucket (its `bucket` argument references the bucket). */
export function attached(json: SynthesizedJson, type: string, bucketId: string): Record<string, unknown> | undefined {
  return Object.values(resources(json, type)).find((r) => r.bucket === `\${aws_s3_bucket.${bucketId}.id}`);
}

/** Lifecycle rules of a bucket. */
export function lifecycleRulesOf(json: SynthesizedJson, purpose: string): Array<Record<string, unknown>> {
  const lc = attached(json, "aws_s3_bucket_lifecycle_configuration", bucket(json, purpose).id);
  return (lc?.rule ?? []) as Array<Record<string, unknown>>;
}

/** Expiration days of a bucket's lifecycle, undefined when objects never expire. */
export function expirationDays(json: SynthesizedJson, purpose: string): number | undefined {
  const rule = lifecycleRulesOf(json, purpose).find((r) => r.expiration !== undefined);
  return rule ? (rule.expiration as Array<{ days: number }>)[0]!.days : undefined;
}
