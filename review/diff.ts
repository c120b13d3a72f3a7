/**
 * Resource-by-resource comparison of two synthesized trees. Resources are matched by stack and Terraform
 * address (`type.name`), so reordering in the JSON is not a change; arrays are compared as multisets when
 * their elements only moved (blocks such as lifecycle rules or tags lists reordered are not changes).
 * Helm `values` YAML documents are parsed so a change reports the chart key that changed.
 */
import { parse as parseYaml } from "yaml";
import type { Json, StackJson, SynthTree } from "./tree";

export interface AttributeChange {
  /** Dotted path inside the resource, e.g. `rule[0].expiration[0].days` or `values[0].loki.limits_config.retention_period`. */
  readonly path: string;
  readonly before: Json | undefined;
  readonly after: Json | undefined;
}

export interface ResourceChange {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly kind: "added" | "removed" | "changed";
  readonly before?: Record<string, Json>;
  readonly after?: Record<string, Json>;
  readonly attributes: readonly AttributeChange[];
}

export interface FileChange {
  readonly path: string;
  readonly kind: "added" | "removed" | "changed";
  readonly before?: string;
  readonly after?: string;
}

export interface TreeDiff {
  readonly stacksAdded: readonly string[];
  readonly stacksRemoved: readonly string[];
  readonly resources: readonly ResourceChange[];
  readonly files: readonly FileChange[];
}

/** Canonical JSON: object keys sorted, so equal values give equal strings. */
export function canonical(value: Json | undefined): string {
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Canonical JSON that also ignores the order of array elements, at every depth. */
export function canonicalUnordered(value: Json | undefined): string {
  if (Array.isArray(value)) return `[${value.map(canonicalUnordered).sort().join(",")}]`;
  if (value !== null && value !== undefined && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalUnordered(value[k])}`).join(",")}}`;
  }
  return value === undefined ? "undefined" : JSON.stringify(value);
}

function sameMultiset(a: Json[], b: Json[]): boolean {
  return a.length === b.length && canonicalUnordered(a) === canonicalUnordered(b);
}

/** Helm `values` entries are YAML strings; parse them so diffs name chart keys. */
function expandHelmValues(type: string, resource: Record<string, Json>): Record<string, Json> {
  if (type !== "helm_release" || !Array.isArray(resource.values)) return resource;
  return {
    ...resource,
    values: resource.values.map((v) => (typeof v === "string" ? ((parseYaml(v) ?? null) as Json) : v)),
  };
}

/** Attribute-level differences between two JSON values, by path. */
export function diffValues(before: Json | undefined, after: Json | undefined, path = ""): AttributeChange[] {
  if (canonical(before) === canonical(after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    if (sameMultiset(before, after)) return [];
    if (before.length !== after.length) {
      // Elements added or removed: compare the unmatched ones so the change reads as "added X", "removed Y".
      const bc = before.map(canonical);
      const ac = after.map(canonical);
      if (before.length === 1 && after.length === 1) return diffValues(before[0], after[0], `${path}[0]`);
      const removed = before.filter((_, i) => !ac.includes(bc[i]!));
      const added = after.filter((_, i) => !bc.includes(ac[i]!));
      return [{ path, before: removed.length > 0 ? removed : undefined, after: added.length > 0 ? added : undefined }];
    }
    return before.flatMap((b, i) => diffValues(b, after[i], `${path}[${i}]`));
  }
  const isObj = (v: Json | undefined): v is { [k: string]: Json } => v !== null && v !== undefined && typeof v === "object" && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffValues(before[k], after[k], path === "" ? k : `${path}.${k}`));
  }
  return [{ path, before, after }];
}

function resourcesOf(stack: StackJson | undefined): Map<string, { type: string; name: string; body: Record<string, Json> }> {
  const out = new Map<string, { type: string; name: string; body: Record<string, Json> }>();
  for (const [type, byName] of Object.entries(stack?.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) out.set(`${type}.${name}`, { type, name, body: expandHelmValues(type, body) });
  }
  return out;
}

/** Compares two synthesized trees. Output order is deterministic (stack, then address). */
export function diffTrees(base: SynthTree, head: SynthTree): TreeDiff {
  const stackNames = [...new Set([...base.stacks.keys(), ...head.stacks.keys()])].sort();
  const resources: ResourceChange[] = [];
  for (const stack of stackNames) {
    const before = resourcesOf(base.stacks.get(stack));
    const after = resourcesOf(head.stacks.get(stack));
    for (const address of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      const b = before.get(address);
      const a = after.get(address);
      const { type, name } = (a ?? b)!;
      if (b === undefined) resources.push({ stack, type, name, kind: "added", after: a!.body, attributes: [] });
      else if (a === undefined) resources.push({ stack, type, name, kind: "removed", before: b.body, attributes: [] });
      else {
        const attributes = diffValues(b.body, a.body);
        if (attributes.length > 0) resources.push({ stack, type, name, kind: "changed", before: b.body, after: a.body, attributes });
      }
    }
  }
  const files: FileChange[] = [];
  for (const path of [...new Set([...base.reviewFiles.keys(), ...head.reviewFiles.keys()])].sort()) {
    const b = base.reviewFiles.get(path);
    const a = head.reviewFiles.get(path);
    if (b === a) continue;
    files.push(b === undefined ? { path, kind: "added", after: a } : a === undefined ? { path, kind: "removed", before: b } : { path, kind: "changed", before: b, after: a });
  }
  return {
    stacksAdded: stackNames.filter((s) => !base.stacks.has(s)),
    stacksRemoved: stackNames.filter((s) => !head.stacks.has(s)),
    resources,
    files,
  };
}
