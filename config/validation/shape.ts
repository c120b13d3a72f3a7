/**
 * Run-time check of a config's shape against its schema (`config/schema.ts`): unknown keys (with the field
 * most likely meant), values of the wrong type (`"false"` for a boolean), missing fields, values outside a
 * literal union. Reported as `ConfigIssue`s, like every other rule, before any rule reads a field.
 */
import type { z } from "zod";
import type { ConfigIssue } from "./checker";
import { didYouMean } from "./did-you-mean";

type Path = readonly PropertyKey[];

/** `observability.prometheus.retentionDays`, `capacity.nodes.groups[0].name`. */
export function fieldPath(path: Path): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) value = typeof value === "object" && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

interface SchemaDef {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly valueType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The field names the object schema at `path` allows (through records, arrays, optional and readonly wrappers). */
function keysAt(schema: z.ZodType, path: Path): string[] {
  let def = defOf(schema);
  const unwrap = () => {
    while (def.innerType !== undefined) def = defOf(def.innerType);
  };
  unwrap();
  for (const key of path) {
    const next = def.type === "object" ? def.shape?.[String(key)] : def.type === "record" ? def.valueType : def.type === "array" ? def.element : undefined;
    if (next === undefined) return [];
    def = defOf(next);
    unwrap();
  }
  return def.type === "object" ? Object.keys(def.shape ?? {}) : [];
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return "an array";
  const type = typeof value;
  return type === "object" ? "an object" : `a ${type}`;
}

function expected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "boolean" ? "a boolean (true or false, unquoted)" : issue.expected === "object" ? "an object (a section)" : `a ${issue.expected}`;
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return issue.message;
  }
}

/** Every shape problem of `value` against `schema`, as issues of `environment` (empty when the shape is right). */
export function shapeIssues(environment: string, value: unknown, schema: z.ZodType, prefix: Path = []): ConfigIssue[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  const issues: ConfigIssue[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      const known = keysAt(schema, issue.path);
      for (const key of issue.keys) {
        const path = [...prefix, ...issue.path, key];
        issues.push({
          environment,
          field: fieldPath(path),
          value: valueAt(value, [...issue.path, key]),
          kind: "shape",
          allowed: `unknown field${didYouMean(key, known)} (${fieldPath([...prefix, ...issue.path]) || "this level"} has ${known.join(", ")})`,
        });
      }
      continue;
    }
    const received = valueAt(value, issue.path);
    const field = fieldPath([...prefix, ...issue.path]);
    if (received === undefined && issue.code === "invalid_type") {
      issues.push({ environment, field, value: received, kind: "shape", allowed: `missing: must be ${expected(issue)}` });
    } else {
      const allowed = issue.code === "invalid_value" && typeof received === "string"
        ? `must be ${expected(issue)}${didYouMean(received, issue.values.map(String))}`
        : `must be ${expected(issue)}, not ${typeName(received)}`;
      issues.push({ environment, field, value: received, kind: issue.code === "invalid_value" && typeof received === "string" ? "value" : "shape", allowed });
    }
  }
  return issues;
}
