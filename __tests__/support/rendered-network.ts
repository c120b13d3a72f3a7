/**
 * S2: the rendered NetworkPolicies of an environment against its flow table (`constructs/observability/network/flows.ts`):
 * every pod of the monitoring namespace is policed, every row is allowed between the rendered pods that the
 * row's components select, and nothing else reaches a port a pod listens on. Problems are returned as text,
 * like the other checks of the render suite.
 */
import type { EnvironmentConfig } from "../../config/types";
import { monitoringComponents, monitoringFlows, FORBIDDEN_FLOWS, type Component, type Flow, type Peer } from "../../constructs/observability/network/flows";
import { DEFAULT_DENY_POLICY } from "../../constructs/observability/network/policies";
import type { K8sObject } from "./helm-render";
import { connection, networkPolicies, selects, selecting, type Endpoint, type NetworkPolicy } from "./network-policy";
import { podLabels, workloads } from "./rendered-cluster";

type Block = Record<string, unknown>;

/** Addresses standing for the outside of the pod network: a node (kubelet, node-exporter) and an AWS API. */
export const ADDRESSES = { node: "10.0.1.10", aws: "52.95.0.1" } as const;

/** Container ports the prometheus-operator gives the pods of its custom resources (not in the chart's output). */
const OPERATED_PORTS: Readonly<Record<string, ReadonlyArray<[string, number, string]>>> = {
  Prometheus: [["web", 9090, "TCP"], ["reloader-web", 8080, "TCP"]],
  Alertmanager: [["web", 9093, "TCP"], ["reloader-web", 8080, "TCP"], ["mesh-tcp", 9094, "TCP"], ["mesh-udp", 9094, "UDP"]],
};

/** A pod of the render, with the ports it listens on. */
export interface RenderedPod {
  readonly endpoint: Endpoint;
  readonly ports: ReadonlyArray<{ port: number; protocol: string }>;
}

/**
 * A pod of a workload a subchart the reference set lacks would render (grafana, kube-state-metrics,
 * node-exporter of kube-prometheus-stack): labels and ports as those charts' templates set them.
 */
export interface StandInPod {
  readonly id: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: ReadonlyArray<[string, number]>;
  readonly hostNetwork?: boolean;
}

let nextIp = 1;
const podIp = () => `10.128.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`;

/** Endpoints of the rendered pods of `namespace` (plus stand-ins for omitted subcharts). */
export function renderedPods(objects: readonly K8sObject[], namespace: string, standIns: readonly StandInPod[] = []): RenderedPod[] {
  const out: RenderedPod[] = [];
  for (const w of workloads(objects, namespace).filter((x) => x.namespace === namespace)) {
    const operated = OPERATED_PORTS[w.object.kind];
    const declared = operated
      ? operated.map(([name, port, protocol]) => ({ name, port, protocol }))
      : ((w.pod.containers ?? []) as Array<{ ports?: Array<{ name?: string; containerPort: number; protocol?: string }> }>).flatMap((c) => (c.ports ?? []).map((p) => ({ name: p.name, port: p.containerPort, protocol: p.protocol ?? "TCP" })));
    const hostNetwork = w.pod.hostNetwork === true;
    out.push({
      endpoint: { id: w.id, ip: hostNetwork ? ADDRESSES.node : podIp(), pod: { namespace, labels: podLabels(w), namedPorts: Object.fromEntries(declared.filter((d) => d.name).map((d) => [d.name!, d.port])), hostNetwork } },
      ports: declared.map((d) => ({ port: d.port, protocol: d.protocol })),
    });
  }
  for (const s of standIns) {
    out.push({
      endpoint: { id: `${s.id} (stand-in)`, ip: s.hostNetwork ? ADDRESSES.node : podIp(), pod: { namespace, labels: s.labels, namedPorts: Object.fromEntries(s.ports), hostNetwork: s.hostNetwork ?? false } },
      ports: s.ports.map(([, port]) => ({ port, protocol: "TCP" })),
    });
  }
  return out;
}

const selectsComponent = (c: Component, ep: Endpoint) =>
  ep.pod !== undefined && ep.pod.namespace !== undefined && selects({ matchLabels: c.podLabels, matchExpressions: c.oneOf ? [{ key: c.oneOf.label, operator: "In", values: [...c.oneOf.values] }] : [] }, ep.pod.labels);

