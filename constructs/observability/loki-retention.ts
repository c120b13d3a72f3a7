/**
 * L2, C4: Loki's per-stream retention, computed from the log retention policy table. The compactor deletes a
 * stream's logs when its class's period has passed (`retention_stream` selects on the `log_type` label Alloy
 * sets); the chunk bucket's lifecycle expiry is the longest period, a backstop that never deletes earlier.
 */
import { logRetentionTable, type LogClassPolicy } from "../../config/retention-policy";
import type { EnvironmentConfig } from "../../config/types";

/** The stream label Alloy sets on every log line and Loki's retention selects on. */
export const LOG_TYPE_LABEL = "log_type";

/** One `limits_config.retention_stream` entry. */
export interface RetentionStream {
  readonly selector: string;
  readonly priority: number;
  /** Loki duration in hours, e.g. `720h`. */
  readonly period: string;
}

export interface LokiRetention {
  /** `limits_config.retention_period`: streams without a known `log_type` are kept as long as the longest class. */
  readonly defaultPeriod: string;
  readonly streams: readonly RetentionStream[];
  /** The longest retention of any class, in days: the chunk bucket's lifecycle expiry. */
  readonly longestDays: number;
  /** The table this was computed from. */
  readonly table: readonly LogClassPolicy[];
}

/** Loki's retention period for a number of days (Loki deletes in whole index periods of 24 h). */
export function lokiPeriod(days: number): string {
  return `${days * 24}h`;
}

/** Parses a Loki period written by {@link lokiPeriod} back to days. */
export function periodDays(period: string): number {
  const m = /^(\d+)h$/.exec(period);
  if (!m || Number(m[1]) % 24 !== 0) throw new Error(`Loki retention period ${JSON.stringify(period)} is not a whole number of days in hours (e.g. 720h)`);
  return Number(m[1]) / 24;
}

/** Loki's retention for an environment. Every class has its own selector; they are disjoint, so one priority. */
export function lokiRetention(config: Pick<EnvironmentConfig, "logRetention">): LokiRetention {
  const table = logRetentionTable(config);
  const longestDays = Math.max(...table.map((row) => row.retentionDays));
  return {
    defaultPeriod: lokiPeriod(longestDays),
    streams: table.map((row) => ({ selector: `{${LOG_TYPE_LABEL}="${row.lokiLogType}"}`, priority: 1, period: lokiPeriod(row.retentionDays) })),
    longestDays,
    table,
  };
}
