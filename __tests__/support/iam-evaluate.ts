/**
 * Test helper: evaluates one request against a resource policy the way IAM does for the parts our policies use
 * (explicit Deny wins over Allow; `*`/`?` wildcards in actions and principals; the condition operators
 * ArnEquals/ArnNotEquals/ArnLike/ArnNotLike, StringEquals/StringNotEquals, Bool/BoolIfExists). An operator it
 * does not know throws, so a policy it cannot read never passes silently.
 *
 * It reads both shapes the program writes: `aws_iam_policy_document` statements (sid/effect/principals/condition
 * blocks) and JSON policy documents (Sid/Effect/Principal/Condition objects).
 */
import type { PolicyStatement } from "./synthesized-buckets";

export interface IamRequest {
  /** The calling principal's ARN (for an assumed role: the role's ARN, as `aws:PrincipalArn` is). */
  readonly principalArn: string;
  readonly action: string;
  /** Whether the session was authenticated with MFA; undefined: the key is absent (e.g. a service). */
  readonly mfa?: boolean;
}

interface Condition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

interface Statement {
  readonly effect: "Allow" | "Deny";
  readonly principals: readonly string[];
  readonly actions: readonly string[];
  readonly conditions: readonly Condition[];
}

type JsonStatement = { Effect: string; Principal?: { AWS?: string | string[] } | "*"; Action: string | string[]; Condition?: Record<string, Record<string, string | string[]>> };

const list = (v: string | readonly string[] | undefined): string[] => (v === undefined ? [] : typeof v === "string" ? [v] : [...v]);

function normalise(s: PolicyStatement | JsonStatement): Statement {
  if ("Effect" in s) {
    const principal = s.Principal === "*" ? ["*"] : list(s.Principal?.AWS);
    const conditions = Object.entries(s.Condition ?? {}).flatMap(([test, vars]) => Object.entries(vars).map(([variable, values]) => ({ test, variable, values: list(values) })));
    return { effect: s.Effect as Statement["effect"], principals: principal, actions: list(s.Action), conditions };
  }
  return {
    effect: (s.effect ?? "Allow") as Statement["effect"],
    principals: (s.principals ?? []).filter((p) => p.type === "AWS").flatMap((p) => p.identifiers),
    actions: s.actions ?? [],
    conditions: s.condition ?? [],
  };
}

const wildcard = (pattern: string): RegExp => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");

function principalMatches(principals: readonly string[], arn: string): boolean {
  const account = /^arn:aws:iam::(\d{12}):/.exec(arn)?.[1];
  return principals.some((p) => p === "*" || p === arn || (account !== undefined && p === `arn:aws:iam::${account}:root`));
}

function conditionHolds(c: Condition, r: IamRequest): boolean {
  const value = c.variable === "aws:PrincipalArn" ? r.principalArn : c.variable === "aws:MultiFactorAuthPresent" ? (r.mfa === undefined ? undefined : String(r.mfa)) : "unknown";
  if (value === "unknown") throw new Error(`iam-evaluate: condition key ${c.variable} not modelled`);
  const anyMatch = (f: (v: string) => boolean): boolean => value !== undefined && c.values.some(f);
  switch (c.test) {
    case "ArnEquals":
    case "StringEquals":
      return anyMatch((v) => v === value);
    case "ArnLike":
      return anyMatch((v) => wildcard(v).test(value!));
    case "ArnNotEquals":
    case "StringNotEquals":
      return value !== undefined && !c.values.includes(value);
    case "ArnNotLike":
      return value !== undefined && !c.values.some((v) => wildcard(v).test(value));
    case "Bool":
      return anyMatch((v) => v === value);
    case "BoolIfExists":
      return value === undefined || c.values.includes(value);
    default:
      throw new Error(`iam-evaluate: condition operator ${c.test} not modelled`);
  }
}

/** `allowed`, `denied` (an explicit Deny matched) or `implicit-deny` (nothing allowed it). */
export function evaluate(statements: ReadonlyArray<PolicyStatement | JsonStatement>, r: IamRequest): "allowed" | "denied" | "implicit-deny" {
  const matching = statements
    .map(normalise)
    .filter((s) => principalMatches(s.principals, r.principalArn) && s.actions.some((a) => wildcard(a).test(r.action)) && s.conditions.every((c) => conditionHolds(c, r)));
  if (matching.some((s) => s.effect === "Deny")) return "denied";
  return matching.some((s) => s.effect === "Allow") ? "allowed" : "implicit-deny";
}

/** An identity-policy statement (no principal): `Action`/`NotAction` and `Resource`/`NotResource`. */
export interface IdentityJsonStatement {
  readonly Effect: string;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: unknown;
}

/**
 * Evaluates `action` on `resource` against a role's identity-policy statements the way IAM does (explicit
 * Deny wins; `*`/`?` wildcards in actions and resources; NotAction/NotResource). A statement with a condition
 * throws: none of the roles' statements uses one, and one this cannot read must not pass silently.
 */
export function evaluateIdentity(statements: readonly IdentityJsonStatement[], action: string, resource: string): "allowed" | "denied" | "implicit-deny" {
  const matches = (patterns: string | readonly string[] | undefined, value: string) => list(patterns as string | string[] | undefined).some((p) => wildcard(p).test(value));
  const matching = statements.filter((s) => {
    if (s.Condition !== undefined) throw new Error("iam-evaluate: identity statements with conditions are not modelled");
    const actionOk = s.NotAction !== undefined ? !matches(s.NotAction, action) : matches(s.Action, action);
    const resourceOk = s.NotResource !== undefined ? !matches(s.NotResource, resource) : matches(s.Resource, resource);
    return actionOk && resourceOk;
  });
  if (matching.some((s) => s.Effect === "Deny")) return "denied";
  return matching.some((s) => s.Effect === "Allow") ? "allowed" : "implicit-deny";
}
