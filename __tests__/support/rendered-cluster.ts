/**
 * What the rendered manifests of one environment must say, derived from its config and its synthesized stack.
 * Each check returns its problems (empty when all is well), so the render suite asserts `[]` and its seeded
 * failures feed a broken input to the same check and expect the problem.
 */
import YAML from "yaml";
import type { EnvironmentConfig, SizedContainer } from "../../config/types";
import { logRetentionTable } from "../../config/retention-policy";
import { sizedCounts } from "../../constructs/observability/resources";
import { interpolate, type K8sObject, type StackJson } from "./helm-render";

type Block = Record<string, unknown>;

/** Kinds whose pods the charts define, and how to reach their pod spec. */
const POD_SPEC: Readonly<Record<string, (o: K8sObject) => Block>> = {
  Deployment: (o) => (o.spec!.template as Block).spec as Block,
  StatefulSet: (o) => (o.spec!.template as Block).spec as Block,
  DaemonSet: (o) => (o.spec!.template as Block).spec as Block,
  Job: (o) => (o.spec!.template as Block).spec as Block,
  // prometheus-operator turns these into StatefulSets: their spec is the pod's.
  Prometheus: (o) => o.spec as Block,
  Alertmanager: (o) => o.spec as Block,
};

export interface Container {
  readonly name: string;
  readonly resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readonly env?: Array<{ name: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } }>;
  readonly envFrom?: Array<{ secretRef?: { name: string; optional?: boolean } }>;
  readonly args?: string[];
  readonly volumeMounts?: Array<{ name: string; mountPath: string }>;
}

/** One pod-defining object with the workload's name (`Kind/name`). */
export interface Workload {
  readonly object: K8sObject;
  readonly id: string;
  readonly namespace: string;
  readonly pod: Block;
  readonly containers: readonly Container[];
  readonly initContainers: readonly Container[];
  readonly replicas: number;
}

/** Every workload of the rendered objects; operator custom resources count as one container (`resources` on the spec). */
export function workloads(objects: readonly K8sObject[], defaultNamespace: string): Workload[] {
  return objects
    .filter((o) => POD_SPEC[o.kind] !== undefined)
    .map((o) => {
      const pod = POD_SPEC[o.kind]!(o);
      const operated = o.kind === "Prometheus" || o.kind === "Alertmanager";
      const containers = operated ? [{ name: o.kind.toLowerCase(), resources: pod.resources as Container["resources"] }] : ((pod.containers ?? []) as Container[]);
      return {
        object: o,
        id: `${o.kind}/${o.metadata.name}`,
        namespace: o.metadata.namespace ?? defaultNamespace,
        pod,
        containers,
        initContainers: operated ? [] : ((pod.initContainers ?? []) as Container[]),
        replicas: o.kind === "DaemonSet" ? 1 : Number(o.spec?.replicas ?? 1),
      };
    });
}

