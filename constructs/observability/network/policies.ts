/**
 * S2: the NetworkPolicies of the monitoring namespace, derived from the flow table (`flows.ts`): one
 * default-deny policy selecting every pod (ingress and egress), and per component one policy allowing exactly
 * the table's flows into and out of it. A flow between two components appears twice (the source's egress, the
 * destination's ingress): Kubernetes allows a connection only when both sides do.
 */
import type { EnvironmentConfig } from "../../../config/types";
import type { HelmValues } from "../../core/helm-values";
import { monitoringComponents, monitoringFlows, type Component, type Flow, type Peer } from "./flows";

/** Name of the policy that denies everything no other policy allows. */
export const DEFAULT_DENY_POLICY = "fx-default-deny";

/** Name of a component's policy. */
export function componentPolicyName(component: Pick<Component, "key">): string {
  return `fx-${component.key.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`)}`;
}

/** A NetworkPolicy's name and spec, as the project chart renders it. */
export interface NetworkPolicyValues {
  readonly name: string;
  readonly spec: HelmValues;
}

/** The label selector of a component's pods. */
export function componentSelector(component: Component): HelmValues {
  return {
    matchLabels: { ...component.podLabels },
    matchExpressions: component.oneOf ? [{ key: component.oneOf.label, operator: "In", values: [...component.oneOf.values] }] : undefined,
  };
}

/** The NetworkPolicy peer of a flow's other end, seen from the monitoring namespace. */
function peer(p: Peer): HelmValues {
  switch (p.kind) {
    case "component":
      return { podSelector: componentSelector(p.component) };
    case "namespace":
      return {
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": p.namespace } },
        podSelector: p.podLabels ? { matchLabels: { ...p.podLabels } } : undefined,
      };
    case "addresses":
      return { ipBlock: { cidr: p.cidr } };
  }
}

const ports = (f: Flow): HelmValues[] => f.ports.map((x) => ({ port: x.port, protocol: x.protocol }));
const isComponent = (p: Peer, c: Component) => p.kind === "component" && p.component.key === c.key;

/** Every NetworkPolicy of the environment's monitoring namespace: default deny first, then one per component. */
export function monitoringNetworkPolicies(config: Pick<EnvironmentConfig, "eks" | "observability">): NetworkPolicyValues[] {
  const flows = monitoringFlows(config);
  const policies: NetworkPolicyValues[] = [{ name: DEFAULT_DENY_POLICY, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } }];
  for (const c of Object.values(monitoringComponents(config))) {
    // Host-network pods are outside NetworkPolicy's reach; a policy selecting them would only mislead.
    if (c.hostNetwork) continue;
    const ingress = flows.filter((f) => isComponent(f.to, c)).map((f) => ({ from: [peer(f.from)], ports: ports(f) }));
    const egress = flows.filter((f) => isComponent(f.from, c)).map((f) => ({ to: [peer(f.to)], ports: ports(f) }));
    policies.push({ name: componentPolicyName(c), spec: { podSelector: componentSelector(c), policyTypes: ["Ingress", "Egress"], ingress, egress } });
  }
  return policies;
}
