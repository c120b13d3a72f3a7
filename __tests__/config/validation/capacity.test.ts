import type { MarketSession } from "../../../config/types";
import { ENVIRONMENT_NAMES, envConfig, onlyConfigIssue, configIssues } from "../../support";

const LONDON: MarketSession = { name: "london", timeZone: "Europe/London", localOpen: "08:00", localClose: "17:00", openUtc: "07:00", closeUtc: "17:00" };
const withSession = (s: Partial<MarketSession>) => ({ capacity: { marketSessions: [{ ...LONDON, ...s }] } });

describe("K1: scale-out targets", () => {
  it.each(["staging", "prod"] as const)("K1: %s holds CPU at 70%% and memory at 80%%, expands disks at 70%%", (env) => {
    expect(envConfig(env).capacity).toMatchObject({ cpuTargetPercent: 70, memoryTargetPercent: 80, diskExpansionPercent: 70 });
  });

  it("fails when prod's CPU target is not the guide's 70%", () => {
    expect(onlyConfigIssue("prod", { capacity: { cpuTargetPercent: 60 } })).toBe("[prod] capacity.cpuTargetPercent = 60: must be 70 in prod (guide K1)");
  });

  it("fails when the disk expansion threshold is not below the 90%-used critical disk alert", () => {
    expect(onlyConfigIssue("dev", { capacity: { diskExpansionPercent: 90 } })).toBe(
      "[dev] capacity.diskExpansionPercent = 90: must be below the critical alert threshold of the same resource (90%): otherwise DiskSpaceCritical fires before capacity is added",
    );
  });

  it("fails when the memory target is not below an environment's overridden MemoryUsageCritical threshold", () => {
    expect(onlyConfigIssue("dev", { alerts: { overrides: { MemoryUsageCritical: { threshold: 75 } } } })).toBe(
      "[dev] capacity.memoryTargetPercent = 80: must be below the critical alert threshold of the same resource (75%): otherwise MemoryUsageCritical fires before capacity is added",
    );
    expect(configIssues("dev", { alerts: { overrides: { MemoryUsageCritical: { threshold: 85 } } } })).toEqual([]);
  });

  it("fails when the container memory critical threshold is not above the HPA memory target", () => {
    expect(onlyConfigIssue("dev", { alerts: { overrides: { ContainerMemoryUsageCritical: { threshold: 75 } } } })).toBe(
      "[dev] alerts.overrides.ContainerMemoryUsageCritical.threshold = 75: must be above capacity.memoryTargetPercent (80): otherwise ContainerMemoryUsageCritical pages before the HPAs add pods",
    );
    expect(onlyConfigIssue("dev", { alerts: { overrides: { ContainerMemoryUsageCritical: { threshold: 80 } } } })).toContain("must be above capacity.memoryTargetPercent (80)");
    expect(configIssues("dev", { alerts: { overrides: { ContainerMemoryUsageCritical: { threshold: 85 } } } })).toEqual([]);
  });

  it("fails when an overridden DiskSpaceCritical (free percent) leaves no room above the expansion threshold", () => {
    expect(onlyConfigIssue("dev", { alerts: { overrides: { DiskSpaceCritical: { threshold: 35 } } } })).toContain(
      "[dev] capacity.diskExpansionPercent = 70: must be below the critical alert threshold of the same resource (65%)",
    );
  });
});