function resourcesOf(json: StackJson, type: string): Block[] {
  return Object.values(json.resource?.[type] ?? {});
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Every EKS Pod Identity association names a ServiceAccount the charts render in that namespace, used by at
 * least one pod; and every workload in `needsAws` runs as a service account that has an association.
 */
export function podIdentityProblems(objects: readonly K8sObject[], json: StackJson, namespace: string, needsAws: readonly string[]): string[] {
  const problems: string[] = [];
  const all = workloads(objects, namespace);
  const saOf = (w: Workload) => String(w.pod.serviceAccountName ?? "default");
  const associations = resourcesOf(json, "aws_eks_pod_identity_association");
  for (const a of associations) {
    const sa = String(a.service_account);
    const ns = String(a.namespace);
    const rendered = objects.some((o) => o.kind === "ServiceAccount" && o.metadata.name === sa && (o.metadata.namespace ?? namespace) === ns);
    if (!rendered) problems.push(`Pod Identity association for ${ns}/${sa}: no chart renders ServiceAccount ${sa} in ${ns}`);
    const users = all.filter((w) => w.namespace === ns && saOf(w) === sa);
    if (users.length === 0) problems.push(`Pod Identity association for ${ns}/${sa}: no pod runs as ServiceAccount ${sa}, so the role is never used`);
  }
  for (const id of needsAws) {
    const w = all.find((x) => x.id === id);
    if (w === undefined) {
      problems.push(`${id} needs AWS access but is not rendered`);
      continue;
    }
    const ok = associations.some((a) => String(a.namespace) === w.namespace && String(a.service_account) === saOf(w));
    if (!ok) problems.push(`${id} needs AWS access but its ServiceAccount ${w.namespace}/${saOf(w)} has no Pod Identity association`);
  }
  return problems;
}

/**
 * Every Secret (and key) a pod reads exists: rendered by a chart (a Secret, or an ExternalSecret whose target it
 * is), or created by a Terraform resource of the stack. Optional references are skipped.
 */
export function secretProblems(objects: readonly K8sObject[], json: StackJson, namespace: string): string[] {
  const available = new Map<string, Set<string> | "any">();
  const add = (ns: string, name: string, keys: Iterable<string> | "any") => {
    const id = `${ns}/${name}`;
    const existing = available.get(id);
    if (keys === "any" || existing === "any") available.set(id, "any");
    else available.set(id, new Set([...(existing ?? []), ...keys]));
  };
  for (const o of objects.filter((x) => x.metadata !== undefined)) {
    const ns = o.metadata.namespace ?? namespace;
    if (o.kind === "Secret") add(ns, o.metadata.name, [...Object.keys(o.data ?? {}), ...Object.keys((o.stringData as Record<string, string> | undefined) ?? {})]);
    if (o.kind === "ExternalSecret") {
      const spec = (o.spec ?? {}) as { target?: { name?: string }; data?: Array<{ secretKey: string }>; dataFrom?: unknown[] };
      add(ns, spec.target?.name ?? o.metadata.name, spec.dataFrom && spec.dataFrom.length > 0 ? "any" : (spec.data ?? []).map((d) => d.secretKey));
    }
  }
  // kube-webhook-certgen Jobs (the prometheus-operator's admission webhook) create their Secret at install.
  for (const w of workloads(objects, namespace).filter((x) => x.object.kind === "Job")) {
    for (const c of w.containers) for (const a of c.args ?? []) if (a.startsWith("--secret-name=")) add(w.namespace, a.slice("--secret-name=".length), "any");
  }
  for (const type of ["kubernetes_secret_v1", "kubernetes_secret"]) {
    for (const s of resourcesOf(json, type)) {
      const meta = (Array.isArray(s.metadata) ? s.metadata[0] : s.metadata) as { name: string; namespace?: string };
      add(meta.namespace ?? "default", meta.name, Object.keys({ ...((s.data as Block) ?? {}), ...((s.binary_data as Block) ?? {}) }));
    }
  }
  const problems: string[] = [];
  const need = (w: Workload, where: string, name: string, key?: string) => {
    const keys = available.get(`${w.namespace}/${name}`);
    if (keys === undefined) problems.push(`${w.id} ${where} reads Secret ${w.namespace}/${name}, which neither a chart nor a Terraform resource creates`);
    else if (key !== undefined && keys !== "any" && !keys.has(key)) problems.push(`${w.id} ${where} reads key ${key} of Secret ${w.namespace}/${name}, which has only ${[...keys].join(", ") || "no keys"}`);
  };
  for (const w of workloads(objects, namespace)) {
    for (const c of [...w.containers, ...w.initContainers]) {
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (ref && !ref.optional) need(w, `container ${c.name} env ${e.name}`, ref.name, ref.key);
      }
      for (const e of c.envFrom ?? []) if (e.secretRef && !e.secretRef.optional) need(w, `container ${c.name} envFrom`, e.secretRef.name);
    }
    for (const v of (w.pod.volumes ?? []) as Array<{ name: string; secret?: { secretName: string; optional?: boolean; items?: Array<{ key: string }> } }>) {
      if (!v.secret || v.secret.optional) continue;
      if (v.secret.items) for (const item of v.secret.items) need(w, `volume ${v.name}`, v.secret.secretName, item.key);
      else need(w, `volume ${v.name}`, v.secret.secretName);
    }
    for (const name of (w.pod.secrets ?? []) as string[]) need(w, "spec.secrets", name);
  }
  return problems;
}

