/**
 * One factory per alert shape (threshold above/below, ratio, forecast, absence, condition), in the manner of
 * cdk-monitoring-constructs: the caller states the signal and the texts; the factory takes the severity and
 * threshold field from `config/alert-thresholds.ts`, derives the operator from `fires`, renders the threshold
 * the way its unit reads (a percentage as a ratio) and hands the texts the effective, formatted threshold.
 */
import { ALERT_DEFAULTS, guideReference, thresholdBounds, type AlertDefaults, type AlertName } from "../config/alert-thresholds";
import { aggregate, formatThreshold, num, ratio } from "./promql";
import type { AlertContext, AlertDefinition, ThresholdSpec } from "./types";

/** What every alert states itself; severity and threshold field come from `ALERT_DEFAULTS`. */
export type AlertBase = Omit<AlertDefinition, "severity" | "threshold" | "condition" | "expr" | "summary" | "description" | "name"> & {
  readonly name: AlertName;
};

/** The context of a threshold alert's texts: the effective threshold as it reads (`1%`, `0.5 s`). */
export interface ThresholdTextContext extends AlertContext {
  readonly shown: string;
}

type Text<C> = (ctx: C) => string;

/** A threshold alert: `<signal> > t` or `<signal> < t`, optionally followed by a guard clause (`and …`). */
export interface ThresholdAlertProps extends AlertBase {
  readonly fires: "above" | "below";
  /** The PromQL compared with the threshold. */
  signal(ctx: AlertContext): string;
  /** Appended after the comparison, e.g. a traffic floor `and on (…) … >= 1`. */
  guard?(ctx: AlertContext): string;
  readonly summary: Text<ThresholdTextContext>;
  readonly description: Text<ThresholdTextContext>;
}

/** A ratio alert: `<numerator> / <denominator>` compared with the threshold. */
export interface RatioAlertProps extends Omit<ThresholdAlertProps, "signal"> {
  numerator(ctx: AlertContext): string;
  denominator(ctx: AlertContext): string;
}

/** A forecast alert: the linear trend of `series` over `window`, `threshold` hours ahead, crosses `limit`. */
export interface ForecastAlertProps extends AlertBase {
  readonly series: string;
  readonly window: string;
  readonly by: readonly string[];
  readonly limit: string;
  readonly summary: Text<ThresholdTextContext>;
  readonly description: Text<ThresholdTextContext>;
}

/** An absence alert: fires when no series matches `present`. */
export interface AbsenceAlertProps extends AlertBase {
  /** What fires it, as the catalog shows it (e.g. `no target up`). */
  readonly condition: string;
  present(ctx: AlertContext): string;
  readonly summary: Text<AlertContext>;
  readonly description: Text<AlertContext>;
}

/** An alert without a threshold whose expression is its own (burn rates, all endpoints down, the Watchdog). */
export interface ConditionAlertProps extends AlertBase {
  readonly condition?: string;
  expr(ctx: AlertContext): string;
  readonly summary: Text<AlertContext>;
  readonly description: Text<AlertContext>;
}

/** The comparison operator of a direction. */
export function operatorOf(fires: ThresholdSpec["fires"]): ">" | "<" {
  return fires === "above" ? ">" : "<";
}

function thresholdSpec(name: AlertName, fires: ThresholdSpec["fires"]): ThresholdSpec {
  const defaults: AlertDefaults = ALERT_DEFAULTS[name];
  const field = defaults.threshold;
  if (field === undefined) throw new Error(`${name}: config/alert-thresholds.ts gives it no threshold field, so it cannot be a threshold alert`);
  const { unit, min, max } = thresholdBounds(field);
  const guide = guideReference(field);
  return { field, unit, fires, min, max, ...(guide === undefined ? {} : { guide }) };
}

/** The threshold as PromQL: a percentage as a ratio, anything else as it is. */
function rendered(spec: ThresholdSpec, threshold: number): string {
  return num(spec.unit === "%" ? ratio(threshold) : threshold);
}

function withShown(spec: ThresholdSpec, text: Text<ThresholdTextContext>): Text<AlertContext> {
  return (ctx) => text({ ...ctx, shown: formatThreshold(ctx.threshold, spec.unit) });
}

/** Threshold above or below. */
export function thresholdAlert(props: ThresholdAlertProps): AlertDefinition {
  const { fires, signal, guard, summary, description, ...base } = props;
  const threshold = thresholdSpec(props.name, fires);
  return {
    ...base,
    severity: ALERT_DEFAULTS[props.name].severity,
    threshold,
    expr: (ctx) => `${signal(ctx)} ${operatorOf(fires)} ${rendered(threshold, ctx.threshold)}${guard === undefined ? "" : ` ${guard(ctx)}`}`,
    summary: withShown(threshold, summary),
    description: withShown(threshold, description),
  };
}

/** Ratio above or below. */
export function ratioAlert(props: RatioAlertProps): AlertDefinition {
  const { numerator, denominator, ...rest } = props;
  return thresholdAlert({ ...rest, signal: (ctx) => `${numerator(ctx)} / ${denominator(ctx)}` });
}

/** Forecast: the trend reaches `limit` within the threshold (hours). */
export function forecastAlert(props: ForecastAlertProps): AlertDefinition {
  const { series, window, by, limit, summary, description, ...base } = props;
  const threshold = thresholdSpec(props.name, "above");
  if (threshold.unit !== "h") throw new Error(`${props.name}: a forecast horizon must be in hours, not ${threshold.unit}`);
  return {
    ...base,
    severity: ALERT_DEFAULTS[props.name].severity,
    threshold,
    expr: (ctx) => `${aggregate("max", by, `predict_linear(${series}[${window}], ${num(ctx.threshold * 3600)})`)} ${operatorOf("above")} ${limit}`,
    summary: withShown(threshold, summary),
    description: withShown(threshold, description),
  };
}

/** Absence: `absent(<present>)`. */
export function absenceAlert(props: AbsenceAlertProps): AlertDefinition {
  const { present, ...rest } = props;
  return { ...rest, severity: ALERT_DEFAULTS[props.name].severity, expr: (ctx) => `absent(${present(ctx)})` };
}

/** Any other alert without a threshold. */
export function conditionAlert(props: ConditionAlertProps): AlertDefinition {
  return { ...props, severity: ALERT_DEFAULTS[props.name].severity };
}
