/** A5, A6, P2: memory and disk of nodes (node-exporter, M6) and containers (cAdvisor, kube-state-metrics, M7). */
import { forecastAlert, ratioAlert, thresholdAlert } from "../factories";
import { aggregate, eq, ne, selector } from "../promql";
import type { AlertDefinition } from "../types";
import { filesystemFreeRatio, filesystemWritable, nodeMemoryUsedRatio } from "../../signals/node";

/** Containers only: cAdvisor also reports the pod cgroup (`container=""`) and the sandbox (`POD`). */
const CONTAINERS = [ne("container", ""), ne("container", "POD")];
const BY_CONTAINER = ["namespace", "pod", "container"] as const;

/** Memory limit of each container, in bytes. */
export const CONTAINER_MEMORY_LIMIT = aggregate("max", BY_CONTAINER, selector("kube_pod_container_resource_limits", eq("resource", "memory")));

// A5: the guide's 90% memory threshold (`alerts.memoryUsageCriticalPercent`) is shared by the node and the container alert.

export const memoryUsageCritical: AlertDefinition = thresholdAlert({
  name: "MemoryUsageCritical",
  requirement: "A5",
  group: "resources",
  problem: "node-memory",
  traffic: "continuous",
  dashboard: "infrastructure",
  for: "5m",
  fires: "above",
  signal: () => nodeMemoryUsedRatio(),
  summary: (ctx) => `Node {{ $labels.instance }} uses more than ${ctx.shown} of its memory`,
  description: (ctx) =>
    `Node {{ $labels.instance }} uses {{ $value | humanizePercentage }} of its memory (threshold ${ctx.shown}). ` +
    "The kernel will soon reclaim page cache aggressively and the kubelet will evict pods.",
  runbook: {
    meaning: "A node has less than the threshold's complement of its memory available (node-exporter `MemAvailable`).",
    impact: "Pods on the node may be evicted or OOM-killed; latency rises as the page cache shrinks.",
    diagnosis: [
      "Find the node's biggest pods: `topk(10, sum by (namespace, pod) (container_memory_working_set_bytes{instance=\"<instance>\", container!=\"\"}))`.",
      "Check for pods without memory limits on the node: `kubectl describe node <node>` (Allocated resources).",
      "Check whether a `MemoryLeakSuspected` alert points at one container.",
    ],
    mitigation: [
      "Cordon the node and drain it if one workload is at fault, so the scheduler spreads it out.",
      "Set or fix memory requests and limits of the offending workload.",
      "Add nodes if the cluster as a whole is short of memory (see `MemoryCapacityHigh`).",
    ],
  },
});

export const containerMemoryUsageCritical: AlertDefinition = ratioAlert({
  name: "ContainerMemoryUsageCritical",
  requirement: "A5",
  group: "resources",
  problem: "container-memory",
  traffic: "continuous",
  dashboard: "infrastructure",
  for: "5m",
  fires: "above",
  numerator: () => aggregate("max", BY_CONTAINER, selector("container_memory_working_set_bytes", ...CONTAINERS)),
  denominator: () => CONTAINER_MEMORY_LIMIT,
  summary: (ctx) => `Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} uses more than ${ctx.shown} of its memory limit`,
  description: (ctx) =>
    `Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} uses {{ $value | humanizePercentage }} of its memory limit ` +
    `(threshold ${ctx.shown}). At the limit the kernel OOM-kills it.`,
  runbook: {
    meaning: "A container's working-set memory (what the OOM killer counts) is close to its memory limit.",
    impact: "The container will be OOM-killed and restarted; in-flight requests and orders on it fail.",
    diagnosis: [
      "Check restarts and the last termination reason: `kubectl -n <namespace> describe pod <pod>` (OOMKilled).",
      "Look at the container's memory over the last days on the infrastructure dashboard: steady growth means a leak (`MemoryLeakSuspected`), a step means a load change.",
      "Compare with the limit: `kube_pod_container_resource_limits{resource=\"memory\", pod=\"<pod>\"}`.",
    ],
    mitigation: [
      "Raise the container's memory limit if the load grew legitimately.",
      "Restart the pod to buy time if it leaks, and open a bug with a heap profile.",
      "Scale out so each replica carries less.",
    ],
  },
});

export const diskSpaceCritical: AlertDefinition = thresholdAlert({
  name: "DiskSpaceCritical",
  requirement: "A6",
  group: "resources",
  problem: "node-disk",
  traffic: "continuous",
  dashboard: "infrastructure",
  for: "5m",
  fires: "below",
  signal: () => filesystemFreeRatio(),
  guard: () => `and ${filesystemWritable()}`,
  summary: (ctx) => `Filesystem {{ $labels.mountpoint }} on {{ $labels.instance }} has less than ${ctx.shown} free`,
  description: (ctx) =>
    `Filesystem {{ $labels.mountpoint }} ({{ $labels.device }}) on {{ $labels.instance }} has {{ $value | humanizePercentage }} of its space free ` +
    `(threshold ${ctx.shown}). When it fills, the kubelet evicts pods and writes fail.`,
  runbook: {
    meaning: "A writable ext4/xfs/btrfs filesystem of a node has less free space than the threshold.",
    impact: "At 0% the kubelet evicts pods, container images cannot be pulled and logs are lost.",
    diagnosis: [
      "Find what grows: `kubectl debug node/<node> -it --image=busybox -- du -xh /host/var --max-depth=2`.",
      "Check image garbage collection and container logs on the node (`/var/lib/containerd`, `/var/log/pods`).",
      "Check the trend on the infrastructure dashboard: a steady rise is data, a jump is a log burst.",
    ],
    mitigation: [
      "Delete unused images (`crictl rmi --prune`) and rotated logs.",
      "Grow the node group's EBS volume size, or replace the node.",
      "Fix the workload writing to the node's disk (use a volume or ship logs to Loki).",
    ],
  },
});

export const memoryLeakSuspected: AlertDefinition = forecastAlert({
  name: "MemoryLeakSuspected",
  requirement: "P2",
  group: "resources",
  problem: "container-memory",
  traffic: "continuous",
  dashboard: "infrastructure",
  for: "30m",
  // A leak is growth that does not stop: the last hour's trend reaches the limit within the horizon, for 30 minutes.
  series: selector("container_memory_working_set_bytes", ...CONTAINERS),
  window: "1h",
  by: BY_CONTAINER,
  limit: CONTAINER_MEMORY_LIMIT,
  summary: (ctx) => `Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} will reach its memory limit within ${ctx.shown}`,
  description: (ctx) =>
    `The memory of container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} has grown steadily for the last hour; ` +
    `at this rate it reaches its memory limit within ${ctx.shown} and is OOM-killed. A memory leak is likely.`,
  runbook: {
    meaning: "A linear fit of the container's working-set memory over the last hour crosses its memory limit within the horizon, and has done so for the `for` duration.",
    impact: "None yet; if the growth continues the container is OOM-killed, failing its in-flight requests.",
    diagnosis: [
      "Look at the container's memory over several hours: a sawtooth that resets at restarts confirms a leak.",
      "Correlate the start of the growth with deployments: `kubectl -n <namespace> rollout history deployment/<name>`.",
      "Take a heap profile of the process before it is killed.",
    ],
    mitigation: [
      "Roll back the release that introduced the growth.",
      "Schedule a rolling restart to reset memory while the fix is prepared.",
      "Open a bug with the heap profile and the dashboard link.",
    ],
  },
});
