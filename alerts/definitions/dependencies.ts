/** M3, M4, P2: the cache's hit ratio and the queues' backlog. */
import { aggregate, eq, formatThreshold, num, rate, ratio, selector } from "../promql";
import type { AlertDefinition } from "../types";

const hits = aggregate("sum", [], rate("redis_keyspace_hits_total", "10m"));
const misses = aggregate("sum", [], rate("redis_keyspace_misses_total", "10m"));
const lookups = `(${hits} + ${misses})`;

export const cacheHitRatioLow: AlertDefinition = {
  name: "CacheHitRatioLow",
  requirement: "P2",
  severity: "warning",
  group: "dependencies",
  problem: "cache",
  traffic: "business",
  dashboard: "applicationOverview",
  for: "15m",
  threshold: {
    configField: "alerts.cacheHitRatioMinPercent",
    unit: "%",
    fires: "below",
    min: 1,
    max: 99.9,
    value: (c) => c.alerts.cacheHitRatioMinPercent,
  },
  expr: (ctx) => `${hits} / ${lookups} < ${num(ratio(ctx.threshold))} and ${lookups} >= ${num(ctx.config.alerts.cacheMinLookupsPerSecond)}`,
  summary: (ctx) => `The cache hit ratio is below ${formatThreshold(ctx.threshold, "%")}`,
  description: (ctx) =>
    `Only {{ $value | humanizePercentage }} of cache lookups hit over the last 10 minutes (threshold ${formatThreshold(ctx.threshold, "%")}; ` +
    `evaluated only at ${num(ctx.config.alerts.cacheMinLookupsPerSecond)} lookups/s or more). Misses go to the database.`,
  runbook: {
    meaning: "The Redis keyspace hit ratio is below the threshold while the cache serves enough lookups for it to mean something.",
    impact: "Requests fall through to the database: higher latency and database load.",
    diagnosis: [
      "Check evictions: `rate(redis_evicted_keys_total[5m])` (the cache is full) and `redis_memory_used_bytes` against `redis_memory_max_bytes`.",
      "Check whether a deployment changed cache keys or TTLs.",
      "Check whether the cache was flushed or failed over (ElastiCache events).",
    ],
    mitigation: [
      "Scale the replication group's node type up if it evicts.",
      "Roll back a release that changed key names.",
      "After a flush, expect the ratio to recover as the cache warms; watch database load meanwhile.",
    ],
  },
};

export const queueBacklogHigh: AlertDefinition = {
  name: "QueueBacklogHigh",
  requirement: "M4",
  severity: "warning",
  group: "dependencies",
  problem: "queue",
  traffic: "continuous",
  dashboard: "applicationOverview",
  for: "10m",
  threshold: {
    configField: "alerts.queueOldestMessageAgeSeconds",
    unit: "s",
    fires: "above",
    min: 1,
    max: 86400,
    value: (c) => c.alerts.queueOldestMessageAgeSeconds,
  },
  // Age of the oldest message, not depth: a deep queue that drains fast is fine, a shallow stuck one is not (A8).
  expr: (ctx) =>
    `${aggregate("max", ["namespace", "queue"], selector("fx_queue_oldest_message_age_seconds", eq("namespace", ctx.config.eks.appNamespace)))} > ${num(ctx.threshold)}`,
  summary: (ctx) => `Queue {{ $labels.queue }} has messages waiting longer than ${formatThreshold(ctx.threshold, "s")}`,
  description: (ctx) =>
    `The oldest message in queue {{ $labels.namespace }}/{{ $labels.queue }} has waited {{ $value | humanizeDuration }} ` +
    `(threshold ${formatThreshold(ctx.threshold, "s")}). Its consumers are stuck or too slow.`,
  runbook: {
    meaning: "Messages wait in a queue longer than the threshold: consumers do not keep up or have stopped.",
    impact: "Work behind the queue (settlement, notifications, order events) is delayed.",
    diagnosis: [
      "Check depth and age together: `fx_queue_depth` and `fx_queue_oldest_message_age_seconds` for the queue.",
      "Check the consumers' pods, restarts and error logs.",
      "Look for a poison message: the age grows while depth stays flat.",
    ],
    mitigation: [
      "Restart or scale out the consumers.",
      "Move a poison message to the dead-letter queue.",
    ],
  },
};
