/**
 * S2: the NetworkPolicy evaluator the render suite relies on, against the semantics the Kubernetes API
 * documents (https://kubernetes.io/docs/concepts/services-networking/network-policies/): if it misread them,
 * the render suite's verdicts on the rendered policies would mean nothing.
 */
import type { K8sObject } from "../../support/helm-render";
import { connection, inCidr, networkPolicies, type Endpoint } from "../../support/network-policy";

const pod = (id: string, namespace: string, labels: Record<string, string>, namedPorts: Record<string, number> = {}): Endpoint => ({ id, ip: `10.1.0.${id.length}`, pod: { namespace, labels, namedPorts, hostNetwork: false } });
const policy = (name: string, namespace: string, spec: Record<string, unknown>): K8sObject => ({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace }, spec });

const web = pod("web", "mon", { app: "web" }, { http: 8080 });
const db = pod("db", "mon", { app: "db" });
const other = pod("other-ns", "apps", { app: "web" });

describe("S2: NetworkPolicy evaluation", () => {
  it("a pod no policy selects accepts and opens everything; once selected for Ingress, only its rules", () => {
    expect(connection([], other, web, 8080).allowed).toBe(true);
    const isolated = networkPolicies([policy("deny", "mon", { podSelector: {}, policyTypes: ["Ingress"] })], "mon");
    expect(connection(isolated, other, web, 8080)).toEqual({ allowed: false, refusedBy: "ingress" });
    // Egress was not isolated: web may still open connections anywhere.
    expect(connection(isolated, web, other, 443).allowed).toBe(true);
  });

  it("policyTypes defaults to Ingress, plus Egress when the policy has at least one egress rule", () => {
    const p = networkPolicies([policy("e", "mon", { podSelector: { matchLabels: { app: "web" } }, egress: [{ ports: [{ port: 53, protocol: "UDP" }] }] })], "mon");
    expect(connection(p, web, other, 443)).toEqual({ allowed: false, refusedBy: "egress" });
    expect(connection(p, other, web, 8080)).toEqual({ allowed: false, refusedBy: "ingress" });
    const empty = networkPolicies([policy("e", "mon", { podSelector: { matchLabels: { app: "web" } }, egress: [] })], "mon");
    expect(connection(empty, web, other, 443).allowed).toBe(true);
  });

  it("a podSelector peer means the policy's namespace; with a namespaceSelector both must match", () => {
    const p = networkPolicies(
      [
        policy("same-ns", "mon", { podSelector: { matchLabels: { app: "db" } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }] }] }),
        policy("web-in", "mon", { podSelector: { matchLabels: { app: "web" } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "apps" } }, podSelector: { matchLabels: { app: "nope" } } }] }] }),
      ],
      "mon",
    );
    expect(connection(p, web, db, 5432).allowed).toBe(true);
    expect(connection(p, other, db, 5432).allowed).toBe(false); // same labels, other namespace
    expect(connection(p, other, web, 8080).allowed).toBe(false); // namespace matches, pod labels do not
  });

  it("ports: a number and protocol (TCP by default), a range with endPort, a name resolved on the destination pod", () => {
    const p = networkPolicies([policy("web-in", "mon", { podSelector: { matchLabels: { app: "web" } }, ingress: [{ ports: [{ port: "http" }, { port: 9000, endPort: 9010 }, { port: 53, protocol: "UDP" }] }] })], "mon");
    expect(connection(p, other, web, 8080).allowed).toBe(true);
    expect(connection(p, other, web, 9005).allowed).toBe(true);
    expect(connection(p, other, web, 9011).allowed).toBe(false);
    expect(connection(p, other, web, 53, "UDP").allowed).toBe(true);
    expect(connection(p, other, web, 53, "TCP").allowed).toBe(false);
  });

  it("IP blocks with except; host-network pods are never selected by a pod selector", () => {
    expect(inCidr("10.1.2.3", "10.0.0.0/8")).toBe(true);
    expect(inCidr("11.1.2.3", "10.0.0.0/8")).toBe(false);
    expect(inCidr("52.95.0.1", "0.0.0.0/0")).toBe(true);
    const aws: Endpoint = { id: "aws", ip: "52.95.0.1" };
    const p = networkPolicies([policy("web-out", "mon", { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["52.95.0.0/16"] } }] }] })], "mon");
    expect(connection(p, web, aws, 443).allowed).toBe(false);
    expect(connection(p, web, { id: "x", ip: "8.8.8.8" }, 443).allowed).toBe(true);
    const host: Endpoint = { id: "node-exporter", ip: "10.0.1.10", pod: { namespace: "mon", labels: { app: "web" }, namedPorts: {}, hostNetwork: true } };
    const deny = networkPolicies([policy("deny", "mon", { podSelector: {}, policyTypes: ["Ingress", "Egress"] })], "mon");
    expect(connection(deny, other, host, 9100).allowed).toBe(true);
  });
});