/** The environment's endpoints outside the monitoring namespace: an application pod, a DNS pod, an AWS address, a node. */
export function outsideEndpoints(config: EnvironmentConfig): Record<"app" | "dns" | "aws" | "node", Endpoint> {
  return {
    app: { id: `pod of ${config.eks.appNamespace}`, ip: "10.129.0.5", pod: { namespace: config.eks.appNamespace, labels: { "app.kubernetes.io/name": config.observability.appMetrics.serviceLabel }, namedPorts: { [config.observability.appMetrics.port]: 8080 }, hostNetwork: false } },
    dns: { id: "kube-system/coredns", ip: "10.129.0.53", pod: { namespace: "kube-system", labels: { "k8s-app": "kube-dns" }, namedPorts: {}, hostNetwork: false } },
    aws: { id: "an AWS API address", ip: ADDRESSES.aws },
    node: { id: "a node", ip: ADDRESSES.node },
  };
}

/** The endpoints a flow's end stands for. */
function endpointsOf(peer: Peer, pods: readonly RenderedPod[], outside: ReturnType<typeof outsideEndpoints>): Endpoint[] {
  if (peer.kind === "component") return pods.map((p) => p.endpoint).filter((ep) => selectsComponent(peer.component, ep));
  if (peer.kind === "namespace") return [peer.key === "dns" ? outside.dns : outside.app];
  // A single address (/32) is itself; a wider block is sampled by a node or an AWS API address.
  if (peer.cidr.endsWith("/32")) return [{ id: peer.title, ip: peer.cidr.slice(0, -3) }];
  return [peer.key === "nodes" ? outside.node : outside.aws];
}

const peerName = (p: Peer) => (p.kind === "component" ? p.component.key : p.key);

