/** A10: service level objective rules. */
import { HTTP_DURATION_BUCKETS_SECONDS } from "../slo";
import type { EnvironmentConfig } from "../types";
import type { ConfigChecker } from "./checker";

const SERVICE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Checks the SLO period and every service's objectives; the budget must be large enough to alert on. */
export function checkSlo(c: EnvironmentConfig, v: ConfigChecker): void {
  v.number("slo.periodDays", c.slo.periodDays, { integer: true, min: 7, max: 90, reason: "days; burn-rate windows up to 3 days need a longer period" });
  const names = Object.keys(c.slo.services);
  v.require(names.length > 0, "slo.services", names, "must name at least one service of the application namespace");
  for (const [service, o] of Object.entries(c.slo.services)) {
    const field = `slo.services.${service}`;
    v.pattern(field, service, SERVICE_NAME, "a Kubernetes service name (lowercase RFC 1123 label)");
    // Above 99.99% a 30-day budget is under 5 minutes of errors: every burn-rate window would page on one bad scrape.
    v.number(`${field}.availabilityPercent`, o.availabilityPercent, { min: 90, max: 99.99, reason: "percent of requests without a 5xx" });
    v.number(`${field}.latency.percent`, o.latency.percent, { min: 50, max: 99.99, reason: "percent of requests within the latency threshold" });
    v.oneOf(
      `${field}.latency.thresholdSeconds`,
      o.latency.thresholdSeconds,
      HTTP_DURATION_BUCKETS_SECONDS,
      "a bucket boundary of http_server_request_duration_seconds, in seconds",
    );
  }
}
