/**
 * Reads the statements of an IAM policy argument however cdktf code built it: a reference to a
 * `data.aws_iam_policy_document` (following its source and override documents), a JSON string
 * (`JSON.stringify`, tokens inside strings allowed) or `${jsonencode({...})}` (`Fn.jsonencode`).
 */
import { Opaque, parseJsonencode, type HclValue } from "./hcl-value";
import { blocks, type StackModel, type TfBlock } from "./stack-model";

/** One statement, normalized. Actions that are not literal strings are returned as their expression text. */
export interface PolicyStatement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  /** Actions whose value is computed at apply time (an expression), so cannot be judged. */
  readonly computedActions: readonly string[];
  /** Literal resources (`*` included); resources computed at apply time are ARNs of this program, never `*`. */
  readonly resources: readonly string[];
  /** The statement uses NotResource. */
  readonly notResource: boolean;
  /** The statement has a Condition. */
  readonly conditioned: boolean;
  /** Where the statement was read (a data source address or "inline JSON"). */
  readonly from: string;
}

/** The statements of a policy argument, or why they cannot be read. */
export type PolicyReading = { readonly statements: readonly PolicyStatement[] } | { readonly unreadable: string };

const list = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

function splitActions(values: unknown[]): { literal: string[]; computed: string[] } {
  const literal: string[] = [];
  const computed: string[] = [];
  for (const v of values) {
    if (typeof v === "string" && !v.includes("${")) literal.push(v);
    else computed.push(v instanceof Opaque ? v.expression : String(v));
  }
  return { literal, computed };
}

function fromDocumentObject(doc: HclValue | unknown, from: string): PolicyStatement[] {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc) || doc instanceof Opaque) return [];
  const record = doc as Record<string, unknown>;
  return list(record.Statement).flatMap((s) => {
    if (typeof s !== "object" || s === null || Array.isArray(s)) return [];
    const st = s as Record<string, unknown>;
    const actions = splitActions(list(st.Action));
    const notActions = splitActions(list(st.NotAction));
    return [
      {
        effect: typeof st.Effect === "string" ? st.Effect : "Allow",
        actions: actions.literal,
        notActions: notActions.literal,
        computedActions: [...actions.computed, ...notActions.computed],
        resources: splitActions(list(st.Resource)).literal,
        notResource: st.NotResource !== undefined,
        conditioned: st.Condition !== undefined && st.Condition !== null,
        from,
      },
    ];
  });
}

/** The statements of one `data.aws_iam_policy_document` block itself (not its source or override documents). */
export function ownStatements(data: TfBlock): PolicyStatement[] {
  return blocks(data.attrs.statement).map((s) => {
    const actions = splitActions(list(s.actions));
    const notActions = splitActions(list(s.not_actions));
    return {
      effect: typeof s.effect === "string" ? s.effect : "Allow",
      actions: actions.literal,
      notActions: notActions.literal,
      computedActions: [...actions.computed, ...notActions.computed],
      resources: splitActions(list(s.resources)).literal,
      notResource: list(s.not_resources).length > 0,
      conditioned: blocks(s.condition).length > 0,
      from: data.address,
    };
  });
}

function fromDataDocument(model: StackModel, data: TfBlock, seen: Set<string>): PolicyReading {
  const statements: PolicyStatement[] = ownStatements(data);
  for (const inner of [...list(data.attrs.source_policy_documents), ...list(data.attrs.override_policy_documents), ...list(data.attrs.source_json), ...list(data.attrs.override_json)]) {
    const reading = readPolicy(model, inner, seen);
    if ("unreadable" in reading) return reading;
    statements.push(...reading.statements);
  }
  return { statements };
}

/** The statements of a policy argument, or why they cannot be read statically. */
export function readPolicy(model: StackModel, value: unknown, seen: Set<string> = new Set()): PolicyReading {
  const ref = model.referenced(value);
  if (ref !== undefined) {
    if (seen.has(ref.block.address)) return { statements: [] };
    seen.add(ref.block.address);
    if (ref.block.type === "aws_iam_policy_document" && ref.block.kind === "data") return fromDataDocument(model, ref.block, seen);
    if (ref.block.type === "aws_iam_policy" && ref.attribute === "policy") return readPolicy(model, ref.block.attrs.policy, seen);
    return { unreadable: `it is ${String(value)}, which this check cannot follow` };
  }
  if (typeof value !== "string") return { unreadable: `it is ${JSON.stringify(value)}` };
  try {
    const encoded = parseJsonencode(value);
    if (encoded !== undefined) return { statements: fromDocumentObject(encoded, "jsonencode(...)") };
  } catch (error) {
    return { unreadable: `its jsonencode(...) argument cannot be read (${(error as Error).message})` };
  }
  if (value.trim().startsWith("{")) {
    try {
      return { statements: fromDocumentObject(JSON.parse(value), "inline JSON") };
    } catch {
      return { unreadable: "it is not valid JSON" };
    }
  }
  return { unreadable: `it is the expression ${JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)}` };
}
