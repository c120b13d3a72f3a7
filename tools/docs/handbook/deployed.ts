/**
 * What the program deploys, read from the synthesized stacks themselves (not restated): per environment its stacks in
 * apply order with their dependencies, the providers each needs reachable, its Helm releases and Grafana objects.
 * The handbook pages (architecture, operations manual, procedures) are rendered from this model, so a release or
 * stack added to the program appears in them, and one removed disappears.
 */
import { App, Testing, type TerraformStack } from "cdktf";
import os from "node:os";
import path from "node:path";
import type { EnvironmentConfig } from "../../../config/types";
import { SummaryNote } from "../../../constructs/core/summary-note";
import { addFxTraderStacks } from "../../../stacks/app";

/** One `helm_release` as Terraform hands it to Helm. */
export interface DeployedRelease {
  readonly name: string;
  readonly chart: string;
  readonly version: string;
  readonly namespace: string;
  /** Terraform addresses (`helm_release.<id>`) of the releases this one waits for. */
  readonly dependsOn: readonly string[];
  /** Terraform address `helm_release.<id>`. */
  readonly address: string;
}

export interface DeployedStack {
  readonly name: string;
  /** `account`, `data`, `platform` or `grafana`. */
  readonly layer: string;
  /** Names of the stacks applied before this one. */
  readonly dependencies: readonly string[];
  /** Provider types configured in the stack (`aws`, `helm`, `kubernetes`, `grafana`). */
  readonly providers: readonly string[];
  /** Resource count per Terraform resource type. */
  readonly resourceTypes: ReadonlyMap<string, number>;
  /** Literal physical names (`name`, `bucket`, `cluster_name`) per Terraform resource type, sorted. */
  readonly resourceNames: ReadonlyMap<string, readonly string[]>;
  readonly releases: readonly DeployedRelease[];
  /** Grafana data sources: name and type. */
  readonly dataSources: ReadonlyArray<{ readonly name: string; readonly type: string }>;
  /** The state key of the stack's S3 backend. */
  readonly stateKey: string;
  readonly stateBucket: string;
  /** The stack's synthesized JSON, as Terraform reads it (for pages that follow a value to where it lands). */
  readonly json: Readonly<Record<string, unknown>>;
  /** The notes its constructs add to the synth summary (`<topic>: <text>`, as `npm run synth` prints them). */
  readonly notes: ReadonlyArray<{ readonly topic: string; readonly text: string }>;
}

export interface DeployedEnvironment {
  readonly config: EnvironmentConfig;
  /** Every stack the environment is applied with, the account stack first, in apply order. */
  readonly stacks: readonly DeployedStack[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});

function layerOf(stack: TerraformStack, envName: string): string {
  const id = stack.node.id;
  if (id.startsWith("fx-trader-account-")) return "account";
  return id.slice(`fx-trader-${envName}-`.length);
}

function readStack(stack: TerraformStack, envName: string): DeployedStack {
  const json = JSON.parse(Testing.synth(stack)) as Json;
  const resources = obj(json.resource);
  const resourceTypes = new Map<string, number>();
  const resourceNames = new Map<string, string[]>();
  for (const [type, byId] of Object.entries(resources)) {
    resourceTypes.set(type, Object.keys(obj(byId)).length);
    const names = Object.values(obj(byId))
      .map((r) => obj(r).name ?? obj(r).bucket)
      .filter((n): n is string => typeof n === "string" && !n.includes("${"));
    if (names.length > 0) resourceNames.set(type, [...new Set(names)].sort());
  }
  const releases = Object.entries(obj(resources.helm_release)).map(([id, raw]): DeployedRelease => {
    const r = obj(raw);
    return {
      name: String(r.name),
      chart: String(r.chart),
      version: String(r.version ?? ""),
      namespace: String(r.namespace ?? "default"),
      dependsOn: (Array.isArray(r.depends_on) ? r.depends_on : []).map(String).filter((d) => d.startsWith("helm_release.")),
      address: `helm_release.${id}`,
    };
  });
  const dataSources = Object.values(obj(resources.grafana_data_source)).map((raw) => ({ name: String(obj(raw).name), type: String(obj(raw).type) }));
  const s3 = obj(obj(obj(json.terraform).backend).s3);
  return {
    name: stack.node.id,
    layer: layerOf(stack, envName),
    dependencies: stack.dependencies.map((d) => d.node.id),
    providers: Object.keys(obj(json.provider)).sort(),
    resourceTypes,
    resourceNames,
    releases,
    dataSources,
    stateKey: String(s3.key ?? ""),
    stateBucket: String(s3.bucket ?? ""),
    json,
    notes: stack.node.findAll().filter(SummaryNote.isSummaryNote).map((n) => ({ topic: n.topic, text: n.text })),
  };
}

/** Orders stacks so each comes after the stacks it depends on (stable: ties keep their order). */
function applyOrder(stacks: readonly DeployedStack[]): DeployedStack[] {
  const done = new Set<string>();
  const out: DeployedStack[] = [];
  const pending = [...stacks];
  while (pending.length > 0) {
    const i = pending.findIndex((s) => s.dependencies.every((d) => done.has(d) || !stacks.some((x) => x.name === d)));
    if (i < 0) throw new Error(`stack dependency cycle among ${pending.map((s) => s.name).join(", ")}`);
    const [next] = pending.splice(i, 1);
    done.add(next!.name);
    out.push(next!);
  }
  return out;
}

const cache = new WeakMap<readonly EnvironmentConfig[], readonly DeployedEnvironment[]>();

/** Builds the stack set of `environments` in memory (nothing is written) and reads what each stack deploys. */
export function deployedEnvironments(environments: readonly EnvironmentConfig[]): readonly DeployedEnvironment[] {
  const hit = cache.get(environments);
  if (hit) return hit;
  const app = new App({ outdir: path.join(os.tmpdir(), "fx-trader-docs-unused"), skipValidation: true });
  const built = addFxTraderStacks(app, environments);
  const accounts = new Map(built.accounts.map((a) => [a.node.id, a]));
  const result = built.environments.map((e): DeployedEnvironment => {
    const own = [e.data, e.platform, e.grafana];
    const accountIds = new Set(own.flatMap((s) => s.dependencies.map((d) => d.node.id)).filter((id) => accounts.has(id)));
    const stacks = [...[...accountIds].map((id) => accounts.get(id)!), ...own].map((s) => readStack(s, e.config.name));
    return { config: e.config, stacks: applyOrder(stacks) };
  });
  cache.set(environments, result);
  return result;
}

/** The releases of an environment, over all its stacks. */
export function releasesOf(env: DeployedEnvironment): DeployedRelease[] {
  return env.stacks.flatMap((s) => s.releases);
}

/** The release of `chart` in an environment, if the program deploys one. */
export function releaseOfChart(env: DeployedEnvironment, ...charts: string[]): DeployedRelease | undefined {
  return releasesOf(env).find((r) => charts.includes(r.chart));
}

/** Literal names of `type` resources over an environment's stacks. */
export function namesOf(env: DeployedEnvironment, type: string): string[] {
  return env.stacks.flatMap((s) => s.resourceNames.get(type) ?? []);
}