/** A workload the config makes highly available: its expected replicas and the labels its PDB must select. */
export interface HaExpectation {
  readonly id: string;
  readonly replicas: number;
  /** Whether the config puts replicas in different zones (`required` / `preferred`) for this workload. */
  readonly zoned: boolean;
}

/** The zone anti-affinity of a pod spec: `required`, `preferred` or `none`. */
export function zoneRule(pod: Block): "required" | "preferred" | "none" {
  const anti = ((pod.affinity ?? {}) as Block).podAntiAffinity as Block | undefined;
  const zone = "topology.kubernetes.io/zone";
  if (((anti?.requiredDuringSchedulingIgnoredDuringExecution ?? []) as Array<{ topologyKey: string }>).some((t) => t.topologyKey === zone)) return "required";
  if (((anti?.preferredDuringSchedulingIgnoredDuringExecution ?? []) as Array<{ podAffinityTerm: { topologyKey: string } }>).some((t) => t.podAffinityTerm.topologyKey === zone)) return "preferred";
  return "none";
}

/** Labels of a workload's pods (operator resources: the labels the operator sets on them). */
export function podLabels(w: Workload): Record<string, string> {
  if (w.object.kind === "Prometheus") return { "app.kubernetes.io/name": "prometheus", "operator.prometheus.io/name": w.object.metadata.name };
  if (w.object.kind === "Alertmanager") return { "app.kubernetes.io/name": "alertmanager", alertmanager: w.object.metadata.name };
  return ((((w.object.spec!.template as Block).metadata ?? {}) as Block).labels ?? {}) as Record<string, string>;
}

/** Replicas, PodDisruptionBudgets and zone anti-affinity of each highly available workload, as the config says. */
export function haProblems(objects: readonly K8sObject[], namespace: string, config: EnvironmentConfig, expected: readonly HaExpectation[]): string[] {
  const ha = config.observability.highAvailability;
  const problems: string[] = [];
  const all = workloads(objects, namespace);
  const pdbs = objects.filter((o) => o.kind === "PodDisruptionBudget");
  for (const e of expected) {
    const w = all.find((x) => x.id === e.id);
    if (w === undefined) {
      problems.push(`${e.id} is not rendered`);
      continue;
    }
    if (w.replicas !== e.replicas) problems.push(`${e.id} runs ${w.replicas} replicas; the config says ${e.replicas}`);
    if (e.replicas < 2) continue;
    const labels = podLabels(w);
    const covering = pdbs.filter((p) => {
      const sel = ((p.spec?.selector ?? {}) as { matchLabels?: Record<string, string> }).matchLabels ?? {};
      return Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => labels[k] === v);
    });
    if (ha.podDisruptionBudgets && covering.length === 0) problems.push(`${e.id} (${e.replicas} replicas) has no PodDisruptionBudget, but highAvailability.podDisruptionBudgets is on`);
    if (!ha.podDisruptionBudgets && covering.length > 0) problems.push(`${e.id} has a PodDisruptionBudget, but highAvailability.podDisruptionBudgets is off`);
    const want = e.zoned ? ha.zoneAntiAffinity : "none";
    if (want !== "none" && zoneRule(w.pod) !== want) problems.push(`${e.id} has zone anti-affinity ${zoneRule(w.pod)}; highAvailability.zoneAntiAffinity is ${want}`);
  }
  return problems;
}

