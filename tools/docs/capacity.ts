/** `docs/capacity.md`: autoscaling targets, ranges and peak schedules per environment (K1, K2, A7). */
import { appAutoScalingCron, dayNames, tierTransitions, unixCron, utcMinutesOfLocal, hhmmOf, type PeakTransition } from "../../config/capacity-schedule";
import { GUIDE } from "../../config/policy";
import type { EnvironmentConfig, HpaScalingRule, PeakRange } from "../../config/types";
import { generatedHeader, markdownTable, type DocGenerator } from "./types";

interface Tier {
  readonly name: string;
  readonly range: PeakRange;
  readonly scaledOn: string;
  /** How its peak is scheduled; undefined for the application pods (reserved on the nodes instead). */
  readonly peak?: {
    readonly leadMinutes: number;
    /** `cron` for Application Auto Scaling, `unix` for EC2 Auto Scaling. */
    readonly format: "cron" | "unix";
  };
}

/** The tiers an environment scales, as the `Capacity` construct builds them. */
function tiers(c: EnvironmentConfig): Tier[] {
  const k = c.capacity;
  const out: Tier[] = [
    {
      name: `application pods (${k.app.deployments.map((d) => `\`${d}\``).join(", ")}, each)`,
      range: { min: k.app.minReplicas, max: k.app.maxReplicas, peakMin: k.app.minReplicas },
      scaledOn: `HPA: CPU ${k.cpuTargetPercent}%, memory ${k.memoryTargetPercent}% of requests`,
    },
    ...k.nodes.groups.map((g): Tier => ({
      name: `node group \`${g.name}\``,
      range: g,
      scaledOn: "cluster autoscaler (pending pods), between the group's min and max",
      peak: { leadMinutes: k.nodes.leadMinutes, format: "unix" },
    })),
  ];
  if (c.database.engine === "aurora-postgresql") {
    out.push({ name: "Aurora readers", range: k.dbReaders, scaledOn: `target tracking: reader CPU ${k.cpuTargetPercent}%`, peak: { leadMinutes: k.dbReaders.leadMinutes, format: "cron" } });
  }
  if (k.cacheReplicas.enabled) {
    out.push({ name: "ElastiCache replicas per shard", range: k.cacheReplicas, scaledOn: `target tracking: replica engine CPU ${k.cpuTargetPercent}%`, peak: { leadMinutes: k.cacheReplicas.leadMinutes, format: "cron" } });
  }
  return out;
}

function rule(r: HpaScalingRule, select: string): string {
  const pods = `${r.podsPerPeriod} pod${r.podsPerPeriod === 1 ? "" : "s"}`;
  return `${r.stabilizationSeconds} s window; ${select} of ${r.percentPerPeriod}% or ${pods} per ${r.periodSeconds} s`;
}

function utcSpread(minutes: readonly number[]): string {
  return [...new Set(minutes)].sort((a, b) => a - b).map(hhmmOf).join(" / ");
}

