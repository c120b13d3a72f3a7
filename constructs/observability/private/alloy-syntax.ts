/**
 * A minimal writer for Alloy's configuration syntax (blocks, attributes, expressions), so the collector's
 * pipeline is built from data like every other chart value, never by splicing strings.
 */

/** A raw Alloy expression: a component export (`loki.write.default.receiver`) or a function call. */
export class AlloyExpression {
  constructor(readonly text: string) {
    if (text.trim() === "" || /[\n{}]/.test(text)) throw new Error(`Alloy expression ${JSON.stringify(text)} must be one line without braces`);
  }
}

/** Shorthand for an {@link AlloyExpression}. */
export function expr(text: string): AlloyExpression {
  return new AlloyExpression(text);
}

export type AlloyValue = string | number | boolean | AlloyExpression | readonly AlloyValue[] | { readonly [key: string]: AlloyValue };

export interface AlloyBlock {
  /** Block name, e.g. `loki.process` or `stage.json`. */
  readonly name: string;
  /** Component label, e.g. `default` in `loki.write "default"`. */
  readonly label?: string;
  readonly attributes?: Readonly<Record<string, AlloyValue>>;
  readonly blocks?: readonly AlloyBlock[];
}

/** Builds a block. */
export function block(name: string, label: string | undefined, attributes: Readonly<Record<string, AlloyValue>> = {}, ...blocks: AlloyBlock[]): AlloyBlock {
  if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/.test(name)) throw new Error(`Alloy block name ${JSON.stringify(name)} is not a valid identifier path`);
  return { name, label, attributes, blocks };
}

const INDENT = "  ";

function renderValue(value: AlloyValue, depth: number): string {
  if (value instanceof AlloyExpression) return value.text;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${(value as readonly AlloyValue[]).map((v) => renderValue(v, depth)).join(", ")}]`;
  const entries = Object.entries(value as Record<string, AlloyValue>);
  if (entries.length === 0) return "{}";
  const pad = INDENT.repeat(depth + 1);
  return `{\n${entries.map(([k, v]) => `${pad}${JSON.stringify(k)} = ${renderValue(v, depth + 1)},`).join("\n")}\n${INDENT.repeat(depth)}}`;
}

function renderBlock(b: AlloyBlock, depth: number): string {
  const pad = INDENT.repeat(depth);
  const head = `${pad}${b.name}${b.label === undefined ? "" : ` ${JSON.stringify(b.label)}`} {`;
  const attrs = Object.entries(b.attributes ?? {});
  const children = b.blocks ?? [];
  if (attrs.length === 0 && children.length === 0) return `${head}}`;
  const width = Math.max(0, ...attrs.map(([k]) => k.length));
  const lines = [
    ...attrs.map(([k, v]) => `${pad}${INDENT}${k.padEnd(width)} = ${renderValue(v, depth + 1)}`),
    ...(attrs.length > 0 && children.length > 0 ? [""] : []),
    ...children.map((c) => renderBlock(c, depth + 1)),
  ];
  return `${head}\n${lines.join("\n")}\n${pad}}`;
}

/** Renders a configuration file: top-level blocks separated by blank lines. */
export function renderAlloy(blocks: readonly AlloyBlock[]): string {
  return blocks.map((b) => renderBlock(b, 0)).join("\n\n") + "\n";
}
