/**
 * Output integrity: a kill at any step of synth, or two synths at once, never publishes a missing or mixed
 * output (cdktf.out and out always come from the same run), and the next run recovers.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { ROOT, tempDir } from "../support";
import { mainBundle, runMain } from "../support/cli";

/** The environments the published output was built for, read from both folders; fails on a mix. */
function publishedEnvironments(dir: string): string {
  const stacks = fs.readdirSync(path.join(dir, "cdktf.out/stacks")).filter((s) => !s.startsWith("fx-trader-account-"));
  const fromStacks = [...new Set(stacks.map((s) => s.split("-")[2]))].sort().join(",");
  const fromReview = fs.readdirSync(path.join(dir, "out")).filter((d) => !d.startsWith("account-")).sort().join(",");
  expect(fromReview).toBe(fromStacks);
  return fromStacks;
}

describe("output integrity", () => {
  const STEPS = ["locked", "synthesized", "review-written", "publish:start", "publish:linked", "publish:before-switch", "publish:switched", "publish:cleaned"];

  it("a kill at any step leaves the previous or the new output whole, never a mix, and the next run recovers", () => {
    const dir = tempDir();
    expect(runMain(dir, { FX_ENVIRONMENTS: "dev" }).status).toBe(0);
    for (const step of STEPS) {
      const before = publishedEnvironments(dir);
      const next = before === "dev" ? "prod" : "dev";
      const run = runMain(dir, { FX_ENVIRONMENTS: next, FX_TEST_CRASH_AT: step });
      expect({ step, signal: run.signal }).toEqual({ step, signal: "SIGKILL" });
      const after = publishedEnvironments(dir);
      const switched = STEPS.indexOf(step) >= STEPS.indexOf("publish:switched");
      expect({ step, after }).toEqual({ step, after: switched ? next : before });
    }
    // The last kill left a lock of a dead pid: the next run takes it over.
    const recovered = runMain(dir, { FX_ENVIRONMENTS: "staging" });
    expect(recovered.stderr).toBe("");
    expect(recovered.status).toBe(0);
    expect(publishedEnvironments(dir)).toBe("staging");
    expect(fs.readdirSync(path.join(dir, ".cdktf.out.generations")).sort()).toEqual(["current", expect.stringMatching(/^gen-\d+$/)]);
  });

  it("two synths of one folder at once run one after the other; the output is one of them, whole", async () => {
    const dir = tempDir();
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CDKTF_") && !k.startsWith("FX_")));
    const start = (environments: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(ROOT, "scripts/build/run-bundle.cjs"), mainBundle()], { cwd: dir, env: { ...clean, FX_ENVIRONMENTS: environments } });
        let stderr = "";
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("close", (code) => resolve({ code, stderr }));
      });
    const [a, b] = await Promise.all([start("dev"), start("prod")]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(`${a.stderr}${b.stderr}`).toMatch(/waiting for pid \d+ .* to finish with cdktf\.out/);
    expect(["dev", "prod"]).toContain(publishedEnvironments(dir));
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

  it("replaces an older version's real cdktf.out and out folders with the published links", () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "cdktf.out/stacks/old"), { recursive: true });
    fs.mkdirSync(path.join(dir, "out/old"), { recursive: true });
    expect(runMain(dir, { FX_ENVIRONMENTS: "dev" }).status).toBe(0);
    expect(fs.lstatSync(path.join(dir, "cdktf.out")).isSymbolicLink()).toBe(true);
    expect(publishedEnvironments(dir)).toBe("dev");
  });

  it("prints the registered environments as JSON for CI matrices", () => {
    const list = spawnSync(process.execPath, [path.join(ROOT, "scripts/build/run-bundle.cjs"), mainBundle(), "--list-environments"], { encoding: "utf8" });
    expect(JSON.parse(list.stdout)).toEqual(["dev", "staging", "prod"]);
  });
});
