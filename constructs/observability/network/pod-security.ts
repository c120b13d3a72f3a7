/**
 * S2: Pod Security Admission labels of the namespaces this program creates. `enforce` is the strictest level
 * every workload of the namespace meets (the render suite computes it from the rendered pods and compares);
 * `audit` and `warn` report what falls short of the next level, so a regression is visible.
 */

export type PodSecurityLevel = "privileged" | "baseline" | "restricted";

/** Levels from most to least permissive. */
export const POD_SECURITY_LEVELS: readonly PodSecurityLevel[] = ["privileged", "baseline", "restricted"];

export interface PodSecurityLabels {
  readonly enforce: PodSecurityLevel;
  readonly audit: PodSecurityLevel;
  readonly warn: PodSecurityLevel;
  /** Why `enforce` is not `restricted`, for the docs. */
  readonly why: string;
}

/** The monitoring namespace: node-exporter and Alloy need the host. */
export const MONITORING_POD_SECURITY: PodSecurityLabels = {
  enforce: "privileged",
  audit: "restricted",
  warn: "baseline",
  why:
    "node-exporter (kube-prometheus-stack) runs in the node's network and PID namespaces with the host's root filesystem mounted, and Alloy " +
    "reads /var/log/pods and keeps its positions on hostPath volumes: both are outside baseline. Every other workload's pods are checked " +
    "against the levels in the render suite; warn=baseline flags any new pod that needs the host",
};

/** The External Secrets Operator's namespace: its pods run as non-root with every capability dropped. */
export const OPERATOR_POD_SECURITY: PodSecurityLabels = {
  enforce: "restricted",
  audit: "restricted",
  warn: "restricted",
  why: "the operator, its webhook and cert controller meet restricted",
};

/** The namespace labels of a level set. */
export function podSecurityLabels(levels: PodSecurityLabels): Record<string, string> {
  return {
    "pod-security.kubernetes.io/enforce": levels.enforce,
    "pod-security.kubernetes.io/audit": levels.audit,
    "pod-security.kubernetes.io/warn": levels.warn,
  };
}
