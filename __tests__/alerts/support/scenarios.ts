/**
 * promtool scenarios, one per alert: series that must fire (and from when), series that must not, and
 * the boundary (exactly the threshold does not fire, the smallest step past it does). Every number comes
 * from the alert as rendered for the environment (threshold, `for`), so the same scenario proves each
 * environment's rules, and a changed threshold moves the boundary the scenario tests.
 */
import { ratio } from "../../../alerts/promql";
import {
  counter,
  exactFraction,
  forMinutes,
  gauge,
  literalIn,
  seriesName,
  type Case,
  type InputSeries,
  type Scenario,
  type ScenarioInput,
} from "./promtool-cases";
import { applicationDown, applicationNoTraffic, errorBudgetBurnFast, errorBudgetBurnSlow, serviceEndpointsDown } from "./scenarios-outage-slo";

const GiB = 2 ** 30;

const appLabels = (input: ScenarioInput) => ({ namespace: input.config.eks.appNamespace, service: "fx-trader-api" });
const NODE = { instance: "ip-10-0-1-15.ap-northeast-1.compute.internal", job: "node-exporter" };

/** How far past `for` the rate window must be full (rate windows of the rules, in minutes). */
const RATE_WINDOW = 5;

/** Threshold of an alert that has one. */
function thresholdOf(input: ScenarioInput): number {
  if (input.alert.threshold === undefined) throw new Error(`${input.alert.name} has no threshold`);
  return input.alert.threshold;
}

// ---------------------------------------------------------------------------------------------------------
// A1: HttpErrorRateHigh
// ---------------------------------------------------------------------------------------------------------

const httpErrorRateHigh: Scenario = (input) => {
  const r = literalIn(input.alert, ratio(thresholdOf(input)), ">");
  const floor = input.config.alerts.httpMinRequestsPerSecond;
  const [a, b] = exactFraction(r, Math.max(100, 2 * floor));
  const F = forMinutes(input.alert);
  const labels = appLabels(input);
  const late = F + RATE_WINDOW + 10;
  const requests = (errorsPerSecond: number, okPerSecond: number, minutes: number): InputSeries[] => [
    { series: seriesName("http_server_request_duration_seconds_count", { ...labels, pod: "fx-trader-api-0", http_route: "/orders", http_response_status_code: "503" }), values: counter(errorsPerSecond, minutes) },
    { series: seriesName("http_server_request_duration_seconds_count", { ...labels, pod: "fx-trader-api-0", http_route: "/orders", http_response_status_code: "200" }), values: counter(okPerSecond, minutes) },
    // Another namespace's failures never count.
    { series: seriesName("http_server_request_duration_seconds_count", { namespace: "other", service: "fx-trader-api", http_response_status_code: "500" }), values: counter(b, minutes) },
  ];
  return [
    {
      name: "fires once the 5xx ratio has been twice the threshold for `for`",
      series: requests(2 * a, b - 2 * a, F + RATE_WINDOW),
      checks: [{ minute: F }, { minute: F + RATE_WINDOW, firing: { labels, value: (2 * a) / b } }],
    },
    { name: "does not fire at half the threshold", series: requests(a, 2 * b - a, late), checks: [{ minute: late }] },
    { name: "boundary: exactly the threshold does not fire", series: requests(a, b - a, late), checks: [{ minute: late }] },
    {
      name: "boundary: one failed request per 100·b past the threshold fires",
      series: requests(100 * a + 1, 100 * b - 100 * a - 1, late),
      checks: [{ minute: late, firing: { labels, value: (100 * a + 1) / (100 * b) } }],
    },
    { name: "does not fire below the traffic floor, even when every request fails", series: requests(floor / 2, 0, late), checks: [{ minute: late }] },
    { name: "fires at twice the traffic floor when every request fails", series: requests(2 * floor, 0, late), checks: [{ minute: late, firing: { labels, value: 1 } }] },
  ];
};

