import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, tempDir } from "../../support/paths";

/** dev's incremental backup in the clone's base commit: every 6 h (dev's RPO of 24 h allows daily). */
const SIX_HOURLY = "cron(0 0/6 * * ? *)";
const DEV_STACKS = ["fx-trader-dev-data", "fx-trader-dev-grafana", "fx-trader-dev-platform"];

/**
 * A clone of the committed project with the installed node_modules, as a reviewer's checkout; its HEAD adds
 * one commit making dev's incremental backup 6-hourly, the base every case below is reviewed against.
 */
function cloneProject(): string {
  const dir = path.join(tempDir("fx-trader-review-cli-"), "repo");
  execFileSync("git", ["clone", "--quiet", ROOT, dir]);
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  const dev = path.join(dir, "config/environments/dev.ts");
  const text = fs.readFileSync(dev, "utf8");
  expect(text).toContain('incremental: "cron(0 6 * * ? *)"');
  fs.writeFileSync(dev, text.replace('incremental: "cron(0 6 * * ? *)"', `incremental: "${SIX_HOURLY}"`));
  const git = (...args: string[]) => execFileSync("git", ["-C", dir, "-c", "user.name=test", "-c", "user.email=test@example.com", ...args]);
  git("commit", "--quiet", "-am", "test base: dev backs up every 6 h");
  return dir;
}

