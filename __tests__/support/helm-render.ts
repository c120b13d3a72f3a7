/**
 * V2: renders `helm_release` resources of synthesized Terraform JSON with the real charts, as the Helm provider
 * hands them to Helm: the `values` documents in order, `set` / `set_list` / `set_sensitive` entries, chart,
 * version, namespace and release name. Terraform template interpolations (`${...}`) are replaced by stand-ins of
 * the attribute's type and shape (a bucket's name, a port number, an endpoint host), so a value that would break
 * once Terraform fills it in (a quoted string inside a string) breaks here too.
 *
 * Charts come from `$FX_REFERENCE_DIR/helm-charts/<chart>-<version>/` (the chart's published source, dependencies
 * in `charts/`; a declared dependency missing there is left out of a linked copy and reported, see renderableChart); a release whose `chart` is a local path (no `repository`) renders from that path, resolved from
 * the stack's folder, where Terraform runs. Helm is `.tools/bin/helm` (scripts/ensure-helm.sh).
 */
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import { ENVIRONMENTS, ENVIRONMENT_NAMES } from "../../config/environments";
import type { EnvironmentConfig } from "../../config/types";
import { REFERENCE_DIR, ROOT } from "./index";

/** The helm binary scripts/ensure-helm.sh installs. */
export const HELM = path.join(ROOT, ".tools/bin/helm");

/** API groups the charts' ServiceMonitor and PrometheusRule templates look for (kube-prometheus-stack installs them). */
export const EXTRA_API_VERSIONS = ["monitoring.coreos.com/v1", "monitoring.coreos.com/v1alpha1"] as const;

/** A Kubernetes object of a rendered manifest. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly spec?: Record<string, unknown>;
  readonly data?: Record<string, string>;
  readonly [key: string]: unknown;
}

type Block = Record<string, unknown>;

/** A stack's synthesized Terraform JSON. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, Block>>;
  readonly data?: Record<string, Record<string, Block>>;
}

/** One `helm_release` of a synthesized stack, with what Helm needs to render it. */
export interface ReleaseUnderTest {
  readonly env: EnvironmentConfig;
  readonly stack: string;
  /** Folder of the stack's cdk.tf.json: where Terraform runs, so where a relative local chart path starts. */
  readonly stackDir: string;
  readonly json: StackJson;
  readonly logicalId: string;
  readonly resource: Block;
}

/** Where a release failed to render (or its inputs failed to resolve), with Helm's own message. */
export interface RenderResult {
  readonly release: ReleaseUnderTest;
  readonly label: string;
  readonly objects: readonly K8sObject[];
  /** Subcharts the chart declares but the reference set lacks (in `charts/`), so they were left out of the render. */
  readonly omittedSubcharts: readonly string[];
  readonly error?: string;
}

/** `[env] helm_release.<id> (release <name>, chart <chart> <version>)` */
export function releaseLabel(r: Pick<ReleaseUnderTest, "env" | "logicalId" | "resource">): string {
  const res = r.resource;
  return `[${r.env.name}] helm_release.${r.logicalId} (release ${String(res.name)}, chart ${String(res.chart)} ${String(res.version ?? "(local)")})`;
}