/** Every check of the rendered policies against the flow table; `[]` when the render does what the table says. */
export function networkProblems(objects: readonly K8sObject[], config: EnvironmentConfig, standIns: readonly StandInPod[] = [], flows: readonly Flow[] = monitoringFlows(config)): string[] {
  const ns = config.eks.monitoringNamespace;
  const policies: NetworkPolicy[] = networkPolicies(objects, ns);
  const pods = renderedPods(objects, ns, standIns);
  const outside = outsideEndpoints(config);
  const byKey = monitoringComponents(config);
  const components = Object.values(byKey);
  const problems: string[] = [];

  // Every pod of the namespace is policed in both directions, by the default deny and by its own component's policy.
  for (const { endpoint: ep } of pods) {
    if (ep.pod!.hostNetwork) continue;
    for (const dir of ["Ingress", "Egress"] as const) {
      const by = selecting(policies, ep, dir).map((p) => p.name);
      if (!by.includes(DEFAULT_DENY_POLICY)) problems.push(`${ep.id}: no default-deny ${dir} policy selects it (selected by ${by.join(", ") || "none"})`);
      if (by.filter((n) => n !== DEFAULT_DENY_POLICY).length === 0) problems.push(`${ep.id}: only the default deny selects it for ${dir}: no component of the flow table matches its labels ${JSON.stringify(ep.pod!.labels)}`);
    }
  }
  // Every component of the table selects pods the charts render (its labels are the charts').
  for (const c of components) if (!pods.some((p) => selectsComponent(c, p.endpoint))) problems.push(`component ${c.key} selects no rendered pod: its labels ${JSON.stringify(c.podLabels)} are not the chart's`);

  // Every row is allowed between every pod pair it covers, on a port the destination listens on.
  for (const f of flows) {
    const srcs = endpointsOf(f.from, pods, outside);
    const dsts = endpointsOf(f.to, pods, outside);
    for (const fp of f.ports) {
      for (const dst of dsts) {
        const port = typeof fp.port === "number" ? fp.port : dst.pod?.namedPorts[fp.port];
        if (port === undefined) {
          problems.push(`${peerName(f.from)} → ${peerName(f.to)} port ${fp.port}: ${dst.id} has no port named ${fp.port}`);
          continue;
        }
        for (const src of srcs) {
          const c = connection(policies, src, dst, port, fp.protocol);
          if (!c.allowed) problems.push(`${peerName(f.from)} → ${peerName(f.to)} ${fp.protocol}/${port} (${f.why}): ${src.id} → ${dst.id} refused by the ${c.refusedBy} policies`);
        }
      }
      if (f.to.kind === "component" && typeof fp.port === "number") {
        const listens = pods.filter((p) => selectsComponent((f.to as { component: Component }).component, p.endpoint)).some((p) => p.ports.some((x) => x.port === fp.port && x.protocol === fp.protocol));
        if (!listens) problems.push(`${peerName(f.from)} → ${peerName(f.to)} ${fp.protocol}/${fp.port}: no rendered pod of ${peerName(f.to)} listens on it`);
      }
    }
  }

  // Nothing else: from the application namespace and from every pod of the namespace, a port a pod listens on
  // is reachable exactly when a row allows it. A row from addresses (the load balancer) admits any source the
  // source's own egress lets out (see network-policy.ts): not asserted either way for other sources.
  const sources: Array<{ key: string; ep: Endpoint }> = [
    { key: "app", ep: outside.app },
    ...pods.filter((p) => !p.endpoint.pod!.hostNetwork).map((p) => ({ key: components.find((c) => selectsComponent(c, p.endpoint))?.key ?? "?", ep: p.endpoint })),
  ];
  for (const dst of pods.filter((p) => !p.endpoint.pod!.hostNetwork)) {
    const dstKeys = components.filter((c) => selectsComponent(c, dst.endpoint)).map((c) => c.key);
    for (const { port, protocol } of dst.ports) {
      for (const src of sources) {
        const rows = flows.filter(
          (f) =>
            f.to.kind === "component" &&
            dstKeys.includes(f.to.component.key) &&
            f.ports.some((fp) => fp.protocol === protocol && (fp.port === port || (typeof fp.port === "string" && dst.endpoint.pod!.namedPorts[fp.port] === port))),
        );
        const expected = rows.some((f) => peerName(f.from) === src.key);
        if (!expected && rows.some((f) => f.from.kind === "addresses")) continue;
        const got = connection(policies, src.ep, dst.endpoint, port, protocol).allowed;
        if (got !== expected) problems.push(`${src.ep.id} → ${dst.endpoint.id} ${protocol}/${port}: ${got ? "allowed, but no row of the flow table allows it" : "refused, but the flow table allows it"}`);
      }
    }
  }

  // The flows that would forge or delete evidence or silence alerts, by name.
  for (const f of FORBIDDEN_FLOWS) {
    const src = f.from === "app" ? [outside.app] : pods.map((p) => p.endpoint).filter((ep) => selectsComponent(byKey[f.from]!, ep));
    const dst = pods.map((p) => p.endpoint).filter((ep) => selectsComponent(byKey[f.to]!, ep));
    if (src.length === 0 || dst.length === 0) problems.push(`forbidden flow ${f.from} → ${f.to}: no rendered pod to check it on`);
    for (const s of src) for (const d of dst) if (connection(policies, s, d, f.port).allowed) problems.push(`${s.id} → ${d.id} TCP/${f.port} is allowed: it must not be (${f.why})`);
  }
  return problems;
}

/** A copy of `objects` with one rule of a NetworkPolicy removed (seeded failures). */
export function withoutRule(objects: readonly K8sObject[], policy: string, direction: "ingress" | "egress", index: number): K8sObject[] {
  return objects.map((o) => {
    if (o.kind !== "NetworkPolicy" || o.metadata.name !== policy) return o;
    const rules = [...((o.spec as Block)[direction] as unknown[])];
    rules.splice(index, 1);
    return { ...o, spec: { ...o.spec, [direction]: rules } };
  });
}

/** A `location` block of an nginx configuration: modifier (`=`, `^~` or none), URI and body. */
interface NginxLocation {
  readonly modifier: string;
  readonly uri: string;
  readonly body: string;
}

