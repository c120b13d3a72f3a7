/**
 * The bootstrap stack of each account (state bucket and key, GitHub OIDC, the Terraform roles of every GitHub
 * environment the workflows use, Secrets Manager entries without values), tested on its synthesized JSON; the
 * roles' permissions are evaluated with the IAM evaluator. `terraform validate` of these stacks is in
 * __tests__/tools/terraform-validate.test.ts (V1).
 */
import { Testing } from "cdktf";
import { ACCOUNTS } from "../../config/accounts";
import { ENVIRONMENTS, ENVIRONMENT_NAMES } from "../../config/environments";
import type { EnvironmentConfig } from "../../config/types";
import { environmentSecrets, secretName } from "../../secrets/catalog";
import { accountVariableSecrets, terraformReadableSecrets } from "../../secrets/terraform-access";
import { stackPlan } from "../../tools/review/stack-plan";
import { addBootstrapStacks, BootstrapStack, EKS_DEPLOY_ACCESS_POLICY, EKS_PLAN_GROUP } from "../../stacks/bootstrap-stack";
import { fixtureManifest } from "../github/support/workflow-runner";
import { evaluateIdentity, type IdentityJsonStatement } from "../support/iam-evaluate";

const environments = ENVIRONMENT_NAMES.map((n) => ENVIRONMENTS[n]);
const stacks = addBootstrapStacks(Testing.app(), environments);
type Json = { terraform?: { backend?: Record<string, { path?: string }> }; resource: Record<string, Record<string, Record<string, unknown>>>; data?: Record<string, unknown> };
const synthesized = new Map(stacks.map((s) => [s.account.name, JSON.parse(Testing.synth(s)) as Json]));
const resources = (account: string, type: string) => Object.values(synthesized.get(account)!.resource[type] ?? {});

/** A role's inline statements, by the GitHub environment its trust policy names. */
function roles(account: string): Map<string, { name: string; statements: IdentityJsonStatement[]; trust: { Statement: Array<{ Condition: { StringEquals: Record<string, string> } }> } }> {
  const json = synthesized.get(account)!;
  const inline = Object.values(json.resource.aws_iam_role_policy!);
  const out = new Map<string, { name: string; statements: IdentityJsonStatement[]; trust: { Statement: Array<{ Condition: { StringEquals: Record<string, string> } }> } }>();
  for (const [id, role] of Object.entries(json.resource.aws_iam_role!)) {
    const trust = JSON.parse(String(role.assume_role_policy)) as { Statement: Array<{ Condition: { StringEquals: Record<string, string> } }> };
    const sub = trust.Statement[0]!.Condition.StringEquals["token.actions.githubusercontent.com:sub"]!;
    const policy = inline.find((p) => String(p.role) === `\${aws_iam_role.${id}.id}`)!;
    out.set(sub.replace(/^repo:[^:]+:environment:/, ""), { name: String(role.name), statements: (JSON.parse(String(policy.policy)) as { Statement: IdentityJsonStatement[] }).Statement, trust });
  }
  return out;
}

/** Every secret of every environment, as the ARN Secrets Manager gives it (name + `-` + six random characters). */
const everySecret = environments.flatMap((env) => environmentSecrets(env).map((d) => ({ env, name: secretName(env, d), arn: `arn:aws:secretsmanager:${env.region}:${env.account.id}:secret:${secretName(env, d)}-AbC123` })));
/** Worst case for the managed policy (ReadOnlyAccess / PowerUserAccess): it allows everything. */
const MANAGED_ALLOWS_ALL: IdentityJsonStatement = { Effect: "Allow", Action: "*", Resource: "*" };
const readable = (statements: readonly IdentityJsonStatement[]) => everySecret.filter((s) => evaluateIdentity([MANAGED_ALLOWS_ALL, ...statements], "secretsmanager:GetSecretValue", s.arn) === "allowed").map((s) => s.name).sort();

