/**
 * Threshold helpers. A threshold drawn on a dashboard is the same number the alert or the autoscaler uses,
 * taken from the environment config by the caller, so the line an on-call engineer sees is where things happen.
 */
import { GraphThresholdsStyleConfigBuilder, GraphThresholdsStyleMode } from "@grafana/grafana-foundation-sdk/common";
import { ThresholdsConfigBuilder, ThresholdsMode } from "@grafana/grafana-foundation-sdk/dashboard";
import type { EnvironmentConfig } from "../../config/types";

/**
 * An alert's threshold as the environment deploys it: its `alerts.overrides[alert].threshold`, else the config
 * value the alert reads (alerts/resolve.ts applies the same rule; a dashboard test compares both).
 */
export function alertThreshold(c: Pick<EnvironmentConfig, "alerts">, alert: string, configured: number): number {
  return c.alerts.overrides[alert]?.threshold ?? configured;
}

/** Green, then orange from `inform` (a capacity or warning line) and red from `page` (where the page fires). */
export function informAndPage(inform: number, page: number): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([
    { value: null, color: "green" },
    { value: inform, color: "orange" },
    { value: page, color: "red" },
  ]);
}

/** Green below `value`, `color` (red unless told) from `value` up. */
export function above(value: number, color = "red"): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([
    { value: null, color: "green" },
    { value, color },
  ]);
}

/** Red below `value`, green from `value` up (for "higher is better" figures such as availability). */
export function below(value: number): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([
    { value: null, color: "red" },
    { value, color: "green" },
  ]);
}

/** No coloured levels: the panel's base colour only. */
export function none(): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([{ value: null, color: "green" }]);
}

/** Draws the panel's thresholds as a dashed line across a time series. */
export function dashedLine(): GraphThresholdsStyleConfigBuilder {
  return new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed);
}
