import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { ROOT } from "../support";

interface Step { name?: string; run?: string; uses?: string; env?: Record<string, string> }
const workflow = parse(fs.readFileSync(path.join(ROOT, ".github/workflows/docs-review.yml"), "utf8")) as {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[]; "timeout-minutes"?: number }>;
};
const steps = workflow.jobs["review-issue"]!.steps;
const step = (name: string) => steps.find((s) => s.name === name)!.run!;

/** A folder of stand-in commands: `gh` records its arguments and answers `issue list` from GH_LIST; `date` runs at FAKE_NOW. */
function standIns(): string {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), "fx-gh-"));
  fs.writeFileSync(
    path.join(bin, "gh"),
    '#!/usr/bin/env bash\nprintf "%s\\n" "$*" >> "$GH_LOG"\n' +
      'if [ "$1 $2" = "issue list" ]; then printf "%s" "${GH_LIST:-}"; fi\n' +
      'if [ -n "${GH_FAIL:-}" ] && [ "$1 $2" = "$GH_FAIL" ]; then echo "gh: HTTP 502" >&2; exit 1; fi\n',
    { mode: 0o755 },
  );
  const realDate = spawnSync("bash", ["-c", "command -v date"], { encoding: "utf8" }).stdout.trim();
  fs.writeFileSync(path.join(bin, "date"), `#!/usr/bin/env bash\nexec ${realDate} -d "$FAKE_NOW" "$@"\n`, { mode: 0o755 });
  return bin;
}

function runIssueStep(env: Record<string, string>) {
  const bin = standIns();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "fx-docs-review-"));
  fs.writeFileSync(path.join(work, "review-body.md"), "- [ ] docs/README.md\n");
  const log = path.join(work, "gh.log");
  const summary = path.join(work, "summary.md");
  const r = spawnSync("bash", ["-e", "-c", step("Open or update the quarter's review issue")], {
    cwd: work,
    encoding: "utf8",
    env: { PATH: `${bin}:${process.env.PATH}`, GH_LOG: log, GITHUB_STEP_SUMMARY: summary, GH_TOKEN: "stand-in", ...env },
  });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
  return { status: r.status, calls, summary: fs.existsSync(summary) ? fs.readFileSync(summary, "utf8") : "", stderr: r.stderr };
}

describe("docs-review workflow (O1: quarterly handbook review)", () => {
  it("runs every quarter and by hand, bounded in time, with actions pinned by commit", () => {
    expect(workflow.on.schedule).toEqual([{ cron: "0 6 1 1,4,7,10 *" }]);
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    expect(workflow.jobs["review-issue"]!["timeout-minutes"]).toBeGreaterThan(0);
    for (const s of steps.filter((x) => x.uses)) expect(s.uses).toMatch(/@[0-9a-f]{40}$/);
  });

  it("the body step writes every handbook page with its owner", () => {
    const r = spawnSync("bash", ["-e", "-c", step("Write the review issue body")], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(0);
    const body = fs.readFileSync(path.join(ROOT, "review-body.md"), "utf8");
    fs.rmSync(path.join(ROOT, "review-body.md"));
    expect(body).toContain("- [ ] [docs/procedures.md]");
    expect(body).toContain("owner: SRE and on-call (hand-written)");
  });

  it("opens the quarter's issue when none is open", () => {
    const r = runIssueStep({ FAKE_NOW: "2026-12-01T06:00:00Z", GH_LIST: "" });
    expect(r.status).toBe(0);
    expect(r.calls.filter((c) => c.startsWith("issue "))).toEqual([
      'issue list --label docs-review --state open --search "Handbook review 2026-Q4" in:title --json number --jq .[0].number // empty',
      "issue create --title Handbook review 2026-Q4 --label docs-review --body-file review-body.md",
    ]);
    expect(r.summary).toBe("opened: Handbook review 2026-Q4\n");
  });

  it("updates the open issue of the quarter instead of opening a second", () => {
    const r = runIssueStep({ FAKE_NOW: "2027-01-01T06:00:00Z", GH_LIST: "42" });
    expect(r.status).toBe(0);
    expect(r.calls.filter((c) => c.startsWith("issue "))).toEqual([
      'issue list --label docs-review --state open --search "Handbook review 2027-Q1" in:title --json number --jq .[0].number // empty',
      "issue edit 42 --body-file review-body.md",
    ]);
  });

  it("fails the job when GitHub refuses the issue", () => {
    const r = runIssueStep({ FAKE_NOW: "2026-04-01T06:00:00Z", GH_LIST: "", GH_FAIL: "issue create" });
    expect(r.status).not.toBe(0);
    expect(r.summary).toBe("");
    expect(r.stderr).toContain("HTTP 502");
  });
});