/** `250m` → 250, `2` → 2000; `512Mi` → 512, `1Gi` → 1024. */
function millicores(q: string): number {
  return q.endsWith("m") ? Number(q.slice(0, -1)) : Number(q) * 1000;
}
function mebibytes(q: string): number {
  const m = /^(\d+)(Mi|Gi)$/.exec(q);
  if (!m) return NaN;
  return Number(m[1]) * (m[2] === "Gi" ? 1024 : 1);
}

/**
 * Every container (and init container) requests CPU and memory and has a memory limit equal to its entry of
 * the sizing table; `sizeOf` names the entry of a `Kind/name` workload's container (undefined: unknown).
 */
export function resourceProblems(objects: readonly K8sObject[], namespace: string, config: EnvironmentConfig, sizeOf: (workload: string, container: string) => SizedContainer | undefined): string[] {
  const problems: string[] = [];
  for (const w of workloads(objects, namespace)) {
    for (const c of [...w.containers, ...w.initContainers]) {
      const where = `${w.id} container ${c.name}`;
      const req = c.resources?.requests ?? {};
      const lim = c.resources?.limits ?? {};
      if (req.cpu === undefined || req.memory === undefined || lim.memory === undefined) {
        problems.push(`${where} has resources ${JSON.stringify(c.resources ?? null)}: it needs CPU and memory requests and a memory limit`);
        continue;
      }
      const key = sizeOf(w.id, c.name);
      if (key === undefined) {
        problems.push(`${where}: no entry of observability.sizing is expected for it (add it to the suite's container map)`);
        continue;
      }
      const s = config.observability.sizing[key];
      const got = { cpuMillicores: millicores(req.cpu), memoryMiB: mebibytes(req.memory), memoryLimitMiB: mebibytes(lim.memory) };
      if (got.cpuMillicores !== s.cpuMillicores || got.memoryMiB !== s.memoryMiB || got.memoryLimitMiB !== s.memoryLimitMiB) {
        problems.push(`${where} requests ${req.cpu}/${req.memory} limit ${lim.memory}; observability.sizing.${key} says ${s.cpuMillicores}m/${s.memoryMiB}Mi limit ${s.memoryLimitMiB}Mi`);
      }
    }
  }
  return problems;
}

/**
 * The counts `sizedCounts` reports (summary and docs totals) against the rendered long-running containers by
 * sizing entry: replicas × containers, DaemonSets per node, plus the config-reloader the operator adds to each
 * Prometheus and Alertmanager pod (it is not in the chart's output).
 */
export function countProblems(
  objects: readonly K8sObject[],
  namespace: string,
  config: EnvironmentConfig,
  sizeOf: (workload: string, container: string) => SizedContainer | undefined,
  /** Sizing entries whose containers only an omitted subchart renders: not compared while none of them renders. */
  notRenderable: ReadonlySet<SizedContainer> = new Set(),
): string[] {
  const rendered = new Map<string, number>();
  const bump = (key: string, n: number) => rendered.set(key, (rendered.get(key) ?? 0) + n);
  for (const w of workloads(objects, namespace)) {
    if (w.object.kind === "Job") continue;
    const perNode = w.object.kind === "DaemonSet";
    for (const c of w.containers) bump(`${sizeOf(w.id, c.name) ?? `?${w.id}/${c.name}`}${perNode ? " per node" : ""}`, w.replicas);
    if (w.object.kind === "Prometheus" || w.object.kind === "Alertmanager") bump("configReloader", w.replicas);
  }
  const counted = new Map(sizedCounts(config).map((c) => [`${c.container}${c.perNode ? " per node" : ""}`, c.count]));
  const problems: string[] = [];
  for (const key of new Set([...rendered.keys(), ...counted.keys()])) {
    if (rendered.get(key) === undefined && notRenderable.has(key.replace(/ per node$/, "") as SizedContainer)) continue;
    if (rendered.get(key) !== counted.get(key)) problems.push(`${key}: ${rendered.get(key) ?? 0} rendered, sizedCounts() reports ${counted.get(key) ?? 0}`);
  }
  return problems;
}