/** Every helm_release of every stack written under `outdir/stacks`, in stack then logical-ID order. */
export function releasesOf(outdir: string): ReleaseUnderTest[] {
  const stacksDir = path.join(outdir, "stacks");
  const found: ReleaseUnderTest[] = [];
  for (const stack of fs.readdirSync(stacksDir).sort()) {
    const file = path.join(stacksDir, stack, "cdk.tf.json");
    if (!fs.existsSync(file)) continue;
    const json = JSON.parse(fs.readFileSync(file, "utf8")) as StackJson;
    const helmReleases = json.resource?.helm_release ?? {};
    if (Object.keys(helmReleases).length === 0) continue;
    const envName = ENVIRONMENT_NAMES.find((e) => stack.startsWith(`fx-trader-${e}-`));
    if (envName === undefined) throw new Error(`stack ${stack} has helm_release resources but belongs to no environment (${ENVIRONMENT_NAMES.join(", ")})`);
    for (const [logicalId, resource] of Object.entries(helmReleases).sort(([a], [b]) => a.localeCompare(b))) {
      found.push({ env: ENVIRONMENTS[envName], stack, stackDir: path.dirname(file), json, logicalId, resource });
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Terraform interpolations → stand-ins

type TfValue = string | number | boolean;

/** The resource (or data source) a reference such as `aws_s3_bucket.x.id` or `data.aws_rds_cluster.x.port` names. */
interface Reference {
  readonly address: string;
  /** `aws_s3_bucket` or `data.aws_rds_cluster` */
  readonly type: string;
  readonly block: Block | undefined;
  /** The attribute path after the resource, e.g. `metadata[0].name` → ["metadata", 0, "name"]. */
  readonly attribute: ReadonlyArray<string | number>;
}

const FAKE_ACCOUNT = "000000000000";

/**
 * Stand-ins for attributes Terraform computes at apply time, by `<type>.<attribute>`, with the attribute's type
 * (numbers stay numbers) and shape (hosts are host names, ARNs are ARNs). A reference that is neither here nor a
 * literal argument of its resource fails the render with a message saying to add one.
 */
const COMPUTED: Readonly<Record<string, (ref: Reference, env: EnvironmentConfig) => TfValue>> = {
  "aws_s3_bucket.id": (ref) => literalArgument(ref, ["bucket"]),
  "aws_s3_bucket.arn": (ref) => `arn:aws:s3:::${String(literalArgument(ref, ["bucket"]))}`,
  "data.aws_rds_cluster.endpoint": (ref, env) => `${String(literalArgument(ref, ["cluster_identifier"]))}.cluster-c0standin.${env.region}.rds.amazonaws.com`,
  "data.aws_rds_cluster.port": () => 5432,
  "data.aws_db_instance.address": (ref, env) => `${String(literalArgument(ref, ["db_instance_identifier"]))}.c0standin.${env.region}.rds.amazonaws.com`,
  "data.aws_db_instance.port": () => 5432,
  "data.aws_elasticache_replication_group.primary_endpoint_address": (ref) => `master.${String(literalArgument(ref, ["replication_group_id"]))}.standin.apne1.cache.amazonaws.com`,
  "data.aws_elasticache_replication_group.port": () => 6379,
  "aws_prometheus_workspace.prometheus_endpoint": (_ref, env) => `https://aps-workspaces.${env.region}.amazonaws.com/workspaces/ws-00000000-0000-0000-0000-000000000000/`,
  "aws_prometheus_workspace.arn": (_ref, env) => `arn:aws:aps:${env.region}:${FAKE_ACCOUNT}:workspace/ws-00000000-0000-0000-0000-000000000000`,
  "aws_iam_role.arn": (ref) => `arn:aws:iam::${FAKE_ACCOUNT}:role/${String(literalArgument(ref, ["name"]))}`,
  "aws_kms_key.arn": (_ref, env) => `arn:aws:kms:${env.region}:${FAKE_ACCOUNT}:key/00000000-0000-0000-0000-000000000000`,
};

/** The literal value of an argument of the referenced block (blocks may be lists of one: `metadata[0].name`). */
function literalArgument(ref: Reference, attribute: ReadonlyArray<string | number>): TfValue {
  let node: unknown = ref.block;
  for (const key of attribute) {
    if (typeof key === "number") {
      if (Array.isArray(node)) node = node[key];
      else if (key !== 0) node = undefined; // cdktf writes a single nested block as an object
      continue;
    }
    node = typeof node === "object" && node !== null ? (node as Block)[key] : undefined;
  }
  if ((typeof node === "string" && !node.includes("${")) || typeof node === "number" || typeof node === "boolean") return node;
  throw new Error(`no stand-in for ${ref.address}.${formatAttribute(ref.attribute)}: not a literal argument of the resource; add one to COMPUTED in __tests__/support/helm-render.ts`);
}

function formatAttribute(attr: ReadonlyArray<string | number>): string {
  return attr.map((a) => (typeof a === "number" ? `[${a}]` : a)).join(".").replace(/\.\[/g, "[");
}

/** A tiny reader of the Terraform expressions cdktf writes into strings: references, literals, function calls. */
class ExpressionReader {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly json: StackJson,
    private readonly env: EnvironmentConfig,
  ) {}

  read(): TfValue {
    const value = this.expression();
    this.skipSpace();
    if (this.pos !== this.text.length) throw new Error(`cannot read Terraform expression \${${this.text}} at "${this.text.slice(this.pos)}"`);
    return value;
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.pos] ?? "")) this.pos++;
  }

  private expression(): TfValue {
    this.skipSpace();
    const rest = this.text.slice(this.pos);
    const str = /^"((?:[^"\\]|\\.)*)"/.exec(rest);
    if (str) {
      this.pos += str[0].length;
      return JSON.parse(`"${str[1]}"`) as string;
    }
    const num = /^-?\d+(\.\d+)?/.exec(rest);
    if (num) {
      this.pos += num[0].length;
      return Number(num[0]);
    }
    const ident = /^[A-Za-z_][\w-]*/.exec(rest);
    if (!ident) throw new Error(`cannot read Terraform expression \${${this.text}} at "${rest}"`);
    this.pos += ident[0].length;
    if (this.text[this.pos] === "(") return this.call(ident[0]);
    return this.reference(ident[0]);
  }

  private call(name: string): TfValue {
    this.pos++; // (
    const args: TfValue[] = [];
    this.skipSpace();
    while (this.text[this.pos] !== ")") {
      args.push(this.expression());
      this.skipSpace();
      if (this.text[this.pos] === ",") this.pos++;
      else if (this.text[this.pos] !== ")") throw new Error(`cannot read Terraform expression \${${this.text}}: expected "," or ")" in ${name}(...)`);
      this.skipSpace();
    }
    this.pos++; // )
    const [first] = args;
    switch (name) {
      case "jsonencode":
        return JSON.stringify(first);
      case "tostring":
        return String(first);
      case "tonumber":
        return Number(first);
      default:
        throw new Error(`no stand-in for Terraform function ${name}() in \${${this.text}}; add it to ExpressionReader in __tests__/support/helm-render.ts`);
    }
  }

  private reference(head: string): TfValue {
    const parts: Array<string | number> = [head];
    for (;;) {
      const rest = this.text.slice(this.pos);
      const attr = /^\.([A-Za-z_][\w-]*)/.exec(rest);
      const index = /^\[(\d+)\]/.exec(rest);
      if (attr) {
        parts.push(attr[1]!);
        this.pos += attr[0].length;
      } else if (index) {
        parts.push(Number(index[1]));
        this.pos += index[0].length;
      } else break;
    }
    const isData = head === "data";
    const [type, name] = (isData ? parts.slice(1, 3) : parts.slice(0, 2)) as [string, string];
    const attribute = parts.slice(isData ? 3 : 2);
    const typeKey = isData ? `data.${type}` : type;
    const blocks = isData ? this.json.data : this.json.resource;
    const ref: Reference = { address: `${typeKey}.${name}`, type: typeKey, block: blocks?.[type]?.[name], attribute };
    if (ref.block === undefined) throw new Error(`\${${this.text}} references ${ref.address}, which the stack does not declare`);
    const computed = COMPUTED[`${typeKey}.${formatAttribute(attribute)}`];
    return computed ? computed(ref, this.env) : literalArgument(ref, attribute);
  }
}

