/**
 * Checks on synthesized `cdk.tf.json` that Terraform reads what cdktf meant:
 * - `templateProblems`: every string (keys included) is a Terraform template; a `${…}` that is not a reference or
 *   expression cdktf emitted (a Grafana variable `${datasource}`, an IAM policy variable `${aws:username}`) is
 *   either rejected by Terraform or, worse, evaluated; so is any `%{…}` directive (cdktf emits none). Literal
 *   text must be escaped `$${…}` / `%%{…}` (`constructs/core/terraform-string.ts`).
 * - `bucketNameProblems`: a bucket named by a resource of the same stack must be named by reference (so Terraform
 *   creates the bucket first); a bucket of another stack may be named, if that stack is applied first.
 */
import type { Json, StackJson } from "../../tools/review/tree";

/** Terraform's reference roots that are not resource types. */
const REFERENCE_ROOTS = new Set(["data", "var", "local", "module", "each", "count", "path", "terraform", "self", "ephemeral"]);

/** Where a string sits in the stack JSON, e.g. `resource.aws_s3_bucket.logs.bucket`. */
export interface TemplateProblem {
  readonly at: string;
  readonly sequence: string;
}

/**
 * The end (index after the closing `}`) of the template sequence opened at `open` (the `{`), with nested braces
 * and quoted strings skipped; -1 when it is not closed.
 */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
  }
  return -1;
}

/** Whether `expression` (inside `${…}`) is a reference or function call Terraform can evaluate in this stack. */
function isRealExpression(expression: string, resourceTypes: ReadonlySet<string>): boolean {
  // A parenthesized expression (cdktf's conditional: `(var.x == "a") ? … : …`) starts with its first operand.
  const e = expression.trim().replace(/^\(+\s*/, "");
  if (/^[a-z][a-z0-9_]*\(/.test(e)) return true; // a function call: jsonencode(…), element(…), …
  const root = /^([a-z][a-z0-9_]*)\.[A-Za-z_]/.exec(e)?.[1];
  return root !== undefined && (REFERENCE_ROOTS.has(root) || resourceTypes.has(root));
}

/** The unescaped template sequences of one string that are not real references. */
export function stringTemplateProblems(text: string, resourceTypes: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c !== "$" && c !== "%") || text[i + 1] === undefined) continue;
    // `$${` and `%%{` are escapes: literal `${` and `%{`.
    if (text[i + 1] === c && text[i + 2] === "{") {
      i += 2;
      continue;
    }
    if (text[i + 1] !== "{") continue;
    const end = closingBrace(text, i + 1);
    const sequence = end < 0 ? text.slice(i) : text.slice(i, end);
    if (c === "%" || end < 0 || !isRealExpression(sequence.slice(2, -1), resourceTypes)) problems.push(sequence);
    if (end > 0) i = end - 1;
  }
  return problems;
}

/** Every string (object keys included) of a stack's JSON with an unescaped template sequence that is not a real reference. */
export function templateProblems(stack: StackJson): TemplateProblem[] {
  const resourceTypes = new Set(Object.keys(stack.resource ?? {}));
  const problems: TemplateProblem[] = [];
  const visit = (value: Json | undefined, at: string): void => {
    if (typeof value === "string") {
      for (const sequence of stringTemplateProblems(value, resourceTypes)) problems.push({ at, sequence });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${at}[${i}]`));
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        for (const sequence of stringTemplateProblems(k, resourceTypes)) problems.push({ at: `${at} (key)`, sequence });
        visit(v, at === "" ? k : `${at}.${k}`);
      }
    }
  };
  visit(stack as Json, "");
  return problems;
}

/** A string argument that names a bucket: the logging targets and the backup report plans' delivery buckets. */
export interface BucketNameUse {
  readonly at: string;
  readonly value: string;
}

/** Every `aws_s3_bucket_logging.target_bucket` and `aws_backup_report_plan` delivery bucket of a stack. */
export function bucketNameUses(stack: StackJson): BucketNameUse[] {
  const uses: BucketNameUse[] = [];
  for (const [id, r] of Object.entries(stack.resource?.aws_s3_bucket_logging ?? {})) {
    uses.push({ at: `aws_s3_bucket_logging.${id}.target_bucket`, value: r.target_bucket as string });
  }
  for (const [id, r] of Object.entries(stack.resource?.aws_backup_report_plan ?? {})) {
    const channel = r.report_delivery_channel as { s3_bucket_name: string } | Array<{ s3_bucket_name: string }>;
    for (const c of Array.isArray(channel) ? channel : [channel]) uses.push({ at: `aws_backup_report_plan.${id}.report_delivery_channel.s3_bucket_name`, value: c.s3_bucket_name });
  }
  return uses;
}

/** Literal `bucket` names of a stack's `aws_s3_bucket` resources, by logical id. */
function bucketNames(stack: StackJson): Map<string, string> {
  return new Map(Object.entries(stack.resource?.aws_s3_bucket ?? {}).flatMap(([id, b]) => (typeof b.bucket === "string" ? [[b.bucket, id] as const] : [])));
}

/**
 * Problems with the bucket names of `stackName`'s logging targets and report plans: a literal name of a bucket of
 * the same stack (it must be `${aws_s3_bucket.<id>.bucket}` or `.id`), a reference to no bucket of the stack, or a
 * literal name of another stack's bucket that `stackName` does not depend on (`dependsOn`: transitively).
 */
export function bucketNameProblems(stacks: ReadonlyMap<string, StackJson>, stackName: string, dependsOn: (stack: string) => ReadonlySet<string>): string[] {
  const stack = stacks.get(stackName)!;
  const own = bucketNames(stack);
  const problems: string[] = [];
  for (const { at, value } of bucketNameUses(stack)) {
    const ref = /^\$\{aws_s3_bucket\.([^.}]+)\.(bucket|id)\}$/.exec(value);
    if (ref !== null) {
      if (stack.resource?.aws_s3_bucket?.[ref[1]!] === undefined) problems.push(`${stackName}: ${at} = ${value}: no such bucket in the stack`);
      continue;
    }
    if (own.has(value)) {
      problems.push(`${stackName}: ${at} = "${value}": a bucket of the same stack named literally; reference aws_s3_bucket.${own.get(value)!} instead`);
      continue;
    }
    const owner = [...stacks].find(([name, s]) => name !== stackName && bucketNames(s).has(value))?.[0];
    if (owner === undefined) problems.push(`${stackName}: ${at} = "${value}": no stack creates this bucket`);
    else if (!dependsOn(stackName).has(owner)) problems.push(`${stackName}: ${at} = "${value}": bucket of ${owner}, which ${stackName} does not depend on`);
  }
  return problems;
}

/** Transitive stack dependencies from cdktf's `manifest.json` (`stacks.<name>.dependencies`). */
export function manifestDependencies(manifest: { stacks: Record<string, { dependencies?: string[] }> }): (stack: string) => ReadonlySet<string> {
  return (stack) => {
    const seen = new Set<string>();
    const todo = [...(manifest.stacks[stack]?.dependencies ?? [])];
    while (todo.length > 0) {
      const s = todo.pop()!;
      if (seen.has(s)) continue;
      seen.add(s);
      todo.push(...(manifest.stacks[s]?.dependencies ?? []));
    }
    return seen;
  };
}
