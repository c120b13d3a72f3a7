/** How alerts/ serializes YAML for Prometheus, Alertmanager and the review files. */
import type { ToStringOptions, DocumentOptions, SchemaOptions, CreateNodeOptions } from "yaml";

/**
 * YAML 1.1 (what go-yaml v2 in Prometheus, Alertmanager and Helm reads), so strings such as `22:00` or
 * `on` are quoted instead of turning into numbers or booleans; no line folding of long PromQL; no
 * anchors for repeated lists.
 */
export const YAML_OPTIONS: DocumentOptions & SchemaOptions & CreateNodeOptions & ToStringOptions = {
  version: "1.1",
  lineWidth: 0,
  aliasDuplicateObjects: false,
};