/** Every PersistentVolumeClaim (and claim template) uses the stack's expandable StorageClass. */
export function storageClassProblems(objects: readonly K8sObject[], json: StackJson): string[] {
  const expandable = resourcesOf(json, "kubernetes_storage_class_v1")
    .filter((s) => s.allow_volume_expansion === true)
    .map((s) => ((Array.isArray(s.metadata) ? s.metadata[0] : s.metadata) as { name: string }).name);
  const problems: string[] = [];
  if (expandable.length !== 1) return [`the stack declares ${expandable.length} expandable StorageClasses; expected one`];
  const check = (where: string, spec: Block | undefined) => {
    const cls = spec?.storageClassName;
    if (cls !== expandable[0]) problems.push(`${where} uses StorageClass ${JSON.stringify(cls ?? null)}; every volume must use the expandable ${expandable[0]}`);
  };
  for (const o of objects) {
    if (o.kind === "PersistentVolumeClaim") check(`PersistentVolumeClaim ${o.metadata.name}`, o.spec);
    if (o.kind === "StatefulSet") for (const t of (o.spec?.volumeClaimTemplates ?? []) as K8sObject[]) check(`StatefulSet ${o.metadata.name} claim ${t.metadata.name}`, t.spec);
    const vct = ((o.spec?.storage as Block | undefined)?.volumeClaimTemplate as Block | undefined)?.spec as Block | undefined;
    if ((o.kind === "Prometheus" || o.kind === "Alertmanager") && o.spec?.storage !== undefined) check(`${o.kind} ${o.metadata.name} storage`, vct);
  }
  return problems;
}

/** Alloy's `--storage.path` is on a hostPath or persistent volume, not in the container's filesystem. */
export function alloyStateProblems(objects: readonly K8sObject[], namespace: string): string[] {
  const w = workloads(objects, namespace).find((x) => x.object.kind === "DaemonSet" && x.containers.some((c) => c.name === "alloy"));
  if (w === undefined) return ["no Alloy DaemonSet rendered"];
  const alloy = w.containers.find((c) => c.name === "alloy")!;
  const arg = (alloy.args ?? []).find((a) => a.startsWith("--storage.path="));
  if (arg === undefined) return ["Alloy runs without --storage.path"];
  const dir = arg.slice("--storage.path=".length);
  const mount = (alloy.volumeMounts ?? []).filter((m) => dir === m.mountPath || dir.startsWith(`${m.mountPath.replace(/\/$/, "")}/`)).sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
  const volume = ((w.pod.volumes ?? []) as Array<{ name: string; hostPath?: unknown; persistentVolumeClaim?: unknown }>).find((v) => v.name === mount?.name);
  if (volume === undefined || (volume.hostPath === undefined && volume.persistentVolumeClaim === undefined)) {
    return [`Alloy keeps its positions in ${dir}, which is ${mount ? `on volume ${mount.name} (not hostPath or a PVC)` : "in the container's own filesystem"}: a restart ships every log file again`];
  }
  return [];
}

/** The parsed YAML under `key` of the rendered ConfigMap `name`. */
export function configMapYaml(objects: readonly K8sObject[], name: string, key: string): Block {
  const cm = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === name);
  const text = cm?.data?.[key];
  if (text === undefined) throw new Error(`no ConfigMap ${name} with key ${key} rendered`);
  return YAML.parse(text) as Block;
}

/** Loki's rendered retention equals the retention table: default period, one stream per log class, compactor on. */
export function lokiRetentionProblems(lokiConfig: Block, config: EnvironmentConfig): string[] {
  const table = logRetentionTable(config);
  const limits = (lokiConfig.limits_config ?? {}) as { retention_period?: string; retention_stream?: Array<{ selector: string; period: string }> };
  const compactor = (lokiConfig.compactor ?? {}) as { retention_enabled?: boolean };
  const problems: string[] = [];
  if (compactor.retention_enabled !== true) problems.push("Loki's compactor does not apply retention (compactor.retention_enabled is not true)");
  const longest = Math.max(...table.map((r) => r.retentionDays));
  if (limits.retention_period !== `${longest * 24}h`) problems.push(`Loki's default retention is ${limits.retention_period}; the longest class keeps ${longest} days`);
  const streams = new Map((limits.retention_stream ?? []).map((s) => [s.selector.replace(/\s/g, ""), s.period]));
  for (const row of table) {
    const period = streams.get(`{log_type="${row.lokiLogType}"}`);
    if (period !== `${row.retentionDays * 24}h`) problems.push(`Loki keeps log_type ${row.lokiLogType} for ${period ?? "the default period"}; the retention table says ${row.retentionDays} days`);
  }
  return problems;
}

