/**
 * Derives a provider's Terraform schema from its prebuilt cdktf bindings (`@cdktf/provider-aws`, `-helm`,
 * `-kubernetes`), so Terraform can validate offline against the same schema the bindings were generated from.
 *
 * Each generated `lib/<type>/index.js` carries everything `terraform validate` needs, in regular, generated code:
 * - `synthesizeHclAttributes()` (and one `<struct>ToHclTerraform` function per nested struct) lists every settable
 *   attribute and block with its Terraform name, whether it is a block, its collection kind (`simple`, `list`,
 *   `set`, `map`, `struct`) and its element type (`storageClassType`);
 * - a `reset<Property>()` method exists exactly for the optional settable attributes (required ones have none);
 * - the constructor comments `// <name> - computed: …, optional: …, required: true` mark required blocks;
 * - getters read every attribute, computed-only ones included (`getStringAttribute('arn')`, `Fn.tolist(...)`
 *   for sets, `new <Struct>List(this, "name", wrapsSet)` for computed nested objects).
 * (The `.jsii` assembly holds the same optional flags, but is one 130 MB JSON document for the AWS provider; the
 * generated code is read per type.) Only the types a configuration names are derived: Terraform asks the provider
 * for no others, and a type the bindings do not have is left out, so Terraform reports it as unsupported.
 */
import fs from "node:fs";
import path from "node:path";
import type { AttributeJson, BlockJson, BlockTypeJson, CtyType, ProviderSchemaJson, SchemaJson } from "./schema-json";

/** The types of one provider that a set of configurations uses. */
export interface UsedTypes {
  readonly resources: readonly string[];
  readonly dataSources: readonly string[];
}

/** A provider package's identity, read from its generated provider class. */
export interface BindingsProvider {
  /** Local provider name, e.g. `aws`. */
  readonly name: string;
  /** The provider version the bindings were generated from (what `required_providers` pins), e.g. `6.25.0`. */
  readonly version: string;
}

interface HclField {
  readonly tfName: string;
  /** The binding's property name (`targetBucket`), from which its `reset…` method is named. */
  readonly prop: string | undefined;
  readonly isBlock: boolean;
  readonly kind: string;
  readonly storage: string;
  /** For a nested struct: the prefix of its `<prefix>ToHclTerraform` function. */
  readonly structFn: string | undefined;
  /** A struct given directly, not through `listMapperHcl`: at most one element. */
  readonly single: boolean;
}

interface ClassInfo {
  readonly body: string;
  readonly resets: ReadonlySet<string>;
  readonly setters: ReadonlySet<string>;
  /** Getter name → returned expression. */
  readonly getters: ReadonlyMap<string, string>;
  /** `this._<prop> = new <Class>(this, "<tfName>", wrapsSet)` */
  readonly complex: ReadonlyMap<string, { readonly className: string; readonly tfName: string; readonly wrapsSet: boolean }>;
  readonly requiredBlocks: ReadonlySet<string>;
}

/** One parsed generated module (`lib/<type>/index.js`). */
class BindingModule {
  private readonly structs = new Map<string, HclField[]>();
  private readonly classes = new Map<string, ClassInfo>();
  readonly mainClass: string;
  readonly mainFields: HclField[];

