/** Environment selection: resolves names to validated configs, or fails listing the valid names. */
import { ENVIRONMENT_NAMES, ENVIRONMENTS, type EnvironmentName } from "./environments";
import type { EnvironmentConfig } from "./types";
import { didYouMean } from "./validation/did-you-mean";
import { ConfigValidationError, findRegistryIssues, validateEnvironmentConfigs } from "./validate";

export * from "./types";
export { ENVIRONMENT_NAMES, type EnvironmentName } from "./environments";
export { GUIDE } from "./policy";
export { CHARTS } from "./charts";
export { ConfigValidationError, findAccountIssues, findConfigIssues, findRegistryIssues, validateEnvironmentConfig, validateEnvironmentConfigs } from "./validate";

/** Thrown for an environment name that is not one of the registered environments. */
export class UnknownEnvironmentError extends Error {
  constructor(readonly names: readonly string[], readonly source: string, valid: readonly string[] = ENVIRONMENT_NAMES) {
    super(`${source}: unknown environment ${names.map((n) => `"${n}"${didYouMean(n, valid)}`).join(", ")}; valid environments are ${valid.join(", ")}`);
    this.name = "UnknownEnvironmentError";
  }
}

export function isEnvironmentName(name: string): name is EnvironmentName {
  return (ENVIRONMENT_NAMES as readonly string[]).includes(name);
}

/** Whether a selection names no environment (unset, empty or only spaces and commas): every environment is built. */
export function selectsAll(selection: string | undefined): boolean {
  return (selection ?? "").split(",").every((s) => s.trim().length === 0);
}

/**
 * Parses a comma-separated selection (e.g. `prod,staging`); undefined, empty or blank (only spaces) selects
 * every environment (see {@link selectsAll}). Checks the whole registry first (names, uniqueness, accounts,
 * charts, every environment's shape), then validates the selected configs; returns them in registry order.
 */
export function selectEnvironments(
  selection: string | undefined,
  source = "FX_ENVIRONMENTS",
  environments: Readonly<Record<string, EnvironmentConfig>> = ENVIRONMENTS,
): readonly EnvironmentConfig[] {
  const registered = Object.keys(environments);
  const requested = (selection ?? "").split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  const unknown = requested.filter((n) => !registered.includes(n));
  if (unknown.length > 0) throw new UnknownEnvironmentError(unknown, source, registered);
  const registryProblems = findRegistryIssues(environments);
  if (registryProblems.length > 0) throw new ConfigValidationError(registryProblems);
  const names = requested.length === 0 ? registered : registered.filter((n) => requested.includes(n));
  return validateEnvironmentConfigs(names.map((n) => environments[n]!));
}
