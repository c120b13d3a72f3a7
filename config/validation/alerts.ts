/** A1–A9 threshold and override rules. */
import { GUIDE } from "../policy";
import type { EnvironmentConfig } from "../types";
import type { ConfigChecker } from "./checker";

const PROM_DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

export function checkAlerts(c: EnvironmentConfig, v: ConfigChecker): void {
  const a = c.alerts;
  v.number("alerts.httpErrorRatioPercent", a.httpErrorRatioPercent, { min: 0.01, max: 100, reason: "percent of requests" });
  if (c.policy === "guide") {
    v.require(a.httpErrorRatioPercent === GUIDE.alerts.httpErrorRatioPercent, "alerts.httpErrorRatioPercent", a.httpErrorRatioPercent, `must be ${GUIDE.alerts.httpErrorRatioPercent} in ${c.name} (guide A1)`);
  }
  v.number("alerts.httpLatencyAvgSeconds", a.httpLatencyAvgSeconds, { min: 0.001, max: 60 });
  v.number("alerts.dbQueryLatencySeconds", a.dbQueryLatencySeconds, { min: 0.001, max: 60 });
  v.number("alerts.httpMinRequestsPerSecond", a.httpMinRequestsPerSecond, { min: 0, max: 10000 });
  v.pattern("alerts.notificationSecretName", a.notificationSecretName, /^[A-Za-z0-9/_+=.@-]{1,512}$/, "a Secrets Manager secret name");
  for (const [name, o] of Object.entries(a.overrides)) {
    v.pattern(`alerts.overrides.${name}`, name, /^[A-Z][A-Za-z0-9]+$/, "a CamelCase alert name");
    if (o.for !== undefined) v.pattern(`alerts.overrides.${name}.for`, o.for, PROM_DURATION, "a Prometheus duration such as 5m");
    if (o.severity !== undefined) v.oneOf(`alerts.overrides.${name}.severity`, o.severity, ["critical", "warning", "info"] as const);
    if (o.threshold !== undefined) v.number(`alerts.overrides.${name}.threshold`, o.threshold, {});
  }
}
