/** M3, M4, P2: the cache's hit ratio and the queues' backlog. */
import { ratioAlert, thresholdAlert } from "../factories";
import { aggregate, eq, num, rate, selector } from "../promql";
import type { AlertDefinition } from "../types";

const hits = aggregate("sum", [], rate("redis_keyspace_hits_total", "10m"));
const misses = aggregate("sum", [], rate("redis_keyspace_misses_total", "10m"));
const lookups = `(${hits} + ${misses})`;

export const cacheHitRatioLow: AlertDefinition = ratioAlert({
  name: "CacheHitRatioLow",
  requirement: "P2",
  group: "dependencies",
  problem: "cache",
  traffic: "business",
  dashboard: "applicationOverview",
  for: "15m",
  fires: "below",
  numerator: () => hits,
  denominator: () => lookups,
  guard: (ctx) => `and ${lookups} >= ${num(ctx.config.alerts.cacheMinLookupsPerSecond)}`,
  summary: (ctx) => `The cache hit ratio is below ${ctx.shown}`,
  description: (ctx) =>
    `Only {{ $value | humanizePercentage }} of cache lookups hit over the last 10 minutes (threshold ${ctx.shown}; ` +
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
});

export const queueBacklogHigh: AlertDefinition = thresholdAlert({
  name: "QueueBacklogHigh",
  requirement: "M4",
  group: "dependencies",
  problem: "queue",
  traffic: "continuous",
  dashboard: "applicationOverview",
  for: "10m",
  fires: "above",
  // Age of the oldest message, not depth: a deep queue that drains fast is fine, a shallow stuck one is not (A8).
  signal: (ctx) => aggregate("max", ["namespace", "queue"], selector("fx_queue_oldest_message_age_seconds", eq("namespace", ctx.config.eks.appNamespace))),
  summary: (ctx) => `Queue {{ $labels.queue }} has messages waiting longer than ${ctx.shown}`,
  description: (ctx) =>
    `The oldest message in queue {{ $labels.namespace }}/{{ $labels.queue }} has waited {{ $value | humanizeDuration }} ` +
    `(threshold ${ctx.shown}). Its consumers are stuck or too slow.`,
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
});