  constructor(
    readonly file: string,
    text: string,
  ) {
    for (const m of text.matchAll(/\nfunction (\w+)ToHclTerraform\(struct\) \{\n([\s\S]*?)\n\}(?=\n)/g)) this.structs.set(m[1]!, parseHclFields(m[2]!));
    for (const m of text.matchAll(/\nclass (\w+) extends cdktf\.(\w+) \{\n([\s\S]*?)\n\}(?=\n)/g)) this.classes.set(m[1]!, parseClass(m[3]!));
    const main = /\nclass (\w+) extends cdktf\.Terraform(?:Resource|DataSource|Provider) \{/.exec(text);
    if (!main) throw new Error(`${file}: no generated resource, data source or provider class`);
    this.mainClass = main[1]!;
    const hcl = /\n {4}synthesizeHclAttributes\(\) \{\n([\s\S]*?)\n {4}\}(?=\n|$)/.exec(this.classes.get(this.mainClass)!.body);
    this.mainFields = hcl ? parseHclFields(hcl[1]!) : [];
  }

  /** The schema block of the main class (the resource, data source or provider itself). */
  mainBlock(): BlockJson {
    return this.block(this.mainFields, this.classes.get(this.mainClass));
  }

  private block(fields: readonly HclField[], cls: ClassInfo | undefined): BlockJson {
    const attributes: Record<string, AttributeJson> = {};
    const blockTypes: Record<string, BlockTypeJson> = {};
    for (const f of fields) {
      if (f.isBlock) {
        blockTypes[f.tfName] = this.nestedBlock(f, cls);
      } else {
        const required = f.prop !== undefined && cls !== undefined && !cls.resets.has(`reset${capitalize(f.prop)}`);
        attributes[f.tfName] = required ? { type: this.fieldType(f), required: true } : { type: this.fieldType(f), optional: true };
      }
    }
    if (cls) {
      const settable = new Set(fields.map((f) => f.tfName));
      for (const [name, type] of this.computedAttributes(cls)) if (!settable.has(name)) attributes[name] = { type, computed: true };
    }
    return { attributes: sortKeys(attributes), block_types: sortKeys(blockTypes) };
  }

  private nestedBlock(f: HclField, parent: ClassInfo | undefined): BlockTypeJson {
    if (f.structFn === undefined) throw new Error(`${this.file}: block ${f.tfName} has no struct function`);
    const block = this.block(this.structFields(f.structFn), this.classes.get(`${capitalize(f.structFn)}OutputReference`));
    const min = parent?.requiredBlocks.has(f.tfName) ? { min_items: 1 } : {};
    if (f.kind === "struct") return { nesting_mode: "single", block, ...min };
    if (f.kind !== "list" && f.kind !== "set") throw new Error(`${this.file}: block ${f.tfName} has collection kind ${f.kind}`);
    return { nesting_mode: f.kind, block, ...min, ...(f.single ? { max_items: 1 } : {}) };
  }

  private structFields(prefix: string): HclField[] {
    const fields = this.structs.get(prefix);
    if (fields === undefined) throw new Error(`${this.file}: no function ${prefix}ToHclTerraform`);
    return fields;
  }

  /** The cty type of a settable attribute. */
  private fieldType(f: HclField): CtyType {
    if (/^[A-Z]/.test(f.storage)) {
      if (f.structFn === undefined) throw new Error(`${this.file}: attribute ${f.tfName} of type ${f.storage} has no struct function`);
      const object = this.objectType(this.structFields(f.structFn), this.classes.get(`${capitalize(f.structFn)}OutputReference`));
      return f.kind === "struct" || f.kind === "simple" ? object : [f.kind, object];
    }
    return primitiveType(f.storage, f.kind, this.file);
  }

  /** A nested attribute as a protocol-5 object type: attributes the bindings cannot reset are required. */
  private objectType(fields: readonly HclField[], cls: ClassInfo | undefined): CtyType {
    const attrs: Record<string, CtyType> = {};
    const optional: string[] = [];
    for (const f of fields) {
      attrs[f.tfName] = f.isBlock ? this.blockAsType(f) : this.fieldType(f);
      if (f.isBlock || f.prop === undefined || cls === undefined || cls.resets.has(`reset${capitalize(f.prop)}`)) optional.push(f.tfName);
    }
    if (cls) {
      for (const [name, type] of this.computedAttributes(cls)) {
        if (attrs[name] === undefined) {
          attrs[name] = type;
          optional.push(name);
        }
      }
    }
    return ["object", sortKeys(attrs), optional.sort()];
  }

  private blockAsType(f: HclField): CtyType {
    const object = this.objectType(this.structFields(f.structFn!), this.classes.get(`${capitalize(f.structFn!)}OutputReference`));
    return f.kind === "struct" ? object : [f.kind, object];
  }

  /** Every attribute a class's getters read, with its type: `getStringAttribute('arn')`, `this._items` (complex). */
  private computedAttributes(cls: ClassInfo): Array<[string, CtyType]> {
    const out: Array<[string, CtyType]> = [];
    for (const [getter, expr] of cls.getters) {
      const simple = /this\.(get\w+Attribute|interpolationForAttribute)\('([^']+)'\)/.exec(expr);
      if (simple) {
        out.push([simple[2]!, getterType(simple[1]!, expr.includes("Fn.tolist"), this.file)]);
        continue;
      }
      const field = /^this\._(\w+)$/.exec(expr);
      const complex = field ? cls.complex.get(field[1]!) : undefined;
      if (complex) out.push([complex.tfName, this.complexType(complex.className, complex.wrapsSet)]);
      else if (!/^this\._\w+/.test(expr) && !cls.setters.has(getter)) throw new Error(`${this.file}: getter ${getter} returns ${expr}, which no rule reads`);
    }
    return out;
  }