/**
 * The string Terraform would produce from a JSON string of the stack: `${expr}` replaced by the stand-in of
 * `expr` (as text), `$${` and `%%{` unescaped. A template directive (`%{`) is rejected: nothing here writes one.
 */
export function interpolate(text: string, json: StackJson, env: EnvironmentConfig): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("$${", i) || text.startsWith("%%{", i)) {
      out += `${text[i]}{`;
      i += 3;
    } else if (text.startsWith("%{", i)) {
      throw new Error(`Terraform template directive at "${text.slice(i, i + 40)}": write a literal %{ as %%{`);
    } else if (text.startsWith("${", i)) {
      let depth = 1;
      let j = i + 2;
      let quoted = false;
      for (; j < text.length && depth > 0; j++) {
        const ch = text[j];
        if (quoted) {
          if (ch === "\\") j++;
          else if (ch === '"') quoted = false;
        } else if (ch === '"') quoted = true;
        else if (ch === "{") depth++;
        else if (ch === "}") depth--;
      }
      if (depth !== 0) throw new Error(`unterminated Terraform interpolation at "${text.slice(i, i + 40)}"`);
      out += String(new ExpressionReader(text.slice(i + 2, j - 1), json, env).read());
      i = j;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Rendering

/** The chart folder a release renders from; throws when the reference set has no source for the pin. */
export function chartFolder(r: ReleaseUnderTest): string {
  const res = r.resource;
  const chart = String(res.chart);
  if (res.repository === undefined) {
    const local = path.resolve(r.stackDir, chart);
    if (!fs.existsSync(path.join(local, "Chart.yaml"))) throw new Error(`local chart ${chart} (from ${r.stackDir}) has no Chart.yaml`);
    return local;
  }
  const version = String(res.version);
  const folder = path.join(REFERENCE_DIR, "helm-charts", `${chart}-${version}`);
  if (!fs.existsSync(path.join(folder, "Chart.yaml"))) {
    const known = fs.existsSync(path.join(REFERENCE_DIR, "helm-charts"))
      ? fs.readdirSync(path.join(REFERENCE_DIR, "helm-charts")).filter((f) => f.startsWith(`${chart}-`)).map((f) => f.slice(chart.length + 1))
      : [];
    throw new Error(
      `${chart} ${version} is pinned, but its source is not in the reference set (${path.join(REFERENCE_DIR, "helm-charts")}): ` +
        `a version that cannot be verified cannot be pinned (verifiable: ${known.join(", ") || "none"})`,
    );
  }
  const meta = YAML.parse(fs.readFileSync(path.join(folder, "Chart.yaml"), "utf8")) as { name: string; version: string };
  if (meta.name !== chart || String(meta.version) !== version) throw new Error(`${folder} holds ${meta.name} ${meta.version}, not ${chart} ${version}`);
  return folder;
}

interface SetEntry {
  readonly name: string;
  readonly value: string;
  readonly type?: string;
}

interface Dependency {
  readonly name: string;
  readonly version?: string;
  readonly alias?: string;
}

/** The dependencies `folder`'s Chart.yaml declares that its `charts/` holds neither as a folder nor as an archive. */
export function missingDependencies(folder: string): string[] {
  const meta = YAML.parse(fs.readFileSync(path.join(folder, "Chart.yaml"), "utf8")) as { dependencies?: Dependency[] };
  const chartsDir = path.join(folder, "charts");
  const entries = fs.existsSync(chartsDir) ? fs.readdirSync(chartsDir) : [];
  const present = new Set<string>();
  for (const e of entries) {
    const chartYaml = path.join(chartsDir, e, "Chart.yaml");
    if (fs.existsSync(chartYaml)) present.add(String((YAML.parse(fs.readFileSync(chartYaml, "utf8")) as { name: string }).name));
    else if (e.endsWith(".tgz")) present.add(e.replace(/-\d[^-]*(-[^-]+)?\.tgz$/, ""));
  }
  return (meta.dependencies ?? []).map((d) => d.name).filter((name) => !present.has(name));
}

/**
 * Defaults of an omitted subchart that the parent chart's own templates read (`index .Values "<subchart>"`), as
 * the subchart's published values.yaml sets them (kube-state-metrics 8.4.0 and prometheus-node-exporter 4.56.1,
 * `$FX_REFERENCE_DIR/helm/kube-prometheus-stack/subcharts/<name>/values.yaml`); passed as the first values document (so the release's values
 * still win) when the subchart is left out. Without them the parent's templates fail on a nil value.
 */
export const OMITTED_SUBCHART_DEFAULTS: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>> = {
  "kube-prometheus-stack": {
    "kube-state-metrics": { kubeRBACProxy: { enabled: false } },
    "prometheus-node-exporter": { kubeRBACProxy: { enabled: false } },
  },
};

/**
 * The folder Helm renders `folder` from, and the subcharts left out. When the reference set lacks a declared
 * subchart (Helm refuses: "found in Chart.yaml, but missing in charts/ directory"), a copy in `workDir` links
 * every entry of the reference chart except Chart.yaml and Chart.lock, which are written without exactly the
 * missing dependencies. The reference set itself is never changed.
 */
export function renderableChart(folder: string, workDir: string): { folder: string; omitted: string[] } {
  const omitted = missingDependencies(folder);
  if (omitted.length === 0) return { folder, omitted };
  const copy = path.join(workDir, "chart", path.basename(folder));
  fs.mkdirSync(copy, { recursive: true });
  for (const entry of fs.readdirSync(folder)) {
    if (entry === "Chart.yaml" || entry === "Chart.lock") continue;
    fs.symlinkSync(path.join(folder, entry), path.join(copy, entry));
  }
  for (const file of ["Chart.yaml", "Chart.lock"]) {
    if (!fs.existsSync(path.join(folder, file))) continue;
    const doc = YAML.parseDocument(fs.readFileSync(path.join(folder, file), "utf8"));
    const deps = doc.get("dependencies") as YAML.YAMLSeq<YAML.YAMLMap> | undefined;
    if (deps) deps.items = deps.items.filter((d) => !omitted.includes(String(d.get("name"))));
    fs.writeFileSync(path.join(copy, file), doc.toString());
  }
  return { folder: copy, omitted };
}

/** The helm template arguments of a release, with its values documents written to `workDir`. */
export function helmArguments(r: ReleaseUnderTest, workDir: string): string[] {
  return helmInvocation(r, workDir).args;
}

/** helmArguments, with the subcharts left out of the chart (see renderableChart). */
export function helmInvocation(r: ReleaseUnderTest, workDir: string): { args: string[]; omitted: string[] } {
  const res = r.resource;
  const values = (res.values ?? []) as string[];
  const chart = renderableChart(chartFolder(r), workDir);
  const args = ["template", String(res.name), chart.folder, "--namespace", String(res.namespace ?? "default")];
  args.push("--kube-version", `${r.env.eks.kubernetesVersion}.0`);
  for (const api of EXTRA_API_VERSIONS) args.push("--api-versions", api);
  const defaults = OMITTED_SUBCHART_DEFAULTS[String(res.chart)] ?? {};
  const standIns = Object.fromEntries(chart.omitted.filter((d) => defaults[d] !== undefined).map((d) => [d, defaults[d]]));
  if (Object.keys(standIns).length > 0) {
    const file = path.join(workDir, "values-omitted-subchart-defaults.yaml");
    fs.writeFileSync(file, JSON.stringify(standIns));
    args.push("--values", file);
  }
  values.forEach((doc, i) => {
    const file = path.join(workDir, `values-${i}.yaml`);
    fs.writeFileSync(file, interpolate(doc, r.json, r.env));
    args.push("--values", file);
  });
  for (const key of ["set", "set_sensitive"] as const) {
    for (const s of (res[key] ?? []) as SetEntry[]) {
      args.push(s.type === "string" ? "--set-string" : "--set", `${s.name}=${interpolate(String(s.value), r.json, r.env)}`);
    }
  }
  for (const s of (res.set_list ?? []) as Array<{ name: string; value: string[] }>) {
    args.push("--set", `${s.name}={${s.value.map((v) => interpolate(v, r.json, r.env)).join(",")}}`);
  }
  return { args, omitted: chart.omitted };
}

function runHelm(args: string[]): Promise<HelmRun> {
  return new Promise((resolve) => {
    execFile(HELM, args, { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, HELM_CACHE_HOME: os.tmpdir() } }, (error, stdout, stderr) => {
      resolve({ stdout, stderr: stderr || (error ? error.message : ""), ok: error === null });
    });
  });
}

