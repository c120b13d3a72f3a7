/**
 * README "Adding an environment", tried from a clean checkout: one file in config/environments/ plus its
 * registration in config/environments/index.ts, then synth and the tests that loop over the environments. The
 * same checkout then shows how synth treats a blank FX_ENVIRONMENTS (builds every environment and says so), a
 * damaged build metafile (dist/main.meta.json: named, rebuilt) and a section given twice in an environment file
 * (the build fails naming file and line; nothing is written).
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { REFERENCE_DIR, ROOT, tempDir } from "../support/paths";

/** A temporary environment, as a new user would write it: identity plus the values that differ from base.ts. */
const QA = `/** qa: a temporary environment added by __tests__/config/add-environment.test.ts. */
import { defineEnvironment } from "./define";

export const qa = defineEnvironment({
  name: "qa",
  account: { id: "111111111111", name: "fx-nonprod" },
  dnsDomain: "qa.fx-trader.example.com",
  stateBackend: { bucket: "fx-trader-tfstate-111111111111", region: "ap-northeast-1", kmsKeyId: "alias/fx-trader-tfstate" },
  eks: { clusterName: "fx-trader-qa", monitoringNamespace: "monitoring", appNamespace: "fx-trader", kubernetesVersion: "1.33" },
  database: { engine: "aurora-postgresql", identifier: "fx-trader-qa", uploadsBucketName: "fx-trader-qa-uploads-111111111111" },
  cache: { replicationGroupId: "fx-trader-qa" },
  secrets: { pathPrefix: "fx-trader/qa", refreshIntervalMinutes: 15 },
  ci: { privateRunnerLabels: ["self-hosted", "linux", "fx-trader-qa-vpc"] },
  observability: {
    prometheus: { retentionDays: 7, volumeSizeGiB: 50, remoteWriteToAmp: false },
  },
});
`;

