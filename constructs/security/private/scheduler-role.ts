/** An IAM role EventBridge Scheduler assumes (only for this account's schedules) with one inline policy. */
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import type { Construct } from "constructs";
import { waive } from "../../policy/waiver";
import type { AwsAccount } from "../../../config/types";

/** Creates the role (and its inline policy) a baseline schedule runs as; `roleName` is also the schedule's name. */
export function schedulerRole(scope: Construct, account: AwsAccount, roleName: string, statements: DataAwsIamPolicyDocumentStatement[]): IamRole {
  const trust = new DataAwsIamPolicyDocument(scope, "scheduler-trust", {
    statement: [
      {
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["scheduler.amazonaws.com"] }],
        // Only this account's schedule of the same name (the role is named after its schedule).
        condition: [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [account.id] },
          { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:aws:scheduler:*:${account.id}:schedule/default/${roleName}`] },
        ],
      },
    ],
  });
  const role = new IamRole(scope, "scheduler-role", { name: roleName, assumeRolePolicy: trust.json });
  const permissions = new DataAwsIamPolicyDocument(scope, "scheduler-permissions", { statement: statements });
  new IamRolePolicy(scope, "scheduler-policy", { name: "scheduled-security-check", role: role.id, policy: permissions.json });
  return role;
}

/** Why the baseline schedules use the AWS-owned key (checkov CKV_AWS_297), printed by synth and listed in docs/security.md. */
export const SCHEDULE_KEY_JUSTIFICATION =
  "the schedule's input holds only Config rule names or the assessment ID and a report name, nothing confidential; EventBridge Scheduler encrypts it at rest with an AWS owned key, and a customer key would add a key grant to every run for nothing to protect";

/** Waives CKV_AWS_297 on a baseline schedule, with {@link SCHEDULE_KEY_JUSTIFICATION}. */
export function waiveScheduleKey(schedule: SchedulerSchedule): SchedulerSchedule {
  return waive(schedule, "CKV_AWS_297", SCHEDULE_KEY_JUSTIFICATION);
}