describe("K2: ranges (min ≤ peak ≤ max, inside AWS and Kubernetes limits)", () => {
  it("fails when the HPA's max replicas are below its min", () => {
    expect(onlyConfigIssue("prod", { capacity: { app: { maxReplicas: 2 } } })).toBe(
      "[prod] capacity.app.maxReplicas = 2: must be an integer from 3 to 500 (≥ capacity.app.minReplicas)",
    );
  });

  it("fails when Aurora readers' max is below their min", () => {
    expect(onlyConfigIssue("prod", { capacity: { dbReaders: { min: 3, max: 2, peakMin: 2 } } })).toBe(
      "[prod] capacity.dbReaders.max = 2: must be an integer from 3 to 15 (≥ capacity.dbReaders.min; Aurora allows up to 15 replicas)",
    );
  });

  it("fails when a node group's peak minimum is above its max", () => {
    expect(onlyConfigIssue("prod", { capacity: { nodes: { groups: [{ name: "app", min: 3, max: 12, peakMin: 13 }] } } })).toBe(
      "[prod] capacity.nodes.groups[0].peakMin = 13: must be an integer from 3 to 12 (scheduled peaks must sit inside capacity.nodes.groups[0].min/max)",
    );
  });

  it("fails when a node group's peak minimum is below its min", () => {
    expect(onlyConfigIssue("staging", { capacity: { nodes: { groups: [{ name: "app", min: 2, max: 6, peakMin: 1 }] } } })).toBe(
      "[staging] capacity.nodes.groups[0].peakMin = 1: must be an integer from 2 to 6 (scheduled peaks must sit inside capacity.nodes.groups[0].min/max)",
    );
  });

  it("fails when a node group is listed twice", () => {
    const group = { name: "app", min: 3, max: 12, peakMin: 6 };
    expect(onlyConfigIssue("prod", { capacity: { nodes: { groups: [group, group] } } })).toBe('[prod] capacity.nodes.groups[1].name = "app": must be unique');
  });

  it("fails when sessions are scheduled but no node group is", () => {
    expect(onlyConfigIssue("prod", { capacity: { nodes: { groups: [] } } })).toBe(
      "[prod] capacity.nodes.groups = 0: must list at least one node group when marketSessions is not empty (scaled-out pods need nodes at peak)",
    );
  });

  it("fails when ElastiCache replicas exceed 5 per shard", () => {
    expect(onlyConfigIssue("prod", { capacity: { cacheReplicas: { max: 6 } } })).toBe(
      "[prod] capacity.cacheReplicas.max = 6: must be an integer from 1 to 5 (≥ capacity.cacheReplicas.min; ElastiCache allows up to 5 replicas per shard)",
    );
  });

  it("ignores the cache range where replica auto scaling is disabled", () => {
    expect(configIssues("dev", { capacity: { cacheReplicas: { enabled: false, max: 60 } } })).toEqual([]);
  });

  it("fails when scale-in is faster than scale-out", () => {
    expect(onlyConfigIssue("prod", { capacity: { dbReaders: { scaleInCooldownSeconds: 60 } } })).toBe(
      "[prod] capacity.dbReaders.scaleInCooldownSeconds = 60: must be an integer from 300 to 3600 (≥ capacity.dbReaders.scaleOutCooldownSeconds: scale in slower than out)",
    );
  });

  it("fails when a lead time is longer than 12 hours", () => {
    expect(onlyConfigIssue("prod", { capacity: { dbReaders: { leadMinutes: 800 } } })).toBe(
      "[prod] capacity.dbReaders.leadMinutes = 800: must be an integer from 0 to 720 (minutes before a session opens)",
    );
  });
});

describe("K2: application HPA", () => {
  it("fails when the HPA scales down as fast as it scales up", () => {
    expect(onlyConfigIssue("prod", { capacity: { app: { scaleDown: { stabilizationSeconds: 0 } } } })).toBe(
      "[prod] capacity.app.scaleDown.stabilizationSeconds = 0: must be greater than capacity.app.scaleUp.stabilizationSeconds (0): scale up fast, scale down slow (K2)",
    );
  });

  it("fails when a behaviour period is outside Kubernetes' 1–1800 s", () => {
    expect(onlyConfigIssue("prod", { capacity: { app: { scaleUp: { periodSeconds: 0 } } } })).toBe(
      "[prod] capacity.app.scaleUp.periodSeconds = 0: must be an integer from 1 to 1800 (Kubernetes allows 1–1800 s)",
    );
  });

  it("fails when no Deployment is listed, or one is not a Kubernetes name", () => {
    expect(onlyConfigIssue("prod", { capacity: { app: { deployments: [] } } })).toBe(
      "[prod] capacity.app.deployments = 0: must list at least one Deployment to autoscale",
    );
    expect(onlyConfigIssue("prod", { capacity: { app: { deployments: ["FX_Web"] } } })).toBe(
      '[prod] capacity.app.deployments[0] = "FX_Web": must be a Kubernetes Deployment name (DNS-1123 label)',
    );
  });
});