// ---------------------------------------------------------------------------------------------------------
// A3 / A4: average latencies (seconds rate over count rate)
// ---------------------------------------------------------------------------------------------------------

function averageLatency(metric: string, floor: number | undefined): Scenario {
  return (input) => {
    const t = literalIn(input.alert, thresholdOf(input), ">");
    const [a, b] = exactFraction(t, Math.max(10, 2 * (floor ?? 0)));
    const F = forMinutes(input.alert);
    const labels = appLabels(input);
    const late = F + RATE_WINDOW + 10;
    const ops = (secondsPerSecond: number, perSecond: number, minutes: number): InputSeries[] => [
      { series: seriesName(`${metric}_sum`, { ...labels, pod: "fx-trader-api-0" }), values: counter(secondsPerSecond, minutes) },
      { series: seriesName(`${metric}_count`, { ...labels, pod: "fx-trader-api-0" }), values: counter(perSecond, minutes) },
    ];
    const cases: Case[] = [
      {
        name: "fires once the average has been twice the threshold for `for`",
        series: ops(2 * a, b, F + RATE_WINDOW),
        checks: [{ minute: F }, { minute: F + RATE_WINDOW, firing: { labels, value: (2 * a) / b } }],
      },
      { name: "does not fire at half the threshold", series: ops(a, 2 * b, late), checks: [{ minute: late }] },
      { name: "boundary: exactly the threshold does not fire", series: ops(a, b, late), checks: [{ minute: late }] },
      {
        name: "boundary: the smallest step past the threshold fires",
        series: ops(100 * a + 1, 100 * b, late),
        checks: [{ minute: late, firing: { labels, value: (100 * a + 1) / (100 * b) } }],
      },
    ];
    if (floor !== undefined) {
      cases.push({ name: "does not fire below the traffic floor, however slow", series: ops(10 * t * (floor / 2), floor / 2, late), checks: [{ minute: late }] });
    } else {
      cases.push({ name: "does not fire without traffic", series: ops(0, 0, late), checks: [{ minute: late }] });
    }
    return cases;
  };
}

// ---------------------------------------------------------------------------------------------------------
// A2: DatabaseConnectionErrors
// ---------------------------------------------------------------------------------------------------------

const databaseConnectionErrors: Scenario = (input) => {
  const t = literalIn(input.alert, thresholdOf(input), ">");
  if (!Number.isInteger(60 * t)) throw new Error(`DatabaseConnectionErrors: ${t} errors/s is not a whole number of errors per minute`);
  const F = forMinutes(input.alert);
  const labels = appLabels(input);
  const late = F + RATE_WINDOW + 10;
  const errors = (perSecond: number, minutes: number): InputSeries[] => [
    { series: seriesName("db_client_connection_errors_total", { ...labels, pod: "fx-trader-api-0", error_type: "pool_timeout" }), values: counter(perSecond, minutes) },
  ];
  return [
    {
      name: "fires once errors have exceeded the threshold by 1/s for `for`",
      series: errors(t + 1, F + RATE_WINDOW),
      checks: [{ minute: F }, { minute: F + RATE_WINDOW, firing: { labels, value: t + 1 } }],
    },
    { name: "does not fire while no connection fails", series: errors(0, late), checks: [{ minute: late }] },
    { name: "boundary: exactly the threshold does not fire", series: errors(t, late), checks: [{ minute: late }] },
    {
      name: "boundary: one more failed connection per minute fires",
      series: errors(t + 1 / 60, late),
      checks: [{ minute: late, firing: { labels, value: t + 1 / 60 } }],
    },
  ];
};

// ---------------------------------------------------------------------------------------------------------
// Gauges compared with a threshold: replication lag, queue age
// ---------------------------------------------------------------------------------------------------------

