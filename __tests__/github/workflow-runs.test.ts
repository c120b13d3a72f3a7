/**
 * V4: the pull-request, deploy and drift workflows' `run:` steps executed as written in the YAML, with stand-in
 * `terraform` (succeeds, fails, reports changes, refuses a stale plan), `npm` (fixture synth; the real stack
 * selection of scripts/ci-matrix.ts) and `gh`, and the artifact hand-over between jobs emulated from the steps'
 * own `with:`. Proves the exit statuses, the plan comment, the hand-over, the approver's summary, the refusal of
 * a stale plan and the drift issues. Seeded failures mutate a step and show the same assertions reject it.
 */
import fs from "node:fs";
import path from "node:path";
import { ENVIRONMENTS } from "../../config/environments";
import { ArtifactStore, downloadStep, loadWorkflow, matrixRows, removeTemporaryFolders, stepOf, uploadStep, Workspace, type ExpressionContext, type Job, type Workflow } from "./support/workflow-runner";

const pr = loadWorkflow("pull-request.yml");
const deployEnv = loadWorkflow("deploy-environment.yml");
const drift = loadWorkflow("drift.yml");
const labels = (env: "dev" | "staging" | "prod") => JSON.stringify(ENVIRONMENTS[env].ci.privateRunnerLabels);
const ANSI = "\u001b[";
afterAll(removeTemporaryFolders);

const fake = (modes: Record<string, string>) => Object.fromEntries(Object.entries(modes).map(([s, m]) => [`FAKE_TF_${s.replace(/-/g, "_")}`, m]));

const planRuns = new Map<string, { plans: Array<{ stack: string; status: number | null; ws: Workspace }>; store: ArtifactStore }>();

/**
 * Runs one plan job per matrix row (each in its own workspace, as on separate runners) and uploads its artifact
 * into a new artifact store. The plan steps are deterministic in the job (its steps, as a test may have changed
 * them), the rows, the stand-ins' modes, the commit and `needs`: a repeat of the same inputs in this file gets the
 * first run's workspaces and store (read only: tests download from it and read the plan workspaces' logs).
 */
function runPlanJobs(wf: Workflow, jobId: string, rows: ReturnType<typeof matrixRows>, modes: Record<string, string>, sha?: string, needs: ExpressionContext["needs"] = {}) {
  const job = wf.jobs[jobId]!;
  const key = JSON.stringify([wf.env, job, rows, modes, sha, needs]);
  const done = planRuns.get(key);
  if (done) return done;
  const store = new ArtifactStore();
  // The stand-in terraform denies the plan role any Grafana token but the read-only one.
  const plans = rows.map((matrix) => {
    const ws = new Workspace(sha);
    const ctx: ExpressionContext = { matrix, needs, github: { run_id: "4242" } };
    expect(ws.run(wf, job, stepOf(job, "Synthesize"), ctx).status).toBe(0);
    const plan = ws.run(wf, job, stepOf(job, "Plan"), ctx, { ...fake(modes), FAKE_ROLE: "plan" });
    store.upload(uploadStep(job), ctx, ws);
    return { stack: matrix.stack, status: plan.status, ws };
  });
  planRuns.set(key, { plans, store });
  return { plans, store };
}