describe("K2: market sessions", () => {
  it.each(ENVIRONMENT_NAMES)("the built-in %s sessions are valid", (env) => {
    expect(configIssues(env, {})).toEqual([]);
  });

  it("fails when prod lists no market session", () => {
    expect(onlyConfigIssue("prod", { capacity: { marketSessions: [] } })).toBe(
      "[prod] capacity.marketSessions = 0: must list at least one session in prod (guide K2: capacity is reserved for peaks)",
    );
  });

  it("fails when London's UTC open is its standard-time open, an hour late in summer", () => {
    expect(onlyConfigIssue("prod", withSession({ openUtc: "08:00" }))).toBe(
      '[prod] capacity.marketSessions[0].openUtc = "08:00": must be 07:00, the earliest UTC time of 08:00 Europe/London ' +
        "(07:00 in daylight time, 08:00 in standard time), so the peak window covers the open all year",
    );
  });

  it("fails when New York's UTC close is its daylight-time close, an hour short in winter", () => {
    const ny = { name: "new-york", timeZone: "America/New_York", localOpen: "08:00", localClose: "17:00", openUtc: "12:00", closeUtc: "21:00" };
    expect(onlyConfigIssue("prod", { capacity: { marketSessions: [ny] } })).toBe(
      '[prod] capacity.marketSessions[0].closeUtc = "21:00": must be 22:00, the latest UTC time of 17:00 America/New_York ' +
        "(21:00 in daylight time, 22:00 in standard time), so the peak window covers the close all year",
    );
  });

  it("fails when Tokyo's UTC open does not match 09:00 JST", () => {
    const tokyo = { name: "tokyo", timeZone: "Asia/Tokyo", localOpen: "09:00", localClose: "18:00", openUtc: "23:45", closeUtc: "09:00" };
    expect(configIssues("prod", { capacity: { marketSessions: [tokyo] } })).toContain(
      '[prod] capacity.marketSessions[0].openUtc = "23:45": must be 00:00, the earliest UTC time of 09:00 Asia/Tokyo (00:00 all year), so the peak window covers the open all year',
    );
  });

  it("fails when a session opens on the previous day in UTC", () => {
    const sydney = { name: "sydney", timeZone: "Australia/Sydney", localOpen: "08:00", localClose: "17:00", openUtc: "21:00", closeUtc: "07:00" };
    expect(configIssues("prod", { capacity: { marketSessions: [sydney] } })).toContain(
      '[prod] capacity.marketSessions[0].localOpen = "08:00": must fall on the same calendar day in UTC as in Australia/Sydney (peak schedules run Monday–Friday UTC)',
    );
  });

  it("fails when a session closes before it opens in UTC", () => {
    const late = { name: "late", timeZone: "Etc/UTC", localOpen: "22:00", localClose: "23:00", openUtc: "22:00", closeUtc: "21:00" };
    expect(configIssues("prod", { capacity: { marketSessions: [late] } })).toContain(
      '[prod] capacity.marketSessions[0].closeUtc = "21:00": must be after openUtc (22:00): a session opens and closes on the same UTC day (split one that spans midnight UTC into two)',
    );
  });

  it("fails when a time zone is unknown", () => {
    expect(onlyConfigIssue("prod", withSession({ timeZone: "Europe/Londres" }))).toBe(
      '[prod] capacity.marketSessions[0].timeZone = "Europe/Londres": must be an IANA time zone such as Europe/London',
    );
  });

  it("fails when a time is not HH:MM", () => {
    expect(onlyConfigIssue("prod", withSession({ localOpen: "8am" }))).toBe(
      '[prod] capacity.marketSessions[0].localOpen = "8am": must be a time HH:MM (local time in Europe/London)',
    );
  });

  it("fails when two sessions share a name", () => {
    expect(onlyConfigIssue("prod", { capacity: { marketSessions: [LONDON, LONDON] } })).toBe('[prod] capacity.marketSessions[1].name = "london": must be unique');
  });

  it("fails when the off-peak gap to keep is longer than 12 hours", () => {
    expect(onlyConfigIssue("prod", { capacity: { minOffPeakMinutes: 1440 } })).toBe(
      "[prod] capacity.minOffPeakMinutes = 1440: must be an integer from 0 to 720 (minutes of off-peak gap that stays at peak)",
    );
  });
});