describe("npm run review", () => {
  const repo = cloneProject();
  // The base commit is synthesized once for every case (the review caches it by commit).
  const cache = tempDir("fx-trader-review-cache-");

  const env: Record<string, string | undefined> = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CDKTF_") && !k.startsWith("FX_"))), FX_ENVIRONMENTS: "dev" };
  // The review bundle is built once with the npm script's own build command; the cases run it with node (the npm
  // layer is tested by the first case and the usage case, which go through `npm run review`).
  const script = (JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.review!;
  const [build, runBundle] = script.split(" && ");
  expect(runBundle).toBe("node dist/review.js");
  execFileSync("sh", ["-c", build!], { cwd: repo, env: { ...env, PATH: `${path.join(repo, "node_modules/.bin")}${path.delimiter}${env.PATH ?? ""}` } });

  const runReview = (...args: string[]) =>
    spawnSync(process.execPath, ["dist/review.js", "--cache", cache, ...args], { cwd: repo, env, encoding: "utf8" });
  const runReviewNpm = (...args: string[]) =>
    spawnSync("npm", ["run", "--silent", "review", "--", "--cache", cache, ...args], { cwd: repo, env, encoding: "utf8" });

  /** Reviews the edited clone against HEAD; returns the run and the stacks it asks to plan. */
  const reviewHead = (...args: string[]) => {
    const stacksFile = path.join(repo, "changed-stacks.json");
    fs.rmSync(stacksFile, { force: true });
    const run = runReview("--base", "HEAD", "--stacks-out", stacksFile, ...args);
    expect(run.stderr).not.toMatch(/review:/);
    return { run, stacks: JSON.parse(fs.readFileSync(stacksFile, "utf8")) as string[] };
  };

  /** Runs `reviews` with `file` edited (restored afterwards). */
  const withEdit = <T>(file: string, from: string, to: string, reviews: () => T): T => {
    const full = path.join(repo, file);
    const before = fs.readFileSync(full, "utf8");
    expect(before).toContain(from);
    fs.writeFileSync(full, before.replace(from, to));
    try {
      return reviews();
    } finally {
      fs.writeFileSync(full, before);
    }
  };

  /** Reviews the clone with `file` edited (restored afterwards); returns the run and the stacks it asks to plan. */
  const reviewEdit = (file: string, from: string, to: string, ...args: string[]) => withEdit(file, from, to, () => reviewHead(...args));

  /** The risk table's rows as `level rule where`. */
  const risks = (markdown: string) => [...markdown.matchAll(/^\| (high|medium|low) \| `([^`]+)` \| ([\w-]+) \|/gm)].map((m) => `${m[1]} ${m[3]} ${m[2]}`);

  it("reports no changes for an unchanged tree, exits 0 and asks for no plan", () => {
    const stacksFile = path.join(repo, "changed-stacks.json");
    const run = runReviewNpm("--base", "HEAD", "--stacks-out", stacksFile);
    expect(run.stderr).not.toMatch(/review:/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("No changes: every stack and review file is identical.");
    expect(JSON.parse(fs.readFileSync(stacksFile, "utf8"))).toEqual([]);
  });

  it("exits 1 on an unacknowledged high-risk change, still listing its stacks to plan, and 0 when acknowledged", () => {
    const riskFile = path.join(repo, "risk.json");
    // Both reviews of the one edited tree (the second needs no rebuild of the unchanged tree's bundle).
    withEdit("config/environments/dev.ts", "applicationDays: 7,", "applicationDays: 5,", () => {
      const { run, stacks } = reviewHead("--risk-out", riskFile);
      expect(run.status).toBe(1);
      expect(JSON.parse(fs.readFileSync(riskFile, "utf8"))).toEqual({ risk: "high", acknowledged: false, blocking: true });
      expect(run.stdout).toContain("**Risk: HIGH**");
      expect(run.stdout).toContain("retention-shortened");
      // The plan of a high-risk change runs before anyone acknowledges it.
      expect(stacks).toEqual(["fx-trader-dev-data", "fx-trader-dev-platform"]);
      const acked = reviewHead("--ack", "--risk-out", riskFile);
      expect(acked.run.status).toBe(0);
      expect(JSON.parse(fs.readFileSync(riskFile, "utf8"))).toEqual({ risk: "high", acknowledged: true, blocking: false });
      expect(acked.run.stdout).toContain("High risk acknowledged for this change.");
      expect(acked.stacks).toEqual(stacks);
    });
  });

  it("#22: a change that only moves the state bucket is high risk and plans every stack using that backend", () => {
    // The account's bootstrap creates the bucket, so a move edits the account and the environment alike (synth
    // rejects an environment whose backend is not its account's).
    const bucket = 'stateBackend: { bucket: "fx-trader-tfstate-111111111111",';
    const moved = bucket.replace("111111111111", "111111111111-moved");
    const { run, stacks } = withEdit("config/accounts.ts", bucket, moved, () => reviewEdit("config/environments/dev.ts", bucket, moved));
    expect(run.status).toBe(1);
    const backendStacks = ["fx-trader-account-fx-nonprod", ...DEV_STACKS];
    expect(risks(run.stdout)).toEqual(backendStacks.map((s) => `high backend-changed ${s}/backend.s3`));
    expect(run.stdout).toContain("`bucket` fx-trader-tfstate-111111111111 → fx-trader-tfstate-111111111111-moved: the stack's state moves");
    expect(run.stdout).not.toContain("### Resources");
    expect(stacks).toEqual(backendStacks);
  });

  it("#22: a change that only changes a default tag is medium risk and plans every stack whose provider carries it", () => {
    const { run, stacks } = reviewEdit("config/environments/base.ts", 'owner: "platform-engineering",', 'owner: "fx-sre",');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("**Risk: MEDIUM**");
    const rows = risks(run.stdout);
    // Both AWS providers (primary and DR region) of each dev stack.
    expect(rows).toEqual(DEV_STACKS.flatMap((s) => [`medium default-tags-changed ${s}/provider.aws`, `medium default-tags-changed ${s}/provider.aws.dr`]));
    expect(run.stdout).toContain("default tag `owner` platform-engineering → fx-sre: every resource this provider manages is updated in place");
    expect(stacks).toEqual(DEV_STACKS);
  });

  it("#22: a change that only changes config/accounts.ts is reported with its risk and plans the account stack", () => {
    const { run, stacks } = reviewEdit(
      "config/accounts.ts",
      "retentionDays: 3 * GUIDE.logRetention.auditDays,",
      "retentionDays: 2 * GUIDE.logRetention.auditDays,",
    );
    expect(run.status).toBe(1);
    const rows = risks(run.stdout);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.startsWith("high retention-shortened fx-trader-account-fx-nonprod/"))).toBe(true);
    expect(run.stdout).toMatch(/shortened 1095 → 730/);
    expect(stacks).toEqual(["fx-trader-account-fx-nonprod"]);
  });

  it("#22 B2: a backup made less frequent (6-hourly → daily, which dev's RPO of 24 h allows) is high risk and plans the data stack", () => {
    const { run, stacks } = reviewEdit("config/environments/dev.ts", `incremental: "${SIX_HOURLY}"`, 'incremental: "cron(0 6 * * ? *)"');
    expect(run.status).toBe(1);
    expect(risks(run.stdout)).toEqual([expect.stringMatching(/^high backup-weakened fx-trader-dev-data\/aws_backup_plan\.\w+$/)]);
    expect(run.stdout).toContain(
      `runs less often: ${SIX_HOURLY} → cron(0 6 * * ? *) (largest gap 6 h, 28 runs a week → largest gap 24 h, 7 runs a week)`,
    );
    expect(stacks).toContain("fx-trader-dev-data");
  });

  it("fails with usage help when --base is missing", () => {
    const run = spawnSync("npm", ["run", "--silent", "review"], { cwd: repo, encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("review: --base is required");
  });
});
