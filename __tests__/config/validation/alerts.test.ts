import { findConfigIssues } from "../../../config";
import { ENVIRONMENT_NAMES, envConfig, configIssues } from "../../support";

describe("alerts config validation", () => {
  it.each(ENVIRONMENT_NAMES)("the built-in %s alerts config is valid", (env) => {
    expect(findConfigIssues(envConfig(env)).filter((i) => i.field.startsWith("alerts"))).toEqual([]);
  });

  it("fails when an override names an unknown alert, listing the known ones", () => {
    const [msg] = configIssues("dev", { alerts: { overrides: { HttpErrorRate: { threshold: 2 } } } });
    expect(msg).toContain('[dev] alerts.overrides.HttpErrorRate = "HttpErrorRate": must name an alert of alerts/catalog.ts: ApplicationDown, ServiceEndpointsDown,');
    expect(msg).toContain("HttpErrorRateHigh");
    expect(msg).toContain("Watchdog");
  });

  it("C3: fails when alerts.heartbeatIntervalSeconds is not a whole number of seconds from 1 to 86400", () => {
    expect(configIssues("prod", { alerts: { heartbeatIntervalSeconds: 0.5 } })).toEqual([
      "[prod] alerts.heartbeatIntervalSeconds = 0.5: must be an integer from 1 to 86400 (seconds; must equal the interval configured on the heartbeat receiver, which pages when a ping is late)",
    ]);
  });

  it("A10: fails when an SLO latency threshold is not a histogram bucket, or an objective is out of range", () => {
    const issues = configIssues("prod", { slo: { services: { "fx-trader-api": { availabilityPercent: 100, latency: { thresholdSeconds: 0.3, percent: 99 } } } } });
    expect(issues).toEqual([
      "[prod] slo.services.fx-trader-api.availabilityPercent = 100: must be a number from 90 to 99.99 (percent of requests without a 5xx)",
      expect.stringContaining("[prod] slo.services.fx-trader-api.latency.thresholdSeconds = 0.3: must be one of 0.005, 0.01,"),
    ]);
  });

  it("fails when an override threshold is outside the alert's range, naming the unit", () => {
    expect(configIssues("dev", { alerts: { overrides: { HttpLatencyHigh: { threshold: 120 } } } })).toEqual([
      "[dev] alerts.overrides.HttpLatencyHigh.threshold = 120: must be a number from 0.001 to 60 (HttpLatencyHigh's threshold, in s)",
    ]);
  });

  it("fails when an override sets a threshold on the Watchdog, which has none", () => {
    expect(configIssues("dev", { alerts: { overrides: { Watchdog: { threshold: 1 } } } })).toEqual([
      "[dev] alerts.overrides.Watchdog.threshold = 1: must not be set: Watchdog has no threshold",
    ]);
  });

  it("fails when an override disables the Watchdog", () => {
    expect(configIssues("dev", { alerts: { overrides: { Watchdog: { disabled: true } } } })).toEqual([
      "[dev] alerts.overrides.Watchdog.disabled = true: must not be true: without the Watchdog's heartbeat a dead alerting pipeline pages nobody",
    ]);
  });

  it("fails when an override's for is not a Prometheus duration", () => {
    expect(configIssues("dev", { alerts: { overrides: { HttpLatencyHigh: { for: "ten minutes" } } } })).toEqual([
      '[dev] alerts.overrides.HttpLatencyHigh.for = "ten minutes": must be a Prometheus duration such as 5m',
    ]);
  });

  it("fails when an override's severity is unknown", () => {
    const overrides = { HttpLatencyHigh: { severity: "page" as never } };
    expect(configIssues("dev", { alerts: { overrides } })).toEqual([
      '[dev] alerts.overrides.HttpLatencyHigh.severity = "page": must be one of "critical", "warning", "info"',
    ]);
  });

  it.each([
    ["threshold", { threshold: 5 }, "5", "must not be set"],
    ["severity", { severity: "warning" as const }, '"warning"', "must not be set"],
    ["disabled", { disabled: true }, "true", "must not be true"],
  ])("fails when prod overrides the %s of an alert the guide fixes", (field, override, shown, rule) => {
    expect(configIssues("prod", { alerts: { overrides: { HttpErrorRateHigh: override } } })).toEqual([
      `[prod] alerts.overrides.HttpErrorRateHigh.${field} = ${shown}: ${rule}: the guide fixes HttpErrorRateHigh (A1: 1%, critical) in prod`,
    ]);
  });

  it("lets dev (relaxed) override a guide alert, and prod change its for", () => {
    expect(findConfigIssues(envConfig("dev", { alerts: { overrides: { HttpErrorRateHigh: { threshold: 5, severity: "warning" } } } }))).toEqual([]);
    expect(findConfigIssues(envConfig("prod", { alerts: { overrides: { HttpErrorRateHigh: { for: "10m" } } } }))).toEqual([]);
  });

  it("fails when staging relaxes the guide's 1% HTTP error ratio", () => {
    expect(configIssues("staging", { alerts: { httpErrorRatioPercent: 5 } })).toEqual(["[staging] alerts.httpErrorRatioPercent = 5: must be 1 in staging (guide A1)"]);
  });

  it("fails when the HTTP error ratio is not a sensible percentage, even in dev", () => {
    expect(configIssues("dev", { alerts: { httpErrorRatioPercent: 0 } })).toEqual([
      "[dev] alerts.httpErrorRatioPercent = 0: must be a number from 0.01 to 50 (percent of requests)",
    ]);
  });

  it("fails when prod relaxes the guide's memory or disk thresholds", () => {
    expect(configIssues("prod", { alerts: { memoryUsageCriticalPercent: 95 } })).toEqual(["[prod] alerts.memoryUsageCriticalPercent = 95: must be 90 in prod (guide A5)"]);
    expect(configIssues("prod", { alerts: { diskFreeCriticalPercent: 5 } })).toEqual(["[prod] alerts.diskFreeCriticalPercent = 5: must be 10 in prod (guide A6)"]);
  });

  it("fails when the critical memory threshold is not above the scale-out target", () => {
    expect(configIssues("dev", { alerts: { memoryUsageCriticalPercent: 75 } })).toEqual([
      "[dev] alerts.memoryUsageCriticalPercent = 75: must be above capacity.memoryTargetPercent (80): the scale-out alert must come before the page",
    ]);
  });

  it("fails when the critical free-disk threshold leaves no room above the expansion threshold", () => {
    expect(configIssues("dev", { alerts: { diskFreeCriticalPercent: 40 } })).toEqual([
      "[dev] alerts.diskFreeCriticalPercent = 40: must leave the critical usage (100 − free) above capacity.diskExpansionPercent (70): the expansion alert must come before the page",
    ]);
  });

  it("fails when a latency threshold is zero", () => {
    expect(configIssues("dev", { alerts: { httpLatencyAvgSeconds: 0 } })).toEqual(["[dev] alerts.httpLatencyAvgSeconds = 0: must be a number from 0.001 to 60"]);
  });

  it("fails when the traffic floor is zero (one failed request would page)", () => {
    expect(configIssues("dev", { alerts: { httpMinRequestsPerSecond: 0 } })).toEqual([
      "[dev] alerts.httpMinRequestsPerSecond = 0: must be a number from 0.01 to 10000 (req/s; 0 would page on a single failed request)",
    ]);
  });

  it("fails when prod pages nobody", () => {
    expect(configIssues("prod", { alerts: { pager: "none" } })).toEqual([
      '[prod] alerts.pager = "none": must page someone in prod: critical alerts need immediate response (A)',
    ]);
  });

  it("fails when the pager is unknown", () => {
    expect(configIssues("dev", { alerts: { pager: "sms" as never } })).toEqual(['[dev] alerts.pager = "sms": must be one of "pagerduty", "opsgenie", "none"']);
  });

  it("fails when a notification repeat interval is shorter than its group interval", () => {
    expect(configIssues("dev", { alerts: { notify: { warning: { repeatInterval: "5m" } } } })).toEqual([
      '[dev] alerts.notify.warning.repeatInterval = "5m": must be at least groupInterval (10m)',
    ]);
  });

  it("fails when a notification timing is not a duration", () => {
    expect(configIssues("dev", { alerts: { notify: { critical: { groupWait: "soon" } } } })).toEqual([
      '[dev] alerts.notify.critical.groupWait = "soon": must be a duration such as 30s or 4h',
    ]);
  });

  it("fails when the heartbeat URL is not https", () => {
    expect(configIssues("dev", { alerts: { heartbeatApiUrl: "http://example.com/hb" } })).toEqual([
      '[dev] alerts.heartbeatApiUrl = "http://example.com/hb": must be an https URL without query or trailing slash',
    ]);
  });

  it.each([
    ["dbConnectionErrorsPerSecond", -1, "must be a number from 0 to 1000 (0 alerts on any error)"],
    ["dbQueryLatencySeconds", 0, "must be a number from 0.001 to 60"],
    ["dbReplicationLagSeconds", 0, "must be a number from 1 to 3600"],
    ["memoryLeakHorizonHours", 0, "must be a number from 0.5 to 168"],
    ["cacheHitRatioMinPercent", 100, "must be a number from 1 to 99.9"],
    ["cacheMinLookupsPerSecond", 0, "must be a number from 0.01 to 1000000 (lookups/s; 0 would alert on a cold cache)"],
    ["queueOldestMessageAgeSeconds", 0, "must be a number from 1 to 86400"],
  ] as const)("fails when alerts.%s = %s", (field, value, allowed) => {
    expect(configIssues("dev", { alerts: { [field]: value } })).toEqual([`[dev] alerts.${field} = ${value}: ${allowed}`]);
  });
});
