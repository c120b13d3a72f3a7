/**
 * Which stacks CI plans and applies, in what order, where and under which GitHub environment. Read from the
 * synthesized manifest (stack dependencies, as cdktf wrote them) and the environment registry (deployment
 * order, runner labels), so the workflows never list stacks or environments themselves.
 */
import { accountStackName, stackName } from "../../constructs/core/naming";
import type { EnvironmentConfig } from "../../config/types";
import { LAYERS, type Layer } from "../../stacks/environment-stack";

/** The part of cdktf's `manifest.json` this reads. */
export interface StackManifest {
  readonly stacks: Readonly<Record<string, { readonly dependencies: readonly string[] }>>;
}

/** GitHub-hosted runner for stacks that reach only public AWS endpoints. */
export const HOSTED_RUNNER: readonly string[] = ["ubuntu-24.04"];

/**
 * Layers whose providers need private endpoints at plan and apply time: `platform` talks to the EKS API
 * (Helm, Kubernetes providers), `grafana` to the internal Grafana load balancer. Typed by `Layer`, so a new
 * layer must be placed here.
 */
export const NEEDS_PRIVATE_ENDPOINT: Readonly<Record<Layer, boolean>> = { data: false, platform: true, grafana: true };

export interface PlannedStack {
  readonly stack: string;
  readonly layer: Layer | "account";
  /** Environment whose deploy applies the stack: an account stack belongs to the first environment (in deployment order) of its account. */
  readonly owner: string;
  /** GitHub environment holding the deploy role (`vars.AWS_DEPLOY_ROLE_ARN`; `<env>` or `account-<account>`); the plan role is in `<github>-plan`. */
  readonly github: string;
  readonly account: string;
  /** `runs-on` labels. */
  readonly runner: readonly string[];
  /** Stacks this one depends on (from the manifest). */
  readonly dependencies: readonly string[];
}

/** Thrown when a requested stack is unknown; names the valid ones. */
export class StackSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackSelectionError";
  }
}

/** Every stack of the manifest in dependency order (each after what it depends on; environments in deployment order). */
export function stackPlan(manifest: StackManifest, environments: readonly EnvironmentConfig[]): PlannedStack[] {
  const byName = new Map<string, PlannedStack>();
  for (const env of environments) {
    const account = env.account.name;
    const accountStack = accountStackName(account);
    if (manifest.stacks[accountStack] && !byName.has(accountStack)) {
      byName.set(accountStack, { stack: accountStack, layer: "account", owner: env.name, github: `account-${account}`, account, runner: HOSTED_RUNNER, dependencies: manifest.stacks[accountStack].dependencies });
    }
    for (const layer of LAYERS) {
      const stack = stackName(env, layer);
      const entry = manifest.stacks[stack];
      if (!entry) continue;
      const runner = NEEDS_PRIVATE_ENDPOINT[layer] ? env.ci.privateRunnerLabels : HOSTED_RUNNER;
      byName.set(stack, { stack, layer, owner: env.name, github: env.name, account, runner, dependencies: entry.dependencies });
    }
  }
  const unknown = Object.keys(manifest.stacks).filter((s) => !byName.has(s));
  if (unknown.length > 0) throw new StackSelectionError(`manifest stacks ${unknown.join(", ")} belong to no environment of ${environments.map((e) => e.name).join(", ")}`);
  const ordered: PlannedStack[] = [];
  const visit = (name: string, path: readonly string[]) => {
    if (ordered.some((s) => s.stack === name)) return;
    if (path.includes(name)) throw new StackSelectionError(`stack dependency cycle: ${[...path, name].join(" → ")}`);
    const entry = byName.get(name);
    if (!entry) throw new StackSelectionError(`stack ${path.at(-1)} depends on ${name}, which is not in the manifest`);
    for (const dep of entry.dependencies) visit(dep, [...path, name]);
    ordered.push(entry);
  };
  for (const name of byName.keys()) visit(name, []);
  return ordered;
}

/**
 * The stacks to deploy for `environment`: the requested ones (all of the environment's when none) plus what
 * they depend on within the same deploy, in dependency order. Fails naming the valid stacks when a requested
 * one is unknown or belongs to another environment's deploy.
 */
export function selectForDeploy(plan: readonly PlannedStack[], environment: string, requested: readonly string[]): { stacks: PlannedStack[]; added: string[] } {
  const own = plan.filter((s) => s.owner === environment);
  const wrong = requested.filter((r) => !own.some((s) => s.stack === r));
  if (wrong.length > 0) {
    throw new StackSelectionError(`stacks ${wrong.join(", ")} are not deployed by environment ${environment}; its stacks are ${own.map((s) => s.stack).join(", ")}`);
  }
  if (requested.length === 0) return { stacks: own, added: [] };
  const wanted = new Set<string>();
  const add = (name: string) => {
    const entry = own.find((s) => s.stack === name);
    if (!entry || wanted.has(name)) return; // a dependency owned by another environment is deployed there
    wanted.add(name);
    entry.dependencies.forEach(add);
  };
  requested.forEach(add);
  return { stacks: own.filter((s) => wanted.has(s.stack)), added: own.filter((s) => wanted.has(s.stack) && !requested.includes(s.stack)).map((s) => s.stack) };
}

/** A GitHub Actions matrix (`include` rows) for a list of planned stacks. */
export function matrixOf(stacks: readonly PlannedStack[]): { include: Array<{ stack: string; github: string; runner: string }> } {
  return { include: stacks.map((s) => ({ stack: s.stack, github: s.github, runner: JSON.stringify(s.runner) })) };
}
