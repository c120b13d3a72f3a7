/**
 * CI stack selection (`npm run --silent ci:matrix -- <command>`), printed as GitHub step outputs (`key=value`):
 *
 *   environments                      environments=["dev","staging","prod"] (the registry, deployment order)
 *   pr <changed-stacks.json>          matrix, stacks: every changed stack, dependency order
 *   all                               matrix, stacks: every synthesized stack (drift); groups: {"<env>": [stack...]}
 *                                     (each stack under the environment whose deploy applies it, as the drift issues are)
 *   deploy <environment> [stack...]   matrix, stacks, account-stacks, environment-stacks, account, apply-runner
 *   variables <stack>                 TF_VAR_<name>=<secret>: the sensitive input variables the stack reads, each with the
 *                                     Secrets Manager secret the pipeline reads it from (secrets/terraform-access.ts)
 *
 * Reads `cdktf.out/manifest.json` (or `$CDKTF_OUTDIR`). Exits 2 with the valid names on a bad selection.
 */
import fs from "node:fs";
import path from "node:path";
import { ACCOUNTS } from "../config/accounts";
import { ENVIRONMENTS, ENVIRONMENT_NAMES } from "../config/environments";
import { accountVariableSecrets, terraformVariableSecrets } from "../secrets/terraform-access";
import { HOSTED_RUNNER, matrixOf, selectForDeploy, stackPlan, StackSelectionError, type PlannedStack, type StackManifest } from "../tools/review/stack-plan";

const environments = ENVIRONMENT_NAMES.map((n) => ENVIRONMENTS[n]);

function manifest(): StackManifest {
  const file = path.join(process.env.CDKTF_OUTDIR ?? "cdktf.out", "manifest.json");
  if (!fs.existsSync(file)) throw new StackSelectionError(`${file} not found: run npm run synth first`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as StackManifest;
}

function emit(values: Record<string, string>): void {
  for (const [k, v] of Object.entries(values)) console.log(`${k}=${v}`);
}

const names = (stacks: readonly PlannedStack[]) => stacks.map((s) => s.stack).join(" ");

function main(args: readonly string[]): void {
  const [command, ...rest] = args;
  if (command === "environments") return emit({ environments: JSON.stringify(ENVIRONMENT_NAMES) });
  const plan = stackPlan(manifest(), environments);
  if (command === "all") {
    const groups = Object.fromEntries(ENVIRONMENT_NAMES.map((e) => [e, plan.filter((s) => s.owner === e).map((s) => s.stack)]).filter(([, s]) => s.length > 0));
    return emit({ matrix: JSON.stringify(matrixOf(plan)), stacks: names(plan), groups: JSON.stringify(groups) });
  }
  if (command === "pr") {
    const changed = JSON.parse(fs.readFileSync(rest[0] ?? "changed-stacks.json", "utf8")) as string[];
    const unknown = changed.filter((s) => !plan.some((p) => p.stack === s));
    // A stack only the base revision has (removed by the change) cannot be planned from this tree.
    if (unknown.length > 0) console.error(`ci-matrix: not planned (not in this synth): ${unknown.join(", ")}`);
    const selected = plan.filter((p) => changed.includes(p.stack));
    return emit({ matrix: JSON.stringify(matrixOf(selected)), stacks: names(selected) });
  }
  if (command === "deploy") {
    const [environment, ...requested] = rest.flatMap((r) => r.split(/\s+/)).filter(Boolean);
    const env = environments.find((e) => e.name === environment);
    if (!env) throw new StackSelectionError(`unknown environment ${JSON.stringify(environment)}; valid environments are ${ENVIRONMENT_NAMES.join(", ")}`);
    const { stacks, added } = selectForDeploy(plan, env.name, requested);
    if (added.length > 0) console.error(`ci-matrix: also deploying what the chosen stacks depend on: ${added.join(", ")}`);
    return emit({
      matrix: JSON.stringify(matrixOf(stacks)),
      stacks: names(stacks),
      "account-stacks": names(stacks.filter((s) => s.layer === "account")),
      "environment-stacks": names(stacks.filter((s) => s.layer !== "account")),
      account: env.account.name,
      // One apply job per environment runs the stacks in order; it runs where the most demanding one needs.
      "apply-runner": JSON.stringify(stacks.some((s) => s.layer !== "account" && s.runner !== HOSTED_RUNNER) ? env.ci.privateRunnerLabels : HOSTED_RUNNER),
    });
  }
  if (command === "variables") {
    const planned = plan.find((p) => p.stack === rest[0]);
    if (!planned) throw new StackSelectionError(`unknown stack ${JSON.stringify(rest[0])}; stacks are ${names(plan)}`);
    const env = environments.find((e) => e.name === planned.owner)!;
    const variables = planned.layer === "account" ? accountVariableSecrets(ACCOUNTS[env.account.name]!) : terraformVariableSecrets(env).filter((v) => v.layer === planned.layer);
    return emit(Object.fromEntries(variables.map((v) => [v.environmentVariable, v.secret])));
  }
  throw new StackSelectionError(`unknown command ${JSON.stringify(command)}; commands are environments, pr, all, deploy, variables`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof StackSelectionError)) throw error;
  console.error(`ci-matrix: ${error.message}`);
  process.exitCode = 2;
}
