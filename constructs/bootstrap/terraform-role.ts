/**
 * One role CI assumes through GitHub's OIDC provider: trusted by one GitHub environment only, with an AWS managed
 * policy bounded by its inline policy (constructs/bootstrap/role-policies.ts).
 */
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import type { TerraformRole as RoleKind } from "../../secrets/catalog";
import { githubTrustPolicy } from "./github-oidc";
import { MANAGED_POLICY, policyDocument, type IdentityStatement } from "./role-policies";

export interface TerraformRoleProps {
  /** Physical role name (from the naming helper). */
  readonly roleName: string;
  readonly kind: RoleKind;
  /** ARN of the account's GitHub OIDC provider. */
  readonly oidcProviderArn: string;
  /** `owner/name` of the repository whose workflows assume the role. */
  readonly repository: string;
  /** The GitHub environment whose jobs may assume it (holds the role's ARN as a variable). */
  readonly githubEnvironment: string;
  readonly statements: readonly IdentityStatement[];
}

export class TerraformRole extends Construct {
  readonly role: IamRole;
  readonly githubEnvironment: string;
  readonly statements: readonly IdentityStatement[];

  constructor(scope: Construct, id: string, props: TerraformRoleProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(props.repository)) {
      throw new Error(`TerraformRole ${this.node.path}: repository = "${props.repository}": must be "<owner>/<name>" (from config/urls.ts REPOSITORY_URL)`);
    }
    this.githubEnvironment = props.githubEnvironment;
    this.statements = props.statements;
    this.role = new IamRole(this, "role", {
      name: props.roleName,
      description: `Terraform ${props.kind} role for GitHub environment ${props.githubEnvironment}`,
      assumeRolePolicy: githubTrustPolicy(props.oidcProviderArn, props.repository, props.githubEnvironment),
      maxSessionDuration: 3600,
    });
    new IamRolePolicyAttachment(this, "managed", { role: this.role.name, policyArn: MANAGED_POLICY[props.kind] });
    new IamRolePolicy(this, "inline", { name: `${props.roleName}-terraform`, role: this.role.id, policy: policyDocument(props.statements) });
  }

  get arn(): string {
    return this.role.arn;
  }
}
