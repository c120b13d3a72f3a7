/**
 * The IAM role AWS Backup assumes to back up, copy and restore (including restore tests) the protected
 * resources. AWS's managed policies cover RDS/Aurora snapshots and continuous backup (including the
 * `rds:DeleteDBSnapshot` a continuous-backup copy needs) and S3 backup and restore.
 */
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { condition, policyDocument } from "../core/policy-statements";

export interface BackupServiceRoleProps {
  /** Role name. */
  readonly name: string;
  readonly accountId: string;
  readonly provider: TerraformProvider;
}

/** The AWS managed policies attached, in a fixed order. */
export const BACKUP_SERVICE_MANAGED_POLICIES = [
  "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
  "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
  "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
  "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
] as const;

export class BackupServiceRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: BackupServiceRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      provider: props.provider,
      name: props.name,
      description: "AWS Backup: back up, copy, restore and restore-test the fx-trader protected resources",
      assumeRolePolicy: policyDocument([
        {
          sid: "AwsBackupAssumesThisRole",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["backup.amazonaws.com"] }],
          actions: ["sts:AssumeRole"],
          condition: [condition("StringEquals", "aws:SourceAccount", [props.accountId])],
        },
      ]),
    });
    BACKUP_SERVICE_MANAGED_POLICIES.forEach((policyArn) => {
      const id = policyArn.split("/").pop()!;
      new IamRolePolicyAttachment(this, id, { provider: props.provider, role: this.role.name, policyArn });
    });
  }

  get arn(): string {
    return this.role.arn;
  }
}
