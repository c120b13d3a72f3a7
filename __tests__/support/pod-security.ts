/**
 * S2: the Pod Security Standards (https://kubernetes.io/docs/concepts/security/pod-security-standards/) levels
 * a rendered pod meets, and a check that each namespace this program creates enforces exactly the strictest
 * level all of its rendered pods meet: never looser than needed, never so strict a pod of ours is refused.
 * Only the fields the charts here set are read; a field the evaluator does not know cannot raise the level.
 */
import { POD_SECURITY_LEVELS, type PodSecurityLevel } from "../../constructs/observability/network/pod-security";
import type { K8sObject, StackJson } from "./helm-render";
import { workloads, type Workload } from "./rendered-cluster";

type Block = Record<string, unknown>;

interface SecurityContext {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  seccompProfile?: { type?: string };
  capabilities?: { add?: string[]; drop?: string[] };
}

/** Capabilities baseline allows a container to add. */
const BASELINE_CAPABILITIES = new Set(["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"]);

/** Why a pod falls short of baseline and of restricted. */
export function podSecurityViolations(w: Workload): { baseline: string[]; restricted: string[] } {
  const pod = w.pod;
  const podCtx = (pod.securityContext ?? {}) as SecurityContext;
  const baseline: string[] = [];
  const restricted: string[] = [];
  for (const key of ["hostNetwork", "hostPID", "hostIPC"]) if (pod[key] === true) baseline.push(key);
  for (const v of (pod.volumes ?? []) as Array<{ name: string; hostPath?: unknown }>) if (v.hostPath !== undefined) baseline.push(`hostPath volume ${v.name}`);
  const operated = w.object.kind === "Prometheus" || w.object.kind === "Alertmanager";
  // The operator's containers: their security context is the operator's (it drops every capability), not in the chart's output.
  const containers = operated ? [] : ([...((pod.containers ?? []) as Block[]), ...((pod.initContainers ?? []) as Block[])] as Array<{ name: string; securityContext?: SecurityContext; ports?: Array<{ hostPort?: number }> }>);
  for (const c of containers) {
    const ctx = c.securityContext ?? {};
    if (ctx.privileged) baseline.push(`${c.name}: privileged`);
    for (const cap of ctx.capabilities?.add ?? []) if (!BASELINE_CAPABILITIES.has(cap)) baseline.push(`${c.name}: adds ${cap}`);
    if ((c.ports ?? []).some((p) => p.hostPort !== undefined && p.hostPort !== 0)) baseline.push(`${c.name}: hostPort`);
    if (ctx.allowPrivilegeEscalation !== false) restricted.push(`${c.name}: allowPrivilegeEscalation not false`);
    if (!(ctx.runAsNonRoot ?? podCtx.runAsNonRoot)) restricted.push(`${c.name}: runAsNonRoot not true`);
    if ((ctx.runAsUser ?? podCtx.runAsUser) === 0) restricted.push(`${c.name}: runAsUser 0`);
    const seccomp = ctx.seccompProfile?.type ?? podCtx.seccompProfile?.type;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") restricted.push(`${c.name}: seccompProfile ${seccomp ?? "unset"}`);
    if (!(ctx.capabilities?.drop ?? []).includes("ALL")) restricted.push(`${c.name}: does not drop ALL capabilities`);
    for (const cap of ctx.capabilities?.add ?? []) if (cap !== "NET_BIND_SERVICE") restricted.push(`${c.name}: adds ${cap}`);
  }
  if (operated) {
    if (!podCtx.runAsNonRoot) restricted.push("runAsNonRoot not true");
    if (podCtx.seccompProfile?.type !== "RuntimeDefault") restricted.push(`seccompProfile ${podCtx.seccompProfile?.type ?? "unset"}`);
  }
  return { baseline, restricted: [...baseline, ...restricted] };
}

/** The strictest level a pod meets. */
export function podSecurityLevel(w: Workload): PodSecurityLevel {
  const v = podSecurityViolations(w);
  return v.baseline.length > 0 ? "privileged" : v.restricted.length > 0 ? "baseline" : "restricted";
}

const strictness = (l: PodSecurityLevel) => POD_SECURITY_LEVELS.indexOf(l);

/**
 * Each `kubernetes_namespace_v1` of the stack with rendered pods enforces (label
 * `pod-security.kubernetes.io/enforce`) exactly the strictest level every one of its rendered pods meets.
 */
export function podSecurityProblems(objects: readonly K8sObject[], json: StackJson, defaultNamespace: string): string[] {
  const problems: string[] = [];
  const all = workloads(objects, defaultNamespace);
  for (const ns of Object.values(json.resource?.kubernetes_namespace_v1 ?? {})) {
    const meta = (Array.isArray(ns.metadata) ? ns.metadata[0] : ns.metadata) as { name: string; labels?: Record<string, string> };
    const pods = all.filter((w) => w.namespace === meta.name);
    if (pods.length === 0) continue;
    const enforce = meta.labels?.["pod-security.kubernetes.io/enforce"] as PodSecurityLevel | undefined;
    const needed = pods.map((w) => ({ w, level: podSecurityLevel(w) })).reduce((a, b) => (strictness(b.level) < strictness(a.level) ? b : a));
    if (enforce === undefined) problems.push(`namespace ${meta.name} has no pod-security.kubernetes.io/enforce label; its pods meet ${needed.level}`);
    else if (strictness(enforce) > strictness(needed.level)) problems.push(`namespace ${meta.name} enforces ${enforce}, but ${needed.w.id} meets only ${needed.level} (${podSecurityViolations(needed.w)[needed.level === "privileged" ? "baseline" : "restricted"].join("; ")})`);
    else if (strictness(enforce) < strictness(needed.level)) problems.push(`namespace ${meta.name} enforces ${enforce}, but every pod of it meets ${needed.level}: enforce ${needed.level}`);
    for (const mode of ["audit", "warn"]) if (meta.labels?.[`pod-security.kubernetes.io/${mode}`] === undefined) problems.push(`namespace ${meta.name} has no pod-security.kubernetes.io/${mode} label`);
  }
  return problems;
}
