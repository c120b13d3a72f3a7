/**
 * A1–A9, K1: the config fields alert thresholds come from, with the bounds an environment's value and a
 * per-alert override must keep and the guide value that fixes some of them, stated once. Also each alert's
 * override surface (default severity, threshold field), which `config/validation/alerts.ts` checks overrides
 * against and the alert factories in `alerts/` read, so validation never has to import the alert catalog.
 */
import { GUIDE } from "./policy";
import type { AlertSeverity, AlertsConfig, CapacityConfig, EnvironmentConfig } from "./types";

/** The keys of `T` whose values are numbers. */
type NumericKey<T> = { [K in keyof T]-?: T[K] extends number ? K : never }[keyof T];

/** The unit of a threshold, as written in docs and messages. */
export type ThresholdUnit = "%" | "s" | "errors/s" | "h";

/** A guide value that fixes a threshold (and the alert's severity) where an environment is held to the guide. */
export interface GuideValue {
  /** The requirement that states the value, e.g. `K1`. */
  readonly id: "A1" | "A5" | "A6" | "K1";
  readonly value: number;
}

/** What a threshold field must hold. */
export interface ThresholdBounds {
  readonly unit: ThresholdUnit;
  /** Smallest value the field or an override may set. */
  readonly min: number;
  /** Largest value the field or an override may set. */
  readonly max: number;
  /** Whether the config field must be an integer (overrides may be fractional). */
  readonly integer?: boolean;
  /** Why the bounds are what they are, as the validation message says it. */
  readonly reason?: string;
  /** Set when the operations guide fixes the value. */
  readonly guide?: GuideValue;
}

/** The bounds of each threshold field, by config section and key. */
export const THRESHOLD_FIELDS = {
  alerts: {
    httpErrorRatioPercent: { unit: "%", min: 0.01, max: 50, reason: "percent of requests", guide: { id: "A1", value: GUIDE.alerts.httpErrorRatioPercent } },
    httpLatencyAvgSeconds: { unit: "s", min: 0.001, max: 60 },
    dbConnectionErrorsPerSecond: { unit: "errors/s", min: 0, max: 1000, reason: "0 alerts on any error" },
    dbQueryLatencySeconds: { unit: "s", min: 0.001, max: 60 },
    dbReplicationLagSeconds: { unit: "s", min: 1, max: 3600 },
    memoryUsageCriticalPercent: { unit: "%", min: 50, max: 99, guide: { id: "A5", value: GUIDE.alerts.memoryUsageCriticalPercent } },
    diskFreeCriticalPercent: { unit: "%", min: 1, max: 50, guide: { id: "A6", value: GUIDE.alerts.diskFreeCriticalPercent } },
    memoryLeakHorizonHours: { unit: "h", min: 0.5, max: 168 },
    cacheHitRatioMinPercent: { unit: "%", min: 1, max: 99.9 },
    queueOldestMessageAgeSeconds: { unit: "s", min: 1, max: 86400 },
  },
  capacity: {
    cpuTargetPercent: { unit: "%", min: 10, max: 95, integer: true, reason: "percent of capacity", guide: { id: "K1", value: GUIDE.capacity.cpuScaleOutPercent } },
    memoryTargetPercent: { unit: "%", min: 10, max: 95, integer: true, reason: "percent of capacity", guide: { id: "K1", value: GUIDE.capacity.memoryScaleOutPercent } },
    diskExpansionPercent: { unit: "%", min: 10, max: 95, integer: true, reason: "percent of capacity", guide: { id: "K1", value: GUIDE.capacity.diskExpansionPercent } },
  },
} as const satisfies {
  readonly alerts: { readonly [K in NumericKey<AlertsConfig>]?: ThresholdBounds };
  readonly capacity: { readonly [K in NumericKey<CapacityConfig>]?: ThresholdBounds };
};

/** A key of the `alerts` section that holds an alert threshold. */
export type AlertsThresholdKey = keyof typeof THRESHOLD_FIELDS.alerts;
/** A key of the `capacity` section that holds an alert threshold. */
export type CapacityThresholdKey = keyof typeof THRESHOLD_FIELDS.capacity;

/** A config field an alert threshold is read from: a key of the `alerts` or `capacity` section that has bounds. */
export type ThresholdField = { readonly section: "alerts"; readonly key: AlertsThresholdKey } | { readonly section: "capacity"; readonly key: CapacityThresholdKey };

