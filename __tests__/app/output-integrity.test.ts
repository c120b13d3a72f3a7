/**
 * Output integrity: a kill at any step of synth, or two synths at once, never publishes a missing or mixed
 * output (cdktf.out and out always come from the same run), and the next run recovers.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import { ROOT, tempDir } from "../support/paths";
import { mainBundle, runMain } from "../support/cli";

/** The environments the published output was built for, read from both folders; fails on a mix. */
function publishedEnvironments(dir: string): string {
  const stacks = fs.readdirSync(path.join(dir, "cdktf.out/stacks")).filter((s) => !s.startsWith("fx-trader-account-"));
  const fromStacks = [...new Set(stacks.map((s) => s.split("-")[2]))].sort().join(",");
  const fromReview = fs.readdirSync(path.join(dir, "out")).filter((d) => !d.startsWith("account-")).sort().join(",");
  expect(fromReview).toBe(fromStacks);
  return fromStacks;
}

/** Every file under `dir` (following the published links), relative, sorted. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts the synth entry point in `dir`; `killAfterMs` sends it SIGKILL from outside after that long. */
function start(dir: string, environments: string, killAfterMs?: number): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CDKTF_") && !k.startsWith("FX_")));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "scripts/build/run-bundle.cjs"), mainBundle()], { cwd: dir, env: { ...clean, FX_ENVIRONMENTS: environments } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Stacks and review files a run's summary says it published. */
function announced(run: Run): { stacks: number; reviewFiles: number } {
  const m = /synthesized (\d+) stacks .* (\d+) review files/.exec(run.stdout);
  expect(m).not.toBeNull();
  return { stacks: Number(m![1]), reviewFiles: Number(m![2]) };
}

