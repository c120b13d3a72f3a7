/**
 * V4 (partial): the CI plan and apply scripts executed with bash under a PATH whose `terraform` is a stand-in
 * that succeeds, fails, reports changes or refuses a stale plan.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, tempDir } from "../support";

const STAND_IN = `#!/usr/bin/env bash
# stand-in terraform: behaviour chosen by FAKE_TF (ok | changes | fail | stale)
args="$*"
case "$args" in
  *" init "*) echo "Terraform has been successfully initialized!"; exit 0 ;;
  *" plan "*)
    [[ $FAKE_TF == fail ]] && { printf '\\033[31m╷\\n│ Error: Unauthorized\\n│ \\n│ cannot reach the EKS API\\n╵\\033[0m\\n' >&2; exit 1; }
    for a in "$@"; do [[ $a == -out=* ]] && echo "saved" > "\${1#-chdir=}/\${a#-out=}"; done
    if [[ $FAKE_TF == ok ]]; then echo "No changes. Your infrastructure matches the configuration."; exit 0; fi
    echo "Terraform will perform the following actions:"; echo "Plan: 1 to add, 0 to change, 1 to destroy."; exit 2 ;;
  *" show "*)
    if [[ $FAKE_TF == ok ]]; then echo '{"resource_changes":[]}'; else
    echo '{"resource_changes":[{"address":"aws_s3_bucket.logs","type":"aws_s3_bucket","change":{"actions":["delete","create"]}}]}'; fi; exit 0 ;;
  *" apply "*) [[ $FAKE_TF == stale ]] && { echo "Error: Saved plan is stale" >&2; exit 1; }; echo "Apply complete!"; exit 0 ;;
esac
exit 0
`;

function workspace(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir("fx-trader-ci-");
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "terraform"), STAND_IN, { mode: 0o755 });
  fs.mkdirSync(path.join(dir, "cdktf.out/stacks/s1"), { recursive: true });
  fs.writeFileSync(path.join(dir, "cdktf.out/stacks/s1/cdk.tf.json"), "{}");
  return { dir, env: { PATH: `${bin}:${process.env.PATH}`, GITHUB_SHA: "abc123", GITHUB_STEP_SUMMARY: path.join(dir, "summary.md") } };
}

const run = (ws: { dir: string; env: NodeJS.ProcessEnv }, fake: string, script: string, ...args: string[]) =>
  spawnSync("bash", [path.join(ROOT, "scripts/ci", script), ...args], { cwd: ws.dir, env: { ...ws.env, FAKE_TF: fake }, encoding: "utf8" });
const result = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, "plans/s1/result.json"), "utf8")) as Record<string, unknown>;

describe("scripts/ci with a stand-in terraform", () => {
  it("a plan with changes exits 0 and records counts, the replaced stateful resource, commit and plan hash", () => {
    const ws = workspace();
    expect(run(ws, "changes", "plan-stack.sh", "s1", "plans/s1").status).toBe(0);
    expect(result(ws.dir)).toMatchObject({ status: "changes", exitCode: 2, add: 1, destroy: 1, replace: 1, commit: "abc123", stateful: [{ address: "aws_s3_bucket.logs", action: "replace" }] });
  });

  it("fails when the plan fails, and the comment shows the error without colour codes and fails too", () => {
    const ws = workspace();
    expect(run(ws, "fail", "plan-stack.sh", "s1", "plans/s1").status).toBe(1);
    expect(result(ws.dir)).toMatchObject({ status: "failed", exitCode: 1 });
    const comment = spawnSync("node", [path.join(ROOT, "scripts/ci/plan-comment.cjs"), "plans", "<!-- fx-trader-plan -->", "Plans", "s1", "s2"], { cwd: ws.dir, encoding: "utf8" });
    expect(comment.status).toBe(1);
    expect(comment.stdout).toContain("**2 of 2 plans failed.**");
    expect(comment.stdout).toContain("Error: Unauthorized");
    expect(comment.stdout).toContain("| `s2` | ❌ no result (job did not finish)");
    expect(comment.stdout).not.toContain("\u001b[");
  });

  it("applies the saved plan of the same commit, and refuses one from another commit", () => {
    const ws = workspace();
    run(ws, "changes", "plan-stack.sh", "s1", "plans/s1");
    expect(run(ws, "changes", "apply-stacks.sh", "plans", "s1").stdout).toContain("apply: s1 applied");
    const other = spawnSync("bash", [path.join(ROOT, "scripts/ci/apply-stacks.sh"), "plans", "s1"], { cwd: ws.dir, env: { ...ws.env, GITHUB_SHA: "def456", FAKE_TF: "changes" }, encoding: "utf8" });
    expect(other.status).toBe(1);
    expect(other.stderr).toContain("refusing to apply");
  });

  it("refuses a stale plan: not applied, planned again into the job summary, exit 3", () => {
    const ws = workspace();
    run(ws, "changes", "plan-stack.sh", "s1", "plans/s1");
    const stale = run(ws, "stale", "apply-stacks.sh", "plans", "s1");
    expect(stale.status).toBe(3);
    expect(stale.stderr).toContain("is stale");
    expect(fs.readFileSync(path.join(ws.dir, "summary.md"), "utf8")).toContain("Stale plan refused: new plan of s1 (not applied)");
  });
});