function gaugeAbove(metric: string, seriesLabels: (input: ScenarioInput) => Record<string, string>, alertLabels: (input: ScenarioInput) => Record<string, string>, step: number): Scenario {
  return (input) => {
    const t = literalIn(input.alert, thresholdOf(input), ">");
    const F = forMinutes(input.alert);
    const late = F + 10;
    const labels = alertLabels(input);
    const one = (value: number | ((m: number) => number), minutes: number): InputSeries[] => [
      { series: seriesName(metric, seriesLabels(input)), values: gauge(value, minutes) },
    ];
    return [
      { name: "fires exactly `for` after the value rises to twice the threshold", series: one(2 * t, F), checks: [{ minute: F - 1 }, { minute: F, firing: { labels, value: 2 * t } }] },
      { name: "does not fire at half the threshold", series: one(t / 2, late), checks: [{ minute: late }] },
      { name: "boundary: exactly the threshold does not fire", series: one(t, late), checks: [{ minute: late }] },
      { name: "boundary: the smallest step past the threshold fires", series: one(t + step, late), checks: [{ minute: late, firing: { labels, value: t + step } }] },
      { name: "does not fire for a spike shorter than `for`", series: one((m) => (m < F - 1 ? 2 * t : 0), late), checks: [{ minute: F }, { minute: late }] },
    ];
  };
}

// ---------------------------------------------------------------------------------------------------------
// A5 / A7: node memory in use; A6 / A7: filesystem free and used
// ---------------------------------------------------------------------------------------------------------

/** Scenario for `(total - available) / total > p` on node memory. */
const nodeMemoryUsage: Scenario = (input) => {
  const p = literalIn(input.alert, ratio(thresholdOf(input)), ">");
  const [u, n] = exactFraction(p, 100);
  const F = forMinutes(input.alert);
  const late = F + 10;
  const memory = (used: number | ((m: number) => number), total: number, minutes: number): InputSeries[] => [
    { series: seriesName("node_memory_MemTotal_bytes", NODE), values: gauge(total * GiB, minutes) },
    { series: seriesName("node_memory_MemAvailable_bytes", NODE), values: gauge((m) => (total - (typeof used === "number" ? used : used(m))) * GiB, minutes) },
  ];
  return [
    { name: "fires exactly `for` after usage rises halfway to 100%", series: memory(u + n, 2 * n, F), checks: [{ minute: F - 1 }, { minute: F, firing: { labels: NODE, value: (u + n) / (2 * n) } }] },
    { name: "does not fire at half the threshold", series: memory(u, 2 * n, late), checks: [{ minute: late }] },
    { name: "boundary: exactly the threshold does not fire", series: memory(u, n, late), checks: [{ minute: late }] },
    { name: "boundary: one GiB in 100·n past the threshold fires", series: memory(100 * u + 1, 100 * n, late), checks: [{ minute: late, firing: { labels: NODE, value: (100 * u + 1) / (100 * n) } }] },
    { name: "does not fire for a spike shorter than `for`", series: memory((m) => (m < F - 1 ? u + n : u), 2 * n, late), checks: [{ minute: F }, { minute: late }] },
  ];
};

const FILESYSTEM = { ...NODE, device: "/dev/nvme0n1p1", fstype: "xfs", mountpoint: "/" };

function filesystem(labels: Record<string, string>, availGiB: number | ((m: number) => number), sizeGiB: number, minutes: number, readonly = 0): InputSeries[] {
  return [
    { series: seriesName("node_filesystem_size_bytes", labels), values: gauge(sizeGiB * GiB, minutes) },
    { series: seriesName("node_filesystem_avail_bytes", labels), values: gauge((m) => (typeof availGiB === "number" ? availGiB : availGiB(m)) * GiB, minutes) },
    { series: seriesName("node_filesystem_readonly", labels), values: gauge(readonly, minutes) },
  ];
}