describe("bootstrap stack: Terraform roles (S5, #21)", () => {
  it.each(environments.map((e) => [e.name, e] as [string, EnvironmentConfig]))(
    "S5: %s's plan and deploy roles may GetSecretValue only on their Grafana token (read-only for plans, managing for deploys) and the on-call endpoint, whatever their managed policy allows",
    (_name, env) => {
      const byEnv = roles(env.account.name);
      const plan = byEnv.get(`${env.name}-plan`)!;
      const deploy = byEnv.get(env.name)!;
      expect(readable(plan.statements)).toEqual(terraformReadableSecrets(env, "plan"));
      expect(readable(deploy.statements)).toEqual(terraformReadableSecrets(env, "deploy"));
      expect(terraformReadableSecrets(env, "plan")).toEqual([`${env.secrets.pathPrefix}/backup/on-call-endpoint`, `${env.secrets.pathPrefix}/grafana/terraform-read-token`]);
      expect(terraformReadableSecrets(env, "deploy")).toEqual([`${env.secrets.pathPrefix}/backup/on-call-endpoint`, `${env.secrets.pathPrefix}/grafana/terraform-token`]);
      // No other route to a value: batch reads, writes and restores are denied on every secret.
      for (const action of ["secretsmanager:BatchGetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecret"]) {
        for (const role of [plan, deploy]) expect(evaluateIdentity([MANAGED_ALLOWS_ALL, ...role.statements], action, everySecret[0]!.arn)).toBe("denied");
      }
    },
  );

  it("S5: the account stacks' roles read no secret at all", () => {
    for (const account of Object.keys(ACCOUNTS)) {
      const byEnv = roles(account);
      expect(readable(byEnv.get(`account-${account}-plan`)!.statements)).toEqual([]);
      expect(readable(byEnv.get(`account-${account}`)!.statements)).toEqual([]);
    }
  });

  it("S5: fails when the Deny is dropped (seeded): the managed policy would then reach every secret, the pods' included", () => {
    const plan = roles("fx-prod").get("prod-plan")!;
    const seeded = plan.statements.filter((s) => !(s.Effect === "Deny" && s.NotResource !== undefined));
    expect(readable(seeded)).toContain("fx-trader/prod/grafana/admin");
    expect(readable(plan.statements)).not.toContain("fx-trader/prod/grafana/admin");
  });

  it("the plan role reads the state but cannot write it or take its lock; the deploy role writes state and lock files", () => {
    const byEnv = roles("fx-prod");
    const bucket = ACCOUNTS["fx-prod"]!.stateBackend.bucket;
    const state = `arn:aws:s3:::${bucket}/fx-trader/prod/data.tfstate`;
    const lock = `${state}.tflock`;
    const plan = byEnv.get("prod-plan")!.statements;
    const deploy = byEnv.get("prod")!.statements;
    expect(evaluateIdentity(plan, "s3:GetObject", state)).toBe("allowed");
    expect(evaluateIdentity(plan, "s3:PutObject", lock)).toBe("implicit-deny");
    expect(evaluateIdentity(plan, "s3:DeleteObject", state)).toBe("implicit-deny");
    expect(evaluateIdentity(deploy, "s3:PutObject", lock)).toBe("allowed");
    expect(evaluateIdentity(deploy, "s3:DeleteObject", lock)).toBe("allowed");
    expect(evaluateIdentity(deploy, "s3:PutObject", `arn:aws:s3:::${bucket}/elsewhere/x`)).toBe("implicit-deny");
  });

  it("the deploy role manages the project's IAM roles but can never change the CI roles themselves, whatever its managed policy allows", () => {
    const deploy = roles("fx-prod").get("prod")!.statements;
    expect(evaluateIdentity(deploy, "iam:CreateRole", "arn:aws:iam::222222222222:role/fx-trader-prod-loki")).toBe("allowed");
    expect(evaluateIdentity(deploy, "iam:CreateRole", "arn:aws:iam::222222222222:role/someone-else")).toBe("implicit-deny");
    for (const action of ["iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy", "iam:DeleteRole"]) {
      expect(evaluateIdentity([MANAGED_ALLOWS_ALL, ...deploy], action, "arn:aws:iam::222222222222:role/fx-trader-prod-terraform-deploy")).toBe("denied");
    }
  });

  it("has a role for exactly the GitHub environments the workflows assume roles in (stack selection: <github> deploys, <github>-plan plans)", () => {
    const used = new Set(stackPlan(fixtureManifest(), environments).flatMap((s) => [s.github, `${s.github}-plan`]));
    const created = new Set([...synthesized.keys()].flatMap((a) => [...roles(a).keys()]));
    expect([...created].sort()).toEqual([...used].sort());
  });

  it("trusts only jobs of the role's GitHub environment of this repository, through GitHub's OIDC provider", () => {
    const byEnv = roles("fx-prod");
    const trust = byEnv.get("prod-plan")!.trust.Statement[0]!;
    expect(trust).toEqual({
      Sid: "GithubEnvironment",
      Effect: "Allow",
      Principal: { Federated: expect.stringMatching(/^\$\{aws_iam_openid_connect_provider\.github-oidc_provider_[0-9A-F]+\.arn\}$/) },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:fx-trader/ops-infra:environment:prod-plan" } },
    });
    expect(resources("fx-prod", "aws_iam_openid_connect_provider")).toEqual([expect.objectContaining({ url: "https://token.actions.githubusercontent.com", client_id_list: ["sts.amazonaws.com"] })]);
    expect(byEnv.get("prod")!.name).toBe("fx-trader-prod-terraform-deploy");
    expect(byEnv.get("prod-plan")!.name).toBe("fx-trader-prod-terraform-plan");
  });

  it("gives the deploy role cluster administration and the plan role only its Kubernetes group (RBAC bound by the cluster owner, README)", () => {
    const entries = resources("fx-prod", "aws_eks_access_entry");
    expect(entries).toHaveLength(2);
    expect(entries.find((e) => String(e.principal_arn).includes("prod-plan"))).toMatchObject({ cluster_name: ENVIRONMENTS.prod.eks.clusterName, kubernetes_groups: [EKS_PLAN_GROUP] });
    const associations = resources("fx-prod", "aws_eks_access_policy_association");
    expect(associations).toEqual([expect.objectContaining({ policy_arn: EKS_DEPLOY_ACCESS_POLICY, access_scope: { type: "cluster" } })]);
    expect(String(associations[0]!.principal_arn)).toContain("prod-deploy");
  });
});