/** The location blocks of an nginx configuration (one level of nested braces inside a body, as `if` has). */
export function nginxLocations(conf: string): NginxLocation[] {
  return [...conf.matchAll(/location\s+(=|\^~|~\*?)?\s*(\S+)\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g)].map((m) => ({ modifier: m[1] ?? "", uri: m[2]!, body: m[3]! }));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The entries of `map $uri <variable> { ... }`: `~regex` or exact keys with their values. */
function nginxMap(conf: string, variable: string): Array<{ key: string; value: string }> {
  const m = new RegExp(`map\\s+\\$uri\\s+${escapeRegExp(variable)}\\s*\\{([^}]*)\\}`).exec(conf);
  if (!m) return [];
  return m[1]!.split(";").map((l) => l.trim().split(/\s+/)).filter((p) => p.length === 2).map(([key, value]) => ({ key: key!, value: value! }));
}

/**
 * What the gateway does with a request path, as nginx picks a location (an exact `=` match, else the longest
 * prefix; regular-expression locations are not evaluated and reported) and runs it: `refused` (a guard
 * returning 403 whose map variable is set for the path, or an `internal` location), `forwarded` (proxy_pass)
 * or `answered` (no proxy: a fixed reply or no location).
 */
export function gatewayOutcome(conf: string, path: string, variable: string): "refused" | "forwarded" | "answered" | "regex locations not evaluated" {
  const locations = nginxLocations(conf);
  if (locations.some((l) => l.modifier.startsWith("~"))) return "regex locations not evaluated";
  const loc =
    locations.find((l) => l.modifier === "=" && l.uri === path) ??
    locations.filter((l) => l.modifier !== "=" && path.startsWith(l.uri)).sort((a, b) => b.uri.length - a.uri.length)[0];
  if (loc === undefined) return "answered";
  const entries = nginxMap(conf, variable);
  const mapped = (entries.find((e) => e.key !== "default" && (e.key.startsWith("~") ? new RegExp(e.key.slice(1)).test(path) : e.key === path)) ?? entries.find((e) => e.key === "default"))?.value;
  const guarded = new RegExp(`if\\s*\\(\\s*${escapeRegExp(variable)}\\s*\\)\\s*\\{\\s*return\\s+403;\\s*\\}`).test(loc.body);
  if ((guarded && mapped !== undefined && mapped !== "0" && mapped !== "") || /\binternal;/.test(loc.body)) return "refused";
  return /\bproxy_pass\b/.test(loc.body) ? "forwarded" : "answered";
}

/** Paths a client of the gateway must never reach (S6), and paths Alloy and Grafana need. */
export const GATEWAY_PATHS = {
  operatorOnly: ["/loki/api/v1/delete", "/loki/api/v1/delete/", "/compactor/ring", "/loki/api/v1/cache/generation_numbers", "/flush", "/ingester/shutdown"],
  forwarded: ["/loki/api/v1/push", "/loki/api/v1/query_range", "/loki/api/v1/query", "/loki/api/v1/labels", "/loki/api/v1/tail", "/loki/api/v1/rules"],
} as const;

/** The rendered Loki gateway forwards push and queries and refuses every operator-only path. */
export function lokiGatewayProblems(objects: readonly K8sObject[], variable: string): string[] {
  const cm = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === "loki-gateway" && o.data?.["nginx.conf"] !== undefined);
  if (cm === undefined) return ["no ConfigMap loki-gateway with nginx.conf rendered"];
  const conf = cm.data!["nginx.conf"]!;
  const problems: string[] = [];
  for (const path of GATEWAY_PATHS.operatorOnly) {
    const got = gatewayOutcome(conf, path, variable);
    if (got !== "refused") problems.push(`the Loki gateway ${got === "forwarded" ? "forwards" : "does not refuse"} ${path} (${got}): only an operator on the backend may call it`);
  }
  for (const path of GATEWAY_PATHS.forwarded) {
    const got = gatewayOutcome(conf, path, variable);
    if (got !== "forwarded") problems.push(`the Loki gateway does not forward ${path} (${got})`);
  }
  return problems;
}