/** Scenario for `avail / size < f` (DiskSpaceCritical). */
const diskFree: Scenario = (input) => {
  const f = literalIn(input.alert, ratio(thresholdOf(input)), "<");
  const [a, n] = exactFraction(f, 100);
  const F = forMinutes(input.alert);
  const late = F + 10;
  const tmpfs = { ...NODE, device: "tmpfs", fstype: "tmpfs", mountpoint: "/run" };
  const overlay = { ...NODE, device: "overlay", fstype: "overlay", mountpoint: "/var/lib/containerd/rootfs" };
  const boot = { ...NODE, device: "/dev/nvme0n1p128", fstype: "xfs", mountpoint: "/boot/efi" };
  return [
    { name: "fires exactly `for` after free space falls to half the threshold", series: filesystem(FILESYSTEM, a, 2 * n, F), checks: [{ minute: F - 1 }, { minute: F, firing: { labels: FILESYSTEM, value: a / (2 * n) } }] },
    { name: "does not fire with half the disk free", series: filesystem(FILESYSTEM, n, 2 * n, late), checks: [{ minute: late }] },
    { name: "boundary: exactly the threshold free does not fire", series: filesystem(FILESYSTEM, a, n, late), checks: [{ minute: late }] },
    { name: "boundary: one GiB in 100·n less fires", series: filesystem(FILESYSTEM, 100 * a - 1, 100 * n, late), checks: [{ minute: late, firing: { labels: FILESYSTEM, value: (100 * a - 1) / (100 * n) } }] },
    {
      name: "ignores pseudo filesystems (tmpfs, overlay) and read-only filesystems",
      series: [...filesystem(tmpfs, 0, n, late), ...filesystem(overlay, 0, n, late), ...filesystem(boot, 0, n, late, 1)],
      checks: [{ minute: late }],
    },
    { name: "does not fire for a dip shorter than `for`", series: filesystem(FILESYSTEM, (m) => (m < F - 1 ? 0 : n), 2 * n, late), checks: [{ minute: F }, { minute: late }] },
  ];
};

/** Scenario for `(size - avail) / size > p` (DiskCapacityHigh). */
const diskUsed: Scenario = (input) => {
  const p = literalIn(input.alert, ratio(thresholdOf(input)), ">");
  const [u, n] = exactFraction(p, 100);
  const F = forMinutes(input.alert);
  const late = F + 10;
  const used = (usedGiB: number | ((m: number) => number), size: number, minutes: number, labels = FILESYSTEM, readonly = 0) =>
    filesystem(labels, (m) => size - (typeof usedGiB === "number" ? usedGiB : usedGiB(m)), size, minutes, readonly);
  return [
    { name: "fires exactly `for` after usage rises halfway to 100%", series: used(u + n, 2 * n, F), checks: [{ minute: F - 1 }, { minute: F, firing: { labels: FILESYSTEM, value: (u + n) / (2 * n) } }] },
    { name: "does not fire at half the threshold", series: used(u, 2 * n, late), checks: [{ minute: late }] },
    { name: "boundary: exactly the threshold does not fire", series: used(u, n, late), checks: [{ minute: late }] },
    { name: "boundary: one GiB in 100·n past the threshold fires", series: used(100 * u + 1, 100 * n, late), checks: [{ minute: late, firing: { labels: FILESYSTEM, value: (100 * u + 1) / (100 * n) } }] },
    {
      name: "ignores pseudo and read-only filesystems",
      series: [...used(n, n, late, { ...NODE, device: "tmpfs", fstype: "tmpfs", mountpoint: "/run" }), ...used(n, n, late, { ...FILESYSTEM, mountpoint: "/boot" }, 1)],
      checks: [{ minute: late }],
    },
    { name: "does not fire for a rise shorter than `for`", series: used((m) => (m < F - 1 ? u + n : u), 2 * n, late), checks: [{ minute: F }, { minute: late }] },
  ];
};

// ---------------------------------------------------------------------------------------------------------
// A7: CPU busy share
// ---------------------------------------------------------------------------------------------------------

