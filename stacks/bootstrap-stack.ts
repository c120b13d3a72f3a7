/**
 * The bootstrap stack of an AWS account: what must exist before the first `cdktf`/CI deploy and what CI cannot
 * create for itself — the state bucket and its KMS key, GitHub's OIDC provider, the Terraform plan and deploy roles
 * of every GitHub environment the workflows use, their EKS access entries, and the Secrets Manager entries
 * (without values) of the account's environments. Local state (`bootstrap-state/`, outside the synth output):
 * it is applied by an administrator once per account, before the S3 backend it creates exists (README, first
 * deploy). Not part of the CI stack set.
 */
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LocalBackend, TerraformStack, type App } from "cdktf";
import type { Construct } from "constructs";
import { ACCOUNTS, type AccountConfig } from "../config/accounts";
import type { EnvironmentConfig } from "../config/types";
import { REPOSITORY_URL } from "../config/urls";
import { GithubOidcProvider } from "../constructs/bootstrap/github-oidc";
import { accountRoleStatements, environmentRoleStatements, type StateAccess } from "../constructs/bootstrap/role-policies";
import { AccountSecretEntries, SecretEntries } from "../constructs/bootstrap/secret-entries";
import { StateBackend } from "../constructs/bootstrap/state-backend";
import { TerraformRole } from "../constructs/bootstrap/terraform-role";
import { accountResourceName, bootstrapStackName, resourceName } from "../constructs/core/naming";
import type { TerraformRole as RoleKind } from "../secrets/catalog";

/** `owner/name` of the repository whose workflows assume the roles. */
export const GITHUB_REPOSITORY = new URL(REPOSITORY_URL).pathname.replace(/^\/|\.git$/g, "");

/** Folder (relative to the repository) holding the bootstrap stacks' local state. */
export const BOOTSTRAP_STATE_DIR = "bootstrap-state";

/** EKS access policies of the environment roles: the deploy role administers the cluster; the plan role's access is its Kubernetes group (README). */
export const EKS_DEPLOY_ACCESS_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
export const EKS_PLAN_GROUP = "fx-trader-terraform-plan";

/** GitHub environments whose jobs assume a role (`<env>` / `account-<account>` deploy, `…-plan` plan), as the workflows name them. */
export function githubEnvironmentOf(owner: string, kind: RoleKind): string {
  return kind === "plan" ? `${owner}-plan` : owner;
}

export interface BootstrapStackProps {
  readonly account: AccountConfig;
  /** The environments deployed into the account. */
  readonly environments: readonly EnvironmentConfig[];
}

export class BootstrapStack extends TerraformStack {
  readonly account: AccountConfig;
  readonly state: StateBackend;
  readonly oidc: GithubOidcProvider;
  readonly roles: readonly TerraformRole[];

  constructor(scope: Construct, props: BootstrapStackProps) {
    const name = bootstrapStackName(props.account.name);
    super(scope, name);
    const { account, environments } = props;
    this.account = account;
    for (const env of environments) {
      const mismatch = (["bucket", "region", "kmsKeyId"] as const).filter((k) => env.stateBackend[k] !== account.stateBackend[k]);
      if (env.account.id !== account.id || mismatch.length > 0) {
        throw new Error(
          `[${env.name}] stateBackend ${JSON.stringify(env.stateBackend)} / account ${env.account.id}: must be the state backend of account ${account.name} (${JSON.stringify(account.stateBackend)}, config/accounts.ts), which its bootstrap creates`,
        );
      }
    }
    // The state of the stack that creates the S3 backend cannot be in it: local, beside the repository (git-ignored).
    new LocalBackend(this, { path: `../../../${BOOTSTRAP_STATE_DIR}/${name}.tfstate` });
    new AwsProvider(this, "aws", {
      region: account.region,
      allowedAccountIds: [account.id],
      defaultTags: [{ tags: { project: "fx-trader", owner: account.owner, "cost-centre": account.costCentre, "managed-by": "cdktf", "stack-layer": "bootstrap" } }],
    });
    this.state = new StateBackend(this, "state", { backend: account.stateBackend, accountId: account.id });
    this.oidc = new GithubOidcProvider(this, "github-oidc");
    const state: StateAccess = { backend: account.stateBackend, keyArn: this.state.key.arn };
    const role = (id: string, roleName: string, kind: RoleKind, owner: string, statements: TerraformRole["statements"]) =>
      new TerraformRole(this, id, { roleName, kind, oidcProviderArn: this.oidc.arn, repository: GITHUB_REPOSITORY, githubEnvironment: githubEnvironmentOf(owner, kind), statements });
    const roles: TerraformRole[] = [];
    for (const kind of ["plan", "deploy"] as const) {
      roles.push(role(`account-${kind}`, accountResourceName(account, "account", "terraform", kind), kind, `account-${account.name}`, accountRoleStatements(account, kind, state)));
    }
    for (const env of environments) {
      for (const kind of ["plan", "deploy"] as const) {
        const r = role(`${env.name}-${kind}`, resourceName(env, "terraform", kind), kind, env.name, environmentRoleStatements(env, kind, state));
        roles.push(r);
        const entry = new EksAccessEntry(this, `${env.name}-${kind}-eks`, {
          clusterName: env.eks.clusterName,
          principalArn: r.arn,
          ...(kind === "plan" ? { kubernetesGroups: [EKS_PLAN_GROUP] } : {}),
        });
        if (kind === "deploy") {
          new EksAccessPolicyAssociation(this, `${env.name}-${kind}-eks-admin`, {
            clusterName: env.eks.clusterName,
            principalArn: r.arn,
            policyArn: EKS_DEPLOY_ACCESS_POLICY,
            accessScope: { type: "cluster" },
            dependsOn: [entry],
          });
        }
      }
      new SecretEntries(this, `${env.name}-secrets`, { config: env });
    }
    new AccountSecretEntries(this, "account-secrets", { account });
    this.roles = roles;
  }
}

/**
 * Adds one bootstrap stack per account of `environments` to `app`. The policy gate is the app pipeline's:
 * `synthesizeBootstrap()` (app/synthesize-bootstrap.ts) puts every stack behind it before synthesis.
 */
export function addBootstrapStacks(app: App, environments: readonly EnvironmentConfig[]): BootstrapStack[] {
  const names = [...new Set(environments.map((e) => e.account.name))];
  return names.map((n) => new BootstrapStack(app, { account: ACCOUNTS[n]!, environments: environments.filter((e) => e.account.name === n) }));
}