type HelmRun = { stdout: string; stderr: string; ok: boolean };

/** What decides a render's output: Helm's arguments (work folder elided) and the content of every values file. */
function renderKey(args: readonly string[], workDir: string): string {
  const hash = crypto.createHash("sha256");
  args.forEach((arg, i) => {
    hash.update(arg.split(workDir).join("<work>")).update("\0");
    if (args[i - 1] === "--values") hash.update(fs.readFileSync(arg)).update("\0");
  });
  return hash.digest("hex");
}

/**
 * One `helm template` per distinct input across every jest worker of a run: the render suite and the secret-consumer
 * suite render the same releases. The first worker to claim a key (an exclusive mkdir) renders and writes the result;
 * the others wait for that file (and render themselves if it never comes). Scoped to the run's shared folder
 * (global-setup.cjs), so nothing outlives the run; without it, every call renders.
 */
async function sharedRender(key: string, render: () => Promise<HelmRun>): Promise<HelmRun> {
  const shared = process.env.FX_TEST_SHARED_SYNTH;
  if (!shared) return render();
  const dir = path.join(shared, "helm-renders");
  fs.mkdirSync(dir, { recursive: true });
  const result = path.join(dir, `${key}.json`);
  try {
    fs.mkdirSync(path.join(dir, `${key}.claim`));
  } catch {
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
      if (fs.existsSync(result)) return JSON.parse(fs.readFileSync(result, "utf8")) as HelmRun;
      await new Promise((r) => setTimeout(r, 100));
    }
    return render();
  }
  const out = await render();
  fs.writeFileSync(`${result}.tmp`, JSON.stringify(out));
  fs.renameSync(`${result}.tmp`, result);
  return out;
}

