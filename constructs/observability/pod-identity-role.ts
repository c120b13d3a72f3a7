/** An IAM role assumed by one Kubernetes service account through EKS Pod Identity. */
import type { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "../../config/types";
import { resourceName } from "../core/naming";
import { condition, policyDocument, type PolicyStatement } from "../core/policy-statements";

/** What a pod role reads of its environment: the name (role name), the account (trust condition) and the cluster name. */
export type PodIdentityEnvironment = Pick<EnvironmentConfig, "name" | "account" | "eks">;

export interface PodIdentityRoleProps {
  readonly config: PodIdentityEnvironment;
  readonly cluster: DataAwsEksCluster;
  /** Role name suffix, e.g. `loki` → `fx-trader-<env>-loki`. */
  readonly name: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** What the role may do: named actions on named resources only. */
  readonly statements: readonly PolicyStatement[];
}

/**
 * The role trusts only the EKS Pod Identity service, and only for this account and cluster (confused-deputy
 * conditions); the association binds it to one namespace and service account. Its inline policy is exactly
 * `statements`, which are validated to name every action and resource: no `*`.
 */
export class PodIdentityRole extends Construct {
  readonly role: IamRole;
  readonly association: EksPodIdentityAssociation;
  readonly statements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: PodIdentityRoleProps) {
    super(scope, id);
    const { config } = props;
    if (props.statements.length === 0) {
      throw new Error(`[${config.name}] PodIdentityRole ${props.name}: statements is empty: a pod role must grant at least one action`);
    }
    for (const s of props.statements) {
      const actions = s.actions ?? [];
      const resources = s.resources ?? [];
      const wildAction = actions.find((a) => a.includes("*"));
      if (wildAction !== undefined || actions.length === 0) {
        throw new Error(`[${config.name}] PodIdentityRole ${props.name}: statement ${s.sid} action ${JSON.stringify(wildAction ?? "")}: actions must be named in full (no "*", at least one)`);
      }
      const wildResource = resources.find((r) => r === "*" || (r.includes("*") && !r.endsWith("/*")));
      if (wildResource !== undefined || resources.length === 0) {
        throw new Error(`[${config.name}] PodIdentityRole ${props.name}: statement ${s.sid} resource ${JSON.stringify(wildResource ?? "")}: resources must be named ARNs (only a trailing "/*" for the objects of one bucket)`);
      }
    }
    this.statements = props.statements;
    this.role = new IamRole(this, "role", {
      name: resourceName(config, props.name),
      description: `EKS Pod Identity role of ${props.namespace}/${props.serviceAccount}`,
      assumeRolePolicy: policyDocument([
        {
          sid: "EksPodIdentity",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }],
          actions: ["sts:AssumeRole", "sts:TagSession"],
          condition: [condition("StringEquals", "aws:SourceAccount", [config.account.id]), condition("ArnEquals", "aws:SourceArn", [props.cluster.arn])],
        },
      ]),
    });
    new IamRolePolicy(this, "policy", { name: props.name, role: this.role.id, policy: policyDocument(props.statements) });
    this.association = new EksPodIdentityAssociation(this, "association", {
      clusterName: config.eks.clusterName,
      namespace: props.namespace,
      serviceAccount: props.serviceAccount,
      roleArn: this.role.arn,
    });
  }

  /** ARN of the role. */
  get arn(): string {
    return this.role.arn;
  }
}
