/**
 * The shape of Helm chart values: JSON-compatible data, serialized to YAML with the `yaml` package. Values are
 * built as objects, never as text templates, so a value can never break the document's structure.
 */
import YAML from "yaml";

export type HelmValue = string | number | boolean | null | readonly HelmValue[] | HelmValues;

export interface HelmValues {
  readonly [key: string]: HelmValue | undefined;
}

/**
 * Renders values as a YAML document. Keys whose value is `undefined` are left out; long strings are never
 * folded (Alloy's configuration is a multi-line string and must stay byte-exact). Written as YAML 1.1, the
 * dialect Helm parses, so strings such as `2024-04-01`, `on` or `yes` are quoted and stay strings.
 */
export function renderValues(values: HelmValues): string {
  return YAML.stringify(values, { version: "1.1", lineWidth: 0, minContentWidth: 0 });
}

/**
 * Checks that `data` (from another module, typed loosely) is plain JSON-compatible data and returns it typed as
 * Helm values. Throws naming the path of the first value YAML could not represent faithfully.
 */
export function asHelmValue(data: unknown, path: string): HelmValue {
  if (data === null || typeof data === "string" || typeof data === "boolean") return data;
  if (typeof data === "number") {
    if (!Number.isFinite(data)) throw new Error(`${path} = ${data}: Helm values must be finite numbers`);
    return data;
  }
  if (Array.isArray(data)) return data.map((item, i) => asHelmValue(item, `${path}[${i}]`));
  if (typeof data === "object" && Object.getPrototypeOf(data) === Object.prototype) {
    const out: Record<string, HelmValue> = {};
    for (const [key, value] of Object.entries(data)) {
      if (value !== undefined) out[key] = asHelmValue(value, `${path}.${key}`);
    }
    return out;
  }
  throw new Error(`${path}: a ${typeof data} is not plain data (string, number, boolean, null, array or object)`);
}
