/**
 * IAM policy documents as typed objects, serialized in a fixed key order so synth output
 * is reproducible. Written as JSON rather than `aws_iam_policy_document` data sources: they depend only on
 * config, so they need no plan-time lookup and tests can read them.
 */
import { terraformJson } from "../../core/terraform-string";

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal: { readonly AWS?: string | readonly string[]; readonly Service?: string | readonly string[] } | "*";
  readonly Action: string | readonly string[];
  /** Omitted in trust policies, which name no resource. */
  readonly Resource?: string | readonly string[];
  readonly Condition?: Record<string, Record<string, string | readonly string[] | boolean>>;
}

/** Serializes a policy document (`Version` 2012-10-17). */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return terraformJson({ Version: "2012-10-17", Statement: statements });
}
