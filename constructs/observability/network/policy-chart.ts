/**
 * S2: the project's chart `fx-network-policies`: one NetworkPolicy per entry of its values, written as given
 * (the specs are built from the flow table in `policies.ts`). Delivered like `fx-external-secrets`: files
 * materialized to a content-addressed folder and copied into the stack's output as a cdktf asset.
 */

/** Chart name (and the name in Chart.yaml). */
export const NETWORK_POLICY_CHART_NAME = "fx-network-policies";

/** The chart's files by path inside the chart folder. */
export const NETWORK_POLICY_CHART_FILES: Readonly<Record<string, string>> = {
  "Chart.yaml": String.raw`apiVersion: v2
name: fx-network-policies
description: FX Trader's NetworkPolicies of the monitoring namespace (S2), values filled by the platform layer from the flow table
type: application
version: 1.0.0
kubeVersion: ">= 1.19.0-0"
`,
  "values.yaml": String.raw`# Filled by the platform layer (constructs/observability/network/) from the flow table; empty renders nothing.
# -- One NetworkPolicy per entry: { name, spec } (spec as Kubernetes defines it).
networkPolicies: []
`,
  "templates/network-policies.yaml": String.raw`{{- range $policy := .Values.networkPolicies }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ required "networkPolicies[].name is required" $policy.name }}
  namespace: {{ $.Release.Namespace }}
  labels:
    app.kubernetes.io/managed-by: {{ $.Release.Service }}
    app.kubernetes.io/part-of: fx-trader
    app.kubernetes.io/instance: {{ $.Release.Name }}
    helm.sh/chart: {{ printf "%s-%s" $.Chart.Name $.Chart.Version }}
spec:
  {{- required (printf "networkPolicies %s: spec is required" $policy.name) $policy.spec | toYaml | nindent 2 }}
{{- end }}
`,
};