const cpuCapacityHigh: Scenario = (input) => {
  const p = literalIn(input.alert, ratio(thresholdOf(input)), ">");
  const [k, n] = exactFraction(p);
  if (n > 50) throw new Error(`CpuCapacityHigh: ${p} needs ${n} CPUs for an exact boundary; use a whole-percent threshold`);
  const F = forMinutes(input.alert);
  const late = F + RATE_WINDOW + 10;
  const labels = { instance: NODE.instance };
  /** `cpus` CPUs of which the first `busy` run user code all the time (rate 1) and the rest idle (or wait on I/O). */
  const cpus = (busy: number | ((m: number) => number), total: number, minutes: number, idleMode: (cpu: number) => string = () => "idle"): InputSeries[] =>
    Array.from({ length: total }, (_, cpu) => {
      const isBusy = (m: number) => cpu < (typeof busy === "number" ? busy : busy(m));
      return [
        { series: seriesName("node_cpu_seconds_total", { ...NODE, cpu: String(cpu), mode: "user" }), values: counter((m) => (isBusy(m) ? 1 : 0), minutes) },
        { series: seriesName("node_cpu_seconds_total", { ...NODE, cpu: String(cpu), mode: idleMode(cpu) }), values: counter((m) => (isBusy(m) ? 0 : 1), minutes) },
      ];
    }).flat();
  return [
    {
      name: "fires once CPUs have been busy halfway to 100% for `for`",
      series: cpus(k + n, 2 * n, F + RATE_WINDOW),
      checks: [{ minute: F }, { minute: F + RATE_WINDOW, firing: { labels, value: (k + n) / (2 * n) } }],
    },
    { name: "does not fire at half the threshold", series: cpus(k, 2 * n, late), checks: [{ minute: late }] },
    {
      name: "boundary: exactly the threshold does not fire, iowait counting as idle",
      series: cpus(k, n, late, (cpu) => (cpu === n - 1 ? "iowait" : "idle")),
      checks: [{ minute: late }],
    },
    { name: "boundary: one CPU in 10·n more fires", series: cpus(10 * k + 1, 10 * n, late), checks: [{ minute: late, firing: { labels, value: (10 * k + 1) / (10 * n) } }] },
    {
      name: "does not fire for a burst shorter than `for`",
      series: cpus((m) => (m < F - RATE_WINDOW - 1 ? 2 * n : 0), 2 * n, late),
      checks: [{ minute: F }, { minute: late }],
    },
  ];
};

// ---------------------------------------------------------------------------------------------------------
// A5: container memory against its limit; P2: memory growth
// ---------------------------------------------------------------------------------------------------------

function containerLabels(input: ScenarioInput) {
  return { namespace: input.config.eks.appNamespace, pod: "fx-trader-api-7d9f8-x2k4q", container: "api" };
}

function containerMemory(input: ScenarioInput, usage: (m: number) => number, limit: number, minutes: number): InputSeries[] {
  const c = containerLabels(input);
  return [
    { series: seriesName("container_memory_working_set_bytes", { ...c, job: "kubelet", id: "/kubepods/burstable/pod1/abc", image: "fx-trader-api:1.2.3" }), values: gauge(usage, minutes) },
    { series: seriesName("kube_pod_container_resource_limits", { ...c, job: "kube-state-metrics", resource: "memory", unit: "byte" }), values: gauge(limit, minutes) },
    { series: seriesName("kube_pod_container_resource_limits", { ...c, job: "kube-state-metrics", resource: "cpu", unit: "core" }), values: gauge(2, minutes) },
  ];
}

