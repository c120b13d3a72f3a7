/** An IAM role EventBridge Scheduler assumes (only for this account's schedules) with one inline policy. */
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { Construct } from "constructs";
import type { AwsAccount } from "../../../config/types";

/** Creates the role (and its inline policy) a baseline schedule runs as. */
export function schedulerRole(scope: Construct, account: AwsAccount, roleName: string, statements: DataAwsIamPolicyDocumentStatement[]): IamRole {
  const trust = new DataAwsIamPolicyDocument(scope, "scheduler-trust", {
    statement: [
      {
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["scheduler.amazonaws.com"] }],
        condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [account.id] }],
      },
    ],
  });
  const role = new IamRole(scope, "scheduler-role", { name: roleName, assumeRolePolicy: trust.json });
  const permissions = new DataAwsIamPolicyDocument(scope, "scheduler-permissions", { statement: statements });
  new IamRolePolicy(scope, "scheduler-policy", { name: "scheduled-security-check", role: role.id, policy: permissions.json });
  return role;
}