/** Services of the render by `name.namespace.svc.cluster.local` with their ports. */
export function servicePorts(objects: readonly K8sObject[], namespace: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const o of objects.filter((x) => x.kind === "Service")) {
    const ports = ((o.spec?.ports ?? []) as Array<{ port: number }>).map((p) => p.port);
    out.set(`${o.metadata.name}.${o.metadata.namespace ?? namespace}.svc.cluster.local`, ports);
  }
  return out;
}

/** The stack's only `aws_s3_bucket` whose logical ID contains `part` (e.g. `loki_chunks`), by its bucket name. */
export function stackBucket(json: StackJson, part: string): string {
  const found = Object.entries(json.resource?.aws_s3_bucket ?? {}).filter(([id]) => id.includes(part));
  if (found.length !== 1) throw new Error(`the stack declares ${found.length} aws_s3_bucket resources whose logical ID contains ${part}; expected one`);
  return String(found[0]![1].bucket);
}

/** The name of the stack's only expandable StorageClass (undefined when there is not exactly one). */
function expandableClass(json: StackJson): string | undefined {
  const names = resourcesOf(json, "kubernetes_storage_class_v1")
    .filter((s) => s.allow_volume_expansion === true)
    .map((s) => ((Array.isArray(s.metadata) ? s.metadata[0] : s.metadata) as { name: string }).name);
  return names.length === 1 ? names[0] : undefined;
}

/**
 * The rendered Prometheus keeps `prometheus.retentionDays` (`<n>d`) on a `volumeSizeGiB` (`<n>Gi`) claim of the
 * expandable class, and remote-writes to the stack's AMP workspace (its `prometheus_endpoint` stand-in +
 * `api/v1/remote_write`) exactly when `remoteWriteToAmp`.
 */
export function prometheusProblems(objects: readonly K8sObject[], json: StackJson, config: EnvironmentConfig): string[] {
  const p = config.observability.prometheus;
  const all = objects.filter((o) => o.kind === "Prometheus");
  if (all.length !== 1) return [`${all.length} Prometheus resources rendered; expected one`];
  const spec = all[0]!.spec ?? {};
  const problems: string[] = [];
  if (spec.retention !== `${p.retentionDays}d`) problems.push(`Prometheus keeps ${JSON.stringify(spec.retention ?? null)}; observability.prometheus.retentionDays is ${p.retentionDays} (${p.retentionDays}d)`);
  const claim = ((((spec.storage ?? {}) as Block).volumeClaimTemplate ?? {}) as Block).spec as { storageClassName?: string; resources?: { requests?: { storage?: string } } } | undefined;
  const size = claim?.resources?.requests?.storage;
  if (size !== `${p.volumeSizeGiB}Gi`) problems.push(`Prometheus's volume requests ${JSON.stringify(size ?? null)}; observability.prometheus.volumeSizeGiB is ${p.volumeSizeGiB} (${p.volumeSizeGiB}Gi)`);
  const cls = expandableClass(json);
  if (cls === undefined || claim?.storageClassName !== cls) problems.push(`Prometheus's volume uses StorageClass ${JSON.stringify(claim?.storageClassName ?? null)}; expected the expandable ${cls ?? "(none declared)"}`);
  const urls = ((spec.remoteWrite ?? []) as Array<{ url?: string }>).map((w) => w.url);
  const workspaces = Object.keys(json.resource?.aws_prometheus_workspace ?? {});
  if (p.remoteWriteToAmp) {
    if (workspaces.length !== 1) problems.push(`remoteWriteToAmp is on, but the stack declares ${workspaces.length} aws_prometheus_workspace resources; expected one`);
    else {
      const want = `${interpolate(`\${aws_prometheus_workspace.${workspaces[0]}.prometheus_endpoint}`, json, config)}api/v1/remote_write`;
      if (urls.length !== 1 || urls[0] !== want) problems.push(`Prometheus remote-writes to ${JSON.stringify(urls)}; remoteWriteToAmp is on, so expected exactly [${JSON.stringify(want)}] (the stack's AMP workspace)`);
    }
  } else if (urls.length > 0) problems.push(`Prometheus remote-writes to ${JSON.stringify(urls)}, but remoteWriteToAmp is off`);
  return problems;
}

