/** Pod placement shared by the charts: zone anti-affinity and pod disruption budgets from the HA config. */
import type { HighAvailabilityConfig } from "../../../config/types";
import type { HelmValues } from "../../core/helm-values";

/** The well-known node label of an availability zone. */
export const ZONE_TOPOLOGY_KEY = "topology.kubernetes.io/zone";

/**
 * A Kubernetes `affinity` that keeps pods matching `matchLabels` in different zones: `required` never
 * schedules two in one zone, `preferred` tries to; `none` returns undefined (the chart's default stays).
 * Selectors use `app.kubernetes.io/instance` and `app.kubernetes.io/component`, the labels every chart here sets.
 */
export function zoneAntiAffinity(mode: HighAvailabilityConfig["zoneAntiAffinity"], matchLabels: Readonly<Record<string, string>>): HelmValues | undefined {
  const term = { labelSelector: { matchLabels: { ...matchLabels } }, topologyKey: ZONE_TOPOLOGY_KEY };
  switch (mode) {
    case "required":
      return { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } };
    case "preferred":
      return { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } };
    case "none":
      return undefined;
  }
}

/** The prometheus-operator's anti-affinity setting (`hard`/`soft`) for Prometheus and Alertmanager pods. */
export function operatorAntiAffinity(mode: HighAvailabilityConfig["zoneAntiAffinity"]): HelmValues {
  switch (mode) {
    case "required":
      return { podAntiAffinity: "hard", podAntiAffinityTopologyKey: ZONE_TOPOLOGY_KEY };
    case "preferred":
      return { podAntiAffinity: "soft", podAntiAffinityTopologyKey: ZONE_TOPOLOGY_KEY };
    case "none":
      return {};
  }
}

/** Selector labels of one component of a release. */
export function componentLabels(release: string, component: string): Record<string, string> {
  return { "app.kubernetes.io/instance": release, "app.kubernetes.io/component": component };
}
