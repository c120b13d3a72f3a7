/**
 * K1–K2 rules: targets from the guide and below the critical alerts of the same resource, ranges inside AWS
 * and Kubernetes limits with min ≤ peak ≤ max, HPA behaviour that scales up faster than down, and market
 * sessions whose UTC hours match their local hours in both standard and daylight time.
 */
import { capacityField, type CapacityThresholdKey } from "../alert-thresholds";
import { MAX_SHIFT_MINUTES, hhmmOf, isHhMm, minutesOf, utcMinutesOfLocal, utcOffsetsMinutes } from "../capacity-schedule";
import { GUIDE } from "../policy";
import type { EnvironmentConfig, HpaScalingRule, MarketSession, PeakRange } from "../types";
import { checkThresholdField } from "./alerts";
import type { ConfigChecker } from "./checker";

/** Kubernetes object name (DNS-1123 label). */
const K8S_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** EKS node group name. */
const NODE_GROUP_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

/**
 * Critical alerts a scale-out target must stay below, with their environment override (`alerts.overrides`)
 * if any. `DiskSpaceCritical`'s threshold is free space in percent, so the used-space limit is 100 minus it.
 */
function criticalAlertLimits(c: EnvironmentConfig): { memoryUsedPercent: number; diskUsedPercent: number } {
  const o = c.alerts.overrides;
  return {
    memoryUsedPercent: o.MemoryUsageCritical?.threshold ?? GUIDE.alerts.memoryUsageCriticalPercent,
    diskUsedPercent: 100 - (o.DiskSpaceCritical?.threshold ?? GUIDE.alerts.diskFreeCriticalPercent),
  };
}

/** Records every capacity issue of `c` (K1–K2) in `v`. */
export function checkCapacity(c: EnvironmentConfig, v: ConfigChecker): void {
  const k = c.capacity;
  checkTargets(c, v);
  checkApp(c, v);
  const scheduled = k.marketSessions.length > 0;
  const shift = (field: string, value: number, what: string) =>
    v.number(field, value, { integer: true, min: 0, max: MAX_SHIFT_MINUTES, reason: `minutes ${what}` });
  shift("capacity.nodes.leadMinutes", k.nodes.leadMinutes, "before a session opens");
  shift("capacity.peakHoldMinutes", k.peakHoldMinutes, "after a session closes");
  shift("capacity.minOffPeakMinutes", k.minOffPeakMinutes, "of off-peak gap that stays at peak");
  if (scheduled) {
    v.require(k.nodes.groups.length > 0, "capacity.nodes.groups", k.nodes.groups.length, "must list at least one node group when marketSessions is not empty (scaled-out pods need nodes at peak)");
  }
  const groupNames = new Set<string>();
  k.nodes.groups.forEach((g, i) => {
    const field = `capacity.nodes.groups[${i}]`;
    v.pattern(`${field}.name`, g.name, NODE_GROUP_NAME, "an EKS node group name (1–63 letters, digits, '-', '_')");
    v.require(!groupNames.has(g.name), `${field}.name`, g.name, "must be unique");
    groupNames.add(g.name);
    checkRange(v, field, g, { min: 0, max: 1000, limit: "EC2 Auto Scaling group size" });
  });
  checkTier(v, "capacity.dbReaders", k.dbReaders, { min: 0, max: 15, limit: "Aurora allows up to 15 replicas" });
  if (k.cacheReplicas.enabled) {
    checkTier(v, "capacity.cacheReplicas", k.cacheReplicas, { min: 0, max: 5, limit: "ElastiCache allows up to 5 replicas per shard" });
  }
  if (c.policy === "guide") {
    v.require(scheduled, "capacity.marketSessions", k.marketSessions.length, `must list at least one session in ${c.name} (guide K2: capacity is reserved for peaks)`);
  }
  const names = new Set<string>();
  k.marketSessions.forEach((s, i) => {
    v.require(!names.has(s.name), `capacity.marketSessions[${i}].name`, s.name, "must be unique");
    names.add(s.name);
    checkSession(v, `capacity.marketSessions[${i}]`, s);
  });
}

