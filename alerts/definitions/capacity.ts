/**
 * A7 / K1: capacity planning. Informational alerts at the scale-out and expansion thresholds of
 * `config.capacity`, the same numbers the autoscaling policies target, so an alert means "the autoscaler
 * should be acting; check it has room" rather than a second opinion on the threshold.
 */
import { thresholdAlert } from "../factories";
import { spokenDuration } from "../duration";
import type { AlertDefinition } from "../types";
import { filesystemUsedRatio, filesystemWritable, nodeCpuBusyRatio, nodeMemoryUsedRatio } from "../../signals/node";

export const cpuCapacityHigh: AlertDefinition = thresholdAlert({
  name: "CpuCapacityHigh",
  requirement: "A7",
  group: "capacity",
  problem: "node-cpu",
  traffic: "continuous",
  dashboard: "infrastructure",
  for: "30m",
  fires: "above",
  // Busy CPU time over all CPU time; iowait and steal count as idle (the CPU could run work), as in node-mixin.
  signal: () => nodeCpuBusyRatio(),
  summary: (ctx) => `Node {{ $labels.instance }} has used more than ${ctx.shown} of its CPU for ${spokenDuration(ctx.for)}: consider scaling out`,
  description: (ctx) =>
    `Node {{ $labels.instance }} uses {{ $value | humanizePercentage }} of its CPU (scale-out threshold ${ctx.shown}, guide K1). ` +
    "Check that the autoscalers have room to add capacity before the next market session.",
  runbook: {
    meaning: "A node's CPU has been busy above the scale-out threshold for the alert's `for` duration (per environment in docs/alerts.md).",
    impact: "None yet. Above this level peaks (market opens, news) have little headroom.",
    diagnosis: [
      "Check the HPA: `kube_horizontalpodautoscaler_status_current_replicas` against `kube_horizontalpodautoscaler_spec_max_replicas`.",
      "Check the node group's desired and maximum size in the EKS console.",
      "Find the busiest pods on the node: `topk(10, sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{instance=\"<instance>\"}[5m])))`.",
    ],
    mitigation: [
      "Raise `config.capacity.app.maxReplicas` or the node group's maximum if the autoscaler is at its ceiling.",
      "Spread a hot workload with topology spread constraints.",
      "Record the trend in the monthly capacity review.",
    ],
  },
});

export const memoryCapacityHigh: AlertDefinition = thresholdAlert({
  name: "MemoryCapacityHigh",
  requirement: "A7",
  group: "capacity",
  problem: "node-memory",
  traffic: "continuous",
  dashboard: "infrastructure",
  for: "30m",
  fires: "above",
  signal: () => nodeMemoryUsedRatio(),
  summary: (ctx) => `Node {{ $labels.instance }} has used more than ${ctx.shown} of its memory for ${spokenDuration(ctx.for)}: consider scaling out`,
  description: (ctx) =>
    `Node {{ $labels.instance }} uses {{ $value | humanizePercentage }} of its memory (scale-out threshold ${ctx.shown}, guide K1). ` +
    "Add capacity before it reaches the critical threshold.",
  runbook: {
    meaning: "A node's memory use has been above the scale-out threshold for the alert's `for` duration (per environment in docs/alerts.md).",
    impact: "None yet. Pods scheduled here next may not fit; evictions start at the critical threshold.",
    diagnosis: [
      "Compare requested with used memory per node on the infrastructure dashboard.",
      "Check whether the cluster autoscaler can add nodes (node group maximum, pending pods).",
    ],
    mitigation: [
      "Raise the node group's maximum size or use larger instances.",
      "Right-size the memory requests of the biggest workloads.",
    ],
  },
});

export const diskCapacityHigh: AlertDefinition = thresholdAlert({
  name: "DiskCapacityHigh",
  requirement: "A7",
  group: "capacity",
  problem: "node-disk",
  traffic: "continuous",
  dashboard: "infrastructure",
  for: "30m",
  fires: "above",
  signal: () => filesystemUsedRatio(),
  guard: () => `and ${filesystemWritable()}`,
  summary: (ctx) => `Filesystem {{ $labels.mountpoint }} on {{ $labels.instance }} is more than ${ctx.shown} full: plan an expansion`,
  description: (ctx) =>
    `Filesystem {{ $labels.mountpoint }} ({{ $labels.device }}) on {{ $labels.instance }} is {{ $value | humanizePercentage }} full ` +
    `(expansion threshold ${ctx.shown}, guide K1).`,
  runbook: {
    meaning: "A writable filesystem of a node has been fuller than the expansion threshold for the alert's `for` duration (per environment in docs/alerts.md).",
    impact: "None yet. `DiskSpaceCritical` pages when free space falls below its threshold.",
    diagnosis: [
      "Check the growth rate on the infrastructure dashboard: `deriv(node_filesystem_avail_bytes{instance=\"<instance>\"}[6h])`.",
      "Find what fills it (images, logs, emptyDir volumes).",
    ],
    mitigation: [
      "Grow the node group's volume size in its launch template.",
      "Tune image garbage collection thresholds of the kubelet.",
    ],
  },
});
