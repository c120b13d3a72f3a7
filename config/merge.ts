/** Deep merge for environment overrides: objects merge key by key, arrays and scalars replace. */
import type { Overrides } from "./types";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Returns `base` with `overrides` applied; neither input is mutated. */
export function applyOverrides<T>(base: T, overrides: Overrides<T> | undefined): T {
  if (overrides === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(overrides)) return overrides as T;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const current = result[key];
    result[key] = isPlainObject(current) && isPlainObject(value) ? applyOverrides(current, value) : value;
  }
  return result as T;
}