function checkTargets(c: EnvironmentConfig, v: ConfigChecker): void {
  const k = c.capacity;
  const limits = criticalAlertLimits(c);
  const target = (field: CapacityThresholdKey, alert?: { limit: number; name: string }) => {
    // Bounds and the guide's K1 value come from config/alert-thresholds.ts, the same the capacity alerts' overrides are held to.
    checkThresholdField(c, v, capacityField(field));
    if (alert !== undefined) {
      v.require(k[field] < alert.limit, `capacity.${field}`, k[field],
        `must be below the critical alert threshold of the same resource (${alert.limit}%): otherwise ${alert.name} fires before capacity is added`);
    }
  };
  target("cpuTargetPercent");
  target("memoryTargetPercent", { limit: limits.memoryUsedPercent, name: "MemoryUsageCritical" });
  // The container alert measures memory against the limit, as the HPA's target does against the request; an
  // override below the target pages before the HPA adds pods.
  const container = c.alerts.overrides.ContainerMemoryUsageCritical?.threshold;
  if (container !== undefined) {
    v.require(container > k.memoryTargetPercent, "alerts.overrides.ContainerMemoryUsageCritical.threshold", container,
      `must be above capacity.memoryTargetPercent (${k.memoryTargetPercent}): otherwise ContainerMemoryUsageCritical pages before the HPAs add pods`);
  }
  target("diskExpansionPercent", { limit: limits.diskUsedPercent, name: "DiskSpaceCritical" });
}

function checkApp(c: EnvironmentConfig, v: ConfigChecker): void {
  const a = c.capacity.app;
  v.require(a.deployments.length > 0, "capacity.app.deployments", a.deployments.length, "must list at least one Deployment to autoscale");
  const seen = new Set<string>();
  a.deployments.forEach((d, i) => {
    v.pattern(`capacity.app.deployments[${i}]`, d, K8S_NAME, "a Kubernetes Deployment name (DNS-1123 label)");
    v.require(!seen.has(d), `capacity.app.deployments[${i}]`, d, "must be unique");
    seen.add(d);
  });
  v.number("capacity.app.minReplicas", a.minReplicas, { integer: true, min: 1, max: 500 });
  v.number("capacity.app.maxReplicas", a.maxReplicas, { integer: true, min: a.minReplicas, max: 500, reason: "≥ capacity.app.minReplicas" });
  checkHpaRule(v, "capacity.app.scaleUp", a.scaleUp);
  checkHpaRule(v, "capacity.app.scaleDown", a.scaleDown);
  v.require(a.scaleDown.stabilizationSeconds > a.scaleUp.stabilizationSeconds, "capacity.app.scaleDown.stabilizationSeconds", a.scaleDown.stabilizationSeconds,
    `must be greater than capacity.app.scaleUp.stabilizationSeconds (${a.scaleUp.stabilizationSeconds}): scale up fast, scale down slow (K2)`);
}

function checkHpaRule(v: ConfigChecker, field: string, r: HpaScalingRule): void {
  v.number(`${field}.stabilizationSeconds`, r.stabilizationSeconds, { integer: true, min: 0, max: 3600, reason: "Kubernetes allows 0–3600 s" });
  v.number(`${field}.periodSeconds`, r.periodSeconds, { integer: true, min: 1, max: 1800, reason: "Kubernetes allows 1–1800 s" });
  v.number(`${field}.percentPerPeriod`, r.percentPerPeriod, { integer: true, min: 1, max: 1000 });
  v.number(`${field}.podsPerPeriod`, r.podsPerPeriod, { integer: true, min: 1, max: 500 });
}

interface Bounds {
  readonly min: number;
  readonly max: number;
  /** The AWS limit behind `max`, for the message. */
  readonly limit: string;
}

function checkRange(v: ConfigChecker, field: string, r: PeakRange, b: Bounds): void {
  v.number(`${field}.min`, r.min, { integer: true, min: b.min, max: b.max, reason: b.limit });
  v.number(`${field}.max`, r.max, { integer: true, min: Math.max(r.min, b.min), max: b.max, reason: `≥ ${field}.min; ${b.limit}` });
  // With min above max the range itself is reported; a peak "from 3 to 2" would only add noise.
  if (r.min <= r.max) v.number(`${field}.peakMin`, r.peakMin, { integer: true, min: r.min, max: r.max, reason: `scheduled peaks must sit inside ${field}.min/max` });
}

