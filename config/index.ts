/** Environment selection: resolves names to validated configs, or fails listing the valid names. */
import { ENVIRONMENTS } from "./environments";
import { ENVIRONMENT_NAMES, type EnvironmentConfig, type EnvironmentName } from "./types";
import { validateEnvironmentConfigs } from "./validate";

export * from "./types";
export { GUIDE } from "./policy";
export { CHARTS } from "./charts";
export { ConfigValidationError, findAccountIssues, findConfigIssues, validateEnvironmentConfig, validateEnvironmentConfigs } from "./validate";

/** Thrown for an environment name that is not one of the built-in environments. */
export class UnknownEnvironmentError extends Error {
  constructor(readonly names: readonly string[], readonly source: string) {
    super(`${source}: unknown environment ${names.map((n) => `"${n}"`).join(", ")}; valid environments are ${ENVIRONMENT_NAMES.join(", ")}`);
    this.name = "UnknownEnvironmentError";
  }
}

export function isEnvironmentName(name: string): name is EnvironmentName {
  return (ENVIRONMENT_NAMES as readonly string[]).includes(name);
}

/**
 * Parses a comma-separated selection (e.g. `prod,staging`); empty or undefined selects every environment.
 * Returns configs in deployment order (dev, staging, prod), validated.
 */
export function selectEnvironments(
  selection: string | undefined,
  source = "FX_ENVIRONMENTS",
  environments: Readonly<Record<EnvironmentName, EnvironmentConfig>> = ENVIRONMENTS,
): readonly EnvironmentConfig[] {
  const requested = (selection ?? "").split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  const unknown = requested.filter((n) => !isEnvironmentName(n));
  if (unknown.length > 0) throw new UnknownEnvironmentError(unknown, source);
  const names = requested.length === 0 ? ENVIRONMENT_NAMES : ENVIRONMENT_NAMES.filter((n) => requested.includes(n));
  return validateEnvironmentConfigs(names.map((n) => environments[n]));
}
