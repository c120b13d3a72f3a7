/**
 * The program's import graph and the three rules it must keep (STYLE.md, "Dependencies point one way"):
 *
 * - direction: an import goes from a layer to the same or a lower one, never up. The layers, lowest first:
 *   config → pure data (signals, alerts, dashboards, metrics, secrets) → constructs → stacks (composition) → the app
 *   pipeline (main.ts, app/: synthesize, policy gate, publish, summary) → tools (tools/: docs generators, review,
 *   dependency check; scripts, bench). Folders of one layer may import each other.
 * - layout: every source module belongs to a layer, and output folders (docs/) hold no code.
 * - private: a module under a `private/` folder is imported only from inside that folder's parent, and a module of
 *   an internal folder (INTERNAL_FOLDERS: config/validation/) only from inside its owner.
 * - cycles: no two modules reach each other through imports (type-only imports count: they are the same coupling).
 *
 * Type-only and re-export specifiers count, `.gen/` and packages are outside the graph, tests (`__tests__/`) are
 * not checked. Pure function of the files under `root`, so a test runs it on the tree and on seeded fixtures.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/** The layers, lowest first; a top-level path (folder or file) belongs to the first layer that lists it. */
export const LAYERS: readonly { readonly name: string; readonly paths: readonly string[] }[] = [
  { name: "config", paths: ["config"] },
  { name: "pure data", paths: ["signals", "alerts", "dashboards", "metrics", "secrets"] },
  { name: "constructs", paths: ["constructs"] },
  { name: "stacks", paths: ["stacks"] },
  { name: "app", paths: ["main.ts", "app"] },
  { name: "tools", paths: ["tools", "scripts", "bench"] },
];

/** Folders that hold only output (generated pages, hand-written handbook pages): a source module there is a breach. */
export const OUTPUT_FOLDERS: readonly string[] = ["docs"];

/** Folders that, like `private/`, serve only their owner: a construct takes a config value, never a validation helper. */
export const INTERNAL_FOLDERS: Readonly<Record<string, string>> = { "config/validation": "config" };

/** One breach of a rule, as `rule: from -> to (why)`. */
export interface DependencyViolation {
  readonly rule: "direction" | "private" | "cycle" | "layout";
  readonly from: string;
  readonly to: string;
  readonly detail: string;
}

/** An accepted breach, with the reason it stays for now. */
export interface AllowedViolation {
  readonly rule: DependencyViolation["rule"];
  readonly from: string;
  readonly to: string;
  readonly why: string;
}

const SKIPPED = new Set(["node_modules", ".gen", "dist", "out", "cdktf.out", "__tests__", ".git", ".tools"]);

function sourceFiles(root: string, dir = ""): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir === "" ? entry.name : `${dir}/${entry.name}`;
    if (SKIPPED.has(entry.name) || entry.name.startsWith(".")) continue;
    if (entry.isDirectory()) files.push(...sourceFiles(root, rel));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) files.push(rel);
  }
  return files.sort();
}

function resolveRelative(root: string, from: string, specifier: string): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) {
    if (candidate.endsWith(".ts") && fs.existsSync(path.join(root, candidate))) return candidate;
  }
  return undefined;
}

/** Module → the repo modules it imports (relative specifiers that resolve to a .ts file under `root`). */
export function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const imported = ts
      .preProcessFile(fs.readFileSync(path.join(root, file), "utf8"), true, true)
      .importedFiles.map((f) => f.fileName)
      .filter((specifier) => specifier.startsWith("."))
      .map((specifier) => resolveRelative(root, file, specifier))
      .filter((target): target is string => target !== undefined);
    graph.set(file, [...new Set(imported)].sort());
  }
  return graph;
}

/** Index into LAYERS of a module, or undefined for a module outside every layer. */
export function layerOf(file: string): number | undefined {
  const index = LAYERS.findIndex((layer) => layer.paths.some((p) => file === p || file.startsWith(`${p}/`)));
  return index < 0 ? undefined : index;
}

function directionViolations(graph: Map<string, string[]>): DependencyViolation[] {
  const found: DependencyViolation[] = [];
  for (const [from, targets] of graph) {
    const fromLayer = layerOf(from);
    for (const to of targets) {
      const toLayer = layerOf(to);
      if (fromLayer === undefined || toLayer === undefined || toLayer <= fromLayer) continue;
      found.push({ rule: "direction", from, to, detail: `${LAYERS[fromLayer]!.name} imports the higher layer ${LAYERS[toLayer]!.name}` });
    }
  }
  return found;
}

function privateViolations(graph: Map<string, string[]>): DependencyViolation[] {
  const found: DependencyViolation[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const parts = to.split("/");
      const owners = parts.flatMap((part, i) => (part === "private" ? [[`${parts.slice(0, i + 1).join("/")}/`, parts.slice(0, i).join("/")]] : []));
      for (const [folder, owner] of Object.entries(INTERNAL_FOLDERS)) if (to.startsWith(`${folder}/`)) owners.push([`${folder}/`, owner]);
      for (const [folder, owner] of owners) {
        if (!from.startsWith(`${owner}/`)) found.push({ rule: "private", from, to, detail: `${folder} is imported from outside ${owner}/` });
      }
    }
  }
  return found;
}

/** Strongly connected components of more than one module (or a module importing itself), Tarjan's algorithm. */
function cycleViolations(graph: Map<string, string[]>): DependencyViolation[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: DependencyViolation[] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let member = stack.pop()!; ; member = stack.pop()!) {
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) {
      const members = component.sort();
      const edges = members.flatMap((from) => (graph.get(from) ?? []).filter((to) => members.includes(to)).map((to) => `${from} -> ${to}`));
      found.push({ rule: "cycle", from: members[0]!, to: members.at(-1)!, detail: `import cycle: ${edges.join(", ")}` });
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/** Modules in an output folder, or outside every layer (a new top-level folder must be given its layer). */
function layoutViolations(graph: Map<string, string[]>): DependencyViolation[] {
  const found: DependencyViolation[] = [];
  for (const file of graph.keys()) {
    const output = OUTPUT_FOLDERS.find((folder) => file.startsWith(`${folder}/`));
    if (output !== undefined) found.push({ rule: "layout", from: file, to: `${output}/`, detail: `${output}/ holds only output; its code belongs under tools/` });
    else if (layerOf(file) === undefined) found.push({ rule: "layout", from: file, to: file.split("/")[0]!, detail: "belongs to no layer: give its folder one in LAYERS, tools/dependency-check.ts" });
  }
  return found;
}

/** Every breach of the direction, private, cycle and layout rules under `root`, in a stable order. */
export function dependencyViolations(root: string): DependencyViolation[] {
  const graph = importGraph(root);
  return [...directionViolations(graph), ...privateViolations(graph), ...cycleViolations(graph), ...layoutViolations(graph)];
}

/** The violations no allow-list entry accepts, and the allow-list entries that match nothing (stale). */
export function unexplained(
  violations: readonly DependencyViolation[],
  allowed: readonly AllowedViolation[],
): { readonly violations: DependencyViolation[]; readonly stale: AllowedViolation[] } {
  const matches = (v: DependencyViolation, a: AllowedViolation) => v.rule === a.rule && v.from === a.from && v.to === a.to;
  return {
    violations: violations.filter((v) => !allowed.some((a) => matches(v, a))),
    stale: allowed.filter((a) => !violations.some((v) => matches(v, a))),
  };
}

/** One line per violation, for a failure message. */
export function formatViolations(violations: readonly DependencyViolation[]): string {
  return violations.map((v) => `${v.rule}: ${v.from} -> ${v.to} (${v.detail})`).join("\n");
}