function environmentSection(c: EnvironmentConfig): string {
  const k = c.capacity;
  let out = `## ${c.name}\n\n`;
  out += markdownTable(
    ["tier", "min", "peak min", "max", "scaled on", "raised ahead of open"],
    tiers(c).map((t) => [
      t.name,
      String(t.range.min),
      t.range.peakMin > t.range.min ? String(t.range.peakMin) : "—",
      String(t.range.max),
      t.scaledOn,
      t.peak !== undefined && t.range.peakMin > t.range.min ? `${t.peak.leadMinutes} min` : "—",
    ]),
  );
  const skipped = [
    c.database.engine === "postgres" ? "database readers (RDS PostgreSQL has no read-replica auto scaling)" : undefined,
    k.cacheReplicas.enabled ? undefined : "ElastiCache replicas (`capacity.cacheReplicas.enabled` is false)",
  ].filter((s): s is string => s !== undefined);
  if (skipped.length > 0) out += `\nNot scaled here: ${skipped.join("; ")}.\n`;
  out += `\nHPA behaviour: up — ${rule(k.app.scaleUp, "the larger")}; down — ${rule(k.app.scaleDown, "the smaller")}.\n\n`;
  if (k.marketSessions.length === 0) {
    out += "No market sessions: no peak schedule; every tier stays between its min and max.\n\n";
    return out;
  }
  out += "### Market sessions (Monday to Friday)\n\n";
  out += markdownTable(
    ["session", "local hours", "UTC opens", "UTC closes", "peak window uses (UTC)"],
    k.marketSessions.map((s) => [
      s.name,
      `${s.localOpen}–${s.localClose} ${s.timeZone}`,
      utcSpread(utcMinutesOfLocal(s.localOpen, s.timeZone)),
      utcSpread(utcMinutesOfLocal(s.localClose, s.timeZone)),
      `${s.openUtc}–${s.closeUtc}`,
    ]),
  );
  out += `\nMinimums drop ${k.peakHoldMinutes} min after a close; off-peak gaps shorter than ${k.minOffPeakMinutes} min stay at peak.\n\n`;
  out += "### Scheduled actions (UTC)\n\n";
  const rows = tiers(c).flatMap((t) => {
    const peak = t.peak;
    if (peak === undefined) return [];
    return tierTransitions(k, t.range, peak.leadMinutes).map((tr: PeakTransition) => [
      t.name,
      tr.name,
      `${dayNames(tr.daysUtc)} ${tr.timeUtc}`,
      `\`${peak.format === "cron" ? appAutoScalingCron(tr) : unixCron(tr)}\``,
      `min → ${tr.action === "raise" ? t.range.peakMin : t.range.min}`,
    ]);
  });
  out += rows.length > 0
    ? markdownTable(["tier", "action", "when (UTC)", "schedule", "effect"], rows)
    : "No tier has a peak minimum above its minimum: nothing is scheduled.\n";
  return `${out}\n`;
}