  private complexType(className: string, wrapsSet: boolean): CtyType {
    const builtin: Record<string, CtyType> = {
      StringMap: ["map", "string"],
      NumberMap: ["map", "number"],
      BooleanMap: ["map", "bool"],
      AnyMap: ["map", "dynamic"],
    };
    const bare = className.replace(/^cdktf\./, "");
    if (className.startsWith("cdktf.")) {
      const type = builtin[bare];
      if (type === undefined) throw new Error(`${this.file}: unknown cdktf collection ${className}`);
      return type;
    }
    const m = /^(\w+?)(List|Map|OutputReference)$/.exec(bare);
    if (!m) throw new Error(`${this.file}: unknown complex class ${className}`);
    const prefix = m[1]!;
    const fnPrefix = prefix.charAt(0).toLowerCase() + prefix.slice(1);
    const object = this.objectType(this.structs.get(fnPrefix) ?? [], this.classes.get(`${prefix}OutputReference`));
    if (m[2] === "List") return [wrapsSet ? "set" : "list", object];
    if (m[2] === "Map") return ["map", object];
    return object;
  }
}

function parseHclFields(body: string): HclField[] {
  const fields: HclField[] = [];
  const entry = /(?:"([^"]+)"|([A-Za-z_]\w*)): \{\s*value: ([^\n]*),\s*isBlock: (true|false),\s*type: "(\w+)",\s*storageClassType: "(\w+)",?\s*\}/g;
  for (const m of body.matchAll(entry)) {
    const value = m[3]!;
    const prop = /(?:struct\.|this\._)(\w+)\)*$/.exec(value.replace(/\?\.internalValue|\.internalValue/g, ""));
    const fn = /(\w+)ToHclTerraform/.exec(value);
    fields.push({
      tfName: m[1] ?? m[2]!,
      prop: prop?.[1],
      isBlock: m[4] === "true",
      kind: m[5]!,
      storage: m[6]!,
      structFn: fn && !value.startsWith("cdktf.stringToHcl") ? fn[1] : undefined,
      single: !value.startsWith("cdktf.listMapperHcl") && !value.startsWith("cdktf.hashMapperHcl"),
    });
  }
  return fields;
}