/** A clean checkout of this tree (HEAD plus uncommitted changes to tracked files) with node_modules linked. */
function cleanCheckout(): string {
  const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();
  const revision = git(ROOT, "stash", "create") || git(ROOT, "rev-parse", "HEAD");
  const dir = path.join(tempDir("fx-trader-checkout-"), "repo");
  git(ROOT, "clone", "--quiet", "--shared", "--no-checkout", ROOT, dir);
  git(dir, "checkout", "--quiet", "--detach", revision);
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

describe("adding an environment (README), from a clean checkout", () => {
  let repo: string;
  const env = () => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CDKTF_") && !k.startsWith("FX_") && !k.startsWith("JEST_")));
    return { ...clean, FX_REFERENCE_DIR: REFERENCE_DIR };
  };
  const synth = (extra: Record<string, string> = {}) =>
    spawnSync(process.execPath, ["scripts/synth.cjs"], { cwd: repo, env: { ...env(), ...extra }, encoding: "utf8" });
  const stacks = () => fs.readdirSync(path.join(repo, "cdktf.out/stacks")).sort();

  afterAll(() => fs.rmSync(path.dirname(repo), { recursive: true, force: true }));

  beforeAll(() => {
    repo = cleanCheckout();
    // The procedure: one file, and its import and entry in the registry.
    fs.writeFileSync(path.join(repo, "config/environments/qa.ts"), QA);
    const index = path.join(repo, "config/environments/index.ts");
    const registry = fs.readFileSync(index, "utf8");
    const registered = registry.replace('import { staging } from "./staging";\n', '$&import { qa } from "./qa";\n').replace("{ dev, staging, prod }", "{ dev, staging, prod, qa }");
    expect(registered).not.toBe(registry);
    fs.writeFileSync(index, registered);
  });

  it("a blank FX_ENVIRONMENTS builds every environment, the new one included, and says so on its first line", () => {
    const run = synth({ FX_ENVIRONMENTS: "  " });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe("fx-trader: FX_ENVIRONMENTS is blank: building every environment (dev, staging, prod, qa)");
    expect(stacks()).toEqual(expect.arrayContaining(["fx-trader-qa-data", "fx-trader-qa-platform", "fx-trader-qa-grafana", "fx-trader-prod-data"]));
    expect(fs.readdirSync(path.join(repo, "out"))).toContain("qa");
    const list = spawnSync(process.execPath, [path.join(repo, "dist/main.js"), "--list-environments"], { cwd: repo, encoding: "utf8" });
    expect(JSON.parse(list.stdout)).toEqual(["dev", "staging", "prod", "qa"]);
  });

  it("the tests that loop over the environments run for the new one and pass", () => {
    const suites = ["__tests__/config/validate.test.ts", "__tests__/config/registry.test.ts", "__tests__/config/retention-policy.test.ts"];
    const report = path.join(repo, "jest.json");
    // These suites read no synthesized files, so the checkout's jest config runs them without its globalSetup (one more
    // synth of every environment, the new one included, which the first case already ran in this checkout): a suite
    // that reads the shared synthesis would fail here with "no shared synthesis", not pass unchecked.
    const noGlobalSetup = path.join(path.dirname(repo), "no-global-setup.cjs");
    fs.writeFileSync(noGlobalSetup, "module.exports = async () => {};\n");
    const jestArgs = ["--ci", "--runInBand", "--json", `--outputFile=${report}`, `--globalSetup=${noGlobalSetup}`];
    const run = spawnSync(process.execPath, [path.join(repo, "node_modules/jest/bin/jest.js"), ...jestArgs, ...suites], {
      cwd: repo,
      env: env(),
      encoding: "utf8",
    });
    const result = JSON.parse(fs.readFileSync(report, "utf8")) as { numFailedTests: number; testResults: Array<{ assertionResults: Array<{ fullName: string; status: string }> }> };
    const failed = result.testResults.flatMap((s) => s.assertionResults).filter((t) => t.status !== "passed");
    expect(failed.map((t) => t.fullName)).toEqual([]);
    expect(run.status).toBe(0);
    const names = result.testResults.flatMap((s) => s.assertionResults.map((t) => t.fullName));
    expect(names).toContain("environment config validation the built-in qa config is valid");
    expect(names.filter((n) => /\bqa\b/.test(n)).length).toBeGreaterThanOrEqual(3);
  });

  it("a damaged dist/main.meta.json is named and the bundle rebuilt; synth succeeds", () => {
    const meta = path.join(repo, "dist/main.meta.json");
    const whole = fs.readFileSync(meta, "utf8");
    fs.writeFileSync(meta, whole.slice(0, whole.length >> 1)); // truncated, as by a kill or a full disk
    const run = synth({ FX_ENVIRONMENTS: "qa" });
    expect(run.stderr).toBe("fx-trader: dist/main.meta.json is damaged; rebuilding the bundle\n");
    expect(run.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(meta, "utf8"))).toEqual(JSON.parse(whole));
  });

  it("fails in one line naming the path and what to do when a file is in the way of dist/, and writes nothing", () => {
    const dist = path.join(repo, "dist");
    fs.renameSync(dist, `${dist}.aside`);
    fs.writeFileSync(dist, "");
    try {
      const run = synth({ FX_ENVIRONMENTS: "qa" });
      expect(run.status).toBe(1);
      expect(run.stderr.trimEnd().split("\n")).toEqual([
        expect.stringMatching(new RegExp(`^fx-trader: build failed: cannot \\w+ ${dist}/main\\.js \\(ENOTDIR\\): a file is in the way of a folder on that path: move or remove it$`)),
        "fx-trader: nothing was written (cdktf.out/ and out/ are unchanged).",
      ]);
    } finally {
      fs.rmSync(dist);
      fs.renameSync(`${dist}.aside`, dist);
    }
  });

  it("fails when a section is given twice in an environment file, naming file and line, and writes nothing", () => {
    const file = path.join(repo, "config/environments/qa.ts");
    const before = stacks();
    fs.writeFileSync(file, QA.replace('  ci: {', '  cache: { replicationGroupId: "fx-trader-qa2" },\n  ci: {'));
    const run = synth({ FX_ENVIRONMENTS: "qa" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/config\/environments\/qa\.ts:13:2: ERROR: Duplicate key "cache" in object literal/);
    expect(run.stderr).toContain("fx-trader: nothing was written (cdktf.out/ and out/ are unchanged).");
    expect(stacks()).toEqual(before); // the same file with the section once built them (first test)
  });

  it("fails when the environment file has what only the type checker saw (misspelt key, \"false\"), naming each and writing nothing", () => {
    const before = stacks();
    const mistaken = QA.replace("retentionDays: 7,", "retentionDay: 7,")
      .replace("remoteWriteToAmp: false", 'remoteWriteToAmp: "false"');
    fs.writeFileSync(path.join(repo, "config/environments/qa.ts"), mistaken);
    const run = synth({ FX_ENVIRONMENTS: "qa" });
    expect(run.status).toBe(1);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toEqual([
      "fx-trader: invalid environment configuration (2 problems):",
      '  - [qa] observability.prometheus.remoteWriteToAmp = "false": must be a boolean (true or false, unquoted), not a string',
      expect.stringMatching(/^ {2}- \[qa\] observability\.prometheus\.retentionDay = 7: unknown field; did you mean "retentionDays"\? \(observability\.prometheus has /),
      "fx-trader: nothing was written.",
    ]);
    expect(stacks()).toEqual(before);
  });
});