/** Parses helm template's output into objects (empty documents dropped). */
export function parseManifests(text: string): K8sObject[] {
  return text
    .split(/^---\s*$/m)
    .map((doc) => YAML.parse(doc) as K8sObject | null)
    .filter((o): o is K8sObject => o !== null && typeof o === "object" && typeof o.kind === "string" && typeof o.metadata === "object");
}

/**
 * Renders every release, `concurrency` helm processes at a time. Never throws for a release: its problem (a
 * missing chart source, an interpolation without stand-in, Helm's error) is its result's `error`.
 */
export async function renderReleases(releases: readonly ReleaseUnderTest[], concurrency = Math.max(2, os.cpus().length)): Promise<RenderResult[]> {
  const results: RenderResult[] = new Array(releases.length);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "fx-helm-render-"));
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < releases.length; i = next++) {
      const release = releases[i]!;
      const label = releaseLabel(release);
      const workDir = path.join(root, String(i));
      fs.mkdirSync(workDir);
      let invocation: { args: string[]; omitted: string[] };
      try {
        invocation = helmInvocation(release, workDir);
      } catch (e) {
        results[i] = { release, label, objects: [], omittedSubcharts: [], error: `${label}: ${(e as Error).message}` };
        continue;
      }
      const out = await sharedRender(renderKey(invocation.args, workDir), () => runHelm(invocation.args));
      const omittedSubcharts = invocation.omitted;
      results[i] = out.ok
        ? { release, label, objects: parseManifests(out.stdout), omittedSubcharts }
        : { release, label, objects: [], omittedSubcharts, error: `${label}: helm template failed: ${out.stderr.trim()}` };
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, releases.length) }, worker));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return results;
}

/** Why the render suite cannot run here (helm or the chart sources missing), or undefined when it can. */
export function renderPrerequisiteMissing(): string | undefined {
  if (!fs.existsSync(HELM)) return `${HELM} is missing: run bash scripts/ensure-helm.sh (npm test's pretest does)`;
  if (!fs.existsSync(path.join(REFERENCE_DIR, "helm-charts"))) return `no chart sources at ${path.join(REFERENCE_DIR, "helm-charts")}: set FX_REFERENCE_DIR to the reference set`;
  return undefined;
}
