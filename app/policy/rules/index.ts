/** Every policy rule enforced at synth, in the order docs/security.md lists them. */
import type { PolicyRule } from "../rule";
import { CHECKOV_AWS_RULES } from "./checkov-aws";
import { ENCRYPTION_RULES } from "./encryption";
import { iamNoWildcardActions } from "./iam";
import { IAM_DOCUMENT_RULES } from "./iam-documents";
import { S3_RULES } from "./s3";
import { noPlaintextSecrets } from "./secrets";

export const POLICY_RULES: readonly PolicyRule[] = [...S3_RULES, ...ENCRYPTION_RULES, ...CHECKOV_AWS_RULES, iamNoWildcardActions, ...IAM_DOCUMENT_RULES, noPlaintextSecrets];

/** The rule with this ID, or undefined. */
export function ruleById(id: string): PolicyRule | undefined {
  return POLICY_RULES.find((r) => r.id === id);
}
