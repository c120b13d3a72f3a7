/** A1–A9 threshold, routing and per-alert override rules. */
import {
  ALERT_NAMES,
  alertDefaults,
  alertsField,
  fieldPath,
  guideReference,
  thresholdBounds,
  thresholdValue,
  type AlertsThresholdKey,
  type ThresholdField,
} from "../alert-thresholds";
import { durationSeconds, isDuration } from "../duration";
import { GUIDE } from "../policy";
import type { EnvironmentConfig } from "../types";
import type { ConfigChecker } from "./checker";

const SEVERITIES = ["critical", "warning", "info"] as const;

/**
 * Checks one threshold field against its bounds and, where the environment is held to the guide
 * (`policy: "guide"`), against the guide's value.
 */
export function checkThresholdField(c: EnvironmentConfig, v: ConfigChecker, field: ThresholdField): void {
  const path = fieldPath(field);
  const value = thresholdValue(c, field);
  const bounds = thresholdBounds(field);
  v.number(path, value, bounds);
  if (c.policy === "guide" && bounds.guide !== undefined) {
    v.require(value === bounds.guide.value, path, value, `must be ${bounds.guide.value} in ${c.name} (guide ${bounds.guide.id})`);
  }
}

/**
 * Checks thresholds (guide values where the environment is held to the guide), notification routing and
 * every per-alert override against the alert catalog, so an override of an unknown alert fails here.
 */
export function checkAlerts(c: EnvironmentConfig, v: ConfigChecker): void {
  const a = c.alerts;
  const guided = c.policy === "guide";
  // The alert thresholds' bounds and guide values are stated once, in config/alert-thresholds.ts; overrides are held to the same.
  const bounded = (key: AlertsThresholdKey) => checkThresholdField(c, v, alertsField(key));
  bounded("httpErrorRatioPercent");
  v.number("alerts.httpMinRequestsPerSecond", a.httpMinRequestsPerSecond, { min: 0.01, max: 10000, reason: "req/s; 0 would page on a single failed request" });
  bounded("httpLatencyAvgSeconds");
  bounded("dbConnectionErrorsPerSecond");
  bounded("dbQueryLatencySeconds");
  bounded("dbReplicationLagSeconds");
  bounded("memoryUsageCriticalPercent");
  // With the guide's thresholds, checkCapacity already reports a target at or above them; report only the rest.
  v.require(
    a.memoryUsageCriticalPercent === GUIDE.alerts.memoryUsageCriticalPercent || a.memoryUsageCriticalPercent > c.capacity.memoryTargetPercent,
    "alerts.memoryUsageCriticalPercent",
    a.memoryUsageCriticalPercent,
    `must be above capacity.memoryTargetPercent (${c.capacity.memoryTargetPercent}): the scale-out alert must come before the page`,
  );
  bounded("diskFreeCriticalPercent");
  v.require(
    a.diskFreeCriticalPercent === GUIDE.alerts.diskFreeCriticalPercent || 100 - a.diskFreeCriticalPercent > c.capacity.diskExpansionPercent,
    "alerts.diskFreeCriticalPercent",
    a.diskFreeCriticalPercent,
    `must leave the critical usage (100 − free) above capacity.diskExpansionPercent (${c.capacity.diskExpansionPercent}): the expansion alert must come before the page`,
  );
  bounded("memoryLeakHorizonHours");
  bounded("cacheHitRatioMinPercent");
  v.number("alerts.cacheMinLookupsPerSecond", a.cacheMinLookupsPerSecond, { min: 0.01, max: 1000000, reason: "lookups/s; 0 would alert on a cold cache" });
  bounded("queueOldestMessageAgeSeconds");
  v.oneOf("alerts.pager", a.pager, ["pagerduty", "opsgenie", "none"] as const);
  if (guided) v.require(a.pager !== "none", "alerts.pager", a.pager, `must page someone in ${c.name}: critical alerts need immediate response (A)`);
  v.pattern("alerts.heartbeatApiUrl", a.heartbeatApiUrl, /^https:\/\/[a-z0-9.-]+(\/[A-Za-z0-9._~-]+)*$/, "an https URL without query or trailing slash");
  v.number("alerts.heartbeatIntervalSeconds", a.heartbeatIntervalSeconds, {
    integer: true,
    min: 1,
    max: 86400,
    reason: "seconds; must equal the interval configured on the heartbeat receiver, which pages when a ping is late",
  });
  for (const severity of SEVERITIES) {
    const t = a.notify[severity];
    const field = `alerts.notify.${severity}`;
    for (const key of ["groupWait", "groupInterval", "repeatInterval"] as const) {
      v.pattern(`${field}.${key}`, t[key], /^((\d+)(y|w|d|h|m|s|ms))+$/, "a duration such as 30s or 4h");
    }
    if (isDuration(t.groupInterval) && isDuration(t.repeatInterval)) {
      v.require(
        durationSeconds(t.repeatInterval) >= durationSeconds(t.groupInterval),
        `${field}.repeatInterval`,
        t.repeatInterval,
        `must be at least groupInterval (${t.groupInterval})`,
      );
    }
  }
  for (const [name, o] of Object.entries(a.overrides)) checkOverride(c, v, name, o);
}

function checkOverride(c: EnvironmentConfig, v: ConfigChecker, name: string, o: EnvironmentConfig["alerts"]["overrides"][string]): void {
  const field = `alerts.overrides.${name}`;
  const definition = alertDefaults(name);
  if (definition === undefined) {
    v.require(false, field, name, `must name an alert of alerts/catalog.ts: ${ALERT_NAMES.join(", ")}`);
    return;
  }
  if (o.for !== undefined) v.require(isDuration(o.for), `${field}.for`, o.for, "must be a Prometheus duration such as 5m");
  if (o.severity !== undefined) v.oneOf(`${field}.severity`, o.severity, SEVERITIES);
  if (o.threshold !== undefined) {
    const spec = definition.threshold === undefined ? undefined : thresholdBounds(definition.threshold);
    if (spec === undefined) v.require(false, `${field}.threshold`, o.threshold, `must not be set: ${name} has no threshold`);
    else v.number(`${field}.threshold`, o.threshold, { min: spec.min, max: spec.max, reason: `${name}'s threshold, in ${spec.unit}` });
  }
  if (name === "Watchdog" && o.disabled === true) {
    v.require(false, `${field}.disabled`, o.disabled, "must not be true: without the Watchdog's heartbeat a dead alerting pipeline pages nobody");
  }
  const fixed = definition.threshold === undefined ? undefined : guideReference(definition.threshold);
  if (c.policy === "guide" && fixed !== undefined) {
    const why = `the guide fixes ${name} (${fixed}, ${definition.severity}) in ${c.name}`;
    if (o.threshold !== undefined) v.require(false, `${field}.threshold`, o.threshold, `must not be set: ${why}`);
    if (o.severity !== undefined && o.severity !== definition.severity) v.require(false, `${field}.severity`, o.severity, `must not be set: ${why}`);
    if (o.disabled === true) v.require(false, `${field}.disabled`, o.disabled, `must not be true: ${why}`);
  }
}
