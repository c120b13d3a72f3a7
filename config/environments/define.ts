import { applyOverrides } from "../merge";
import type { EnvironmentConfig, Overrides } from "../types";
import { BASE, type BaseConfig } from "./base";

/** The identity of an environment plus its overrides of the shared base. */
export type EnvironmentDefinition = Pick<
  EnvironmentConfig,
  "name" | "account" | "dnsDomain" | "stateBackend" | "eks" | "database" | "cache" | "secrets"
> &
  Overrides<BaseConfig>;

/** Builds a full `EnvironmentConfig` from the shared base and an environment's definition. */
export function defineEnvironment(definition: EnvironmentDefinition): EnvironmentConfig {
  const { name, account, dnsDomain, stateBackend, eks, database, cache, secrets, ...overrides } = definition;
  return { ...applyOverrides<BaseConfig>(BASE, overrides), name, account, dnsDomain, stateBackend, eks, database, cache, secrets };
}
