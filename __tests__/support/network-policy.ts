/**
 * S2: a small evaluator of Kubernetes NetworkPolicy objects (networking.k8s.io/v1), as the API documents
 * their semantics: a pod is isolated for a direction once any policy of its namespace selects it with that
 * policy type; a connection is allowed only when the source's egress and the destination's ingress both allow
 * it; peers are pod selectors (the policy's namespace), namespace selectors (with an optional pod selector) or
 * IP blocks; ports are numbers, ranges (`endPort`) or names of the destination pod's container ports.
 *
 * An IP block is matched against every endpoint's address, pods included: whether a CNI applies IP blocks to
 * pod addresses is implementation-defined, so the evaluator takes the permissive reading and a forbidden flow
 * must be denied by the other side. Host-network pods are endpoints at their node's address, never selected.
 */
import type { K8sObject } from "./helm-render";

type Labels = Readonly<Record<string, string>>;

interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: ReadonlyArray<{ key: string; operator: "In" | "NotIn" | "Exists" | "DoesNotExist"; values?: string[] }>;
}

interface PolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { cidr: string; except?: string[] };
}

interface PolicyPort {
  readonly port?: number | string;
  readonly endPort?: number;
  readonly protocol?: string;
}

interface PolicyRule {
  readonly from?: PolicyPeer[];
  readonly to?: PolicyPeer[];
  readonly ports?: PolicyPort[];
}

interface PolicySpec {
  readonly podSelector: LabelSelector;
  readonly policyTypes?: Array<"Ingress" | "Egress">;
  readonly ingress?: PolicyRule[];
  readonly egress?: PolicyRule[];
}

/** A NetworkPolicy of a rendered manifest. */
export interface NetworkPolicy {
  readonly name: string;
  readonly namespace: string;
  readonly spec: PolicySpec;
}

/** Something that opens or accepts connections: a pod (labels, namespace, named ports) or an address. */
export interface Endpoint {
  readonly id: string;
  /** IPv4 address. */
  readonly ip: string;
  /** Set for pods; unset for addresses outside the pod network. */
  readonly pod?: { readonly namespace: string; readonly labels: Labels; readonly namedPorts: Readonly<Record<string, number>>; readonly hostNetwork: boolean };
}

/** The NetworkPolicies among rendered objects (namespace defaulted). */
export function networkPolicies(objects: readonly K8sObject[], defaultNamespace: string): NetworkPolicy[] {
  return objects
    .filter((o) => o.kind === "NetworkPolicy" && o.apiVersion === "networking.k8s.io/v1")
    .map((o) => ({ name: o.metadata.name, namespace: o.metadata.namespace ?? defaultNamespace, spec: o.spec as unknown as PolicySpec }));
}

/** Whether `labels` satisfy a label selector (an empty selector selects everything). */
export function selects(selector: LabelSelector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const ok =
      e.operator === "In" ? has && (e.values ?? []).includes(labels[e.key]!) :
      e.operator === "NotIn" ? !has || !(e.values ?? []).includes(labels[e.key]!) :
      e.operator === "Exists" ? has : !has;
    if (!ok) return false;
  }
  return true;
}

function ipNumber(ip: string): number {
  const parts = ip.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`not an IPv4 address: ${ip}`);
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

/** Whether an IPv4 address is in a CIDR block. */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split("/") as [string, string];
  const n = Number(bits);
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  return ((ipNumber(ip) & mask) >>> 0) === ((ipNumber(base) & mask) >>> 0);
}

/** Namespaces carry their name as `kubernetes.io/metadata.name` (set by the API server on every namespace). */
const namespaceLabels = (ns: string): Labels => ({ "kubernetes.io/metadata.name": ns });

function peerMatches(peer: PolicyPeer, policyNamespace: string, ep: Endpoint): boolean {
  if (peer.ipBlock) return inCidr(ep.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c) => inCidr(ep.ip, c));
  const pod = ep.pod;
  if (pod === undefined || pod.hostNetwork) return false;
  if (peer.namespaceSelector !== undefined) {
    if (!selects(peer.namespaceSelector, namespaceLabels(pod.namespace))) return false;
  } else if (pod.namespace !== policyNamespace) return false;
  return peer.podSelector === undefined || selects(peer.podSelector, pod.labels);
}

function portMatches(p: PolicyPort, dst: Endpoint, port: number, protocol: string): boolean {
  if ((p.protocol ?? "TCP") !== protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === "string") return dst.pod?.namedPorts[p.port] === port;
  return p.endPort === undefined ? p.port === port : port >= p.port && port <= p.endPort;
}

function types(spec: PolicySpec): Array<"Ingress" | "Egress"> {
  // The API server's default: Egress only when the policy has at least one egress rule.
  return spec.policyTypes ?? ((spec.egress ?? []).length > 0 ? ["Ingress", "Egress"] : ["Ingress"]);
}

/** The policies of a pod's namespace that select it for a direction. */
export function selecting(policies: readonly NetworkPolicy[], ep: Endpoint, direction: "Ingress" | "Egress"): NetworkPolicy[] {
  const pod = ep.pod;
  if (pod === undefined || pod.hostNetwork) return [];
  return policies.filter((p) => p.namespace === pod.namespace && types(p.spec).includes(direction) && selects(p.spec.podSelector, pod.labels));
}

/** Whether the policies let `src` open a connection to `dst` on `port`/`protocol`, and which side refuses. */
export function connection(policies: readonly NetworkPolicy[], src: Endpoint, dst: Endpoint, port: number, protocol = "TCP"): { allowed: boolean; refusedBy?: "egress" | "ingress" } {
  const egress = selecting(policies, src, "Egress");
  const egressOk =
    egress.length === 0 ||
    egress.some((p) => (p.spec.egress ?? []).some((r) => (r.to === undefined || r.to.length === 0 || r.to.some((peer) => peerMatches(peer, p.namespace, dst))) && (r.ports === undefined || r.ports.length === 0 || r.ports.some((x) => portMatches(x, dst, port, protocol)))));
  if (!egressOk) return { allowed: false, refusedBy: "egress" };
  const ingress = selecting(policies, dst, "Ingress");
  const ingressOk =
    ingress.length === 0 ||
    ingress.some((p) => (p.spec.ingress ?? []).some((r) => (r.from === undefined || r.from.length === 0 || r.from.some((peer) => peerMatches(peer, p.namespace, src))) && (r.ports === undefined || r.ports.length === 0 || r.ports.some((x) => portMatches(x, dst, port, protocol)))));
  return ingressOk ? { allowed: true } : { allowed: false, refusedBy: "ingress" };
}