/** `alerts.<key>`. */
export const alertsField = (key: AlertsThresholdKey): ThresholdField => ({ section: "alerts", key });
/** `capacity.<key>`. */
export const capacityField = (key: CapacityThresholdKey): ThresholdField => ({ section: "capacity", key });

/** The field's path as config and messages spell it, e.g. `alerts.httpErrorRatioPercent`. */
export function fieldPath(field: ThresholdField): string {
  return `${field.section}.${field.key}`;
}

/** The bounds of `field`. */
export function thresholdBounds(field: ThresholdField): ThresholdBounds {
  return field.section === "alerts" ? THRESHOLD_FIELDS.alerts[field.key] : THRESHOLD_FIELDS.capacity[field.key];
}

/** The environment's value of `field`, before overrides. */
export function thresholdValue(config: EnvironmentConfig, field: ThresholdField): number {
  return field.section === "alerts" ? config.alerts[field.key] : config.capacity[field.key];
}

/** How a guide reference reads in docs and messages: `A1: 1%`, `K1: 70%`. */
export function guideReference(field: ThresholdField): string | undefined {
  const { guide, unit } = thresholdBounds(field);
  return guide === undefined ? undefined : `${guide.id}: ${guide.value}${unit === "%" ? "%" : ` ${unit}`}`;
}

/** What an override of one alert is checked against: its default severity and where its threshold comes from. */
export interface AlertDefaults {
  readonly severity: AlertSeverity;
  /** Absent for alerts without a threshold (absence, burn-rate, Watchdog). */
  readonly threshold?: ThresholdField;
}

/**
 * Every alert an environment may name in `alerts.overrides`, in catalog order. The alert factories take each
 * alert's severity and threshold field from here; a test checks the catalog defines exactly these alerts.
 */
export const ALERT_DEFAULTS = {
  ApplicationDown: { severity: "critical" },
  ServiceEndpointsDown: { severity: "critical" },
  ApplicationNoTraffic: { severity: "critical" },
  HttpErrorRateHigh: { severity: "critical", threshold: alertsField("httpErrorRatioPercent") },
  HttpLatencyHigh: { severity: "warning", threshold: alertsField("httpLatencyAvgSeconds") },
  ErrorBudgetBurnFast: { severity: "critical" },
  ErrorBudgetBurnSlow: { severity: "warning" },
  DatabaseConnectionErrors: { severity: "critical", threshold: alertsField("dbConnectionErrorsPerSecond") },
  DatabaseQueriesSlow: { severity: "warning", threshold: alertsField("dbQueryLatencySeconds") },
  DatabaseReplicationLagHigh: { severity: "warning", threshold: alertsField("dbReplicationLagSeconds") },
  MemoryUsageCritical: { severity: "critical", threshold: alertsField("memoryUsageCriticalPercent") },
  ContainerMemoryUsageCritical: { severity: "critical", threshold: alertsField("memoryUsageCriticalPercent") },
  DiskSpaceCritical: { severity: "critical", threshold: alertsField("diskFreeCriticalPercent") },
  MemoryLeakSuspected: { severity: "warning", threshold: alertsField("memoryLeakHorizonHours") },
  CpuCapacityHigh: { severity: "info", threshold: capacityField("cpuTargetPercent") },
  MemoryCapacityHigh: { severity: "info", threshold: capacityField("memoryTargetPercent") },
  DiskCapacityHigh: { severity: "info", threshold: capacityField("diskExpansionPercent") },
  CacheHitRatioLow: { severity: "warning", threshold: alertsField("cacheHitRatioMinPercent") },
  QueueBacklogHigh: { severity: "warning", threshold: alertsField("queueOldestMessageAgeSeconds") },
  Watchdog: { severity: "info" },
} as const satisfies Readonly<Record<string, AlertDefaults>>;

/** The name of an alert of the catalog. */
export type AlertName = keyof typeof ALERT_DEFAULTS;

/** Alert names, in catalog order. */
export const ALERT_NAMES = Object.keys(ALERT_DEFAULTS) as readonly AlertName[];

/** The defaults of alert `name`, or undefined when no alert has that name. */
export function alertDefaults(name: string): AlertDefaults | undefined {
  return Object.hasOwn(ALERT_DEFAULTS, name) ? ALERT_DEFAULTS[name as AlertName] : undefined;
}
