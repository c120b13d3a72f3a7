import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { ROOT } from "../support";

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Job {
  needs?: string | string[];
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  environment?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  steps?: Step[];
}
interface Workflow { on: Record<string, unknown>; permissions: Record<string, string>; env?: Record<string, string>; jobs: Record<string, Job> }

const load = (name: string) => parse(fs.readFileSync(path.join(ROOT, ".github/workflows", name), "utf8")) as Workflow;
const pr = load("pull-request.yml");
const deploy = load("deploy.yml");
const deployEnv = load("deploy-environment.yml");
const all = { "pull-request.yml": pr, "deploy.yml": deploy, "deploy-environment.yml": deployEnv };

/** Steps that assume an AWS role through OIDC. */
const assumesRole = (job: Job) => (job.steps ?? []).some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials"));

describe("GitHub Actions workflows", () => {
  it.each(Object.entries(all))("%s defaults to read-only contents", (_name, wf) => {
    expect(wf.permissions).toEqual({ contents: "read" });
  });

  it.each(Object.entries(all))("%s grants id-token: write only to jobs that assume an AWS role", (_name, wf) => {
    for (const [id, job] of Object.entries(wf.jobs)) {
      const oidc = job.permissions?.["id-token"] === "write";
      const deploysViaReusable = job.uses === "./.github/workflows/deploy-environment.yml";
      expect({ id, oidc }).toEqual({ id, oidc: assumesRole(job) || deploysViaReusable });
    }
  });

  it("pull requests: test, review (one comment), plan per affected environment, plan comment", () => {
    expect(Object.keys(pr.jobs)).toEqual(["test", "review", "plan", "plan-comment"]);
    const run = (job: Job) => (job.steps ?? []).map((s) => s.run ?? s.uses ?? "").join("\n");
    expect(run(pr.jobs.test!)).toMatch(/npm ci[\s\S]*npm test[\s\S]*npm run synth/);
    expect(run(pr.jobs.review!)).toContain('npm run --silent review -- --base "origin/${{ github.base_ref }}"');
    expect(pr.jobs.review!.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(pr.jobs.plan!.environment).toBe("${{ matrix.environment }}-plan");
    expect(run(pr.jobs.plan!)).toContain("npx cdktf diff");
    expect(pr.jobs["plan-comment"]!.permissions).toEqual({ contents: "read", "pull-requests": "write" });
  });

  it("main: dev and staging deploy automatically, prod only through its protected environment", () => {
    expect(Object.keys(deploy.on)).toEqual(["push", "workflow_dispatch"]);
    expect(deploy.jobs.staging!.needs).toEqual(["test", "dev"]);
    expect(deploy.jobs.prod!.needs).toEqual(["test", "release-gate", "staging"]);
    expect(deploy.jobs.prod!.if).toContain("needs.release-gate.result == 'success'");
    for (const env of ["dev", "staging", "prod"]) {
      expect(deploy.jobs[env]!.uses).toBe("./.github/workflows/deploy-environment.yml");
      expect(deploy.jobs[env]!.with).toEqual({ environment: env, stacks: "${{ inputs.stacks }}" });
    }
    const inputs = (deploy.on.workflow_dispatch as { inputs: Record<string, { options?: string[] }> }).inputs;
    expect(inputs.environment!.options).toEqual(["dev", "staging", "prod"]);
    expect(Object.keys(inputs)).toEqual(["environment", "stacks"]);
  });

  it("S4: gates every prod release on the dependency audit and the policy checks (npm run audit:release)", () => {
    const gate = deploy.jobs["release-gate"]!;
    expect(gate.needs).toBe("test");
    expect((gate.steps ?? []).map((s) => s.run).filter(Boolean)).toEqual(["npm ci", "npm run audit:release"]);
    expect(gate.permissions).toBeUndefined();
  });

  it("deploys each environment in its own GitHub environment and concurrency group, never cancelling an apply", () => {
    const job = deployEnv.jobs.deploy!;
    expect(job.environment).toBe("${{ inputs.environment }}");
    expect(job.concurrency).toEqual({ group: "deploy-${{ inputs.environment }}", "cancel-in-progress": false });
    const run = (job.steps ?? []).map((s) => s.run ?? "").join("\n");
    expect(run).toContain("npx cdktf deploy ${STACKS:-$all} --skip-synth --auto-approve");
    // Inputs reach the shell through env, never interpolated into the script (script injection).
    expect(run).not.toContain("${{");
  });

  it("pins Terraform and uses the cdktf CLI from package.json", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies["cdktf-cli"]).toBe("0.21.0");
    for (const wf of [pr, deployEnv]) {
      expect(wf.env!.TERRAFORM_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
      const steps = Object.values(wf.jobs).flatMap((j) => j.steps ?? []);
      const tf = steps.filter((s) => s.uses?.startsWith("hashicorp/setup-terraform"));
      for (const s of tf) expect(s.with!.terraform_version).toBe("${{ env.TERRAFORM_VERSION }}");
      expect(steps.some((s) => /npm (i|install) -g|npm install --global/.test(s.run ?? ""))).toBe(false);
    }
  });
});
