/**
 * Prometheus/Alertmanager durations. Defined in config/duration.ts, which config validation uses too (config is
 * the lowest layer and may not import alerts/); re-exported here for the alert modules.
 */
import { durationSeconds } from "../config/duration";

export { DURATION_PATTERN, durationSeconds, isDuration } from "../config/duration";

const SPOKEN_UNITS: ReadonlyArray<readonly [number, string]> = [
  [86400, "day"],
  [3600, "hour"],
  [60, "minute"],
  [1, "second"],
];

/**
 * A duration as alert texts say it: `2h` → `2 hours`, `90m` → `1 hour 30 minutes`, `60s` → `1 minute`.
 * Texts derive it from the effective `for` (after overrides), so an override never leaves a stale number.
 */
export function spokenDuration(text: string): string {
  let rest = durationSeconds(text);
  if (rest === 0) return "0 seconds";
  const parts: string[] = [];
  for (const [seconds, unit] of SPOKEN_UNITS) {
    const n = Math.floor(rest / seconds);
    if (n > 0) parts.push(`${n} ${unit}${n === 1 ? "" : "s"}`);
    rest -= n * seconds;
  }
  if (rest > 0) parts.push(`${Number((rest * 1000).toFixed(0))} ms`);
  return parts.join(" ");
}
