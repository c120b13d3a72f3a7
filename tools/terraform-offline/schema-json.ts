/**
 * The provider schema format of `terraform providers schema -json` (format_version 1.0), which the schema-only
 * provider serves: Grafana's comes in this format from the shared reference data, and the schemas derived from
 * the cdktf bindings are built in it, so one converter turns every provider into plugin-protocol messages.
 */

/** A cty type as Terraform writes it in JSON: `"string"`, `["list","string"]`, `["object",{...},["optional"]]`. */
export type CtyType = string | readonly unknown[];

export interface AttributeJson {
  readonly type?: CtyType;
  /** Plugin-framework nested attributes (protocol 6); served over protocol 5 as the equivalent object type. */
  readonly nested_type?: NestedTypeJson;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
  readonly write_only?: boolean;
}

export interface NestedTypeJson {
  readonly attributes: Readonly<Record<string, AttributeJson>>;
  readonly nesting_mode: "single" | "list" | "set" | "map";
}

export interface BlockTypeJson {
  readonly nesting_mode: "single" | "list" | "set" | "map" | "group";
  readonly block: BlockJson;
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface BlockJson {
  readonly attributes?: Readonly<Record<string, AttributeJson>>;
  readonly block_types?: Readonly<Record<string, BlockTypeJson>>;
  readonly deprecated?: boolean;
}

export interface SchemaJson {
  readonly version: number;
  readonly block: BlockJson;
}

/** One provider's entry under `provider_schemas`. */
export interface ProviderSchemaJson {
  readonly provider: SchemaJson;
  readonly resource_schemas?: Readonly<Record<string, SchemaJson>>;
  readonly data_source_schemas?: Readonly<Record<string, SchemaJson>>;
  readonly ephemeral_resource_schemas?: Readonly<Record<string, SchemaJson>>;
}

/** The whole `terraform providers schema -json` document. */
export interface ProvidersSchemaDocument {
  readonly format_version: string;
  readonly provider_schemas: Readonly<Record<string, ProviderSchemaJson>>;
}

/** The cty type of a nested attribute: an object type whose non-required attributes are optional. */
export function nestedTypeToCty(nested: NestedTypeJson): CtyType {
  const attrs: Record<string, CtyType> = {};
  const optional: string[] = [];
  for (const [name, attr] of Object.entries(nested.attributes)) {
    attrs[name] = attributeType(attr);
    if (!attr.required) optional.push(name);
  }
  const object: CtyType = optional.length > 0 ? ["object", attrs, optional.sort()] : ["object", attrs];
  return nested.nesting_mode === "single" ? object : [nested.nesting_mode, object];
}

/** The cty type of an attribute, whether it has a plain type or a nested type. */
export function attributeType(attr: AttributeJson): CtyType {
  if (attr.type !== undefined) return attr.type;
  if (attr.nested_type !== undefined) return nestedTypeToCty(attr.nested_type);
  throw new Error("attribute has neither type nor nested_type");
}