/** The parsed YAML under `key` of the rendered ConfigMap or Secret (base64 `data` or `stringData`) that holds it, by name. */
export function configYaml(objects: readonly K8sObject[], names: readonly string[], key: string): Block {
  for (const o of objects) {
    if (!names.includes(o.metadata.name)) continue;
    if (o.kind === "ConfigMap" && o.data?.[key] !== undefined) return YAML.parse(o.data[key]) as Block;
    if (o.kind === "Secret") {
      const text = o.data?.[key] !== undefined ? Buffer.from(o.data[key], "base64").toString("utf8") : (o.stringData as Record<string, string> | undefined)?.[key];
      if (text !== undefined) return YAML.parse(text) as Block;
    }
  }
  throw new Error(`no ConfigMap or Secret ${names.join(" / ")} with key ${key} rendered`);
}

/** Loki stores chunks and rules in the stack's Loki buckets (every schema period on s3), its compactor applies retention, and the per-stream retention is the retention table. */
export function lokiProblems(lokiConfig: Block, json: StackJson, config: EnvironmentConfig): string[] {
  const problems: string[] = [];
  const s3 = (b: unknown) => ((((b ?? {}) as Block).s3 ?? {}) as { bucketnames?: string }).bucketnames;
  const chunks = s3((lokiConfig.common as Block | undefined)?.storage);
  const ruler = s3((lokiConfig.ruler as Block | undefined)?.storage);
  const wantChunks = stackBucket(json, "loki_chunks");
  const wantRuler = stackBucket(json, "loki_ruler");
  if (chunks !== wantChunks) problems.push(`Loki stores chunks in ${JSON.stringify(chunks ?? null)}; the stack creates ${wantChunks}`);
  if (ruler !== wantRuler) problems.push(`Loki's ruler stores rules in ${JSON.stringify(ruler ?? null)}; the stack creates ${wantRuler}`);
  const stores = (((lokiConfig.schema_config ?? {}) as Block).configs ?? []) as Array<{ from?: string; object_store?: string }>;
  if (stores.length === 0) problems.push("Loki's schema_config has no period: it stores no index or chunks");
  for (const c of stores) if (c.object_store !== "s3") problems.push(`Loki's schema period from ${c.from ?? "?"} stores in ${JSON.stringify(c.object_store ?? null)}, not in the S3 buckets`);
  return [...problems, ...lokiRetentionProblems(lokiConfig, config)];
}

/** Tempo stores traces in the stack's Tempo bucket and keeps blocks `tempo.retentionDays` (written in hours, `<24n>h`). */
export function tempoProblems(tempoConfig: Block, json: StackJson, config: EnvironmentConfig): string[] {
  const problems: string[] = [];
  const trace = (((tempoConfig.storage ?? {}) as Block).trace ?? {}) as { backend?: string; s3?: { bucket?: string } };
  const want = stackBucket(json, "tempo_traces");
  if (trace.backend !== "s3" || trace.s3?.bucket !== want) problems.push(`Tempo stores traces in ${trace.backend ?? "no backend"} ${JSON.stringify(trace.s3?.bucket ?? null)}; the stack creates ${want}`);
  const retention = ((((tempoConfig.compactor ?? {}) as Block).compaction ?? {}) as { block_retention?: string }).block_retention;
  const days = config.observability.tempo.retentionDays;
  if (retention !== `${days * 24}h`) problems.push(`Tempo keeps blocks ${JSON.stringify(retention ?? null)}; observability.tempo.retentionDays is ${days} (${days * 24}h)`);
  return problems;
}

