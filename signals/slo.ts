/**
 * SLO signals (A10): the recorded error ratios per service and objective, the multiwindow, multi-burn-rate
 * windows of the Google SRE workbook ("Alerting on SLOs", table 5-8), and the error budget left. Recording
 * rules, burn-rate alerts, the error-budget panel and docs/alerts.md all read these definitions.
 */
import type { ServiceObjectives, SloConfig } from "../config/slo";
import { durationSeconds } from "../alerts/duration";
import { eq, num, selector } from "../alerts/promql";
import { errorRatio, slowRatio } from "./application";

/** The two objectives every service has; the `slo` label of the recorded series. */
export const SLO_KINDS = ["availability", "latency"] as const;
export type SloKind = (typeof SLO_KINDS)[number];

/** Label carrying the objective kind on recorded series and SLO alerts. */
export const SLO_LABEL = "slo";

/** How fast a burn is alerted on: `fast` pages, `slow` opens a ticket-level (warning) alert. */
export type BurnSpeed = "fast" | "slow";

/** One burn-rate condition: both windows above `budgetPercent` of the budget spent in `long`. */
export interface BurnWindow {
  readonly speed: BurnSpeed;
  /** Share of the period's error budget that burning for `long` at this rate spends. */
  readonly budgetPercent: number;
  readonly long: string;
  /** A twelfth of `long`: the alert resets soon after the burn stops. */
  readonly short: string;
}

/**
 * The SRE workbook's recommended conditions: page on 2% of the budget in 1 h or 5% in 6 h; ticket on 10% in
 * 1 d or 10% in 3 d. Burn rates follow from the period ({@link burnRate}): 14.4, 6, 3 and 1 for 30 days.
 */
export const BURN_WINDOWS: readonly BurnWindow[] = [
  { speed: "fast", budgetPercent: 2, long: "1h", short: "5m" },
  { speed: "fast", budgetPercent: 5, long: "6h", short: "30m" },
  { speed: "slow", budgetPercent: 10, long: "1d", short: "2h" },
  { speed: "slow", budgetPercent: 10, long: "3d", short: "6h" },
];

/** The multiple of the sustainable error rate at which `w.long` spends `w.budgetPercent` of a `periodDays` budget. */
export function burnRate(w: BurnWindow, periodDays: number): number {
  return Number(((w.budgetPercent / 100) * ((periodDays * 86400) / durationSeconds(w.long))).toPrecision(12));
}

/** Every window a recording rule is kept for, short to long, then the SLO period (for the budget panel). */
export function recordedWindows(slo: SloConfig): string[] {
  const windows = [...new Set(BURN_WINDOWS.flatMap((w) => [w.short, w.long]))].sort((a, b) => durationSeconds(a) - durationSeconds(b));
  return [...windows, periodWindow(slo)];
}

/** The SLO period as a PromQL range (`30d`). */
export function periodWindow(slo: SloConfig): string {
  return `${slo.periodDays}d`;
}

/** Name of the recorded error ratio over `window` (`fx:slo_errors:ratio_rate1h`). */
export function errorRatioRecord(window: string): string {
  return `fx:slo_errors:ratio_rate${window}`;
}

/** Name of the recorded objective (the target ratio, e.g. 0.999) per service and kind. */
export const OBJECTIVE_RECORD = "fx:slo_objective:ratio";

/** The target of `kind` for a service, as a ratio (99.9 → 0.999). */
export function objectiveRatio(o: ServiceObjectives, kind: SloKind): number {
  return Number(((kind === "availability" ? o.availabilityPercent : o.latency.percent) / 100).toPrecision(12));
}

/** The error budget of `kind` for a service, as a ratio of requests (99.9% → 0.001). */
export function budgetRatio(o: ServiceObjectives, kind: SloKind): number {
  return Number((1 - objectiveRatio(o, kind)).toPrecision(12));
}

/** The SLI's "bad" ratio of one service over `window`: 5xx share, or share slower than the latency threshold. */
export function badRatio(namespace: string, service: string, o: ServiceObjectives, kind: SloKind, window: string): string {
  const scope = eq("service", service);
  return kind === "availability" ? errorRatio(namespace, window, scope) : slowRatio(namespace, window, o.latency.thresholdSeconds, scope);
}

/** The recorded series of one service and kind over `window`. */
export function recordedRatio(service: string, kind: SloKind, window: string): string {
  return selector(errorRatioRecord(window), eq("service", service), eq(SLO_LABEL, kind));
}

/**
 * The burn-rate condition of one service, kind and window pair: both the long and the short window spend
 * the budget at least `burnRate` times faster than sustainable.
 */
export function burnCondition(service: string, o: ServiceObjectives, kind: SloKind, w: BurnWindow, periodDays: number): string {
  const limit = num(burnRate(w, periodDays) * budgetRatio(o, kind));
  return `${recordedRatio(service, kind, w.long)} > ${limit} and ${recordedRatio(service, kind, w.short)} > ${limit}`;
}

/** Error budget left over the period per service and kind (1 = untouched, 0 = spent, negative = overspent). */
export function errorBudgetRemaining(slo: SloConfig): string {
  return `1 - ${errorRatioRecord(periodWindow(slo))} / on (namespace, service, ${SLO_LABEL}) (1 - ${OBJECTIVE_RECORD})`;
}
