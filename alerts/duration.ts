/** Prometheus/Alertmanager durations (`30s`, `1h30m`): validation, comparison and display. */

/** A Prometheus duration: one or more `<integer><unit>` parts, largest unit first. */
export const DURATION_PATTERN = /^((\d+)y)?((\d+)w)?((\d+)d)?((\d+)h)?((\d+)m)?((\d+)s)?((\d+)ms)?$/;

const UNIT_SECONDS = [365 * 86400, 7 * 86400, 86400, 3600, 60, 1, 0.001];

/** True for a non-empty Prometheus duration such as `5m` or `1h30m`. */
export function isDuration(text: string): boolean {
  return typeof text === "string" && text.length > 0 && DURATION_PATTERN.test(text);
}

/** Seconds in a Prometheus duration; throws naming the text when it is not one. */
export function durationSeconds(text: string): number {
  const m = DURATION_PATTERN.exec(text);
  if (text.length === 0 || m === null) throw new Error(`"${text}" is not a Prometheus duration such as 5m or 1h30m`);
  return UNIT_SECONDS.reduce((sum, unit, i) => sum + Number(m[2 + 2 * i] ?? 0) * unit, 0);
}

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
