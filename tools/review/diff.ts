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

/**
 * What a non-resource block of a stack is. Each changes the plan as much as a resource can: the backend
 * decides which state the plan starts from, a provider's settings (region, account, default tags) reach every
 * resource it manages, data sources feed resources, outputs and locals feed other stacks and resources.
 */
export type BlockKind = "backend" | "required_provider" | "terraform" | "provider" | "data" | "ephemeral" | "output" | "locals" | "variable" | "module" | "other";

/** A change of a stack's non-resource block, matched by its address. */
export interface BlockChange {
  readonly stack: string;
  readonly block: BlockKind;
  /** `backend.s3`, `provider.aws`, `provider.aws.dr` (alias), `data.<type>.<name>`, `output.<name>`, `local.<name>`, ... */
  readonly address: string;
  readonly kind: "added" | "removed" | "changed";
  readonly before?: Json;
  readonly after?: Json;
  readonly attributes: readonly AttributeChange[];
}

export interface TreeDiff {
  readonly stacksAdded: readonly string[];
  readonly stacksRemoved: readonly string[];
  readonly resources: readonly ResourceChange[];
  /** Changes of everything else in a stack's JSON that changes its plan (backend, providers, data sources, outputs, locals, variables). */
  readonly blocks: readonly BlockChange[];
  readonly files: readonly FileChange[];
}

// The built-ins the canonical forms call once per value, read once here: in a vm context (jest runs every suite in
// one) each read of a global such as `JSON` goes through the context's interceptor, which made these functions
// several times slower there than under plain node.
const { isArray } = Array;
const { keys: keysOf } = Object;
const { stringify } = JSON;

/** Canonical JSON: object keys sorted, so equal values give equal strings. */
export function canonical(value: Json | undefined): string {
  if (value === undefined) return "undefined";
  if (isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${keysOf(value).sort().map((k) => `${stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return stringify(value);
}

/** Canonical JSON that also ignores the order of array elements, at every depth. */
export function canonicalUnordered(value: Json | undefined): string {
  if (isArray(value)) return `[${value.map(canonicalUnordered).sort().join(",")}]`;
  if (value !== null && value !== undefined && typeof value === "object") {
    return `{${keysOf(value).sort().map((k) => `${stringify(k)}:${canonicalUnordered(value[k])}`).join(",")}}`;
  }
  return value === undefined ? "undefined" : stringify(value);
}

function sameMultiset(a: Json[], b: Json[]): boolean {
  return a.length === b.length && canonicalUnordered(a) === canonicalUnordered(b);
}

/**
 * One Helm `values` document. This project writes them as JSON (which is YAML), so JSON.parse reads them, with the
 * same result and a fraction of the YAML parser's time (a stack holds about 100 kB of values); anything that is not
 * JSON (hand-written YAML, an older revision's values) goes to the YAML parser.
 */
function parseHelmValues(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return (parseYaml(text) ?? null) as Json;
  }
}

/** Helm `values` entries are YAML strings; parse them so diffs name chart keys. */
function expandHelmValues(type: string, resource: Record<string, Json>): Record<string, Json> {
  if (type !== "helm_release" || !Array.isArray(resource.values)) return resource;
  return {
    ...resource,
    values: resource.values.map((v) => (typeof v === "string" ? parseHelmValues(v) : v)),
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

const isObject = (v: Json | undefined): v is { [k: string]: Json } => v !== null && v !== undefined && typeof v === "object" && !Array.isArray(v);

/**
 * Every non-resource block of a stack by address, with its kind. Providers are matched by name and alias
 * (cdktf writes each provider as a list of configurations); unknown top-level keys are kept as `other`, so a
 * block this review does not know yet is still compared.
 */
export function blocksOf(stack: StackJson | undefined): Map<string, { block: BlockKind; body: Json }> {
  const out = new Map<string, { block: BlockKind; body: Json }>();
  const typed = (prefix: string, block: BlockKind, value: Json | undefined) => {
    for (const [type, byName] of Object.entries(isObject(value) ? value : {})) {
      for (const [name, body] of Object.entries(isObject(byName) ? byName : {})) out.set(`${prefix}${type}.${name}`, { block, body });
    }
  };
  const named = (prefix: string, block: BlockKind, value: Json | undefined) => {
    for (const [name, body] of Object.entries(isObject(value) ? value : {})) out.set(`${prefix}${name}`, { block, body });
  };
  for (const [key, value] of Object.entries(stack ?? {})) {
    if (key === "resource" || key === "//" || value === undefined) continue;
    if (key === "terraform" && isObject(value)) {
      for (const [setting, body] of Object.entries(value)) {
        if (setting === "backend") named("backend.", "backend", body);
        else if (setting === "required_providers") named("required_provider.", "required_provider", body);
        else out.set(`terraform.${setting}`, { block: "terraform", body });
      }
    } else if (key === "provider" && isObject(value)) {
      for (const [name, configs] of Object.entries(value)) {
        for (const config of Array.isArray(configs) ? configs : [configs]) {
          const alias = isObject(config) && typeof config.alias === "string" ? `.${config.alias}` : "";
          out.set(`provider.${name}${alias}`, { block: "provider", body: config });
        }
      }
    } else if (key === "data") typed("data.", "data", value);
    else if (key === "ephemeral") typed("ephemeral.", "ephemeral", value);
    else if (key === "output") named("output.", "output", value);
    else if (key === "locals") named("local.", "locals", value);
    else if (key === "variable") named("var.", "variable", value);
    else if (key === "module") named("module.", "module", value);
    else out.set(key, { block: "other", body: value });
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
  const blocks: BlockChange[] = [];
  for (const stack of stackNames) {
    if (!base.stacks.has(stack) || !head.stacks.has(stack)) continue; // reported as a whole stack added or removed
    const before = blocksOf(base.stacks.get(stack));
    const after = blocksOf(head.stacks.get(stack));
    for (const address of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      const b = before.get(address);
      const a = after.get(address);
      const block = (a ?? b)!.block;
      if (b === undefined) blocks.push({ stack, block, address, kind: "added", after: a!.body, attributes: [] });
      else if (a === undefined) blocks.push({ stack, block, address, kind: "removed", before: b.body, attributes: [] });
      else {
        const attributes = diffValues(b.body, a.body);
        if (attributes.length > 0) blocks.push({ stack, block, address, kind: "changed", before: b.body, after: a.body, attributes });
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
    blocks,
    files,
  };
}
