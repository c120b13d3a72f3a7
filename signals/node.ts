/**
 * Signals of the cluster's nodes (node-exporter, M6): CPU busy, memory in use, filesystem free. Each is the one
 * PromQL definition that the alerts and the infrastructure dashboard both use; `scope` narrows it (a dashboard
 * adds its `instance` variable). Pure data: no cdktf imports.
 */
import { aggregate, nre, rate, re, selector, type Matcher } from "../alerts/promql";

/**
 * Real filesystems only: the ones EKS nodes mount for data (AL2023 uses xfs, Bottlerocket ext4). tmpfs,
 * overlay, squashfs and the like are left out, since "free space" on them means nothing for capacity.
 */
export const REAL_FILESYSTEMS = re("fstype", "ext[234]|xfs|btrfs");

/** CPU modes that count as idle: iowait and steal too (the CPU could run work), as in node-mixin. */
export const IDLE_CPU_MODES = "idle|iowait|steal";

/** Window of the CPU rate, the same for the alert and the dashboard so both show the same number. */
export const NODE_CPU_WINDOW = "5m";

/** Busy CPU time over all CPU time per node (0–1). */
export function nodeCpuBusyRatio(...scope: Matcher[]): string {
  const cpu = (...m: Matcher[]) => aggregate("sum", ["instance"], rate(selector("node_cpu_seconds_total", ...m, ...scope), NODE_CPU_WINDOW));
  return `${cpu(nre("mode", IDLE_CPU_MODES))} / ${cpu()}`;
}

/**
 * Memory in use per node as a ratio: `(total - available) / total`. Written as a difference of byte counts
 * (exact integers) over the total rather than `1 - available / total`, so a usage of exactly the threshold
 * compares equal to it instead of landing a rounding error above or below.
 */
export function nodeMemoryUsedRatio(...scope: Matcher[]): string {
  const total = selector("node_memory_MemTotal_bytes", ...scope);
  return `(${total} - ${selector("node_memory_MemAvailable_bytes", ...scope)}) / ${total}`;
}

/** Free share of each real filesystem (0–1). */
export function filesystemFreeRatio(...scope: Matcher[]): string {
  return `${selector("node_filesystem_avail_bytes", REAL_FILESYSTEMS, ...scope)} / ${selector("node_filesystem_size_bytes", REAL_FILESYSTEMS, ...scope)}`;
}

/** Used share of each real filesystem (0–1), as a difference of byte counts over the size (exact at the boundary). */
export function filesystemUsedRatio(...scope: Matcher[]): string {
  const size = selector("node_filesystem_size_bytes", REAL_FILESYSTEMS, ...scope);
  return `(${size} - ${selector("node_filesystem_avail_bytes", REAL_FILESYSTEMS, ...scope)}) / ${size}`;
}

/** Real filesystems mounted writable (read-only ones cannot fill up). */
export function filesystemWritable(...scope: Matcher[]): string {
  return `${selector("node_filesystem_readonly", REAL_FILESYSTEMS, ...scope)} == 0`;
}
