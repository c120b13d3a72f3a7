import type { EnvironmentConfig, EnvironmentName } from "../types";
import { dev } from "./dev";
import { prod } from "./prod";
import { staging } from "./staging";

/** The built-in environments, in deployment order. */
export const ENVIRONMENTS: Readonly<Record<EnvironmentName, EnvironmentConfig>> = { dev, staging, prod };