/** Alloy's OTLP receivers bind to the pod's address (an env var from status.podIP), not to every interface. */
export function alloyBindProblems(objects: readonly K8sObject[]): string[] {
  const cm = objects.find((o) => o.kind === "ConfigMap" && o.data?.["config.alloy"] !== undefined);
  const ds = objects.find((o) => o.kind === "DaemonSet" && o.metadata.name === "alloy");
  if (cm === undefined || ds === undefined) return ["no Alloy ConfigMap and DaemonSet rendered"];
  const text = cm.data!["config.alloy"]!;
  const receiver = /^otelcol\.receiver\.otlp\s+"[^"]+"\s*\{([\s\S]*?)^\}/m.exec(text)?.[1] ?? "";
  const endpoints = [...receiver.matchAll(/\bendpoint\s*=\s*(.+)$/gm)].map((m) => m[1]!.trim());
  const env = ((((ds.spec!.template as Block).spec as Block).containers as Array<{ name: string; env?: Array<{ name: string; valueFrom?: { fieldRef?: { fieldPath: string } } }> }>).find((c) => c.name === "alloy")?.env ?? []);
  const problems: string[] = [];
  if (endpoints.length === 0) problems.push("Alloy's otelcol.receiver.otlp has no endpoint");
  for (const e of endpoints) {
    const m = /^sys\.env\("([A-Z_]+)"\)\s*\+\s*":\d+"$/.exec(e);
    if (!m) problems.push(`Alloy's OTLP receiver binds to ${e}: expected sys.env("<pod IP variable>") + ":<port>"`);
    else if (env.find((v) => v.name === m[1])?.valueFrom?.fieldRef?.fieldPath !== "status.podIP") problems.push(`Alloy's OTLP receiver binds to $${m[1]}, which the alloy container does not take from status.podIP`);
  }
  return problems;
}

/**
 * The PostgreSQL exporter connects with `sslmode=verify-full` against a CA bundle file that a volume of the
 * pod provides from a Secret (whose existence secretProblems checks).
 */
export function postgresTlsProblems(objects: readonly K8sObject[]): string[] {
  const d = objects.find((o) => o.kind === "Deployment" && o.metadata.name === "postgres-exporter");
  if (d === undefined) return ["no Deployment postgres-exporter rendered"];
  const pod = (d.spec!.template as Block).spec as Block;
  const c = (pod.containers as Array<{ name: string; env?: Array<{ name: string; value?: string }>; volumeMounts?: Array<{ name: string; mountPath: string }> }>)[0]!;
  const uri = c.env?.find((e) => e.name === "DATA_SOURCE_URI")?.value ?? "";
  const query = new URLSearchParams(uri.slice(uri.indexOf("?") + 1));
  const problems: string[] = [];
  if (query.get("sslmode") !== "verify-full") problems.push(`postgres_exporter connects with sslmode=${query.get("sslmode") ?? "(unset)"}; expected verify-full`);
  const rootCert = query.get("sslrootcert");
  if (rootCert === null) return [...problems, "postgres_exporter names no sslrootcert: verify-full would use the image's default trust store, which lacks the RDS CAs"];
  const mount = (c.volumeMounts ?? []).find((m) => rootCert.startsWith(`${m.mountPath}/`));
  const volume = ((pod.volumes ?? []) as Array<{ name: string; secret?: { secretName: string; items?: Array<{ key: string; path: string }> } }>).find((v) => v.name === mount?.name);
  const file = mount ? rootCert.slice(mount.mountPath.length + 1) : undefined;
  if (volume?.secret === undefined || !(volume.secret.items ?? []).some((i) => i.path === file)) problems.push(`postgres_exporter's sslrootcert ${rootCert} is not a file of a Secret volume mounted in its container`);
  return problems;
}

/**
 * Scrape targets the render configures but does not render as a Service: the API server (`default/kubernetes`)
 * and the kubelets (a Service the operator maintains), reached at addresses outside the pod network.
 */
const UNRENDERED_TARGETS: Readonly<Record<string, { address: "aws" | "node"; port: number }>> = {
  "kps-apiserver": { address: "aws", port: 443 },
  "kps-kubelet": { address: "node", port: 10250 },
};

/** Service ports of the omitted subcharts' Services (their chart templates), for the stand-in pods. */
export const STAND_IN_SERVICE_PORTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  "kps-grafana": { "http-web": 3000 },
  "kps-kube-state-metrics": { http: 8080 },
  "kps-prometheus-node-exporter": { "http-metrics": 9100 },
};

/**
 * Every ServiceMonitor endpoint the render configures is reachable from every Prometheus pod through the
 * rendered NetworkPolicies: the monitor's Services (selector and namespaces), their port by name, the target
 * port on the pods the Service selects (rendered, the cluster DNS, or stand-ins of omitted subcharts).
 */
