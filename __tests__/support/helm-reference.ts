/**
 * Checks chart values against the pinned chart's own defaults (`values.yaml`, plus `values.schema.json` where
 * the chart ships one), read from `REFERENCE_DIR/helm/<chart>/`. Subchart keys (`grafana.*` in
 * kube-prometheus-stack) are checked against the subchart's values merged with the parent's section, as Helm
 * computes them. Lists are leaves: their items are Kubernetes or component objects, not chart keys.
 */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import type { HelmChartRef } from "../../config/types";
import { REFERENCE_DIR } from "./index";

export type KeyPath = readonly string[];

/** How a chart's keys are judged beyond its defaults, each entry stated explicitly. */
export interface KeyRules {
  /** Maps whose contents are free-form (label maps, component configuration passed through verbatim). */
  readonly freeForm: readonly KeyPath[];
  /** Keys the chart's values.yaml documents only in a comment (`# ingressClassName: nginx`). */
  readonly commented: readonly KeyPath[];
}

interface JsonSchema {
  readonly properties?: Record<string, JsonSchema>;
}

export interface ChartReference {
  readonly folder: string;
  readonly chartYaml: { name: string; version: string };
  /** Effective defaults, subcharts merged in under their names. */
  readonly defaults: Record<string, unknown>;
  readonly schema?: JsonSchema;
  /** Raw values.yaml texts (parent and subcharts), for commented keys. */
  readonly texts: readonly string[];
}

/** Reference folders by chart name; `tempo-distributed` 2.x lives apart from the 3.x (Kafka) line. */
function referenceFolder(chart: HelmChartRef): string {
  if (chart.chart === "tempo-distributed" && chart.version.startsWith("2.")) return "tempo-distributed-2.x";
  return chart.chart;
}

/** The chart folders under REFERENCE_DIR/helm, or undefined when the chart has none. */
export function referenceFolderOf(chart: HelmChartRef): string | undefined {
  const folder = path.join(REFERENCE_DIR, "helm", referenceFolder(chart));
  return fs.existsSync(path.join(folder, "values.yaml")) ? folder : undefined;
}

function isMap(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Helm's value coalescing: `over` wins, maps merge key by key. */
function deepMerge(base: unknown, over: unknown): unknown {
  if (!isMap(base) || !isMap(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

/** Loads the reference of a pinned chart; throws when missing or when its Chart.yaml version differs. */
export function loadChartReference(chart: HelmChartRef): ChartReference {
  const folder = referenceFolderOf(chart);
  if (folder === undefined) throw new Error(`no reference values for ${chart.chart} ${chart.version} under ${path.join(REFERENCE_DIR, "helm")}`);
  const chartYaml = YAML.parse(fs.readFileSync(path.join(folder, "Chart.yaml"), "utf8")) as { name: string; version: string };
  if (chartYaml.name !== chart.chart || String(chartYaml.version) !== chart.version) {
    throw new Error(`reference ${folder} is ${chartYaml.name} ${chartYaml.version}, but config/charts.ts pins ${chart.chart} ${chart.version}`);
  }
  const text = fs.readFileSync(path.join(folder, "values.yaml"), "utf8");
  let defaults = YAML.parse(text) as Record<string, unknown>;
  const texts = [text];
  const subchartsDir = path.join(folder, "subcharts");
  if (fs.existsSync(subchartsDir)) {
    for (const sub of fs.readdirSync(subchartsDir).sort()) {
      const subText = fs.readFileSync(path.join(subchartsDir, sub, "values.yaml"), "utf8");
      texts.push(subText);
      defaults = { ...defaults, [sub]: deepMerge(YAML.parse(subText) ?? {}, defaults[sub]) };
    }
  }
  const schemaFile = path.join(folder, "values.schema.json");
  const schema = fs.existsSync(schemaFile) ? (JSON.parse(fs.readFileSync(schemaFile, "utf8")) as JsonSchema) : undefined;
  return { folder, chartYaml, defaults, schema, texts };
}

/** Renders a key path, quoting keys that contain dots (`grafana."grafana.ini".server`). */
export function formatPath(p: KeyPath): string {
  return p.map((k) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k))).join(".");
}

const startsWith = (p: KeyPath, prefix: KeyPath) => prefix.length <= p.length && prefix.every((k, i) => p[i] === k);
const same = (a: KeyPath, b: KeyPath) => a.length === b.length && startsWith(a, b);

/** The default at `p` and whether the key exists there (in values.yaml or the schema). */
function lookup(ref: ChartReference, p: KeyPath): { exists: boolean; value: unknown } {
  let node: unknown = ref.defaults;
  let schema: JsonSchema | undefined = ref.schema;
  let inDefaults = true;
  for (const key of p) {
    schema = schema?.properties?.[key];
    if (inDefaults && isMap(node) && Object.prototype.hasOwnProperty.call(node, key)) node = node[key];
    else {
      inDefaults = false;
      node = undefined;
    }
    if (!inDefaults && schema === undefined) return { exists: false, value: undefined };
  }
  return { exists: true, value: node };
}

/**
 * Every key path in `values` the pinned chart does not know, formatted; empty when all are known. A key is
 * known when it is in the defaults or schema, under a free-form map, or a listed commented-out key.
 */
export function unknownValueKeys(values: unknown, ref: ChartReference, rules: KeyRules): string[] {
  const unknown: string[] = [];
  const walk = (node: unknown, p: KeyPath) => {
    if (!isMap(node)) return;
    for (const [key, child] of Object.entries(node)) {
      const here = [...p, key];
      if (rules.freeForm.some((f) => startsWith(here, f)) || rules.commented.some((c) => startsWith(here, c))) continue;
      const found = lookup(ref, here);
      if (!found.exists) {
        unknown.push(formatPath(here));
        continue;
      }
      // A container's `resources` is a Kubernetes ResourceRequirements (requests/limits), not chart keys.
      if (key === "resources") continue;
      walk(child, here);
    }
  };
  walk(values, []);
  return unknown;
}

/**
 * Problems with the rules themselves, so the lists cannot hide a typo: every free-form map's parent is a
 * known key, and every commented key's parent is known and the key appears in a comment of values.yaml.
 */
export function ruleProblems(ref: ChartReference, rules: KeyRules): string[] {
  const problems: string[] = [];
  for (const f of rules.freeForm) {
    if (!lookup(ref, f.slice(0, -1)).exists) problems.push(`free-form ${formatPath(f)}: parent is not a key of the chart`);
  }
  for (const c of rules.commented) {
    if (!lookup(ref, c.slice(0, -1)).exists) problems.push(`commented ${formatPath(c)}: parent is not a key of the chart`);
    const key = c[c.length - 1]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    if (!ref.texts.some((t) => new RegExp(`^\\s*#\\s*${key}:`, "m").test(t))) problems.push(`commented ${formatPath(c)}: no "# ${c[c.length - 1]}:" comment in values.yaml`);
    if (lookup(ref, c).exists) problems.push(`commented ${formatPath(c)}: is an actual key; remove it from the list`);
  }
  const dupes = [...rules.freeForm, ...rules.commented].filter((a, i, all) => all.findIndex((b) => same(a, b)) !== i);
  for (const d of dupes) problems.push(`${formatPath(d)} is listed twice`);
  return problems;
}
