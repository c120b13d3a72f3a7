/**
 * S2: who may talk to whom inside and out of the monitoring namespace, as one table of pure data. The
 * NetworkPolicies (`policies.ts`), the docs' matrix (`docs/security.md`) and the render suite's evaluator all
 * read it, so what is allowed is stated once. Everything not listed is denied: a default-deny policy selects
 * every pod of the namespace, and each component's policy allows exactly its rows.
 */
import type { EnvironmentConfig } from "../../../config/types";
import { OTLP_PORTS, RELEASE_NAMES } from "../endpoints";

/** A port of a flow: a number, or the name of a container port of the destination pod. */
export interface FlowPort {
  readonly port: number | string;
  readonly protocol: "TCP" | "UDP";
}

/** A workload of the monitoring namespace, by the labels its chart puts on its pods. */
export interface Component {
  readonly key: string;
  /** What it is, for the docs. */
  readonly title: string;
  /** Labels every pod of the component carries (the chart's, see the render suite). */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Besides {@link podLabels}: `label` has one of `values` (the caches beside the same chart's other pods). */
  readonly oneOf?: { readonly label: string; readonly values: readonly string[] };
  /**
   * The pods run in the node's network namespace (node-exporter): NetworkPolicies do not apply to them, so
   * no policy selects them and they are reached as node addresses.
   */
  readonly hostNetwork?: boolean;
}

/** An endpoint outside the namespace's pods. */
export type ExternalPeer =
  /** Pods of another namespace (all of them, or those with the labels). */
  | { readonly kind: "namespace"; readonly key: string; readonly title: string; readonly namespace: string; readonly podLabels?: Readonly<Record<string, string>> }
  /**
   * Addresses outside the pod network: the Kubernetes API, the kubelets and host-network exporters, AWS APIs
   * (S3, STS for Pod Identity, KMS, AMP), the database, the cache, the load balancer. A NetworkPolicy cannot
   * name a host, so these are CIDR blocks limited by port.
   */
  | { readonly kind: "addresses"; readonly key: string; readonly title: string; readonly cidr: string };

export type Peer = { readonly kind: "component"; readonly component: Component } | ExternalPeer;

/** One allowed flow: `from` may open connections to `to` on `ports`. */
export interface Flow {
  readonly from: Peer;
  readonly to: Peer;
  readonly ports: readonly FlowPort[];
  /** Why the flow exists (requirement, feature), for the docs. */
  readonly why: string;
}

const tcp = (...ports: Array<number | string>): FlowPort[] => ports.map((port) => ({ port, protocol: "TCP" }));

/** Every address (outside the pod network, see {@link ExternalPeer}). */
export const ANY_ADDRESS = "0.0.0.0/0";

/**
 * The EKS Pod Identity Agent on every node (link-local, HTTP): a pod with a Pod Identity association gets its
 * AWS credentials there, so it needs this egress besides the AWS APIs themselves.
 */
export const POD_IDENTITY_AGENT = { cidr: "169.254.170.23/32", port: 80 } as const;

/** The workloads of an environment's monitoring namespace, by release (Loki's caches only where they run). */
export function monitoringComponents(config: Pick<EnvironmentConfig, "eks" | "observability">): Readonly<Record<string, Component>> {
  const kps = RELEASE_NAMES.kubePrometheusStack;
  const list: Component[] = [
    { key: "alloy", title: "Alloy (log and trace collector)", podLabels: { "app.kubernetes.io/name": "alloy", "app.kubernetes.io/instance": RELEASE_NAMES.alloy } },
    { key: "prometheus", title: "Prometheus", podLabels: { "app.kubernetes.io/name": "prometheus", "operator.prometheus.io/name": `${kps}-prometheus` } },
    { key: "alertmanager", title: "Alertmanager", podLabels: { "app.kubernetes.io/name": "alertmanager", alertmanager: `${kps}-alertmanager` } },
    { key: "grafana", title: "Grafana", podLabels: { "app.kubernetes.io/name": "grafana", "app.kubernetes.io/instance": kps } },
    { key: "prometheusOperator", title: "Prometheus operator", podLabels: { app: "kube-prometheus-stack-operator", release: kps } },
    { key: "operatorJobs", title: "Prometheus operator's webhook certificate jobs", podLabels: { "app.kubernetes.io/component": "prometheus-operator-webhook", release: kps } },
    { key: "kubeStateMetrics", title: "kube-state-metrics", podLabels: { "app.kubernetes.io/name": "kube-state-metrics", "app.kubernetes.io/instance": kps } },
    { key: "nodeExporter", title: "node-exporter (host network)", podLabels: { "app.kubernetes.io/name": "prometheus-node-exporter", "app.kubernetes.io/instance": kps }, hostNetwork: true },
    { key: "lokiGateway", title: "Loki gateway", podLabels: { "app.kubernetes.io/name": "loki", "app.kubernetes.io/instance": RELEASE_NAMES.loki, "app.kubernetes.io/component": "gateway" } },
    {
      key: "loki",
      title: "Loki (read, write, backend or single binary; the compactor and its delete API)",
      podLabels: { "app.kubernetes.io/name": "loki", "app.kubernetes.io/instance": RELEASE_NAMES.loki, "app.kubernetes.io/part-of": "memberlist" },
    },
    {
      key: "lokiCaches",
      title: "Loki's memcached caches",
      podLabels: { "app.kubernetes.io/name": "loki", "app.kubernetes.io/instance": RELEASE_NAMES.loki },
      oneOf: { label: "app.kubernetes.io/component", values: ["memcached-chunks-cache", "memcached-results-cache"] },
    },
    { key: "tempo", title: "Tempo (every component and its memcached)", podLabels: { "app.kubernetes.io/name": "tempo", "app.kubernetes.io/instance": RELEASE_NAMES.tempo } },
    { key: "postgresExporter", title: "postgres_exporter", podLabels: { "app.kubernetes.io/name": "prometheus-postgres-exporter", "app.kubernetes.io/instance": RELEASE_NAMES.postgresExporter } },
    { key: "redisExporter", title: "redis_exporter", podLabels: { "app.kubernetes.io/name": "prometheus-redis-exporter", "app.kubernetes.io/instance": RELEASE_NAMES.redisExporter } },
  ];
  const cachesRun = config.observability.loki.chunksCacheMemoryMiB > 0;
  return Object.fromEntries(list.filter((c) => cachesRun || c.key !== "lokiCaches").map((c) => [c.key, c]));
}

/** Ports the components listen on (container ports of the rendered charts). */
export const MONITORING_PORTS = {
  alloyHttp: 12345,
  prometheus: 9090,
  configReloader: 8080,
  alertmanager: 9093,
  alertmanagerCluster: 9094,
  grafana: 3000,
  operatorWebhook: 10250,
  kubeStateMetrics: 8080,
  lokiGateway: 8080,
  lokiGatewayMetrics: 4040,
  lokiHttp: 3100,
  lokiGrpc: 9095,
  memberlist: 7946,
  memcached: 11211,
  memcachedMetrics: 9150,
  tempoHttp: 3200,
  tempoGrpc: 9095,
  postgresExporter: 9187,
  redisExporter: 9121,
} as const;

/** Ports outside the pod network. */
export const ADDRESS_PORTS = { https: 443, kubelet: 10250, nodeExporter: 9100, postgres: 5432, redis: 6379, dns: 53, coreDnsMetrics: 9153 } as const;

/** The allowed flows of an environment's monitoring namespace. */
export function monitoringFlows(config: Pick<EnvironmentConfig, "eks" | "observability">): Flow[] {
  const c = monitoringComponents(config);
  const p = MONITORING_PORTS;
  const a = ADDRESS_PORTS;
  const comp = (key: string): Peer => ({ kind: "component", component: c[key]! });
  const app: Peer = { kind: "namespace", key: "app", title: `application namespace ${config.eks.appNamespace}`, namespace: config.eks.appNamespace };
  const dns: Peer = { kind: "namespace", key: "dns", title: "cluster DNS (kube-system/kube-dns)", namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" } };
  const addresses = (key: string, title: string): Peer => ({ kind: "addresses", key, title, cidr: ANY_ADDRESS });
  const apis = addresses("apis", "Kubernetes API and AWS APIs (S3, STS for Pod Identity, KMS, AMP)");
  const nodes = addresses("nodes", "nodes (kubelet, host-network node-exporter)");
  const lb = addresses("lb", "the load balancer (ALB, target type ip) and the control plane");
  const podIdentity: Peer = { kind: "addresses", key: "podIdentity", title: "the EKS Pod Identity Agent (credentials)", cidr: POD_IDENTITY_AGENT.cidr };
  const credentials = (key: string, why: string) => add(comp(key), podIdentity, tcp(POD_IDENTITY_AGENT.port), why);
  const flows: Flow[] = [];
  const add = (from: Peer, to: Peer, ports: FlowPort[], why: string) => flows.push({ from, to, ports, why });

  // Every pod policed here resolves names through the cluster DNS.
  for (const k of Object.values(c).filter((x) => !x.hostNetwork)) add(comp(k.key), dns, [{ port: a.dns, protocol: "UDP" }, { port: a.dns, protocol: "TCP" }], "name resolution");

  // C6: applications send OTLP to Alloy only; Alloy ships to Loki's gateway and Tempo.
  add(app, comp("alloy"), tcp(OTLP_PORTS.grpc, OTLP_PORTS.http), "C6: applications send OTLP traces to Alloy (its only entry from outside the namespace)");
  add(comp("alloy"), comp("lokiGateway"), tcp(p.lokiGateway), "C6: log push (/loki/api/v1/push)");
  add(comp("alloy"), comp("tempo"), tcp(OTLP_PORTS.grpc), "C6: OTLP traces to Tempo's distributor");
  add(comp("alloy"), apis, tcp(a.https), "pod discovery (Kubernetes API); audit archive to S3 (Pod Identity)");
  credentials("alloy", "credentials of its Pod Identity role (audit archive)");

  // C2, C5: Grafana queries every data source; the load balancer reaches it.
  add(comp("grafana"), comp("lokiGateway"), tcp(p.lokiGateway), "C2: Loki data source (queries through the gateway)");
  add(comp("grafana"), comp("prometheus"), tcp(p.prometheus), "C2: Prometheus data source");
  add(comp("grafana"), comp("tempo"), tcp(p.tempoHttp), "C5: Tempo data source (query frontend)");
  add(comp("grafana"), comp("alertmanager"), tcp(p.alertmanager), "C3: Alertmanager data source (silences from Grafana)");
  add(comp("grafana"), apis, tcp(a.https), "SSO (the identity provider's token and user-info endpoints); dashboard sidecar (Kubernetes API)");
  add(lb, comp("grafana"), tcp(p.grafana), "users and the grafana layer through the internal ALB (inbound CIDRs enforced by the ALB)");

  // C1, C3: Prometheus scrapes, alerts to Alertmanager, remote-writes to AMP.
  add(comp("prometheus"), comp("alertmanager"), tcp(p.alertmanager, p.configReloader), "C3: alerts; Alertmanager's metrics");
  add(comp("prometheus"), comp("prometheus"), tcp(p.prometheus, p.configReloader), "self-scrape");
  add(comp("prometheus"), comp("alloy"), tcp(p.alloyHttp), "scrape");
  add(comp("prometheus"), comp("grafana"), tcp(p.grafana), "scrape");
  add(comp("prometheus"), comp("prometheusOperator"), tcp(p.operatorWebhook), "scrape (https)");
  add(comp("prometheus"), comp("kubeStateMetrics"), tcp(p.kubeStateMetrics), "M7: scrape");
  add(comp("prometheus"), comp("lokiGateway"), tcp(p.lokiGatewayMetrics), "scrape");
  add(comp("prometheus"), dns, tcp(ADDRESS_PORTS.coreDnsMetrics), "scrape CoreDNS (kube-prometheus-stack's coreDns monitor)");
  add(comp("prometheus"), comp("loki"), tcp(p.lokiHttp), "scrape (/metrics on Loki's HTTP port)");
  if (c.lokiCaches) add(comp("prometheus"), comp("lokiCaches"), tcp(p.memcachedMetrics), "scrape");
  add(comp("prometheus"), comp("tempo"), tcp(p.tempoHttp), "scrape");
  add(comp("prometheus"), comp("postgresExporter"), tcp(p.postgresExporter), "M2, M8: scrape");
  add(comp("prometheus"), comp("redisExporter"), tcp(p.redisExporter), "M3, M9: scrape");
  add(comp("prometheus"), app, tcp(config.observability.appMetrics.port), "M1: the application's /metrics (named port)");
  add(comp("prometheus"), nodes, tcp(a.kubelet, a.nodeExporter), "M6, M7: kubelet/cAdvisor and node-exporter");
  add(comp("prometheus"), apis, tcp(a.https), "service discovery, API server metrics, remote write to AMP (SigV4 through Pod Identity)");
  if (config.observability.prometheus.remoteWriteToAmp) credentials("prometheus", "credentials of its Pod Identity role (remote write)");

  // C3: Alertmanager's cluster and its receivers.
  add(comp("alertmanager"), comp("alertmanager"), [{ port: p.alertmanagerCluster, protocol: "TCP" }, { port: p.alertmanagerCluster, protocol: "UDP" }], "C3: cluster gossip (de-duplicated notifications)");
  add(comp("alertmanager"), apis, tcp(a.https), "I1: receivers (pager, chat webhooks)");

  // The operator and its jobs talk to the API; the API server calls the admission webhook.
  add(comp("prometheusOperator"), apis, tcp(a.https), "reconciles Prometheus and Alertmanager (Kubernetes API)");
  add(lb, comp("prometheusOperator"), tcp(p.operatorWebhook), "the API server calls the admission webhook");
  add(comp("operatorJobs"), apis, tcp(a.https), "writes the webhook certificate (Kubernetes API)");
  add(comp("kubeStateMetrics"), apis, tcp(a.https), "M7: reads object state (Kubernetes API)");

  // C4: Loki's components, the gateway in front of them, and S3.
  add(comp("lokiGateway"), comp("loki"), tcp(p.lokiHttp), "C4: routes push and queries (never delete: see the gateway's configuration)");
  add(comp("loki"), comp("loki"), tcp(p.lokiHttp, p.lokiGrpc, p.memberlist), "C4: ring, queries and replication between Loki's own components");
  if (c.lokiCaches) add(comp("loki"), comp("lokiCaches"), tcp(p.memcached), "C4: chunk and results caches");
  add(comp("loki"), apis, tcp(a.https), "C4: chunks and rules in S3 (Pod Identity, KMS); the rules sidecar reads ConfigMaps");
  credentials("loki", "credentials of its Pod Identity role (S3, KMS)");

  // C5: Tempo's components and S3.
  if (config.observability.tempo.deploymentMode === "distributed") {
    add(comp("tempo"), comp("tempo"), tcp(p.tempoHttp, p.tempoGrpc, p.memberlist, OTLP_PORTS.grpc, p.memcached), "C5: ring, ingest and queries between Tempo's components");
  }
  add(comp("tempo"), apis, tcp(a.https), "C5: traces in S3 (Pod Identity, KMS)");
  credentials("tempo", "credentials of its Pod Identity role (S3, KMS)");

  // M2, M3: the exporters reach the database and the cache.
  add(comp("postgresExporter"), addresses("database", "the database (Aurora/RDS)"), tcp(a.postgres), "M2, M8: statistics queries (TLS, verify-full)");
  add(comp("redisExporter"), addresses("cache", "the cache (ElastiCache)"), tcp(a.redis), "M3, M9: INFO");
  return flows;
}

/** A flow the table must never allow, checked on the rendered policies. */
export interface ForbiddenFlow {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly why: string;
}

/**
 * Flows that would let a compromised pod forge or delete evidence or silence alerts: the render suite proves
 * the rendered policies deny each. Keys are component keys or `app` (a pod of the application namespace).
 */
export const FORBIDDEN_FLOWS: readonly ForbiddenFlow[] = [
  { from: "app", to: "alertmanager", port: MONITORING_PORTS.alertmanager, why: "silence alerts" },
  { from: "app", to: "prometheus", port: MONITORING_PORTS.prometheus, why: "read every metric" },
  { from: "app", to: "lokiGateway", port: MONITORING_PORTS.lokiGateway, why: "forge logs (push) past Alloy" },
  { from: "app", to: "loki", port: MONITORING_PORTS.lokiHttp, why: "delete logs (the compactor's delete API)" },
  { from: "app", to: "tempo", port: OTLP_PORTS.grpc, why: "forge traces past Alloy" },
  { from: "alloy", to: "loki", port: MONITORING_PORTS.lokiHttp, why: "delete logs past the gateway" },
  { from: "grafana", to: "loki", port: MONITORING_PORTS.lokiHttp, why: "delete logs past the gateway" },
  { from: "alloy", to: "alertmanager", port: MONITORING_PORTS.alertmanager, why: "silence alerts" },
  { from: "postgresExporter", to: "loki", port: MONITORING_PORTS.lokiHttp, why: "delete logs" },
];
