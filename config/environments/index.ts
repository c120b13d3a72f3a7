/**
 * The environment registry: the one list of environments, in deployment order. Everything else (the names
 * `FX_ENVIRONMENTS` accepts, `ENVIRONMENT_NAMES`, the tests that loop over environments, the workflows'
 * matrices through `npm run --silent environments`) derives from it.
 *
 * Adding an environment: create `config/environments/<name>.ts` (`defineEnvironment({ name: "<name>", ... })`),
 * import it here and add it to the object below. Synth checks that each entry's `name` is its key.
 */
import type { EnvironmentConfig } from "../types";
import { dev } from "./dev";
import { prod } from "./prod";
import { staging } from "./staging";

export const ENVIRONMENTS = { dev, staging, prod } satisfies Readonly<Record<string, EnvironmentConfig>>;

/** The name of a registered environment. */
export type EnvironmentName = keyof typeof ENVIRONMENTS;

/** Every registered environment's name, in deployment order. */
export const ENVIRONMENT_NAMES: readonly EnvironmentName[] = Object.freeze(Object.keys(ENVIRONMENTS) as EnvironmentName[]);
