/**
 * A read-only view of one synthesized stack (`cdk.tf.json`, as `TerraformStack.toTerraform()` returns it):
 * its resources, data sources and providers with their addresses and construct paths, and the references
 * between them. The policy rules read stacks only through this, so they see exactly what Terraform will get.
 */

/** A resource, data source or provider block of the synthesized JSON. */
export interface TfBlock {
  readonly kind: "resource" | "data" | "provider";
  /** Terraform type, e.g. `aws_s3_bucket` (the provider name for providers). */
  readonly type: string;
  /** Logical name in the JSON (provider alias or `default` for providers). */
  readonly name: string;
  /** Terraform address: `aws_s3_bucket.x`, `data.aws_iam_policy_document.x`, `provider.aws.dr`. */
  readonly address: string;
  /** Construct path (`stack/construct/...`) from the JSON's metadata; the address when absent. */
  readonly path: string;
  /** The block's arguments, metadata (`//`) removed. */
  readonly attrs: Readonly<Record<string, unknown>>;
}

type BlockMap = Record<string, Record<string, Record<string, unknown>>>;

/** The subset of a synthesized stack the model reads. */
export interface TerraformJson {
  readonly resource?: BlockMap;
  readonly data?: BlockMap;
  readonly provider?: Record<string, ReadonlyArray<Record<string, unknown>>>;
}

function withoutMetadata(attrs: Record<string, unknown>): { attrs: Record<string, unknown>; path?: string } {
  const { "//": meta, ...rest } = attrs;
  const path = (meta as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
  return { attrs: rest, path: typeof path === "string" ? path : undefined };
}

/** Normalizes a nested block (object, list of objects, or absent) to a list of objects. */
export function blocks(value: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(value)) return value.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v));
  if (typeof value === "object" && value !== null) return [value as Record<string, unknown>];
  return [];
}

/** True for `true` and the string `"true"` (Terraform accepts both). */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** True for a non-empty string or a reference expression. */
export function isSet(value: unknown): boolean {
  return typeof value === "string" ? value.trim().length > 0 : value !== undefined && value !== null;
}

/** True when a string holds a Terraform expression (`${...}`) rather than only a literal. */
export function isExpression(value: string): boolean {
  return value.includes("${");
}

/** Indexes a stack's blocks by address and resolves whole-value references between them. */
export class StackModel {
  readonly blocks: readonly TfBlock[];
  private readonly byAddress = new Map<string, TfBlock>();

  constructor(json: TerraformJson) {
    const all: TfBlock[] = [];
    for (const [kind, map, prefix] of [
      ["resource", json.resource, ""],
      ["data", json.data, "data."],
    ] as const) {
      for (const [type, byName] of Object.entries(map ?? {})) {
        for (const [name, raw] of Object.entries(byName)) {
          const { attrs, path } = withoutMetadata(raw);
          const address = `${prefix}${type}.${name}`;
          all.push({ kind, type, name, address, path: path ?? address, attrs });
        }
      }
    }
    for (const [type, list] of Object.entries(json.provider ?? {})) {
      for (const raw of list) {
        const { attrs } = withoutMetadata(raw);
        const name = typeof attrs.alias === "string" ? attrs.alias : "default";
        const address = name === "default" ? `provider.${type}` : `provider.${type}.${name}`;
        all.push({ kind: "provider", type, name, address, path: address, attrs });
      }
    }
    this.blocks = all;
    for (const b of all) this.byAddress.set(b.address, b);
  }

  /** Resources of a type, in JSON order. */
  resources(type: string): readonly TfBlock[] {
    return this.blocks.filter((b) => b.kind === "resource" && b.type === type);
  }

  /** A block by address (`aws_s3_bucket.x`, `data.aws_iam_policy_document.y`). */
  get(address: string): TfBlock | undefined {
    return this.byAddress.get(address);
  }

  /**
   * The block a whole-value reference such as `${aws_s3_bucket.x.id}` or `${data.aws_iam_policy_document.y.json}`
   * points at, and the attribute referenced; undefined for literals and composite expressions.
   */
  referenced(value: unknown): { block: TfBlock; attribute: string } | undefined {
    if (typeof value !== "string") return undefined;
    const match = /^\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/.exec(value);
    if (match === null) return undefined;
    const block = this.byAddress.get(match[1]!);
    return block === undefined ? undefined : { block, attribute: match[2]! };
  }

  /** Tags a resource carries: its own `tags` over the default tags of the provider it uses. */
  tagsOf(block: TfBlock): Readonly<Record<string, string>> {
    const providerRef = typeof block.attrs.provider === "string" ? block.attrs.provider : undefined;
    const providerType = block.type.split("_")[0]!;
    const alias = providerRef?.split(".")[1];
    const provider = this.get(alias === undefined ? `provider.${providerType}` : `provider.${providerType}.${alias}`);
    const defaults = blocks(provider?.attrs.default_tags).reduce<Record<string, string>>((acc, d) => ({ ...acc, ...stringMap(d.tags) }), {});
    return { ...defaults, ...stringMap(block.attrs.tags) };
  }
}

function stringMap(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
}
