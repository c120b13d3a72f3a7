import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, tempDir } from "../support";

/** A clone of the committed project with the installed node_modules, as a reviewer's checkout. */
function cloneProject(): string {
  const dir = path.join(tempDir("fx-trader-review-cli-"), "repo");
  execFileSync("git", ["clone", "--quiet", ROOT, dir]);
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

function runReview(cwd: string, ...args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CDKTF_") && !k.startsWith("FX_")));
  return spawnSync("npm", ["run", "--silent", "review", "--", ...args], { cwd, env: { ...env, FX_ENVIRONMENTS: "dev" }, encoding: "utf8" });
}

describe("npm run review", () => {
  const repo = cloneProject();

  it("reports no changes for an unchanged tree and exits 0", () => {
    const run = runReview(repo, "--base", "HEAD");
    expect(run.stderr).not.toMatch(/review:/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("No changes: every stack and review file is identical.");
  });

  it("exits 1 on an unacknowledged high-risk change and 0 when acknowledged", () => {
    const file = path.join(repo, "config/environments/dev.ts");
    const before = fs.readFileSync(file, "utf8");
    expect(before).toContain("applicationDays: 7,");
    fs.writeFileSync(file, before.replace("applicationDays: 7,", "applicationDays: 5,"));
    try {
      const run = runReview(repo, "--base", "HEAD", "--stacks-out", "changed.json");
      expect(run.status).toBe(1);
      expect(run.stdout).toContain("**Risk: HIGH**");
      expect(run.stdout).toContain("retention-shortened");
      expect(JSON.parse(fs.readFileSync(path.join(repo, "changed.json"), "utf8"))).toEqual(["fx-trader-dev-data", "fx-trader-dev-platform"]);
      const acked = runReview(repo, "--base", "HEAD", "--ack");
      expect(acked.status).toBe(0);
      expect(acked.stdout).toContain("High risk acknowledged for this change.");
    } finally {
      fs.writeFileSync(file, before);
    }
  });

  it("fails with usage help when --base is missing", () => {
    const run = runReview(repo);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("review: --base is required");
  });
});
