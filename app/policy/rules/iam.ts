/**
 * No wildcard actions in the identity policies of our roles, users and groups (S1: no unnecessary
 * permissions). Resource policies (bucket, key, vault policies) are out of scope: their `Deny s3:*`
 * TLS-only statements and the KMS default `kms:*` for the account root are correct.
 */
import { readPolicy } from "../private/iam-documents";
import { blocks, type StackModel, type TfBlock } from "../private/stack-model";
import type { Finding, PolicyRule } from "../rule";

/** Identity-policy resources and where their document is. */
const POLICY_ARGUMENTS: ReadonlyArray<readonly [string, (block: TfBlock) => unknown[]]> = [
  ["aws_iam_policy", (b) => [b.attrs.policy]],
  ["aws_iam_role_policy", (b) => [b.attrs.policy]],
  ["aws_iam_user_policy", (b) => [b.attrs.policy]],
  ["aws_iam_group_policy", (b) => [b.attrs.policy]],
  ["aws_iam_role", (b) => blocks(b.attrs.inline_policy).map((p) => p.policy)],
];

function problemsOf(model: StackModel, documents: unknown[]): string[] {
  const problems: string[] = [];
  for (const document of documents) {
    if (document === undefined) continue;
    const reading = readPolicy(model, document);
    if ("unreadable" in reading) {
      problems.push(`its policy document cannot be checked: ${reading.unreadable}; build it with DataAwsIamPolicyDocument, JSON.stringify or Fn.jsonencode of an object literal`);
      continue;
    }
    for (const s of reading.statements.filter((st) => st.effect.toLowerCase() === "allow")) {
      const wild = s.actions.filter((a) => a.includes("*"));
      if (wild.length > 0) problems.push(`an Allow statement (${s.from}) grants wildcard action${wild.length > 1 ? "s" : ""} ${wild.map((a) => JSON.stringify(a)).join(", ")}`);
      if (s.notActions.length > 0) problems.push(`an Allow statement (${s.from}) uses NotAction ${JSON.stringify(s.notActions)}, which grants every other action`);
      if (s.computedActions.length > 0) problems.push(`an Allow statement (${s.from}) has actions computed at apply time (${s.computedActions.join(", ")}), which cannot be checked`);
    }
  }
  return problems;
}

/** AVD-AWS-0057 (action part): identity policies name exact actions. */
export const iamNoWildcardActions: PolicyRule = {
  id: "AVD-AWS-0057",
  title: "IAM policy should avoid use of wildcards (actions)",
  requirements: ["S1", "S3"],
  reportsOn: POLICY_ARGUMENTS.map(([type]) => type),
  passesWhen:
    "no Allow statement of an identity policy (`aws_iam_policy`, `aws_iam_role_policy`, `aws_iam_user_policy`, `aws_iam_group_policy`, `aws_iam_role.inline_policy`) has an action containing `*` (trivy's aws-iam-no-policy-wildcards, action part; also covers checkov CKV_AWS_62/63, which catch only `*`), uses NotAction, or has actions that cannot be read at synth time. Documents are read from `data.aws_iam_policy_document` (with source/override documents), JSON strings and `Fn.jsonencode`",
  check: (model) =>
    POLICY_ARGUMENTS.flatMap(([type, documentsOf]) =>
      model.resources(type).flatMap((block): Finding[] => {
        const problems = problemsOf(model, documentsOf(block));
        return problems.length === 0 ? [] : [{ block, message: `${problems.join("; ")}. List the exact actions the principal needs` }];
      }),
    ),
};
