/**
 * Collects every problem in one environment's config, so one run reports them all.
 * Each message names the environment, the field, the value received and what is allowed.
 */

export interface ConfigIssue {
  readonly environment: string;
  readonly field: string;
  readonly value: unknown;
  readonly allowed: string;
  /** Shape issues only: `value` for a string outside its literal union, `shape` for every other. */
  readonly kind?: "shape" | "value";
}

/** A received value as the config file would spell it: JSON, but NaN, ±Infinity and undefined by name (JSON has none). */
export function formatValue(value: unknown): string {
  if (value === undefined || (typeof value === "number" && !Number.isFinite(value))) return String(value);
  if (typeof value === "bigint") return `${value}n`;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : typeof v === "bigint" ? `${v}n` : v));
}

/** Formats an issue as `[env] field = value: allowed`. */
export function formatIssue(issue: ConfigIssue): string {
  return `[${issue.environment}] ${issue.field} = ${formatValue(issue.value)}: ${issue.allowed}`;
}

/** Thrown when one or more environment configs are invalid; lists every issue. */
export class ConfigValidationError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`invalid environment configuration (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n` +
      issues.map((i) => `  - ${formatIssue(i)}`).join("\n"));
    this.name = "ConfigValidationError";
  }
}

export interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  /** Why the bound exists (AWS limit, guide requirement), appended to the message. */
  readonly reason?: string;
}

export class ConfigChecker {
  private readonly found: ConfigIssue[] = [];

  constructor(readonly environment: string) {}

  get issues(): readonly ConfigIssue[] {
    return this.found;
  }

  /**
   * Records an issue unless `ok`. A message that is costly to build (a "did you mean" over a long list) may be given
   * as a function: it runs only when the check fails.
   */
  require(ok: boolean, field: string, value: unknown, allowed: string | (() => string)): void {
    if (!ok) this.found.push({ environment: this.environment, field, value, allowed: typeof allowed === "function" ? allowed() : allowed });
  }

  number(field: string, value: number, rule: NumberRule): void {
    const parts: string[] = [];
    if (rule.integer) parts.push("an integer");
    else parts.push("a number");
    if (rule.min !== undefined && rule.max !== undefined) parts.push(`from ${rule.min} to ${rule.max}`);
    else if (rule.min !== undefined) parts.push(`≥ ${rule.min}`);
    else if (rule.max !== undefined) parts.push(`≤ ${rule.max}`);
    const allowed = `must be ${parts.join(" ")}${rule.reason ? ` (${rule.reason})` : ""}`;
    const ok =
      typeof value === "number" &&
      Number.isFinite(value) &&
      (!rule.integer || Number.isInteger(value)) &&
      (rule.min === undefined || value >= rule.min) &&
      (rule.max === undefined || value <= rule.max);
    this.require(ok, field, value, allowed);
  }

  oneOf<T>(field: string, value: T, allowed: readonly T[], reason?: string): void {
    this.require(
      allowed.includes(value),
      field,
      value,
      `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}${reason ? ` (${reason})` : ""}`,
    );
  }

  pattern(field: string, value: string, re: RegExp, description: string): void {
    this.require(typeof value === "string" && re.test(value), field, value, `must be ${description}`);
  }
}
