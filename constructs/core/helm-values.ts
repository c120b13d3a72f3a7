/**
 * The shape of Helm chart values: JSON-compatible data, serialized as a JSON document (JSON is YAML, and Helm
 * reads it as values files are read). Values are built as objects, never as text templates, so a value can
 * never break the document's structure.
 */
import { terraformJson } from "./terraform-string";

export type HelmValue = string | number | boolean | null | readonly HelmValue[] | HelmValues;

export interface HelmValues {
  readonly [key: string]: HelmValue | undefined;
}

/**
 * Renders values as an indented JSON document (one key per line, so plans diff by key). Keys whose value is
 * `undefined` are left out. JSON rather than YAML text: every string is quoted, so nothing Helm's YAML 1.1
 * parser could reinterpret (`on`, `yes`, `2024-04-01`, `0o17`) can change type; and it is written and read back
 * (by the policy check and the change review) an order of magnitude faster than YAML, which was a tenth of synth.
 * Multi-line strings become one escaped line: where one is long enough to review on its own (Alloy's
 * configuration), its construct also writes it to a review file under `out/<env>/`.
 */
export function renderValues(values: HelmValues): string {
  return terraformJson(values, 2);
}

function isValues(v: HelmValue | undefined): v is HelmValues {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Merges values documents the way Helm merges values files: maps key by key, anything else replaced by the later
 * document. Lets a construct keep independent concerns (sizing, storage) in their own functions.
 */
export function mergeValues(...documents: readonly HelmValues[]): HelmValues {
  const out: Record<string, HelmValue | undefined> = {};
  for (const doc of documents) {
    for (const [key, value] of Object.entries(doc)) {
      const existing = out[key];
      out[key] = isValues(existing) && isValues(value) ? mergeValues(existing, value) : value;
    }
  }
  return out;
}

/**
 * Text for a value the chart passes through Helm's `tpl` (Alloy's `configMap.content`), escaped so it renders
 * verbatim: each `{{` becomes the template action `{{ "{{" }}`, which prints it. Without this, the text's own
 * `{{ ... }}` (an Alloy `stage.template`) is executed as Helm template code and the render fails.
 */
export function tplLiteral(text: string): string {
  return text.replaceAll("{{", '{{ "{{" }}');
}