/**
 * Alloy's pipeline (`config.alloy` of its ConfigMap) sends logs (`loki.write` endpoint urls) and traces
 * (`otelcol.exporter.otlp*` client endpoints) to `name.namespace[.svc[.cluster.local]]:port` of a Service the
 * render has, with that port; the Loki target is a Service of the Loki chart, the Tempo target one of Tempo's.
 */
export function alloyEndpointProblems(objects: readonly K8sObject[], namespace: string): string[] {
  const cm = objects.find((o) => o.kind === "ConfigMap" && o.data?.["config.alloy"] !== undefined);
  if (cm === undefined) return ["no Alloy ConfigMap with config.alloy rendered"];
  const text = cm.data!["config.alloy"]!;
  const blocks = (kind: RegExp) => [...text.matchAll(new RegExp(`^(${kind.source})\\s+"[^"]+"\\s*\\{([\\s\\S]*?)^\\}`, "gm"))].map((m) => ({ kind: m[1]!, body: m[2]! }));
  const targets = [
    ...blocks(/loki\.write/).flatMap((b) => [...b.body.matchAll(/\burl\s*=\s*"([^"]+)"/g)].map((m) => ({ app: "loki", where: `${b.kind} url`, endpoint: m[1]! }))),
    ...blocks(/otelcol\.exporter\.otlp(?:http)?/).flatMap((b) => [...b.body.matchAll(/\bendpoint\s*=\s*"([^"]+)"/g)].map((m) => ({ app: "tempo", where: `${b.kind} endpoint`, endpoint: m[1]! }))),
  ];
  const problems: string[] = [];
  for (const app of ["loki", "tempo"]) if (!targets.some((t) => t.app === app)) problems.push(`Alloy's pipeline sends nothing to ${app === "loki" ? "Loki (no loki.write url)" : "Tempo (no otelcol.exporter.otlp endpoint)"}`);
  for (const t of targets) {
    const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(?:\/.*)?$/.exec(t.endpoint);
    const port = m?.[3] !== undefined ? Number(m[3]) : m?.[1] === "https" ? 443 : m?.[1] === "http" ? 80 : undefined;
    const host = /^([a-z0-9-]+)\.([a-z0-9-]+)(?:\.svc(?:\.cluster\.local)?)?$/.exec(m?.[2] ?? "");
    if (!m || !host || port === undefined) {
      problems.push(`Alloy's ${t.where} ${t.endpoint} is not name.namespace[.svc[.cluster.local]] with a port`);
      continue;
    }
    const [, name, ns] = host;
    const svc = objects.find((o) => o.kind === "Service" && o.metadata.name === name && (o.metadata.namespace ?? namespace) === ns);
    if (svc === undefined) problems.push(`Alloy's ${t.where} ${t.endpoint}: no Service ${ns}/${name} is rendered`);
    else if (!((svc.spec?.ports ?? []) as Array<{ port: number }>).some((p) => p.port === port)) problems.push(`Alloy's ${t.where} ${t.endpoint}: Service ${ns}/${name} has no port ${port} (ports ${((svc.spec?.ports ?? []) as Array<{ port: number }>).map((p) => p.port).join(", ")})`);
    else if (svc.metadata.labels?.["app.kubernetes.io/name"] !== t.app) problems.push(`Alloy's ${t.where} ${t.endpoint}: Service ${ns}/${name} is not ${t.app}'s (app.kubernetes.io/name ${svc.metadata.labels?.["app.kubernetes.io/name"] ?? "unset"})`);
  }
  return problems;
}