export function scrapeProblems(objects: readonly K8sObject[], config: EnvironmentConfig, standIns: readonly StandInPod[] = []): string[] {
  const ns = config.eks.monitoringNamespace;
  const policies = networkPolicies(objects, ns);
  const pods = renderedPods(objects, ns, standIns);
  const outside = outsideEndpoints(config);
  const prometheus = pods.map((p) => p.endpoint).filter((ep) => selectsComponent(monitoringComponents(config).prometheus!, ep));
  const problems: string[] = [];
  if (prometheus.length === 0) return ["no Prometheus pod rendered"];
  const check = (monitor: string, target: Endpoint, port: number) => {
    for (const src of prometheus) {
      const c = connection(policies, src, target, port);
      if (!c.allowed) problems.push(`ServiceMonitor ${monitor}: ${src.id} cannot scrape ${target.id} on TCP/${port} (refused by the ${c.refusedBy} policies)`);
    }
  };
  for (const m of objects.filter((o) => o.kind === "ServiceMonitor")) {
    const spec = m.spec as { selector: Parameters<typeof selects>[0]; namespaceSelector?: { matchNames?: string[] }; endpoints: Array<{ port?: string }> };
    const namespaces = spec.namespaceSelector?.matchNames ?? [m.metadata.namespace ?? ns];
    const services = objects.filter((o) => o.kind === "Service" && namespaces.includes(o.metadata.namespace ?? ns) && selects(spec.selector, o.metadata.labels ?? {}));
    const unrendered = UNRENDERED_TARGETS[m.metadata.name];
    if (unrendered !== undefined) {
      check(m.metadata.name, outside[unrendered.address], unrendered.port);
      continue;
    }
    if (services.length === 0) {
      const standIn = pods.find((p) => p.endpoint.id.endsWith("(stand-in)") && selects(spec.selector, p.endpoint.pod!.labels));
      const ports = STAND_IN_SERVICE_PORTS[m.metadata.name];
      if (standIn === undefined || ports === undefined) {
        problems.push(`ServiceMonitor ${m.metadata.name} selects no rendered Service`);
        continue;
      }
      for (const e of spec.endpoints) check(m.metadata.name, standIn.endpoint, ports[e.port ?? ""] ?? NaN);
      continue;
    }
    for (const svc of services) {
      const svcNs = svc.metadata.namespace ?? ns;
      const selector = (svc.spec?.selector ?? {}) as Record<string, string>;
      const targets = svcNs === ns ? pods.map((p) => p.endpoint).filter((ep) => !ep.id.endsWith("(stand-in)") && selects({ matchLabels: selector }, ep.pod!.labels)) : selects({ matchLabels: selector }, outside.dns.pod!.labels) && svcNs === outside.dns.pod!.namespace ? [outside.dns] : [];
      if (targets.length === 0) {
        problems.push(`ServiceMonitor ${m.metadata.name}: Service ${svcNs}/${svc.metadata.name} selects no pod the render or the cluster DNS has`);
        continue;
      }
      for (const e of spec.endpoints) {
        const sp = ((svc.spec?.ports ?? []) as Array<{ name?: string; port: number; targetPort?: number | string }>).find((x) => x.name === e.port);
        if (sp === undefined) continue; // the Service does not expose this endpoint's port: Prometheus finds no target there
        for (const t of targets) {
          const port = typeof sp.targetPort === "string" ? t.pod?.namedPorts[sp.targetPort] : (sp.targetPort ?? sp.port);
          if (port === undefined) problems.push(`ServiceMonitor ${m.metadata.name}: ${t.id} has no port named ${String(sp.targetPort)}`);
          else check(m.metadata.name, t, port);
        }
      }
    }
  }
  return problems;
}

/**
 * Every pod that runs as a ServiceAccount with an EKS Pod Identity association (a Terraform resource of the
 * stack) may reach the Pod Identity Agent through the rendered NetworkPolicies: without it, it has no AWS
 * credentials however its role reads.
 */