describe("bootstrap stack: state backend and secret entries", () => {
  it.each(Object.keys(ACCOUNTS))("%s: state bucket of the backend config, versioned, KMS-encrypted with the alias the backends name, private, protected; local state", (account) => {
    const config = ACCOUNTS[account]!;
    const json = synthesized.get(account)!;
    expect(json.terraform!.backend).toEqual({ local: { path: `../../../bootstrap-state/fx-trader-bootstrap-${account}.tfstate` } });
    const [bucket] = resources(account, "aws_s3_bucket");
    expect(bucket).toMatchObject({ bucket: config.stateBackend.bucket, lifecycle: { prevent_destroy: true } });
    expect(resources(account, "aws_s3_bucket_versioning")).toEqual([expect.objectContaining({ versioning_configuration: { status: "Enabled" } })]);
    const [sse] = resources(account, "aws_s3_bucket_server_side_encryption_configuration");
    expect((sse!.rule as Array<{ apply_server_side_encryption_by_default: { sse_algorithm: string; kms_master_key_id: string } }>)[0]!.apply_server_side_encryption_by_default).toEqual({ sse_algorithm: "aws:kms", kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\..+\.arn\}$/) });
    expect(resources(account, "aws_kms_alias")).toEqual([expect.objectContaining({ name: config.stateBackend.kmsKeyId })]);
    expect(resources(account, "aws_kms_key")).toEqual([expect.objectContaining({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } })]);
    expect(resources(account, "aws_s3_bucket_public_access_block")).toEqual([expect.objectContaining({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true })]);
    // S3-native locking (use_lockfile) in the stacks' backends: no DynamoDB lock table to create.
    expect(resources(account, "aws_dynamodb_table")).toEqual([]);
  });

  it("creates the state backend every environment's stacks use", () => {
    for (const env of environments) {
      const stack = stacks.find((s) => s.account.name === env.account.name)!;
      expect(stack.state.backend).toEqual(env.stateBackend);
    }
  });

  it("S5: creates every secret of the account's environments and of the account itself (finding-alert endpoints), protected, without a value", () => {
    for (const [account, json] of synthesized) {
      const names = resources(account, "aws_secretsmanager_secret").map((s) => s.name);
      const own = accountVariableSecrets(ACCOUNTS[account]!).map((v) => v.secret);
      expect(own).toHaveLength(3);
      expect(names.sort()).toEqual([...environments.filter((e) => e.account.name === account).flatMap((e) => environmentSecrets(e).map((d) => secretName(e, d))), ...own].sort());
      for (const s of resources(account, "aws_secretsmanager_secret")) expect(s).toMatchObject({ recovery_window_in_days: 30, lifecycle: { prevent_destroy: true } });
      // D4: the Grafana Enterprise licence exists exactly for the enterprise environments (staging, prod), not dev (oss).
      for (const e of environments.filter((x) => x.account.name === account)) {
        expect([e.name, names.includes(`${e.secrets.pathPrefix}/grafana/enterprise-license`)]).toEqual([e.name, e.observability.grafana.edition.kind === "enterprise"]);
      }
      expect(json.resource.aws_secretsmanager_secret_version).toBeUndefined();
      expect(json.data ?? {}).not.toHaveProperty("aws_secretsmanager_secret_version");
      expect(JSON.stringify(json)).not.toMatch(/secret_string|secret_binary/);
    }
  });

  it("fails when an environment's state backend is not its account's, naming the environment and both values", () => {
    const env = { ...ENVIRONMENTS.staging, stateBackend: { ...ENVIRONMENTS.staging.stateBackend, bucket: "elsewhere" } };
    expect(() => new BootstrapStack(Testing.app(), { account: ACCOUNTS["fx-nonprod"]!, environments: [ENVIRONMENTS.dev, env] })).toThrow(
      /^\[staging\] stateBackend \{"bucket":"elsewhere".*must be the state backend of account fx-nonprod \(\{"bucket":"fx-trader-tfstate-111111111111"/,
    );
  });
});