/** Renders `docs/capacity.md` from the environments' capacity config, through the same schedule functions the constructs use. */
export const capacityDoc: DocGenerator = {
  path: "docs/capacity.md",
  render(environments) {
    let out = generatedHeader("config/environments/*.ts (capacity) and config/capacity-schedule.ts");
    out += "# Capacity and autoscaling (K1, K2)\n\n";
    out += "Horizontal scaling first (K2): every tier scales out on load, between a minimum and a maximum per environment,\n";
    out += "and market sessions raise the minimums ahead of time. Built by `constructs/capacity/` in the `platform` stack.\n\n";
    out += "## Targets\n\n";
    out += `The guide's scale-out thresholds (K1): CPU ${GUIDE.capacity.cpuScaleOutPercent}%, memory ${GUIDE.capacity.memoryScaleOutPercent}%, disk expansion at ${GUIDE.capacity.diskExpansionPercent}% used. `;
    out += "Each target sits below the critical alert of the same resource, so capacity is added before anyone is paged; validation fails otherwise.\n\n";
    out += markdownTable(
      ["environment", "CPU target", "memory target", "critical memory alert", "disk expansion at", "critical disk alert"],
      environments.map((c) => {
        const o = c.alerts.overrides;
        return [
          c.name,
          `${c.capacity.cpuTargetPercent}%`,
          `${c.capacity.memoryTargetPercent}%`,
          `${o.MemoryUsageCritical?.threshold ?? GUIDE.alerts.memoryUsageCriticalPercent}% used`,
          `${c.capacity.diskExpansionPercent}% used`,
          `${100 - (o.DiskSpaceCritical?.threshold ?? GUIDE.alerts.diskFreeCriticalPercent)}% used`,
        ];
      }),
    );
    out += "\n## How each tier scales\n\n";
    out += "- **Application pods**: one HorizontalPodAutoscaler (autoscaling/v2) per Deployment, on average CPU and memory\n";
    out += "  utilization of the containers' requests. It scales up fast (no stabilization, the larger of a percent or a pod\n";
    out += "  step) and down slow (a long stabilization window, the smaller step). The Deployments must set resource requests\n";
    out += "  and must not set `spec.replicas` in their own manifests, or each deploy resets what the HPA chose.\n";
    out += "- **Worker nodes**: EKS managed node groups, grown and shrunk by the cluster's autoscaler on pending pods, between\n";
    out += "  each group's minimum and maximum. This program does not own the node groups or the autoscaler; it owns the peak\n";
    out += "  schedule on each group's Auto Scaling group (`aws_autoscaling_schedule`), which moves only the minimum size.\n";
    out += "- **Aurora readers**: Application Auto Scaling on `rds:cluster:ReadReplicaCount`, target tracking on\n";
    out += "  `RDSReaderAverageCPUUtilization`. Scale-in cooldowns are longer than scale-out ones.\n";
    out += "- **ElastiCache replicas**: Application Auto Scaling on `elasticache:replication-group:Replicas`, target tracking on\n";
    out += "  `ElastiCacheReplicaEngineCPUUtilization`, where the group supports it (Redis OSS 6.0+, cluster mode enabled, no\n";
    out += "  T-class nodes). Shards are not scaled: resharding is a planned change.\n\n";
    out += "## Peak capacity (K2)\n\n";
    out += "Schedules run in UTC. A session that observes daylight saving opens at two UTC times a year; its UTC window uses the\n";
    out += "earlier open and the later close (validation derives both from the session's time zone), so London's and New York's\n";
    out += "capacity comes an hour early in standard time and stays an hour longer in daylight time, never an hour late or\n";
    out += "short. Each tier's window starts its lead time before the open (the time a new replica or node needs to serve)\n";
    out += "and ends after the close. Overlapping windows are merged before scheduling, so one session's close never lowers\n";
    out += "capacity while the next is open.\n\n";
    out += "**Why the application's peak is reserved on nodes, not in the HPA.** Terraform cannot schedule a Kubernetes field.\n";
    out += "Raising the HPA's `minReplicas` on a timer in the cluster needs KEDA (whose ScaledObject replaces the HPA and brings\n";
    out += "a CRD chart) or a kubectl CronJob (which fights Terraform over the field and needs an image and RBAC). The slow part\n";
    out += "of a scale-out is the node (minutes: boot, join, image pulls), not the pod (seconds). So the peak schedule raises the\n";
    out += "node groups' minimum before the open; the cluster autoscaler cannot remove those nodes while the minimum holds; and\n";
    out += "the HPA's scale-up behaviour fills them within a minute of load arriving.\n\n";
    out += "**Scheduled actions and Terraform.** A scheduled action changes the Application Auto Scaling target's minimum outside\n";
    out += "Terraform, so the targets of scheduled tiers ignore `min_capacity` changes (a plan during a session would otherwise\n";
    out += "reset it). The lower action carries the configured minimum, so a change of `min` reaches AWS at the next lower time.\n\n";
    out += "## Disk expansion at 70% (K1, A7)\n\n";
    out += "- **Prometheus, Alertmanager and Loki volumes** use the StorageClass `fx-trader-<env>-gp3-expandable` (encrypted gp3,\n";
    out += "  `allowVolumeExpansion: true`, `WaitForFirstConsumer`; volumes retained where stateful resources are protected).\n";
    out += "  A claim on it can grow while mounted, but nothing grows it by itself: the `DiskCapacityHigh` info alert at the\n";
    out += "  environment's expansion threshold is the trigger. Then raise the size in the environment config (e.g.\n";
    out += "  `observability.prometheus.volumeSizeGiB`) and apply, and raise each existing claim to match\n";
    out += "  (`kubectl patch pvc <claim> -p '{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"<size>\"}}}}'`): a StatefulSet's\n";
    out += "  volume claim templates do not resize existing claims.\n";
    out += "- **Aurora** storage grows by itself (up to the engine's limit): nothing to configure.\n";
    out += "- **RDS PostgreSQL** (`database.engine: postgres`): storage autoscaling (`max_allocated_storage`) is a setting of the\n";
    out += "  instance, which this program references but does not own; its owner enables it. RDS grows storage only when free\n";
    out += "  space falls below 10%, later than K1's 70%, and `DiskCapacityHigh` watches node filesystems, not RDS: an RDS\n";
    out += "  instance would need an alert on CloudWatch `FreeStorageSpace` as its 70% trigger. No environment uses it today.\n\n";
    for (const c of environments) out += environmentSection(c);
    return out.replace(/\n+$/, "\n");
  },
};
