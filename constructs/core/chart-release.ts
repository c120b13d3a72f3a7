/** Creates a `helm_release` of a pinned or project chart with the settings every release of this program shares. */
import type { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { Release } from "@cdktf/provider-helm/lib/release";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import type { HelmChartRef } from "../../config/types";
import { renderValues, type HelmValues } from "./helm-values";

/** A chart of the project's own, from a local folder (a `TerraformAsset` path): versioned by its content, not a pin. */
export interface LocalChart {
  readonly path: string;
}

export interface ChartReleaseOptions {
  readonly chart: HelmChartRef | LocalChart;
  readonly name: string;
  readonly namespace: string;
  readonly values: HelmValues;
  readonly provider: HelmProvider;
  /**
   * Resources the release's pods need before they start (pod identity associations, secrets, buckets).
   * @default none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** Seconds Helm waits for a release to become ready; the largest charts (kube-prometheus-stack) need minutes. */
export const RELEASE_TIMEOUT_SECONDS = 900;

/**
 * A release that rolls back on failure (`atomic`), waits for readiness, keeps ten revisions, and takes its
 * values from one YAML document.
 */
export function chartRelease(scope: Construct, id: string, options: ChartReleaseOptions): Release {
  return new Release(scope, id, {
    provider: options.provider,
    name: options.name,
    namespace: options.namespace,
    ...("path" in options.chart
      ? { chart: options.chart.path }
      : { repository: options.chart.repository, chart: options.chart.chart, version: options.chart.version }),
    values: [renderValues(options.values)],
    atomic: true,
    cleanupOnFail: true,
    wait: true,
    timeout: RELEASE_TIMEOUT_SECONDS,
    maxHistory: 10,
    dependsOn: options.dependsOn,
  });
}