export function podIdentityEgressProblems(objects: readonly K8sObject[], json: { resource?: Record<string, Record<string, Block>> }, config: EnvironmentConfig, agent: { cidr: string; port: number }): string[] {
  const ns = config.eks.monitoringNamespace;
  const policies = networkPolicies(objects, ns);
  const endpoint: Endpoint = { id: "the Pod Identity Agent", ip: agent.cidr.replace(/\/32$/, "") };
  const podsBySa = new Map(workloads(objects, ns).map((w) => [w.id, String(w.pod.serviceAccountName ?? "default")]));
  const pods = renderedPods(objects, ns);
  const problems: string[] = [];
  for (const a of Object.values(json.resource?.aws_eks_pod_identity_association ?? {})) {
    if (String(a.namespace) !== ns) continue;
    for (const p of pods.filter((x) => podsBySa.get(x.endpoint.id) === String(a.service_account))) {
      const c = connection(policies, p.endpoint, endpoint, agent.port);
      if (!c.allowed) problems.push(`${p.endpoint.id} runs as ${ns}/${String(a.service_account)} (Pod Identity) but cannot reach the Pod Identity Agent ${agent.cidr}:${agent.port} (refused by the ${c.refusedBy} policies)`);
    }
  }
  return problems;
}

type PodVolume = { name: string; secret?: { secretName: string; items?: Array<{ key: string; path: string }> } };
type MountingContainer = { name: string; volumeMounts?: Array<{ name: string; mountPath: string }>; ports?: Array<{ containerPort: number }> };

/**
 * The Secret and key a file path of `container` comes from, when a Secret volume mounted there provides it. Of nested
 * mounts the deepest wins, as in the container (Alloy's CA bundle is mounted inside its ConfigMap's /etc/alloy).
 */
export function secretFileOf(pod: Block, container: MountingContainer, file: string): { secret: string; key: string } | undefined {
  const mount = (container.volumeMounts ?? [])
    .filter((m) => file.startsWith(`${m.mountPath.replace(/\/$/, "")}/`))
    .sort((a, b) => b.mountPath.replace(/\/$/, "").length - a.mountPath.replace(/\/$/, "").length)[0];
  if (mount === undefined) return undefined;
  const volume = ((pod.volumes ?? []) as PodVolume[]).find((v) => v.name === mount.name);
  if (volume?.secret === undefined) return undefined;
  const rest = file.slice(mount.mountPath.replace(/\/$/, "").length + 1);
  const items = volume.secret.items;
  const key = items === undefined ? rest : items.find((i) => i.path === rest)?.key;
  return key === undefined ? undefined : { secret: volume.secret.secretName, key };
}

/** The `otelcol.exporter.otlp` blocks of Alloy's rendered pipeline: label, endpoint and the `tls` block's body. */
function alloyOtlpExporters(objects: readonly K8sObject[]): Array<{ label: string; endpoint?: string; tls?: string }> {
  const cm = objects.find((o) => o.kind === "ConfigMap" && o.data?.["config.alloy"] !== undefined);
  const text = cm?.data?.["config.alloy"] ?? "";
  return [...text.matchAll(/^otelcol\.exporter\.otlp\s+"([^"]+)"\s*\{([\s\S]*?)^\}/gm)].map((m) => ({
    label: m[1]!,
    endpoint: /\bendpoint\s*=\s*"([^"]+)"/.exec(m[2]!)?.[1],
    tls: /^\s*tls\s*\{([\s\S]*?)^\s*\}/m.exec(m[2]!)?.[1],
  }));
}

/**
 * S2: Alloy's OTLP exporters to Tempo verify the server: a `tls` block with `ca_file`, neither `insecure` nor
 * `insecure_skip_verify`, and the CA file a file of a Secret volume mounted in the Alloy container.
 */
