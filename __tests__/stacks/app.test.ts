import { Testing } from "cdktf";
import fs from "node:fs";
import path from "node:path";
import { selectEnvironments } from "../../config";
import { addFxTraderStacks } from "../../stacks/app";
import { envConfig, tempDir, type SynthesizedJson } from "../support";
import { runMain } from "../support/cli";
import { sharedSynthesis, sharedTree } from "../support/shared-synthesis";
import { listTree } from "../support/tree";

/** A stack of the default stack set as the real synth command wrote it (jest's shared synthesis of every environment). */
function synthesized(name: string): SynthesizedJson {
  const json = sharedTree().stacks.get(name);
  if (json === undefined) throw new Error(`the shared synthesis has no stack ${name}`);
  return json as SynthesizedJson;
}

describe("stack set", () => {
  const app = Testing.app();
  const stacks = addFxTraderStacks(app, selectEnvironments(undefined));
  const names = app.node.children.map((c) => c.node.id);

  it("has three layers per environment and one baseline per AWS account", () => {
    expect(names).toEqual([
      "fx-trader-account-fx-nonprod",
      "fx-trader-account-fx-prod",
      "fx-trader-dev-data",
      "fx-trader-dev-platform",
      "fx-trader-dev-grafana",
      "fx-trader-staging-data",
      "fx-trader-staging-platform",
      "fx-trader-staging-grafana",
      "fx-trader-prod-data",
      "fx-trader-prod-platform",
      "fx-trader-prod-grafana",
    ]);
  });

  it("declares the account baseline once when two environments share an account", () => {
    expect(stacks.accounts.map((a) => a.account.name)).toEqual(["fx-nonprod", "fx-prod"]);
  });

  it("builds the account baseline the same whichever environments are selected", () => {
    const synthAccount = (selection: string) => {
      const a = Testing.app();
      const s = addFxTraderStacks(a, selectEnvironments(selection));
      return Testing.synth(s.accounts.find((x) => x.account.name === "fx-nonprod")!);
    };
    expect(synthAccount("staging")).toEqual(synthAccount("dev,staging"));
  });

  it.each(["dev", "staging", "prod"] as const)("gives each %s stack its own encrypted, locked S3 state key", (env) => {
    const config = envConfig(env);
    for (const layer of ["data", "platform", "grafana"]) {
      const stack = stacks.environments.find((e) => e.config.name === env)![layer as "data"];
      const json = synthesized(stack.node.id);
      expect(json.terraform?.backend).toEqual({
        s3: {
          bucket: config.stateBackend.bucket,
          key: `fx-trader/${env}/${layer}.tfstate`,
          region: config.stateBackend.region,
          encrypt: true,
          kms_key_id: config.stateBackend.kmsKeyId,
          use_lockfile: true,
        },
      });
    }
  });

  it("tags every AWS resource through provider default tags", () => {
    const prod = stacks.environments.find((e) => e.config.name === "prod")!;
    const json = synthesized(prod.data.node.id);
    const providers = json.provider!.aws as Array<Record<string, unknown>>;
    expect(providers.map((p) => p.region)).toEqual(["ap-northeast-1", "ap-northeast-3"]);
    for (const p of providers) {
      expect(p.allowed_account_ids).toEqual(["222222222222"]);
      expect(p.default_tags).toEqual([
        {
          tags: {
            project: "fx-trader",
            environment: "prod",
            owner: "platform-engineering",
            "cost-centre": "fx-trading-platform",
            "managed-by": "cdktf",
            "stack-layer": "data",
          },
        },
      ]);
    }
  });

  it("configures Helm and Kubernetes with an exec token for the environment's EKS cluster", () => {
    const staging = stacks.environments.find((e) => e.config.name === "staging")!;
    const json = synthesized(staging.platform.node.id);
    const exec = {
      api_version: "client.authentication.k8s.io/v1beta1",
      command: "aws",
      args: ["eks", "get-token", "--cluster-name", "fx-trader-staging", "--region", "ap-northeast-1"],
    };
    const helm = (json.provider!.helm as Array<{ kubernetes: Record<string, unknown> }>)[0]!;
    expect(helm.kubernetes.exec).toEqual(exec);
    expect(helm.kubernetes.host).toMatch(/^\$\{data\.aws_eks_cluster\..+\.endpoint\}$/);
    expect((json.provider!.kubernetes as Array<Record<string, unknown>>)[0]!.exec).toEqual([exec]);
  });

  it("synthesizes required_providers.grafana from the generated bindings, with source and version", () => {
    const prod = stacks.environments.find((e) => e.config.name === "prod")!;
    const json = synthesized(prod.grafana.node.id);
    expect((json.terraform!.required_providers as Record<string, unknown>).grafana).toEqual({ source: "grafana/grafana", version: "4.45.1" });
    const grafana = (json.provider!.grafana as Array<Record<string, string>>)[0]!;
    expect(grafana.url).toBe("https://grafana.fx-trader.example.com");
    expect(grafana.auth).toBe("${ephemeral.aws_secretsmanager_secret_version.grafana_token.secret_string}");
  });
});

describe("npm run synth (main.ts)", () => {
  it("writes every environment's stacks, byte-identically to another run (jest's shared synthesis, made with absolute output paths)", () => {
    const first = tempDir();
    const run = runMain(first);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("fx-trader-prod-platform");
    const a = listTree(first);
    const shared = sharedSynthesis();
    const b = new Map([
      ...[...listTree(shared.outdir)].map(([f, c]) => [`cdktf.out/${f}`, c] as const),
      ...[...listTree(shared.reviewDir)].map(([f, c]) => [`out/${f}`, c] as const),
    ]);
    expect([...a.keys()].filter((f) => f.endsWith("cdk.tf.json"))).toEqual(
      expect.arrayContaining(["dev", "staging", "prod"].map((e) => `cdktf.out/stacks/fx-trader-${e}-data/cdk.tf.json`)),
    );
    expect(a.size).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it("fails for an unknown environment, listing the valid ones, and writes nothing", () => {
    const dir = tempDir();
    const run = runMain(dir, { FX_ENVIRONMENTS: "nope" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('unknown environment "nope"; valid environments are dev, staging, prod');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("limits the stacks to FX_ENVIRONMENTS", () => {
    const dir = tempDir();
    const run = runMain(dir, { FX_ENVIRONMENTS: "prod" });
    expect(run.status).toBe(0);
    expect(fs.readdirSync(path.join(dir, "cdktf.out/stacks")).sort()).toEqual([
      "fx-trader-account-fx-prod",
      "fx-trader-prod-data",
      "fx-trader-prod-grafana",
      "fx-trader-prod-platform",
    ]);
  });

  it("leaves the previous output untouched when synthesis fails", () => {
    const dir = tempDir();
    expect(runMain(dir, { FX_ENVIRONMENTS: "dev" }).status).toBe(0);
    const before = listTree(dir);
    const run = runMain(dir, { FX_ENVIRONMENTS: "dev,bogus" });
    expect(run.status).toBe(1);
    expect(listTree(dir)).toEqual(before);
  });
});
