/**
 * D3 Infrastructure: hosts (CPU, memory, disk against the K1 capacity thresholds), containers against their
 * requests and limits, autoscaling headroom, and network and storage I/O (D3, P3). The capacity thresholds
 * (scale out at 70% CPU / 80% memory, expand disks at 70%) come from the environment config and are drawn as
 * dashed lines, so a graph crossing a line is the autoscaler's or the disk-expansion alert's cue.
 */
import { RowBuilder, type Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import type { PanelBuilder as StatPanelBuilder } from "@grafana/grafana-foundation-sdk/stat";
import type { PanelBuilder as TimeseriesPanelBuilder } from "@grafana/grafana-foundation-sdk/timeseries";
import * as units from "@grafana/grafana-foundation-sdk/units";
import type { EnvironmentConfig } from "../config/types";
import { dashboardFrame, finalizeDashboard } from "./shared/dashboard";
import { statPanel, timeSeriesPanel } from "./shared/panels";
import { prom, RATE } from "./shared/queries";
import { above, alertThreshold, dashedLine, informAndPage } from "./shared/thresholds";
import { re } from "../alerts/promql";
import { filesystemUsedRatio, nodeCpuBusyRatio, nodeMemoryUsedRatio } from "../signals/node";
import { multiLabelVariable } from "./shared/variables";

/** The environment values this dashboard draws: the capacity thresholds (K1). */
export type InfrastructureDashboardConfig = Pick<EnvironmentConfig, "name" | "eks" | "alerts" | "capacity">;

/** node-exporter series of the selected nodes. */
const NODE = 'instance=~"$instance"';
/** The same, as a matcher the signals take. */
const SELECTED_NODES = re("instance", "$instance");
/** Physical network interfaces: loopback and pod-side virtual interfaces double-count pod traffic. */
const PHYSICAL_NIC = 'device!~"lo|veth.+|eni.+|cali.+"';
/** cAdvisor series of the selected namespace's containers (the empty `container` is the pod's cgroup sum). */
const CONTAINERS = 'namespace="$namespace", container!=""';
const NAMESPACE = 'namespace="$namespace"';

/** A signal's ratio in percent, per node (or filesystem): the alert's expression, scoped to the selected nodes. */
const percent = (signal: string) => `100 * (${signal})`;
const nodeCpuPercent = percent(nodeCpuBusyRatio(SELECTED_NODES));
const nodeMemoryPercent = percent(nodeMemoryUsedRatio(SELECTED_NODES));
const diskUsedPercent = percent(filesystemUsedRatio(SELECTED_NODES));

/** The lines of the infrastructure panels: capacity (info alerts, K1) and paging (A5, A6) thresholds, after overrides. */
export function infrastructureLines(c: InfrastructureDashboardConfig) {
  return {
    cpuCapacity: alertThreshold(c, "CpuCapacityHigh", c.capacity.cpuTargetPercent),
    memoryCapacity: alertThreshold(c, "MemoryCapacityHigh", c.capacity.memoryTargetPercent),
    memoryPage: alertThreshold(c, "MemoryUsageCritical", c.alerts.memoryUsageCriticalPercent),
    diskCapacity: alertThreshold(c, "DiskCapacityHigh", c.capacity.diskExpansionPercent),
    diskPage: 100 - alertThreshold(c, "DiskSpaceCritical", c.alerts.diskFreeCriticalPercent),
  };
}
const containerCpu = (by = "") => `sum${by} (rate(container_cpu_usage_seconds_total{${CONTAINERS}}[${RATE}]))`;
const containerMemory = (by = "") => `sum${by} (container_memory_working_set_bytes{${CONTAINERS}})`;
const resource = (kind: "requests" | "limits", name: "cpu" | "memory", by = "") =>
  `sum${by} (kube_pod_container_resource_${kind}{${NAMESPACE}, resource="${name}"})`;

export function cpuUsageStat(c: InfrastructureDashboardConfig): StatPanelBuilder {
  const l = infrastructureLines(c);
  return statPanel("Node CPU", units.Percent)
    .description(`Average CPU use of the selected nodes (iowait and steal count as idle, as in CpuCapacityHigh). Orange from ${l.cpuCapacity}%, the scale-out target (K1).`)
    .thresholds(above(l.cpuCapacity, "orange"))
    .withTarget(prom(`avg(${nodeCpuPercent})`, { legend: "cpu" }));
}

export function memoryUsageStat(c: InfrastructureDashboardConfig): StatPanelBuilder {
  const l = infrastructureLines(c);
  return statPanel("Node memory", units.Percent)
    .description(`Memory in use on the fullest selected node. Orange from ${l.memoryCapacity}%, the scale-out target (K1); red from ${l.memoryPage}%, where MemoryUsageCritical pages (A5).`)
    .thresholds(informAndPage(l.memoryCapacity, l.memoryPage))
    .withTarget(prom(`max(${nodeMemoryPercent})`, { legend: "memory" }));
}

export function fullestDiskStat(c: InfrastructureDashboardConfig): StatPanelBuilder {
  const l = infrastructureLines(c);
  return statPanel("Fullest disk", units.Percent)
    .description(`Use of the fullest real filesystem. Orange from ${l.diskCapacity}%, where disks are expanded (K1); red from ${l.diskPage}%, where DiskSpaceCritical pages (A6).`)
    .thresholds(informAndPage(l.diskCapacity, l.diskPage))
    .withTarget(prom(`max(${diskUsedPercent})`, { legend: "fullest" }));
}

export function nodesUpStat(): StatPanelBuilder {
  return statPanel("Nodes reporting", units.Short)
    .description("Nodes whose node-exporter Prometheus scraped successfully.")
    .withTarget(prom(`sum(up{job="node-exporter"})`, { legend: "nodes" }));
}

export function scalingHeadroomStat(): StatPanelBuilder {
  return statPanel("Autoscaling used", units.PercentUnit)
    .description("Current over maximum replicas of the busiest autoscaler in the namespace; at 100% it cannot scale further (K1).")
    .thresholds(above(1, "orange"))
    .withTarget(
      prom(`max(kube_horizontalpodautoscaler_status_current_replicas{${NAMESPACE}} / kube_horizontalpodautoscaler_spec_max_replicas{${NAMESPACE}})`, { legend: "used" }),
    );
}

export function networkThroughputStat(): StatPanelBuilder {
  const rx = `sum(rate(node_network_receive_bytes_total{${NODE}, ${PHYSICAL_NIC}}[${RATE}]))`;
  const tx = `sum(rate(node_network_transmit_bytes_total{${NODE}, ${PHYSICAL_NIC}}[${RATE}]))`;
  return statPanel("Network in + out", units.BytesPerSecondSI)
    .description("Bytes per second received and sent on the nodes' physical interfaces.")
    .withTarget(prom(`${rx} + ${tx}`, { legend: "throughput" }));
}

export function nodeCpu(c: InfrastructureDashboardConfig): TimeseriesPanelBuilder {
  const l = infrastructureLines(c);
  return timeSeriesPanel("CPU by node", units.Percent, 8)
    .description(`CPU use per node, the CpuCapacityHigh signal (iowait and steal count as idle); dashed at the ${l.cpuCapacity}% scale-out target (K1).`)
    .min(0)
    .max(100)
    .thresholds(above(l.cpuCapacity, "orange"))
    .thresholdsStyle(dashedLine())
    .withTarget(prom(nodeCpuPercent, { legend: "{{instance}}" }));
}

export function nodeMemory(c: InfrastructureDashboardConfig): TimeseriesPanelBuilder {
  const l = infrastructureLines(c);
  return timeSeriesPanel("Memory by node", units.Percent, 8)
    .description(`Memory in use per node; dashed at the ${l.memoryCapacity}% scale-out target (K1) and at ${l.memoryPage}%, where MemoryUsageCritical pages (A5).`)
    .min(0)
    .max(100)
    .thresholds(informAndPage(l.memoryCapacity, l.memoryPage))
    .thresholdsStyle(dashedLine())
    .withTarget(prom(nodeMemoryPercent, { legend: "{{instance}}" }));
}

export function diskUsage(c: InfrastructureDashboardConfig): TimeseriesPanelBuilder {
  const l = infrastructureLines(c);
  return timeSeriesPanel("Disk use by mount", units.Percent, 8)
    .description(`Use per real filesystem (the alerts' xfs/ext/btrfs); dashed at ${l.diskCapacity}%, where disks are expanded (K1), and at ${l.diskPage}%, where DiskSpaceCritical pages (A6).`)
    .min(0)
    .max(100)
    .thresholds(informAndPage(l.diskCapacity, l.diskPage))
    .thresholdsStyle(dashedLine())
    .withTarget(prom(diskUsedPercent, { legend: "{{instance}} {{mountpoint}}" }));
}

export function containerCpuAgainstRequests(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Container CPU vs requests and limits", units.Short)
    .description("CPU cores used by the namespace's containers against the sum of their requests and limits.")
    .axisLabel("cores")
    .withTarget(prom(containerCpu(), { legend: "used" }))
    .withTarget(prom(resource("requests", "cpu"), { legend: "requests" }))
    .withTarget(prom(resource("limits", "cpu"), { legend: "limits" }));
}

export function containerMemoryAgainstRequests(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Container memory vs requests and limits", units.BytesIEC)
    .description("Working-set memory of the namespace's containers against the sum of their requests and limits.")
    .withTarget(prom(containerMemory(), { legend: "used" }))
    .withTarget(prom(resource("requests", "memory"), { legend: "requests" }))
    .withTarget(prom(resource("limits", "memory"), { legend: "limits" }));
}

export function podCpuOfRequests(c: InfrastructureDashboardConfig): TimeseriesPanelBuilder {
  return timeSeriesPanel("Pod CPU % of request", units.Percent, 8)
    .description(`CPU use per pod as a share of its request, what the autoscaler compares with its ${c.capacity.cpuTargetPercent}% target (K1).`)
    .thresholds(above(c.capacity.cpuTargetPercent, "orange"))
    .thresholdsStyle(dashedLine())
    .withTarget(prom(`100 * ${containerCpu(" by (pod)")} / ${resource("requests", "cpu", " by (pod)")}`, { legend: "{{pod}}" }));
}

export function podMemoryOfRequests(c: InfrastructureDashboardConfig): TimeseriesPanelBuilder {
  return timeSeriesPanel("Pod memory % of request", units.Percent, 8)
    .description(`Working-set memory per pod as a share of its request, against the ${c.capacity.memoryTargetPercent}% autoscaling target (K1).`)
    .thresholds(above(c.capacity.memoryTargetPercent, "orange"))
    .thresholdsStyle(dashedLine())
    .withTarget(prom(`100 * ${containerMemory(" by (pod)")} / ${resource("requests", "memory", " by (pod)")}`, { legend: "{{pod}}" }));
}

export function autoscalerReplicas(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Autoscaler replicas vs max", units.Short, 8)
    .description("Current and maximum replicas per HorizontalPodAutoscaler (K1 resource trend, P3).")
    .withTarget(prom(`max by (horizontalpodautoscaler) (kube_horizontalpodautoscaler_status_current_replicas{${NAMESPACE}})`, { legend: "{{horizontalpodautoscaler}}" }))
    .withTarget(prom(`max by (horizontalpodautoscaler) (kube_horizontalpodautoscaler_spec_max_replicas{${NAMESPACE}})`, { legend: "{{horizontalpodautoscaler}} max" }));
}

export function nodeNetwork(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Node network I/O", units.BytesPerSecondSI)
    .description("Bytes per second received and sent per node on physical interfaces (D3 network I/O).")
    .withTarget(prom(`sum by (instance) (rate(node_network_receive_bytes_total{${NODE}, ${PHYSICAL_NIC}}[${RATE}]))`, { legend: "{{instance}} in" }))
    .withTarget(prom(`sum by (instance) (rate(node_network_transmit_bytes_total{${NODE}, ${PHYSICAL_NIC}}[${RATE}]))`, { legend: "{{instance}} out" }));
}

export function podNetwork(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Pod network I/O", units.BytesPerSecondSI)
    .description("Bytes per second received and sent per pod in the namespace.")
    .withTarget(prom(`sum by (pod) (rate(container_network_receive_bytes_total{${NAMESPACE}}[${RATE}]))`, { legend: "{{pod}} in" }))
    .withTarget(prom(`sum by (pod) (rate(container_network_transmit_bytes_total{${NAMESPACE}}[${RATE}]))`, { legend: "{{pod}} out" }));
}

export function diskThroughput(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Disk read / write", units.BytesPerSecondSI)
    .description("Bytes per second read and written per node (P3 storage I/O).")
    .withTarget(prom(`sum by (instance) (rate(node_disk_read_bytes_total{${NODE}}[${RATE}]))`, { legend: "{{instance}} read" }))
    .withTarget(prom(`sum by (instance) (rate(node_disk_written_bytes_total{${NODE}}[${RATE}]))`, { legend: "{{instance}} write" }));
}

export function diskBusy(): TimeseriesPanelBuilder {
  return timeSeriesPanel("Disk busy time", units.PercentUnit)
    .description("Share of time each block device was busy (P3 storage I/O saturation).")
    .min(0)
    .max(1)
    .withTarget(prom(`max by (instance, device) (rate(node_disk_io_time_seconds_total{${NODE}}[${RATE}]))`, { legend: "{{instance}} {{device}}" }));
}

/** Builds the infrastructure dashboard for one environment. */
export function infrastructureDashboard(c: InfrastructureDashboardConfig): Dashboard {
  const builder = dashboardFrame(c, {
    key: "infrastructure",
    description: "Hosts, containers, autoscaling, network and storage I/O against the capacity thresholds (D3, P3, K1).",
    tags: ["infrastructure", "D3"],
    filters: [multiLabelVariable("instance", "node_memory_MemTotal_bytes", "node")],
    serviceVariable: false,
  })
    .withPanel(cpuUsageStat(c))
    .withPanel(memoryUsageStat(c))
    .withPanel(fullestDiskStat(c))
    .withPanel(nodesUpStat())
    .withPanel(scalingHeadroomStat())
    .withPanel(networkThroughputStat())
    .withRow(new RowBuilder("Hosts"))
    .withPanel(nodeCpu(c))
    .withPanel(nodeMemory(c))
    .withPanel(diskUsage(c))
    .withRow(new RowBuilder("Containers"))
    .withPanel(containerCpuAgainstRequests())
    .withPanel(containerMemoryAgainstRequests())
    .withPanel(podCpuOfRequests(c))
    .withPanel(podMemoryOfRequests(c))
    .withPanel(autoscalerReplicas())
    .withRow(new RowBuilder("Network and storage I/O"))
    .withPanel(nodeNetwork())
    .withPanel(podNetwork())
    .withPanel(diskThroughput())
    .withPanel(diskBusy());
  return finalizeDashboard(builder);
}