export function alloyTempoTlsProblems(objects: readonly K8sObject[]): string[] {
  const exporters = alloyOtlpExporters(objects);
  if (exporters.length === 0) return ["Alloy's pipeline has no otelcol.exporter.otlp"];
  const ds = objects.find((o) => o.kind === "DaemonSet" && o.metadata.name === "alloy");
  if (ds === undefined) return ["no DaemonSet alloy rendered"];
  const pod = (ds.spec!.template as Block).spec as Block;
  const container = (pod.containers as MountingContainer[]).find((c) => c.name === "alloy");
  if (container === undefined) return ["DaemonSet alloy has no container alloy"];
  const problems: string[] = [];
  for (const e of exporters) {
    const where = `Alloy's otelcol.exporter.otlp "${e.label}" (${e.endpoint ?? "no endpoint"})`;
    if (e.tls === undefined) {
      problems.push(`${where} has no tls block: it sends in plaintext`);
      continue;
    }
    for (const flag of ["insecure", "insecure_skip_verify"]) if (new RegExp(`\\b${flag}\\s*=\\s*true\\b`).test(e.tls)) problems.push(`${where} sets ${flag} = true`);
    const caFile = /\bca_file\s*=\s*"([^"]+)"/.exec(e.tls)?.[1];
    if (caFile === undefined) problems.push(`${where} names no ca_file: it would trust the image's public roots, which do not sign Tempo's certificate`);
    else if (secretFileOf(pod, container, caFile) === undefined) problems.push(`${where}: ca_file ${caFile} is not a file of a Secret volume mounted in the alloy container`);
  }
  return problems;
}

/**
 * S2: Tempo's OTLP gRPC receiver serves TLS (`cert_file`, `key_file`, re-read every `reload_interval`) from files of a
 * Secret volume mounted in every container that listens on the OTLP gRPC port of the pods behind the Service Alloy
 * dials; the OTLP HTTP receiver is off. Returns the Secret files read, for the ExternalSecret checks.
 */
export function tempoIngestTlsProblems(objects: readonly K8sObject[], tempoConfig: Block, namespace: string): { problems: string[]; files: Array<{ workload: string; secret: string; key: string }> } {
  const problems: string[] = [];
  const files: Array<{ workload: string; secret: string; key: string }> = [];
  const protocols = (((((tempoConfig.distributor ?? {}) as Block).receivers ?? {}) as Block).otlp ?? {}) as { protocols?: { grpc?: { endpoint?: string; tls?: Block }; http?: unknown } };
  const grpc = protocols.protocols?.grpc;
  if (grpc === undefined) return { problems: ["Tempo has no OTLP gRPC receiver (distributor.receivers.otlp.protocols.grpc)"], files };
  if (protocols.protocols?.http !== undefined) problems.push("Tempo's OTLP HTTP receiver is on: nothing sends to it, and it would serve without this TLS");
  const tls = grpc.tls ?? {};
  const wanted = ["cert_file", "key_file"].map((k) => [k, tls[k]] as const);
  for (const [k, v] of wanted) if (typeof v !== "string") problems.push(`Tempo's OTLP gRPC receiver has no tls.${k}: it serves plaintext`);
  if (tls.reload_interval === undefined) problems.push("Tempo's OTLP gRPC receiver has no tls.reload_interval: a rotated certificate needs a restart");
  const port = Number(/:(\d+)$/.exec(grpc.endpoint ?? "")?.[1] ?? 4317);
  const endpoint = alloyOtlpExporters(objects).find((e) => e.endpoint !== undefined)?.endpoint ?? "";
  const svcName = /^([a-z0-9-]+)\./.exec(endpoint)?.[1];
  const svc = objects.find((o) => o.kind === "Service" && o.metadata.name === svcName && (o.metadata.namespace ?? namespace) === namespace);
  if (svc === undefined) return { problems: [...problems, `no Service ${namespace}/${svcName ?? "?"} (Alloy's Tempo endpoint ${endpoint || "none"}) is rendered`], files };
  const selector = ((svc.spec ?? {}) as { selector?: Record<string, string> }).selector ?? {};
  const behind = workloads(objects, namespace).filter((w) => w.namespace === namespace && Object.entries(selector).every(([k, v]) => podLabels(w)[k] === v));
  const listeners = behind.flatMap((w) => (w.containers as MountingContainer[]).filter((c) => (c.ports ?? []).some((p) => p.containerPort === port)).map((c) => ({ w, c })));
  if (listeners.length === 0) problems.push(`no container behind Service ${namespace}/${svc.metadata.name} listens on ${port}`);
  for (const { w, c } of listeners) {
    for (const [k, v] of wanted) {
      if (typeof v !== "string") continue;
      const f = secretFileOf(w.pod, c, v);
      if (f === undefined) problems.push(`${w.id} container ${c.name}: Tempo's tls.${k} ${v} is not a file of a Secret volume mounted there`);
      else files.push({ workload: w.id, ...f });
    }
  }
  return { problems, files };
}