describe("output integrity", () => {
  const STEPS = ["locked", "synthesized", "review-written", "publish:start", "publish:linked", "publish:before-switch", "publish:switched", "publish:cleaned"];

  it("a kill at any step, by the test hook or by kill -9 from outside, leaves the previous or the new output whole, never a mix, and the next run recovers, even when the previous output cannot be removed", async () => {
    const dir = tempDir();
    const started = Date.now();
    expect(runMain(dir, { FX_ENVIRONMENTS: "dev" }).status).toBe(0);
    const duration = Date.now() - started;
    const alternate = () => (publishedEnvironments(dir) === "dev" ? "prod" : "dev");
    for (const step of STEPS) {
      const before = publishedEnvironments(dir);
      const next = alternate();
      const run = runMain(dir, { FX_ENVIRONMENTS: next, FX_TEST_CRASH_AT: step });
      expect({ step, signal: run.signal }).toEqual({ step, signal: "SIGKILL" });
      const after = publishedEnvironments(dir);
      const switched = STEPS.indexOf(step) >= STEPS.indexOf("publish:switched");
      expect({ step, after }).toEqual({ step, after: switched ? next : before });
    }
    // From outside, where no hook is: during synthesis and late in the run (review files, publish). A run that
    // finished before the kill published its output.
    for (const fraction of [0.6, 0.95]) {
      const before = publishedEnvironments(dir);
      const next = alternate();
      const run = await start(dir, next, Math.round(duration * fraction));
      const after = publishedEnvironments(dir);
      expect({ fraction, after }).toEqual({ fraction, after: run.code === 0 ? next : expect.stringMatching(new RegExp(`^(${before}|${next})$`)) });
    }
    // The kills left a lock of a dead pid: the next run takes it over. And the previous output cannot be removed
    // (a root-owned .terraform/ of sudo cdktf diff): the run publishes, and names it in one warning line.
    const published = publishedEnvironments(dir);
    const stuck = path.join(fs.realpathSync(path.join(dir, "cdktf.out")), `stacks/fx-trader-${published}-data/.terraform`);
    fs.mkdirSync(stuck);
    fs.writeFileSync(path.join(stuck, "terraform.tfstate"), "{}");
    // Root removes what it owns whatever its mode: make it immutable instead (EPERM), as sudo's files are to us (EACCES).
    const root = process.getuid?.() === 0;
    const lock = (on: boolean) => (root ? execFileSync("chattr", [on ? "+i" : "-i", path.join(stuck, "terraform.tfstate")]) : fs.chmodSync(stuck, on ? 0o555 : 0o755));
    lock(true);
    try {
      const recovered = runMain(dir, { FX_ENVIRONMENTS: "staging" });
      expect(recovered.stderr.trimEnd().split("\n")).toEqual([
        expect.stringMatching(new RegExp(`^fx-trader: warning: cannot remove the previous output .*/stacks/fx-trader-${published}-data/\\.terraform/terraform\\.tfstate \\((EPERM|EACCES)\\): check its owner and permissions .*; the new output is published$`)),
      ]);
      expect(recovered.status).toBe(0);
      expect(publishedEnvironments(dir)).toBe("staging");
      expect(fs.readdirSync(path.join(dir, ".cdktf.out.generations")).sort()).toEqual(["current", expect.stringMatching(/^gen-\d+$/), expect.stringMatching(/^gen-\d+$/)]);
    } finally {
      lock(false);
    }
  });

  it("two synths of one folder at once run one after the other; the output is one of them, whole", async () => {
    const dir = tempDir();
    const runs = await Promise.all([start(dir, "dev"), start(dir, "prod")]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    expect(runs.map((r) => r.stderr).join("")).toMatch(/waiting for pid \d+ .* to finish with cdktf\.out/);
    // Whole: every stack folder and review file the published run announced (the race lost 20 of 21).
    const published = publishedEnvironments(dir);
    expect(["dev", "prod"]).toContain(published);
    const winner = announced(runs[published === "dev" ? 0 : 1]!);
    expect(fs.readdirSync(path.join(dir, "cdktf.out/stacks"))).toHaveLength(winner.stacks);
    expect(filesUnder(path.join(dir, "out"))).toHaveLength(winner.reviewFiles);
    for (const stack of fs.readdirSync(path.join(dir, "cdktf.out/stacks"))) {
      expect(() => JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out/stacks", stack, "cdk.tf.json"), "utf8"))).not.toThrow();
    }
  });

  it("seeded failure: the checks above reject a mixed output and a review file missing from it", () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "cdktf.out/stacks/fx-trader-dev-data"), { recursive: true });
    fs.mkdirSync(path.join(dir, "out/prod"), { recursive: true });
    expect(() => publishedEnvironments(dir)).toThrow(/Expected: "dev"/); // new Terraform beside old review files
    fs.renameSync(path.join(dir, "out/prod"), path.join(dir, "out/dev"));
    fs.writeFileSync(path.join(dir, "out/dev/rules.yaml"), "");
    expect(publishedEnvironments(dir)).toBe("dev");
    expect(() => expect(filesUnder(path.join(dir, "out"))).toHaveLength(2)).toThrow(/Expected length: 2/);
  });

  it("fails with the holder's pid when another live synth holds the folder past the wait", () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, ".cdktf.out.generations"));
    fs.writeFileSync(path.join(dir, ".cdktf.out.generations/lock"), JSON.stringify({ pid: process.pid, host: os.hostname(), started: "2026-01-01T00:00:00.000Z" }));
    const run = runMain(dir, { FX_ENVIRONMENTS: "dev", FX_LOCK_WAIT_SECONDS: "0" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`cdktf.out is being synthesized by pid ${process.pid} on`);
    expect(run.stderr).toContain("nothing was published: cdktf.out and out are as before.");
    expect(fs.existsSync(path.join(dir, "cdktf.out"))).toBe(false);
  });

  it("fails in one line naming the path when a file is in the way of the output folder", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "blocker"), "");
    const run = runMain(dir, { FX_ENVIRONMENTS: "dev", CDKTF_OUTDIR: path.join(dir, "blocker/cdktf.out") });
    expect(run.status).toBe(1);
    expect(run.stderr.split("\n")[0]).toMatch(/^fx-trader: cannot create .*blocker\/\.cdktf\.out\.generations \(ENOTDIR\): a file is in the way/);
  });

  it("fails in one line naming the path and what to do when the file system refuses the output folder", () => {
    // sysfs refuses new folders even to root (EPERM), where chmod would not stop root (EACCES).
    const run = runMain(tempDir(), { FX_ENVIRONMENTS: "dev", CDKTF_OUTDIR: "/sys/fs/cdktf.out" });
    expect(run.status).toBe(1);
    expect(run.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^fx-trader: cannot create \/sys\/fs\/\.cdktf\.out\.generations \((EPERM|EACCES|EROFS)\): (check its owner and permissions|the file system is read-only)/),
      "fx-trader: nothing was published: /sys/fs/cdktf.out and out are as before.",
    ]);
  });

  it("replaces an older version's real cdktf.out and out folders with the published links, also after a kill while moving them", () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "cdktf.out/stacks/old"), { recursive: true });
    fs.mkdirSync(path.join(dir, "out/old"), { recursive: true });
    const killed = runMain(dir, { FX_ENVIRONMENTS: "dev", FX_TEST_CRASH_AT: "publish:moved-aside" });
    expect(killed.signal).toBe("SIGKILL");
    // The older output is kept in the store until a switch; the next run publishes and then removes it.
    expect(fs.readdirSync(path.join(dir, ".cdktf.out.generations"))).toContain("legacy-1");
    expect(runMain(dir, { FX_ENVIRONMENTS: "dev" }).status).toBe(0);
    expect(fs.lstatSync(path.join(dir, "cdktf.out")).isSymbolicLink()).toBe(true);
    expect(fs.lstatSync(path.join(dir, "out")).isSymbolicLink()).toBe(true);
    expect(publishedEnvironments(dir)).toBe("dev");
    expect(fs.readdirSync(path.join(dir, ".cdktf.out.generations")).filter((n) => n.startsWith("legacy-"))).toEqual([]);
  });

  it("prints the registered environments as JSON for CI matrices", () => {
    const list = spawnSync(process.execPath, [path.join(ROOT, "scripts/build/run-bundle.cjs"), mainBundle(), "--list-environments"], { encoding: "utf8" });
    expect(JSON.parse(list.stdout)).toEqual(["dev", "staging", "prod"]);
  });
});