const containerMemoryUsageCritical: Scenario = (input) => {
  const p = literalIn(input.alert, ratio(thresholdOf(input)), ">");
  const [u, n] = exactFraction(p, 100);
  const F = forMinutes(input.alert);
  const late = F + 10;
  const labels = containerLabels(input);
  const mem = (used: number | ((m: number) => number), limit: number, minutes: number) =>
    containerMemory(input, (m) => (typeof used === "number" ? used : used(m)) * GiB, limit * GiB, minutes);
  // The pod's own cgroup (container="") and the sandbox (container="POD") are not containers and never alert.
  const podCgroup: InputSeries[] = [
    { series: seriesName("container_memory_working_set_bytes", { ...labels, container: "", id: "/kubepods/burstable/pod1" }), values: gauge(4 * n * GiB, late) },
    { series: seriesName("container_memory_working_set_bytes", { ...labels, container: "POD", id: "/kubepods/burstable/pod1/pause" }), values: gauge(4 * n * GiB, late) },
    { series: seriesName("kube_pod_container_resource_limits", { ...labels, container: "POD", resource: "memory", unit: "byte" }), values: gauge(n * GiB, late) },
  ];
  return [
    { name: "fires exactly `for` after usage rises halfway to the limit", series: mem(u + n, 2 * n, F), checks: [{ minute: F - 1 }, { minute: F, firing: { labels, value: (u + n) / (2 * n) } }] },
    { name: "does not fire at half the threshold", series: mem(u, 2 * n, late), checks: [{ minute: late }] },
    { name: "boundary: exactly the threshold does not fire", series: [...mem(u, n, late), ...podCgroup], checks: [{ minute: late }] },
    { name: "boundary: one GiB in 100·n past the threshold fires", series: mem(100 * u + 1, 100 * n, late), checks: [{ minute: late, firing: { labels, value: (100 * u + 1) / (100 * n) } }] },
    { name: "does not fire for a spike shorter than `for`", series: mem((m) => (m < F - 1 ? u + n : u), 2 * n, late), checks: [{ minute: F }, { minute: late }] },
  ];
};

const memoryLeakSuspected: Scenario = (input) => {
  const hours = thresholdOf(input);
  if (!input.alert.expr.includes(`[1h], ${hours * 3600})`)) throw new Error(`MemoryLeakSuspected: horizon ${hours} h not in ${input.alert.expr}`);
  const F = forMinutes(input.alert);
  const WINDOW = 60;
  const end = F + WINDOW;
  const limit = GiB;
  const labels = containerLabels(input);
  const horizonMinutes = 60 * hours;
  /** Usage starting at 30% of the limit, growing `perMinute` bytes a minute. */
  const growing = (perMinute: number, minutes: number) => containerMemory(input, (m) => 0.3 * limit + perMinute * m, limit, minutes);
  return [
    {
      // Growth of one limit per horizon: the trend crosses the limit from the start, so only `for` delays it.
      name: "fires once memory has grown towards the limit within the horizon for `for`",
      series: growing(limit / horizonMinutes, end),
      checks: [{ minute: F }, { minute: end, firing: { labels, value: 0 } }],
    },
    { name: "does not fire while memory is flat, even close to the limit", series: containerMemory(input, () => 0.8 * limit, limit, end), checks: [{ minute: end }] },
    {
      name: "boundary: a trend reaching 99% of the limit within the horizon does not fire",
      series: growing((0.69 * limit) / (end + horizonMinutes), end),
      checks: [{ minute: end }],
    },
    {
      name: "boundary: a trend reaching 101% of the limit within the horizon fires",
      series: growing((0.71 * limit) / (WINDOW + horizonMinutes), end),
      checks: [{ minute: end, firing: { labels, value: 0 } }],
    },
  ];
};

// ---------------------------------------------------------------------------------------------------------
// M3 / P2: cache hit ratio
// ---------------------------------------------------------------------------------------------------------

