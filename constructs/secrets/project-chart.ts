/**
 * S5: the project's own Helm chart `fx-external-secrets` (a ClusterSecretStore and one ExternalSecret per
 * entry of its values), as the files Helm reads. It lives here, not in a folder beside the code, because
 * synth runs from a bundle that may sit anywhere: {@link materializeProjectChart} writes these files to a
 * content-addressed folder, from which the release's cdktf asset copies them into the stack's output
 * (`cdktf.out/stacks/<stack>/assets/...`), so each platform stack folder carries its chart.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Chart name (and the name in Chart.yaml). */
export const PROJECT_CHART_NAME = "fx-external-secrets";

/** The chart's files by path inside the chart folder. */
export const PROJECT_CHART_FILES: Readonly<Record<string, string>> = {
  "Chart.yaml": String.raw`apiVersion: v2
name: fx-external-secrets
description: FX Trader's ClusterSecretStore and ExternalSecrets (S5), values filled by the platform layer from secrets/catalog.ts
type: application
version: 1.0.0
kubeVersion: ">= 1.19.0-0"
`,
  "values.yaml": String.raw`# Filled by the platform layer (constructs/secrets/synced-secrets.ts) from secrets/catalog.ts; these
# defaults render nothing useful on purpose: store.name and store.region are required.
store:
  # -- ClusterSecretStore name (fx-trader-<env>).
  name: ""
  # -- AWS region of Secrets Manager.
  region: ""
  # -- Namespaces whose ExternalSecrets may use the store.
  namespaces: []
# -- How often each ExternalSecret re-reads Secrets Manager (Go duration, e.g. 15m).
refreshInterval: 1h
# -- One ExternalSecret (and Kubernetes Secret of the same name) per entry:
#    { name, namespace, remoteKey: <Secrets Manager name>, keys: [<JSON key>, ...], type: <Secret type, optional> }
externalSecrets: []
`,
  "templates/_helpers.tpl": String.raw`{{- define "fx-external-secrets.labels" -}}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: fx-trader
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}
`,
  "templates/cluster-secret-store.yaml": String.raw`{{- /* The controller authenticates through its EKS Pod Identity role: no auth block, no static keys. */ -}}
apiVersion: external-secrets.io/v1
kind: ClusterSecretStore
metadata:
  name: {{ required "store.name is required" .Values.store.name }}
  labels:
    {{- include "fx-external-secrets.labels" . | nindent 4 }}
spec:
  provider:
    aws:
      service: SecretsManager
      region: {{ required "store.region is required" .Values.store.region | quote }}
  conditions:
    - namespaces:
        {{- if not .Values.store.namespaces }}{{ fail "store.namespaces must name at least one namespace" }}{{ end }}
        {{- range .Values.store.namespaces }}
        - {{ . | quote }}
        {{- end }}
`,
  "templates/external-secrets.yaml": String.raw`{{- range $secret := .Values.externalSecrets }}
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: {{ required "externalSecrets[].name is required" $secret.name }}
  namespace: {{ required "externalSecrets[].namespace is required" $secret.namespace }}
  labels:
    {{- include "fx-external-secrets.labels" $ | nindent 4 }}
spec:
  refreshInterval: {{ $.Values.refreshInterval | quote }}
  secretStoreRef:
    kind: ClusterSecretStore
    name: {{ $.Values.store.name }}
  target:
    # The Kubernetes Secret the charts read: same name as this ExternalSecret.
    name: {{ $secret.name }}
    # Owner: the operator creates (or adopts) the Secret and keeps it equal to Secrets Manager.
    creationPolicy: Owner
    # Retain: a value deleted in Secrets Manager leaves the last copy in place rather than breaking pods.
    deletionPolicy: Retain
    {{- with $secret.type }}
    # The Secret's type (e.g. kubernetes.io/tls); without template data the operator copies the data below as it is.
    template:
      type: {{ . | quote }}
    {{- end }}
  data:
    {{- if not $secret.keys }}{{ fail (printf "externalSecrets %s: keys must list at least one JSON key" $secret.name) }}{{ end }}
    {{- range $key := $secret.keys }}
    - secretKey: {{ $key | quote }}
      remoteRef:
        key: {{ required "externalSecrets[].remoteKey is required" $secret.remoteKey | quote }}
        property: {{ $key | quote }}
    {{- end }}
{{- end }}
`,
};

/** Content hash of the chart's files (path and content of each, in path order). */
export function projectChartHash(files: Readonly<Record<string, string>> = PROJECT_CHART_FILES): string {
  const hash = createHash("sha256");
  for (const name of Object.keys(files).sort()) hash.update(`${name}\0${files[name]}\0`);
  return hash.digest("hex").slice(0, 16);
}

/**
 * Writes the chart to `<root>/<name>-<hash>/` (once: the folder's name is its content) and returns the folder.
 * Written to a sibling temporary folder and renamed, so a concurrent synth never sees a half-written chart.
 * Other project charts (the network policies') pass their own files and name.
 */
export function materializeProjectChart(root: string = os.tmpdir(), files: Readonly<Record<string, string>> = PROJECT_CHART_FILES, name: string = PROJECT_CHART_NAME): string {
  const target = path.join(root, `${name}-${projectChartHash(files)}`);
  if (fs.existsSync(path.join(target, "Chart.yaml"))) return target;
  const staging = fs.mkdtempSync(`${target}.tmp-`);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(staging, name)), { recursive: true });
    fs.writeFileSync(path.join(staging, name), content);
  }
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    // Another synth renamed the same content first.
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(path.join(target, "Chart.yaml"))) throw error;
  }
  return target;
}