describe("V4: pull-request workflow, run with stand-ins", () => {
  const review = pr.jobs.review!;
  const select = (changed: string[]) => {
    const ws = new Workspace();
    fs.writeFileSync(path.join(ws.dir, "changed-stacks.json"), JSON.stringify(changed));
    return ws.run(pr, review, stepOf(review, "Select the stacks to plan"), {});
  };

  it("selects every changed stack in dependency order (account stacks included), -platform and -grafana on the environment's self-hosted labels", () => {
    const r = select(["fx-trader-dev-grafana", "fx-trader-account-fx-nonprod", "fx-trader-dev-data", "fx-trader-prod-platform"]);
    expect(r.status).toBe(0);
    expect(r.outputs.stacks).toBe("fx-trader-account-fx-nonprod fx-trader-dev-data fx-trader-dev-grafana fx-trader-prod-platform");
    expect(r.outputs.selected).toBe("true");
    expect(matrixRows(r.outputs)).toEqual([
      { stack: "fx-trader-account-fx-nonprod", github: "account-fx-nonprod", runner: '["ubuntu-24.04"]' },
      { stack: "fx-trader-dev-data", github: "dev", runner: '["ubuntu-24.04"]' },
      { stack: "fx-trader-dev-grafana", github: "dev", runner: labels("dev") },
      { stack: "fx-trader-prod-platform", github: "prod", runner: labels("prod") },
    ]);
  });

  it("fails the selection when the review wrote no changed-stacks.json (selected is not set)", () => {
    const ws = new Workspace();
    const r = ws.run(pr, review, stepOf(review, "Select the stacks to plan"), {});
    expect(r.status).not.toBe(0);
    expect(r.outputs.selected).toBeUndefined();
  });

  const stacks = ["fx-trader-dev-data", "fx-trader-dev-platform", "fx-trader-dev-grafana"];
  const modes = { "fx-trader-dev-data": "changes", "fx-trader-dev-platform": "fail", "fx-trader-dev-grafana": "ok" };

  function planAndComment(commentId: string, mutate?: (script: string) => string, uploadPath?: string) {
    const sel = select(stacks);
    const wf: Workflow = uploadPath ? { ...pr, jobs: { ...pr.jobs, plan: { ...pr.jobs.plan!, steps: pr.jobs.plan!.steps!.map((s) => (s.uses?.startsWith("actions/upload-artifact@") ? { ...s, with: { ...s.with, path: uploadPath } } : s)) } } } : pr;
    const { plans, store } = runPlanJobs(wf, "plan", matrixRows(sel.outputs), modes);
    const commentJob = pr.jobs["plan-comment"]!;
    const ws = new Workspace();
    store.download(downloadStep(commentJob), ws);
    const step = stepOf(commentJob, "Post or update the plan comment");
    const ctx = { needs: { review: { outputs: sel.outputs } }, github: { token: "stand-in", event: { pull_request: { number: "17" } } } };
    const comment = ws.run(pr, commentJob, step, ctx, { GH_COMMENT_ID: commentId }, mutate ? mutate(step.run!) : step.run);
    return { plans, comment, ws };
  }

  it("each plan has its own exit status; the one comment is updated in place with every stack, the error without colour codes, and the check fails after posting", () => {
    const { plans, comment, ws } = planAndComment("9001");
    expect(plans.map((p) => [p.stack, p.status])).toEqual([
      ["fx-trader-dev-data", 0],
      ["fx-trader-dev-platform", 1],
      ["fx-trader-dev-grafana", 0],
    ]);
    // -no-color and -detailed-exitcode reach terraform on every plan.
    for (const p of plans) expect(p.ws.calls("terraform").find((c) => c.includes(" plan "))).toMatch(/-no-color .*-detailed-exitcode -out=plan\.tfplan/);
    expect(comment.status).toBe(1);
    expect(ws.calls("gh")).toEqual([
      "api --paginate repos/fx-trader/ops-infra/issues/17/comments --jq .[] | select(.body | startswith(\"<!-- fx-trader-plan-summary -->\")) | .id",
      "api --method PATCH repos/fx-trader/ops-infra/issues/comments/9001 -F body=@plan-comment.md",
    ]);
    const body = ws.bodies()[0]!;
    expect(body.startsWith("<!-- fx-trader-plan-summary -->\n## Terraform plans")).toBe(true);
    expect(body).toContain("**1 of 3 plans failed.**");
    expect(body).toContain("| `fx-trader-dev-data` | 📝 changes | 1 | 0 | 1 (1 replaced) | ⚠️ replace `aws_s3_bucket.logs` |");
    expect(body).toContain("| `fx-trader-dev-platform` | ❌ plan failed |");
    expect(body).toContain("| `fx-trader-dev-grafana` | ✅ no changes | 0 | 0 | 0 |");
    expect(body).toContain("Error: Unauthorized");
    expect(body).toContain("cannot reach the EKS API of fx-trader-dev-platform");
    expect(body).toContain("<details><summary>Plan of <code>fx-trader-dev-data</code></summary>");
    // A successful plan's folded text starts at the plan proper (no init chatter); a failed one keeps its whole log.
    const dataPlan = body.slice(body.indexOf("Plan of <code>fx-trader-dev-data</code>"), body.indexOf("### ❌"));
    expect(dataPlan).toContain("Plan: 1 to add, 0 to change, 1 to destroy.");
    expect(dataPlan).not.toContain("Initializing the backend");
    expect(body).not.toContain(ANSI);
    expect(comment.summary).toContain("**1 of 3 plans failed.**");
  });

  it("creates the comment when the pull request has none yet", () => {
    const { comment, ws } = planAndComment("");
    expect(comment.status).toBe(1);
    expect(ws.calls("gh")[1]).toBe("api --method POST repos/fx-trader/ops-infra/issues/17/comments -F body=@plan-comment.md");
  });

  it("says so in the comment when no stack is affected, and passes", () => {
    const ws = new Workspace();
    const job = pr.jobs["plan-comment"]!;
    const ctx = { needs: { review: { outputs: { selected: "true", stacks: "" } } }, github: { token: "t", event: { pull_request: { number: "17" } } } };
    const r = ws.run(pr, job, stepOf(job, "Post or update the plan comment"), ctx, { GH_COMMENT_ID: "5" });
    expect(r.status).toBe(0);
    expect(ws.bodies()[0]).toContain("No stack is affected by this change: nothing to plan.");
  });

  it("fails when the stack selection failed, saying so instead of 'nothing to plan'", () => {
    const ws = new Workspace();
    const job = pr.jobs["plan-comment"]!;
    const ctx = { needs: { review: { outputs: { selected: "", stacks: "" } } }, github: { token: "t", event: { pull_request: { number: "17" } } } };
    const r = ws.run(pr, job, stepOf(job, "Post or update the plan comment"), ctx, { GH_COMMENT_ID: "5" });
    expect(r.status).toBe(1);
    expect(ws.bodies()[0]).toContain("The stack selection failed");
  });

  it("S5: the -grafana plans read the read-only Grafana token; seeded failure: without TF_VAR_grafana_token_role=plan the plan role is denied", () => {
    const job = pr.jobs.plan!;
    const plan = stepOf(job, "Plan");
    expect(plan.env).toMatchObject({ TF_VAR_grafana_token_role: "plan" });
    const matrix = { stack: "fx-trader-prod-grafana", github: "prod", runner: labels("prod") };
    const ws = new Workspace();
    ws.run(pr, job, stepOf(job, "Synthesize"), { matrix });
    expect(ws.run(pr, job, plan, { matrix }, { FAKE_ROLE: "plan" }).status).toBe(0);
    const seeded = { ...plan, env: { STACK: plan.env!.STACK! } };
    const r = ws.run(pr, job, seeded, { matrix }, { FAKE_ROLE: "plan" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("AccessDeniedException (grafana/terraform-token)");
  });

  it("S5: a -data plan gets its backup on-call endpoint from its own secret, masked before use; seeded failure: a denied read fails that plan with the reason, not a plan without it", () => {
    const job = pr.jobs.plan!;
    const matrix = { stack: "fx-trader-prod-data", github: "prod", runner: '["ubuntu-24.04"]' };
    const ws = new Workspace();
    ws.run(pr, job, stepOf(job, "Synthesize"), { matrix });
    const ok = ws.run(pr, job, stepOf(job, "Plan"), { matrix }, { FAKE_ROLE: "plan", FAKE_TF: "changes" });
    expect(ok.status).toBe(0);
    expect(ws.calls("aws")).toEqual(["secretsmanager get-secret-value --secret-id fx-trader/prod/backup/on-call-endpoint --query SecretString --output text"]);
    const value = "https://events.example.invalid/fx-trader-prod-backup-on-call-endpoint";
    expect(ok.stdout.split("\n")[0]).toBe(`::add-mask::${value}`);
    expect(fs.readFileSync(path.join(ws.dir, "plans/fx-trader-prod-data/plan.txt"), "utf8")).not.toContain(value);
    // The -platform stacks read no such variable: no Secrets Manager call.
    const platform = new Workspace();
    platform.run(pr, job, stepOf(job, "Synthesize"), { matrix: { ...matrix, stack: "fx-trader-prod-platform" } });
    expect(platform.run(pr, job, stepOf(job, "Plan"), { matrix: { ...matrix, stack: "fx-trader-prod-platform" } }, { FAKE_ROLE: "plan" }).status).toBe(0);
    expect(platform.calls("aws")).toEqual([]);

    const denied = new Workspace();
    denied.run(pr, job, stepOf(job, "Synthesize"), { matrix });
    const r = denied.run(pr, job, stepOf(job, "Plan"), { matrix }, { FAKE_ROLE: "plan", FAKE_AWS: "deny" });
    expect(r.status).toBe(1);
    expect(denied.calls("terraform")).toEqual([]);
    const result = JSON.parse(fs.readFileSync(path.join(denied.dir, "plans/fx-trader-prod-data/result.json"), "utf8")) as { status: string };
    expect(result.status).not.toBe("changes");
    expect(fs.readFileSync(path.join(denied.dir, "plans/fx-trader-prod-data/plan.txt"), "utf8")).toContain("cannot read fx-trader/prod/backup/on-call-endpoint for TF_VAR_backup_on_call_endpoint");
    // Seeded: the step without the wrapper reaches Terraform without the variable, which refuses the plan.
    const bare = new Workspace();
    bare.run(pr, job, stepOf(job, "Synthesize"), { matrix });
    const plan = stepOf(job, "Plan");
    const unwrapped = bare.run(pr, job, plan, { matrix }, { FAKE_ROLE: "plan" }, plan.run!.replace(/bash scripts\/ci\/with-stack-variables\.sh "\$STACK" /, ""));
    expect(unwrapped.status).toBe(1);
    expect(fs.readFileSync(path.join(bare.dir, "plans/fx-trader-prod-data/plan.txt"), "utf8")).toContain("No value for required variable: backup_on_call_endpoint");
  });

  it("seeded failure: a comment step that ignores the render's status would pass a failing plan", () => {
    const { comment } = planAndComment("9001", (s) => s.replace('exit "$status"', "exit 0"));
    expect(comment.status).toBe(0);
  });

  it("seeded failure: an artifact uploaded from plans/<stack> instead of plans/ loses the hand-over (the comment reports no result)", () => {
    const { comment, ws } = planAndComment("9001", undefined, "plans/${{ matrix.stack }}");
    expect(comment.status).toBe(1);
    expect(ws.bodies()[0]).toContain("**3 of 3 plans failed.**");
    expect(ws.bodies()[0]).toContain("❌ no result (job did not finish)");
  });
});

describe("V4: deploy-environment workflow, run with stand-ins", () => {
  const selectJob = deployEnv.jobs.select!;
  const select = (environment: string, stacks = "") => new Workspace().run(deployEnv, selectJob, stepOf(selectJob, "Select the stacks"), { inputs: { environment, stacks } });

  it("dev applies the shared nonprod account stack; staging does not (once per account)", () => {
    const dev = select("dev");
    expect(dev.status).toBe(0);
    expect(dev.outputs["account-stacks"]).toBe("fx-trader-account-fx-nonprod");
    expect(dev.outputs["environment-stacks"]).toBe("fx-trader-dev-data fx-trader-dev-platform fx-trader-dev-grafana");
    expect(dev.outputs["apply-runner"]).toBe(labels("dev"));
    const staging = select("staging");
    expect(staging.outputs["account-stacks"]).toBe("");
    expect(staging.outputs.stacks).toBe("fx-trader-staging-data fx-trader-staging-platform fx-trader-staging-grafana");
  });

  it("a partial selection includes what the chosen stacks depend on", () => {
    const r = select("prod", "fx-trader-prod-grafana");
    expect(r.status).toBe(0);
    expect(r.outputs.stacks).toBe("fx-trader-account-fx-prod fx-trader-prod-data fx-trader-prod-platform fx-trader-prod-grafana");
    expect(r.stderr).toContain("also deploying what the chosen stacks depend on: fx-trader-account-fx-prod, fx-trader-prod-data, fx-trader-prod-platform");
  });

  it("fails when a chosen stack is not the environment's, listing the valid ones", () => {
    const r = select("staging", "fx-trader-dev-data");
    expect(r.status).not.toBe(0);
    expect(r.outputs.matrix).toBeUndefined();
    expect(r.stderr).toContain("stacks fx-trader-dev-data are not deployed by environment staging; its stacks are fx-trader-staging-data, fx-trader-staging-platform, fx-trader-staging-grafana");
  });

  /** select → plan (per stack) → summary → apply, with artifacts handed over; the apply runs at `applySha`. */
  function deploy(environment: string, modes: Record<string, string>, applyModes = modes, applySha?: string, tamper?: (ws: Workspace) => void, applyEnv: Record<string, string> = {}) {
    const sel = select(environment);
    const { plans, store } = runPlanJobs(deployEnv, "plan", matrixRows(sel.outputs), modes);
    const needs = { select: { outputs: sel.outputs } };
    const summaryJob = deployEnv.jobs.summary!;
    const sws = new Workspace();
    store.download(downloadStep(summaryJob), sws);
    const summary = sws.run(deployEnv, summaryJob, stepOf(summaryJob, "Plan summary for the approver"), { needs, inputs: { environment } });
    const applyJob = deployEnv.jobs.apply!;
    const aws = new Workspace(applySha);
    expect(aws.run(deployEnv, applyJob, stepOf(applyJob, "Synthesize"), {}).status).toBe(0);
    store.download(downloadStep(applyJob), aws);
    tamper?.(aws);
    const apply = aws.run(deployEnv, applyJob, stepOf(applyJob, "Apply the saved plans"), { needs }, { ...fake(applyModes), FAKE_ROLE: "deploy", ...applyEnv });
    return { sel, plans, summary, apply, aws };
  }

  const stagingChanges = { "fx-trader-staging-data": "changes", "fx-trader-staging-platform": "ok", "fx-trader-staging-grafana": "changes" };

  it("the approver's job summary shows every plan before approval; apply applies exactly the saved plans of the same commit", () => {
    const { summary, apply, aws } = deploy("staging", stagingChanges);
    expect(summary.status).toBe(0);
    expect(summary.summary).toContain("## Plans to apply to staging (approve only what this shows)");
    expect(summary.summary).toContain("| `fx-trader-staging-data` | 📝 changes | 1 | 0 | 1 (1 replaced) | ⚠️ replace `aws_s3_bucket.logs` |");
    expect(summary.outputs).toEqual({ "account-changes": "false", "environment-changes": "true" });
    expect(apply.status).toBe(0);
    expect(apply.stdout).toContain("apply: fx-trader-staging-platform has no changes; skipped");
    // Terraform applies the saved plan file (never a fresh plan): apply with the plan file, no plan call at all.
    const tf = aws.calls("terraform");
    expect(tf.filter((c) => c.includes(" apply "))).toEqual([
      "fx-trader-staging-data apply -input=false -no-color plan.tfplan",
      "fx-trader-staging-grafana apply -input=false -no-color plan.tfplan",
    ]);
    expect(tf.some((c) => c.includes(" plan "))).toBe(false);
    expect(fs.readFileSync(path.join(aws.dir, "cdktf.out/stacks/fx-trader-staging-data/plan.tfplan"), "utf8")).toBe(`saved plan of fx-trader-staging-data at ${aws.sha}\n`);
  });

  it("S5: the apply reads the managing Grafana token (the variable is ephemeral, so not fixed by the plan); seeded failure: with the plan's token Grafana refuses", () => {
    expect(stepOf(deployEnv.jobs.apply!, "Apply the saved plans").env).toMatchObject({ TF_VAR_grafana_token_role: "deploy" });
    const seeded = deploy("staging", stagingChanges, stagingChanges, undefined, undefined, { TF_VAR_grafana_token_role: "plan" });
    expect(seeded.apply.status).toBe(1);
    expect(seeded.apply.stderr).toContain("403 Forbidden (read-only service account token)");
  });

  it("nothing to apply: the summary says no changes and the apply jobs' condition is false", () => {
    const { summary } = deploy("staging", {});
    expect(summary.status).toBe(0);
    expect(summary.outputs).toEqual({ "account-changes": "false", "environment-changes": "false" });
    expect(deployEnv.jobs.apply!.if).toContain("needs.summary.outputs.environment-changes == 'true'");
    expect(deployEnv.jobs["apply-account"]!.if).toContain("needs.summary.outputs.account-changes == 'true'");
  });

  it("fails the summary (so no approval is asked) when a plan failed", () => {
    const { summary } = deploy("staging", { ...stagingChanges, "fx-trader-staging-platform": "fail" });
    expect(summary.status).toBe(1);
    expect(summary.summary).toContain("**1 of 3 plans failed.**");
  });

  it("refuses a plan made for another commit", () => {
    const { apply, aws } = deploy("staging", stagingChanges, stagingChanges, "ffffffffffffffffffffffffffffffffffffffff");
    expect(apply.status).toBe(1);
    expect(apply.stderr).toContain("was made for commit '0123456789abcdef0123456789abcdef01234567', this run is 'ffffffffffffffffffffffffffffffffffffffff'; refusing to apply");
    expect(aws.calls("terraform").some((c) => c.includes(" apply "))).toBe(false);
  });

  it("refuses a saved plan that is not the reviewed one (sha256 differs)", () => {
    const { apply, aws } = deploy("staging", stagingChanges, stagingChanges, undefined, (ws) => fs.appendFileSync(path.join(ws.dir, "plans/fx-trader-staging-data/plan.tfplan"), "tampered\n"));
    expect(apply.status).toBe(1);
    expect(apply.stderr).toContain("does not match the reviewed one");
    expect(aws.calls("terraform").some((c) => c.includes(" apply "))).toBe(false);
  });

  it("a stale plan is refused, not applied blind: planned again into the job summary, exit 3", () => {
    const { apply, aws } = deploy("staging", stagingChanges, { ...stagingChanges, "fx-trader-staging-data": "stale" });
    expect(apply.status).toBe(3);
    expect(apply.stderr).toContain("the saved plan of fx-trader-staging-data is stale");
    const tf = aws.calls("terraform");
    // One apply attempt of the saved plan (refused by Terraform), then a new plan; nothing after it is applied.
    expect(tf.filter((c) => c.includes(" apply "))).toEqual(["fx-trader-staging-data apply -input=false -no-color plan.tfplan"]);
    expect(tf.at(-2)).toMatch(/^fx-trader-staging-data plan -input=false -no-color .*-detailed-exitcode/);
    expect(apply.summary).toContain("Stale plan refused: new plan of fx-trader-staging-data (not applied)");
  });

  it("dev's account stack is applied by its own job, in the account's GitHub environment and concurrency group", () => {
    const sel = select("dev");
    const { store } = runPlanJobs(deployEnv, "plan", matrixRows(sel.outputs), { "fx-trader-account-fx-nonprod": "changes" });
    const job = deployEnv.jobs["apply-account"]!;
    const ws = new Workspace();
    ws.run(deployEnv, job, stepOf(job, "Synthesize"), {});
    store.download(downloadStep(job), ws);
    const r = ws.run(deployEnv, job, stepOf(job, "Apply the saved plans"), { needs: { select: { outputs: sel.outputs } } }, fake({ "fx-trader-account-fx-nonprod": "changes" }));
    expect(r.status).toBe(0);
    expect(ws.calls("terraform").filter((c) => c.includes(" apply "))).toEqual(["fx-trader-account-fx-nonprod apply -input=false -no-color plan.tfplan"]);
    expect(job.environment).toBe("account-${{ needs.select.outputs.account }}");
    expect(job.concurrency).toEqual({ group: "deploy-account-${{ needs.select.outputs.account }}", "cancel-in-progress": false });
    expect(sel.outputs.account).toBe("fx-nonprod");
  });
});

describe("V4: drift workflow, run with stand-ins", () => {
  function driftRun(modes: Record<string, string>, open: Record<string, string>) {
    const selectJob = drift.jobs.select!;
    const sel = new Workspace().run(drift, selectJob, stepOf(selectJob, "Select every stack"), {});
    expect(sel.status).toBe(0);
    const { plans, store } = runPlanJobs(drift, "plan", matrixRows(sel.outputs), modes);
    const report: Job = drift.jobs.report!;
    const ws = new Workspace();
    store.download(downloadStep(report), ws);
    const env = Object.fromEntries(Object.entries(open).map(([e, n]) => [`GH_OPEN_${e}`, n]));
    const r = ws.run(drift, report, stepOf(report, "Open, update or close each environment's drift issue"), { needs: { select: { outputs: sel.outputs } }, github: { token: "t" } }, env);
    return { sel, plans, r, ws };
  }

  it("plans every stack with -detailed-exitcode and keeps one issue per environment: opened, updated or closed", () => {
    const { sel, plans, r, ws } = driftRun({ "fx-trader-dev-platform": "changes", "fx-trader-prod-grafana": "fail" }, { staging: "31", prod: "32" });
    expect(plans.map((p) => p.stack)).toEqual(sel.outputs.stacks!.split(" "));
    expect(JSON.parse(sel.outputs.groups!)).toEqual({
      dev: ["fx-trader-account-fx-nonprod", "fx-trader-dev-data", "fx-trader-dev-platform", "fx-trader-dev-grafana"],
      staging: ["fx-trader-staging-data", "fx-trader-staging-platform", "fx-trader-staging-grafana"],
      prod: ["fx-trader-account-fx-prod", "fx-trader-prod-data", "fx-trader-prod-platform", "fx-trader-prod-grafana"],
    });
    // A failed plan is reported in its environment's issue, and fails the run after reporting.
    expect(r.status).toBe(1);
    const issues = ws.calls("gh").filter((c) => c.startsWith("issue ") && !c.startsWith("issue list"));
    expect(issues).toEqual([
      expect.stringMatching(/^issue create --title Terraform drift: dev --label drift --body-file /),
      "issue close 31 --comment No drift on the scheduled plan of run 4242: every stack of staging matches the code.",
      expect.stringMatching(/^issue edit 32 --body-file /),
    ]);
    const [devBody, prodBody] = ws.bodies();
    expect(devBody).toContain("## Terraform drift: dev");
    expect(devBody).toContain("| `fx-trader-dev-platform` | 📝 changes | 1 | 0 | 1 (1 replaced) |");
    expect(prodBody).toContain("| `fx-trader-prod-grafana` | ❌ plan failed |");
    expect(r.summary).toBe("dev: drift, opened an issue\nstaging: no drift, closed issue #31\nprod: drift, updated issue #32\n");
  });

  it("passes and opens nothing when no stack drifted (seeded contrast: the same run without changes or failures)", () => {
    const { r, ws } = driftRun({}, {});
    expect(r.status).toBe(0);
    expect(ws.calls("gh").filter((c) => /^issue (create|edit|close)/.test(c))).toEqual([]);
    expect(r.summary).toBe("dev: no drift\nstaging: no drift\nprod: no drift\n");
  });
});