const cacheHitRatioLow: Scenario = (input) => {
  const r = literalIn(input.alert, ratio(thresholdOf(input)), "<");
  const floor = input.config.alerts.cacheMinLookupsPerSecond;
  const [h, n] = exactFraction(r, Math.max(10, 2 * floor));
  const F = forMinutes(input.alert);
  const WINDOW = 10;
  const late = F + WINDOW + 10;
  const redis = { instance: "redis-exporter:9121", job: "redis-exporter" };
  const lookups = (hits: number, misses: number, minutes: number): InputSeries[] => [
    { series: seriesName("redis_keyspace_hits_total", redis), values: counter(hits, minutes) },
    { series: seriesName("redis_keyspace_misses_total", redis), values: counter(misses, minutes) },
  ];
  return [
    {
      name: "fires once the hit ratio has been half the threshold for `for`",
      series: lookups(h, 2 * n - h, F + WINDOW),
      checks: [{ minute: F }, { minute: F + WINDOW, firing: { labels: {}, value: h / (2 * n) } }],
    },
    { name: "does not fire halfway between the threshold and 100%", series: lookups(h + n, n - h, late), checks: [{ minute: late }] },
    { name: "boundary: exactly the threshold does not fire", series: lookups(h, n - h, late), checks: [{ minute: late }] },
    { name: "boundary: one miss in 100·n more fires", series: lookups(100 * h - 1, 100 * n - 100 * h + 1, late), checks: [{ minute: late, firing: { labels: {}, value: (100 * h - 1) / (100 * n) } }] },
    { name: "does not fire below the lookup floor, even when every lookup misses", series: lookups(0, floor / 2, late), checks: [{ minute: late }] },
  ];
};

// ---------------------------------------------------------------------------------------------------------
// C3: Watchdog
// ---------------------------------------------------------------------------------------------------------

/** The Watchdog has no "must not fire" case: firing always, with no input at all, is its whole contract. */
const watchdog: Scenario = () => [
  { name: "fires at once and keeps firing, with no input series at all", series: [], checks: [{ minute: 0, firing: { labels: {}, value: 1 } }, { minute: 120, firing: { labels: {}, value: 1 } }] },
];

/** One scenario per alert of the catalog (a test checks none is missing). */
export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  ApplicationDown: applicationDown,
  ServiceEndpointsDown: serviceEndpointsDown,
  ApplicationNoTraffic: applicationNoTraffic,
  ErrorBudgetBurnFast: errorBudgetBurnFast,
  ErrorBudgetBurnSlow: errorBudgetBurnSlow,
  HttpErrorRateHigh: httpErrorRateHigh,
  HttpLatencyHigh: (input) => averageLatency("http_server_request_duration_seconds", input.config.alerts.httpMinRequestsPerSecond)(input),
  DatabaseConnectionErrors: databaseConnectionErrors,
  DatabaseQueriesSlow: averageLatency("db_client_operation_duration_seconds", undefined),
  DatabaseReplicationLagHigh: gaugeAbove(
    "pg_replication_lag_seconds",
    () => ({ instance: "fx-trader-reader-1", job: "postgres-exporter" }),
    () => ({ instance: "fx-trader-reader-1" }),
    0.001,
  ),
  MemoryUsageCritical: nodeMemoryUsage,
  ContainerMemoryUsageCritical: containerMemoryUsageCritical,
  DiskSpaceCritical: diskFree,
  MemoryLeakSuspected: memoryLeakSuspected,
  CpuCapacityHigh: cpuCapacityHigh,
  MemoryCapacityHigh: nodeMemoryUsage,
  DiskCapacityHigh: diskUsed,
  CacheHitRatioLow: cacheHitRatioLow,
  QueueBacklogHigh: gaugeAbove(
    "fx_queue_oldest_message_age_seconds",
    (input) => ({ namespace: input.config.eks.appNamespace, service: "fx-trader-worker", pod: "fx-trader-worker-0", queue: "order-events" }),
    (input) => ({ namespace: input.config.eks.appNamespace, queue: "order-events" }),
    1,
  ),
  Watchdog: watchdog,
};
