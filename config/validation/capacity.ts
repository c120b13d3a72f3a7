/** K1–K2 rules, including targets below the alert thresholds of the same resource. */
import { GUIDE } from "../policy";
import type { EnvironmentConfig } from "../types";
import type { ConfigChecker } from "./checker";

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function checkCapacity(c: EnvironmentConfig, v: ConfigChecker): void {
  const k = c.capacity;
  const guided = c.policy === "guide";
  const target = (field: "cpuTargetPercent" | "memoryTargetPercent" | "diskExpansionPercent", guide: number, alert?: number) => {
    v.number(`capacity.${field}`, k[field], { integer: true, min: 10, max: 95, reason: "percent of capacity" });
    if (guided) v.require(k[field] === guide, `capacity.${field}`, k[field], `must be ${guide} in ${c.name} (guide K1)`);
    if (alert !== undefined) v.require(k[field] < alert, `capacity.${field}`, k[field], `must be below the critical alert threshold of the same resource (${alert}%)`);
  };
  target("cpuTargetPercent", GUIDE.capacity.cpuScaleOutPercent);
  target("memoryTargetPercent", GUIDE.capacity.memoryScaleOutPercent, GUIDE.alerts.memoryUsageCriticalPercent);
  target("diskExpansionPercent", GUIDE.capacity.diskExpansionPercent, 100 - GUIDE.alerts.diskFreeCriticalPercent);
  v.number("capacity.app.minReplicas", k.app.minReplicas, { integer: true, min: 1, max: 500 });
  v.number("capacity.app.maxReplicas", k.app.maxReplicas, { integer: true, min: k.app.minReplicas, max: 500, reason: "≥ capacity.app.minReplicas" });
  v.number("capacity.app.peakMinReplicas", k.app.peakMinReplicas, { integer: true, min: k.app.minReplicas, max: k.app.maxReplicas, reason: "peaks must sit inside min/max replicas" });
  v.number("capacity.dbReaders.min", k.dbReaders.min, { integer: true, min: 0, max: 15, reason: "Aurora allows up to 15 replicas" });
  v.number("capacity.dbReaders.max", k.dbReaders.max, { integer: true, min: Math.max(k.dbReaders.min, 0), max: 15, reason: "≥ capacity.dbReaders.min, Aurora allows up to 15 replicas" });
  const names = new Set<string>();
  k.marketSessions.forEach((s, i) => {
    v.pattern(`capacity.marketSessions[${i}].name`, s.name, /^[a-z][a-z0-9-]{1,30}$/, "a lowercase name");
    v.require(!names.has(s.name), `capacity.marketSessions[${i}].name`, s.name, "must be unique");
    names.add(s.name);
    v.pattern(`capacity.marketSessions[${i}].openUtc`, s.openUtc, HH_MM, "a UTC time HH:MM");
    v.pattern(`capacity.marketSessions[${i}].closeUtc`, s.closeUtc, HH_MM, "a UTC time HH:MM");
  });
}
