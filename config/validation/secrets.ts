/** S5: secret paths and the External Secrets Operator refresh interval. */
import type { EnvironmentConfig } from "../types";
import type { ConfigChecker } from "./checker";

/** Segments of a Secrets Manager name (letters, digits, `_+=.@-`) joined by `/`; no wildcard characters. */
const SECRET_PATH = /^[A-Za-z0-9_+=.@-]+(\/[A-Za-z0-9_+=.@-]+)*$/;

/**
 * Longest refresh interval, in minutes: a rotated secret must reach the pods within a working day.
 * Shortest: one read per secret per minute already costs more API calls than it buys.
 */
export const REFRESH_INTERVAL_MINUTES = { min: 1, max: 1440 } as const;

export function checkSecrets(c: EnvironmentConfig, v: ConfigChecker): void {
  const s = c.secrets;
  v.pattern("secrets.pathPrefix", s.pathPrefix, SECRET_PATH, "a Secrets Manager path such as fx-trader/<env> (letters, digits, _+=.@- in segments joined by '/', no '*')");
  v.require(
    typeof s.pathPrefix === "string" && s.pathPrefix.split("/").at(-1) === c.name,
    "secrets.pathPrefix",
    s.pathPrefix,
    `must end in the environment's own segment "/${c.name}" (e.g. fx-trader/${c.name}): environments never share secrets`,
  );
  v.number("secrets.refreshIntervalMinutes", s.refreshIntervalMinutes, {
    integer: true,
    ...REFRESH_INTERVAL_MINUTES,
    reason: "a rotated secret reaches the cluster within a day; shorter than a minute only adds API calls",
  });
}
