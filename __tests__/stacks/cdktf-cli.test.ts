/**
 * The cdktf CLI's own use of `cdktf.out` after a narrower `FX_ENVIRONMENTS`: the real CLI (cdktf-cli 0.21.0,
 * offline) runs our bundle as its app, then deletes the stack folders it saw before the run that the new manifest
 * lacks, and fails when one is gone (`ENOENT ... lstat 'cdktf.out/stacks/fx-trader-account-fx-prod'`, issue #17).
 * `cdktf list` exercises exactly that path (synth, manifest, stack folders) without credentials or providers.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, tempDir } from "../support/paths";
import { mainBundle, runMain } from "../support/cli";

const CLI = path.join(ROOT, "node_modules/cdktf-cli/bundle/bin/cdktf");

/** A project folder whose cdktf.json runs our bundle (`prefix` goes before the app command). */
function project(prefix = ""): string {
  const dir = tempDir("fx-trader-cli-");
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")) as Record<string, unknown>;
  const quote = (s: string) => JSON.stringify(s);
  config.app = `${prefix}${quote(process.execPath)} ${quote(path.join(ROOT, "scripts/build/run-bundle.cjs"))} ${quote(mainBundle())}`;
  fs.writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify(config));
  return dir;
}

/** `cdktf list` in `dir` with `FX_ENVIRONMENTS`; exit status and output without the spinner's escapes. */
function cdktfList(dir: string, environments: string): Promise<{ status: number | null; output: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CDKTF_") && !k.startsWith("FX_")));
  const child = spawn(process.execPath, [CLI, "list"], {
    cwd: dir,
    env: { ...clean, FX_ENVIRONMENTS: environments, CHECKPOINT_DISABLE: "1", DISABLE_VERSION_CHECK: "1", CI: "1", FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, output: `${stdout}${stderr}`.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "") }));
  });
}

const stackFolders = (dir: string) => fs.readdirSync(path.join(dir, "cdktf.out/stacks")).sort();

describe("the cdktf CLI after a narrower FX_ENVIRONMENTS", () => {
  // Both cases start from the same synth of dev and prod (byte-for-byte reproducible), made once and copied into each
  // case's project; the two `cdktf list` runs are independent, so they run side by side.
  let current: { dir: string; run: { status: number | null; output: string } };
  let old: { dir: string; run: { status: number | null; output: string } };

  beforeAll(async () => {
    const synthesized = tempDir("fx-trader-cli-synth-");
    expect(runMain(synthesized, { FX_ENVIRONMENTS: "dev,prod" }).status).toBe(0);
    expect(stackFolders(synthesized)).toContain("fx-trader-account-fx-prod");
    // The whole output store: the generations folder and the cdktf.out and out links into it, as they are.
    const afterSynth = (dir: string) => {
      for (const entry of fs.readdirSync(synthesized)) fs.cpSync(path.join(synthesized, entry), path.join(dir, entry), { recursive: true, verbatimSymlinks: true });
      return dir;
    };
    const currentDir = afterSynth(project());
    // The bundle detects the CLI by the variable the CLI sets for its app; hiding it gives the old output.
    const oldDir = afterSynth(project("env -u CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS "));
    const [currentRun, oldRun] = await Promise.all([cdktfList(currentDir, "dev"), cdktfList(oldDir, "dev")]);
    current = { dir: currentDir, run: currentRun };
    old = { dir: oldDir, run: oldRun };
  });

  it("cdktf list with FX_ENVIRONMENTS=dev after a synth of dev and prod lists and keeps only dev's stacks", () => {
    const { dir, run } = current;
    expect(run.output).not.toContain("ENOENT");
    expect(run.status).toBe(0);
    expect(run.output).toMatch(/fx-trader-dev-platform\s+cdktf\.out\/stacks\/fx-trader-dev-platform/);
    expect(run.output).not.toMatch(/fx-trader-prod-platform\s+cdktf\.out/);
    // The CLI removed the empty folders the bundle left for it; the published output is dev's alone.
    expect(stackFolders(dir)).toEqual(["fx-trader-account-fx-nonprod", "fx-trader-dev-data", "fx-trader-dev-grafana", "fx-trader-dev-platform"]);
    expect(fs.readdirSync(path.join(dir, "out")).sort()).toEqual(["dev"]);
  });

  it("seeded failure: without the folders left for the CLI (the old behaviour) cdktf list fails with the issue's ENOENT", () => {
    const { run } = old;
    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/ENOENT: no such file or directory, lstat 'cdktf\.out\/stacks\/fx-trader-(account-fx-prod|prod-\w+)'/);
  });
});