function parseClass(body: string): ClassInfo {
  const getters = new Map<string, string>();
  for (const m of body.matchAll(/\n {4}get (\w+)\(\) \{\n\s*return ([^\n]*);\n\s*\}/g)) getters.set(m[1]!, m[2]!);
  const complex = new Map<string, { className: string; tfName: string; wrapsSet: boolean }>();
  for (const m of body.matchAll(/this\._(\w+) = new ([\w.]+)\(this, "([^"]+)"(?:, (true|false))?\);/g)) {
    complex.set(m[1]!, { className: m[2]!, tfName: m[3]!, wrapsSet: m[4] === "true" });
  }
  const requiredBlocks = new Set<string>();
  for (const m of body.matchAll(/\/\/ (\w+) - computed: (?:true|false), optional: (?:true|false), required: true/g)) requiredBlocks.add(m[1]!);
  return {
    body,
    resets: new Set([...body.matchAll(/\n {4}(reset\w+)\(\) \{/g)].map((m) => m[1]!)),
    setters: new Set([...body.matchAll(/\n {4}set (\w+)\(value\) \{/g)].map((m) => m[1]!)),
    getters,
    complex,
    requiredBlocks,
  };
}

/** `string`, `stringList` (list or set), `stringMap`, `numberList`, `stringListList`, `any`, … as a cty type. */
function primitiveType(storage: string, kind: string, file: string): CtyType {
  const m = /^(string|number|boolean|any)((?:List|Map)*)$/.exec(storage);
  if (!m) throw new Error(`${file}: unknown storage class ${storage}`);
  let type: CtyType = ({ string: "string", number: "number", boolean: "bool", any: "dynamic" } as const)[m[1] as "string"];
  const wrappers = m[2]!.match(/List|Map/g) ?? [];
  wrappers.forEach((w, i) => {
    const outermost = i === wrappers.length - 1;
    type = [w === "Map" ? "map" : outermost && kind === "set" ? "set" : "list", type];
  });
  return type;
}

function getterType(method: string, isSet: boolean, file: string): CtyType {
  const types: Record<string, CtyType> = {
    getStringAttribute: "string",
    getNumberAttribute: "number",
    getBooleanAttribute: "bool",
    getListAttribute: [isSet ? "set" : "list", "string"],
    getNumberListAttribute: [isSet ? "set" : "list", "number"],
    getStringMapAttribute: ["map", "string"],
    getNumberMapAttribute: ["map", "number"],
    getBooleanMapAttribute: ["map", "bool"],
    getAnyMapAttribute: ["map", "dynamic"],
    interpolationForAttribute: "dynamic",
  };
  const type = types[method];
  if (type === undefined) throw new Error(`${file}: unknown attribute getter ${method}`);
  return type;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Reads a provider package's name and version from its generated provider class. */
export function bindingsProvider(packageDir: string): BindingsProvider {
  const text = fs.readFileSync(path.join(packageDir, "lib/provider/index.js"), "utf8");
  const m = /terraformGeneratorMetadata: \{\s*providerName: '([^']+)',\s*providerVersion: '([^']+)'/.exec(text);
  if (!m) throw new Error(`${packageDir}: lib/provider/index.js names no provider version`);
  return { name: m[1]!, version: m[2]! };
}

/** The bindings module of one type, by the generator's naming (`aws_s3_bucket` → `lib/s3-bucket`, data → `lib/data-aws-…`). */
function moduleOf(packageDir: string, provider: string, type: string, kind: "resource" | "data"): BindingModule | undefined {
  const base = type.startsWith(`${provider}_`) ? type.slice(provider.length + 1) : type;
  const dir = (kind === "data" ? `data-${provider}-${base}` : base).replace(/_/g, "-");
  const file = path.join(packageDir, "lib", dir, "index.js");
  if (!fs.existsSync(file)) return undefined;
  const text = fs.readFileSync(file, "utf8");
  const declared = /\n {4}constructor\(scope, id, config(?: = \{\})?\) \{\n\s*super\(scope, id, \{\n\s*terraformResourceType: '([^']+)'/.exec(text);
  return declared?.[1] === type ? new BindingModule(file, text) : undefined;
}

/**
 * The schema of `used` types (and the provider's own configuration) derived from the bindings in `packageDir`.
 * A type the bindings lack is left out (Terraform then reports "does not support resource type").
 */
export function deriveProviderSchema(packageDir: string, used: UsedTypes): ProviderSchemaJson {
  const { name } = bindingsProvider(packageDir);
  const providerBlock = new BindingModule(path.join(packageDir, "lib/provider/index.js"), fs.readFileSync(path.join(packageDir, "lib/provider/index.js"), "utf8")).mainBlock();
  // `alias` is a Terraform meta-argument the bindings expose as a property; it is not part of the provider's schema.
  const providerAttributes = Object.fromEntries(Object.entries(providerBlock.attributes ?? {}).filter(([attr]) => attr !== "alias"));
  const derive = (types: readonly string[], kind: "resource" | "data"): Record<string, SchemaJson> => {
    const out: Record<string, SchemaJson> = {};
    for (const type of [...new Set(types)].sort()) {
      const module = moduleOf(packageDir, name, type, kind);
      if (module) out[type] = { version: 0, block: module.mainBlock() };
    }
    return out;
  };
  return {
    provider: { version: 0, block: { ...providerBlock, attributes: providerAttributes } },
    resource_schemas: derive(used.resources, "resource"),
    data_source_schemas: derive(used.dataSources, "data"),
  };
}
