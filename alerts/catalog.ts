/**
 * Every alert, in the order the rule file, the catalog doc and the runbooks list them. Adding an alert
 * here puts it in each environment's rules, docs and tests (its promtool scenario is required by a test).
 */
import { cpuCapacityHigh, diskCapacityHigh, memoryCapacityHigh } from "./definitions/capacity";
import { databaseConnectionErrors, databaseQueriesSlow, databaseReplicationLagHigh } from "./definitions/database";
import { cacheHitRatioLow, queueBacklogHigh } from "./definitions/dependencies";
import { httpErrorRateHigh, httpLatencyHigh } from "./definitions/application";
import { containerMemoryUsageCritical, diskSpaceCritical, memoryLeakSuspected, memoryUsageCritical } from "./definitions/resources";
import { watchdog } from "./definitions/watchdog";
import { applicationDown, applicationNoTraffic, serviceEndpointsDown } from "./definitions/availability";
import { errorBudgetBurnFast, errorBudgetBurnSlow } from "./definitions/slo";
import type { AlertDefinition } from "./types";

export const ALERT_DEFINITIONS: readonly AlertDefinition[] = [
  applicationDown,
  serviceEndpointsDown,
  applicationNoTraffic,
  httpErrorRateHigh,
  httpLatencyHigh,
  errorBudgetBurnFast,
  errorBudgetBurnSlow,
  databaseConnectionErrors,
  databaseQueriesSlow,
  databaseReplicationLagHigh,
  memoryUsageCritical,
  containerMemoryUsageCritical,
  diskSpaceCritical,
  memoryLeakSuspected,
  cpuCapacityHigh,
  memoryCapacityHigh,
  diskCapacityHigh,
  cacheHitRatioLow,
  queueBacklogHigh,
  watchdog,
];

/** Alert names, in catalog order. */
export const ALERT_NAMES: readonly string[] = ALERT_DEFINITIONS.map((a) => a.name);

/** The rule groups, in rule-file order; each alert's `group` is one of these. */
export const RULE_GROUPS = ["availability", "application", "slo", "database", "resources", "capacity", "dependencies", "meta"] as const;

/** The definition of alert `name`, or undefined. */
export function findAlertDefinition(name: string): AlertDefinition | undefined {
  return ALERT_DEFINITIONS.find((a) => a.name === name);
}
