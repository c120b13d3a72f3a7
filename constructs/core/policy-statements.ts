/**
 * The one IAM statement vocabulary: every statement is a `PolicyStatement` (the shape of an `aws_iam_policy_document`
 * statement), built with the helpers below so each grant reads as one line. A policy goes either into an
 * `aws_iam_policy_document` data source (bucket and key policies, which reference other resources' attributes) or,
 * when it depends only on config and references, into an argument as JSON text through `policyDocument`
 * (role trust and inline policies, topic and vault policies). Shared by the core storage constructs and every domain.
 */
import type {
  DataAwsIamPolicyDocumentStatement,
  DataAwsIamPolicyDocumentStatementCondition,
  DataAwsIamPolicyDocumentStatementNotPrincipals,
  DataAwsIamPolicyDocumentStatementPrincipals,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { IResolvable } from "cdktf";
import { terraformJson } from "./terraform-string";

/** One IAM policy statement; `effect` defaults to Allow (as in `aws_iam_policy_document`). */
export type PolicyStatement = DataAwsIamPolicyDocumentStatement;

/** A policy condition, e.g. `condition("StringEquals", "aws:SourceAccount", [account])`. */
export function condition(test: string, variable: string, values: readonly string[]): DataAwsIamPolicyDocumentStatementCondition {
  return { test, variable, values: [...values] };
}

/** An Allow statement for an AWS service principal. */
export function allowService(
  sid: string,
  service: string,
  actions: readonly string[],
  resources: readonly string[],
  conditions: readonly DataAwsIamPolicyDocumentStatementCondition[] = [],
): DataAwsIamPolicyDocumentStatement {
  return {
    sid,
    effect: "Allow",
    principals: [{ type: "Service", identifiers: [service] }],
    actions: [...actions],
    resources: [...resources],
    ...(conditions.length > 0 ? { condition: [...conditions] } : {}),
  };
}

/** An Allow statement for an AWS principal (account root or role ARN). */
export function allowAws(sid: string, principal: string, actions: readonly string[], resources: readonly string[]): DataAwsIamPolicyDocumentStatement {
  return { sid, effect: "Allow", principals: [{ type: "AWS", identifiers: [principal] }], actions: [...actions], resources: [...resources] };
}

/** An Allow statement of an identity policy (a role's own policy: no principal). */
export function allow(sid: string, actions: readonly string[], resources: readonly string[]): PolicyStatement {
  return { sid, effect: "Allow", actions: [...actions], resources: [...resources] };
}

type Principals = DataAwsIamPolicyDocumentStatementPrincipals[] | DataAwsIamPolicyDocumentStatementNotPrincipals[];

/** A block list given as a value; a token (IResolvable) has no JSON text to write, so it is refused by name. */
function blocks<T>(sid: string | undefined, field: string, value: T[] | IResolvable): T[] {
  if (!Array.isArray(value)) throw new Error(`policy statement ${sid ?? "(no sid)"}: ${field} is a token; policyDocument needs its blocks as values`);
  return value;
}

function principalJson(principals: Principals): "*" | Record<string, string[]> {
  if (principals.some((p) => p.type === "*")) return "*";
  const out: Record<string, string[]> = {};
  for (const p of principals) out[p.type] = [...(out[p.type] ?? []), ...p.identifiers];
  return out;
}

function conditionJson(conditions: readonly DataAwsIamPolicyDocumentStatementCondition[]): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const c of conditions) {
    const test = (out[c.test] ??= {});
    if (test[c.variable] !== undefined) throw new Error(`policy condition ${c.test} on ${c.variable} is stated twice; merge its values into one condition`);
    test[c.variable] = [...c.values];
  }
  return out;
}

/** The IAM JSON of one statement, in IAM's key order, every list as a JSON array. */
function statementJson(s: PolicyStatement): Record<string, unknown> {
  const list = (key: string, values: readonly string[] | undefined) => (values === undefined ? {} : { [key]: [...values] });
  return {
    ...(s.sid === undefined ? {} : { Sid: s.sid }),
    Effect: s.effect ?? "Allow",
    ...(s.principals === undefined ? {} : { Principal: principalJson(blocks(s.sid, "principals", s.principals)) }),
    ...(s.notPrincipals === undefined ? {} : { NotPrincipal: principalJson(blocks(s.sid, "notPrincipals", s.notPrincipals)) }),
    ...list("Action", s.actions),
    ...list("NotAction", s.notActions),
    ...list("Resource", s.resources),
    ...list("NotResource", s.notResources),
    ...(s.condition === undefined ? {} : { Condition: conditionJson(blocks(s.sid, "condition", s.condition)) }),
  };
}

/** `statements` as an IAM policy document (JSON text, `Version` 2012-10-17) for a Terraform string argument. */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return terraformJson({ Version: "2012-10-17", Statement: statements.map(statementJson) });
}
