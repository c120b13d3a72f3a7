/**
 * Types of the alert records (A1–A9): what an alert is, independent of any environment, and what it
 * becomes once an environment's thresholds and overrides are applied. Pure data: no cdktf imports.
 */
import type { AlertName, ThresholdField, ThresholdUnit } from "../config/alert-thresholds";
import type { AlertSeverity, EnvironmentConfig } from "../config/types";
import type { DashboardKey } from "../dashboards/uids";

export type Severity = AlertSeverity;

/** Severities from most to least urgent; routing, inhibition and the docs follow this order. */
export const SEVERITIES: readonly Severity[] = ["critical", "warning", "info"];

/** Requirement IDs an alert can implement (see ../shared/REQUIREMENTS.md). */
export type AlertRequirement = "A1" | "A2" | "A3" | "A4" | "A5" | "A6" | "A7" | "A10" | "A11" | "C3" | "D2" | "M3" | "M4" | "P2";

/**
 * Whether an alert's signal follows trading traffic. `business` alerts are muted while the FX market is
 * closed (Friday 17:00 to Sunday 17:00 New York time): a weekend with no clients makes their ratios
 * meaningless and is when maintenance happens. `continuous` alerts (outages, resources, database health,
 * the Watchdog) never are.
 */
export type TrafficKind = "business" | "continuous";

export type { ThresholdUnit } from "../config/alert-thresholds";

/** Where an alert's threshold comes from and which values an override may set; built by `alerts/factories.ts`. */
export interface ThresholdSpec {
  /** The config field that holds the environment's value, e.g. `alerts.httpErrorRatioPercent`. */
  readonly field: ThresholdField;
  readonly unit: ThresholdUnit;
  /** Whether the alert fires above or below the threshold; the expression's operator follows from it. */
  readonly fires: "above" | "below";
  /** Smallest value an override may set (`config/alert-thresholds.ts`). */
  readonly min: number;
  /** Largest value an override may set (`config/alert-thresholds.ts`). */
  readonly max: number;
  /**
   * Set when the operations guide fixes the threshold and severity (e.g. `A1: 1%`, rendered from GUIDE):
   * environments held to the guide (`policy: "guide"`) may not override the threshold, severity or disable the alert.
   */
  readonly guide?: string;
}

/** What an on-call engineer reads in `docs/runbooks/<AlertName>.md`. */
export interface Runbook {
  /** What the alert means, in a sentence or two. */
  readonly meaning: string;
  /** Who or what is affected while it fires. */
  readonly impact: string;
  /** Steps to find the cause (PromQL, kubectl, AWS console), in order. */
  readonly diagnosis: readonly string[];
  /** What to do about it, in order. */
  readonly mitigation: readonly string[];
}

/** Everything the expression and texts of an alert may depend on. */
export interface AlertContext {
  readonly config: EnvironmentConfig;
  /** The effective threshold (config value or override); 0 for alerts without one. */
  readonly threshold: number;
  /** The effective `for` duration. */
  readonly for: string;
}

/** An alert as typed data: CamelCase name, requirement, severity, PromQL built from config, texts, links. */
export interface AlertDefinition {
  /** CamelCase, one of `config/alert-thresholds.ts`'s ALERT_DEFAULTS (the names overrides may use). */
  readonly name: AlertName;
  readonly requirement: AlertRequirement;
  readonly severity: Severity;
  /** Rule group (file section) the alert belongs to, e.g. `application`. */
  readonly group: string;
  /**
   * The problem the alert is a symptom of (`node-memory`, `http`): a critical alert inhibits the
   * warning/info alerts of the same problem on the same object. Empty for alerts that are never inhibited.
   */
  readonly problem: string;
  readonly traffic: TrafficKind;
  readonly dashboard: DashboardKey;
  /** Default `for` duration (Prometheus duration; empty for alerts that fire at once). */
  readonly for: string;
  readonly threshold?: ThresholdSpec;
  /** For alerts without a threshold, what fires them, as the catalog shows it (e.g. `no target up`). */
  readonly condition?: string;
  /** The PromQL expression, from the effective threshold; never a literal from elsewhere. */
  expr(ctx: AlertContext): string;
  /** One line, may use `{{ $labels.x }}`. */
  summary(ctx: AlertContext): string;
  /** A few sentences, may use `{{ $labels.x }}` and `{{ $value | ... }}`. */
  description(ctx: AlertContext): string;
  readonly runbook: Runbook;
}

/** An alert of one environment: thresholds and overrides applied, ready to render. */
export interface ResolvedAlert {
  readonly definition: AlertDefinition;
  readonly name: string;
  readonly severity: Severity;
  readonly for: string;
  /** The effective threshold; undefined for alerts without one. */
  readonly threshold: number | undefined;
  /** True when `config.alerts.overrides[name].disabled` removes the alert from this environment. */
  readonly disabled: boolean;
  readonly expr: string;
  /** Labels the rule adds: `severity`, `problem`, `traffic`. */
  readonly labels: Readonly<Record<string, string>>;
  /** `summary`, `description`, `runbook_url`, `dashboard_url`. */
  readonly annotations: Readonly<Record<string, string>>;
}

