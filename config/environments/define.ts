import { applyOverrides } from "../merge";
import type { EnvironmentConfig, Overrides } from "../types";
import { BASE, type BaseConfig } from "./base";

/** The identity of an environment plus its overrides of the shared base. */
export type EnvironmentDefinition<Name extends string = string> = Pick<
  EnvironmentConfig<Name>,
  "name" | "account" | "dnsDomain" | "stateBackend" | "eks" | "database" | "cache" | "secrets"
> &
  Overrides<BaseConfig>;

/** Builds a full `EnvironmentConfig` from the shared base and an environment's definition. */
export function defineEnvironment<Name extends string>(definition: EnvironmentDefinition<Name>): EnvironmentConfig<Name> {
  const { name, account, dnsDomain, stateBackend, eks, database, cache, secrets, ...overrides } = definition;
  return { ...applyOverrides<BaseConfig>(BASE, overrides), name, account, dnsDomain, stateBackend, eks, database, cache, secrets };
}