function checkTier(v: ConfigChecker, field: string, t: PeakRange & { leadMinutes: number; scaleOutCooldownSeconds: number; scaleInCooldownSeconds: number }, b: Bounds): void {
  checkRange(v, field, t, b);
  v.number(`${field}.leadMinutes`, t.leadMinutes, { integer: true, min: 0, max: MAX_SHIFT_MINUTES, reason: "minutes before a session opens" });
  v.number(`${field}.scaleOutCooldownSeconds`, t.scaleOutCooldownSeconds, { integer: true, min: 0, max: 3600 });
  v.number(`${field}.scaleInCooldownSeconds`, t.scaleInCooldownSeconds, { integer: true, min: t.scaleOutCooldownSeconds, max: 3600, reason: `≥ ${field}.scaleOutCooldownSeconds: scale in slower than out` });
}

/** Describes the UTC times of a local time, e.g. `07:00 in daylight time, 08:00 in standard time`. */
function describeUtc(utcMinutes: readonly number[]): string {
  if (utcMinutes.length === 1) return `${hhmmOf(utcMinutes[0]!)} all year`;
  // Offsets ascend (standard, then daylight), so UTC times descend: [standard, daylight].
  return `${hhmmOf(utcMinutes[1]!)} in daylight time, ${hhmmOf(utcMinutes[0]!)} in standard time`;
}

function checkSession(v: ConfigChecker, field: string, s: MarketSession): void {
  v.pattern(`${field}.name`, s.name, /^[a-z][a-z0-9-]{1,30}$/, "a lowercase name (letters, digits, '-')");
  let zoneOk = true;
  try {
    utcOffsetsMinutes(s.timeZone);
  } catch {
    zoneOk = false;
  }
  v.require(zoneOk, `${field}.timeZone`, s.timeZone, "must be an IANA time zone such as Europe/London");
  const times = (["localOpen", "localClose", "openUtc", "closeUtc"] as const).filter((t) => {
    const ok = isHhMm(s[t]);
    v.require(ok, `${field}.${t}`, s[t], `must be a time HH:MM (${t.endsWith("Utc") ? "UTC" : `local time in ${s.timeZone}`})`);
    return ok;
  });
  if (times.length < 4) return;
  v.require(minutesOf(s.localOpen) < minutesOf(s.localClose), `${field}.localClose`, s.localClose, `must be after localOpen (${s.localOpen})`);
  v.require(minutesOf(s.openUtc) < minutesOf(s.closeUtc), `${field}.closeUtc`, s.closeUtc,
    `must be after openUtc (${s.openUtc}): a session opens and closes on the same UTC day (split one that spans midnight UTC into two)`);
  if (!zoneOk) return;
  const sameDay = (minutes: readonly number[]) => minutes.every((m) => m >= 0 && m < 24 * 60);
  const opens = utcMinutesOfLocal(s.localOpen, s.timeZone);
  const closes = utcMinutesOfLocal(s.localClose, s.timeZone);
  v.require(sameDay(opens), `${field}.localOpen`, s.localOpen,
    `must fall on the same calendar day in UTC as in ${s.timeZone} (peak schedules run Monday–Friday UTC)`);
  v.require(sameDay(closes), `${field}.localClose`, s.localClose,
    `must fall on the same calendar day in UTC as in ${s.timeZone} (peak schedules run Monday–Friday UTC)`);
  if (!sameDay(opens) || !sameDay(closes)) return;
  const earliestOpen = Math.min(...opens);
  const latestClose = Math.max(...closes);
  v.require(minutesOf(s.openUtc) === earliestOpen, `${field}.openUtc`, s.openUtc,
    `must be ${hhmmOf(earliestOpen)}, the earliest UTC time of ${s.localOpen} ${s.timeZone} (${describeUtc(opens)}), so the peak window covers the open all year`);
  v.require(minutesOf(s.closeUtc) === latestClose, `${field}.closeUtc`, s.closeUtc,
    `must be ${hhmmOf(latestClose)}, the latest UTC time of ${s.localClose} ${s.timeZone} (${describeUtc(closes)}), so the peak window covers the close all year`);
}
