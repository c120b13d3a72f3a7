/**
 * Runs promtool and amtool (CI installs both; a missing tool fails the tests, it never skips them) and
 * writes the rendered files they read under os.tmpdir().
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { renderAlertmanagerYaml } from "../../../alerts/alertmanager";
import { renderRuleFile } from "../../../alerts/rules";
import type { EnvironmentConfig } from "../../../config/types";
import { tempDir } from "../../support";

const scratch: string[] = [];

/** A fresh folder under os.tmpdir(), removed after the test file's tests have run. */
export function scratchDir(prefix = "fx-trader-alerts-"): string {
  const dir = tempDir(prefix);
  scratch.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of scratch.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export interface ToolRun {
  readonly status: number | null;
  /** stdout and stderr interleaved in the order the tool wrote them. */
  readonly output: string;
}

/** Runs `command args` with stdout and stderr in one stream; throws when the tool is not installed. */
export function runTool(command: "promtool" | "amtool", args: readonly string[]): ToolRun {
  const dir = scratchDir(`fx-trader-${command}-`);
  const log = path.join(dir, "output.txt");
  const fd = fs.openSync(log, "w");
  try {
    const run = spawnSync(command, args, { stdio: ["ignore", fd, fd], timeout: 120000 });
    if (run.error) throw new Error(`${command} could not run (${run.error.message}); install it (see .ci/run)`);
    return { status: run.status, output: fs.readFileSync(log, "utf8") };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Runs `command` once per argument list, as `runTool` would, from `shells` bash processes side by side (one per
 * core, at most two) instead of one process start from jest per run: starting a process from the jest worker
 * costs more than a short amtool run. Each run's output (stdout and stderr interleaved) and exit status are its
 * own; throws when the tool is not installed.
 */
export async function runToolBatch(command: "amtool", argLists: ReadonlyArray<readonly string[]>, shells = Math.min(2, os.availableParallelism())): Promise<ToolRun[]> {
  const dir = scratchDir(`fx-trader-${command}-`);
  const quote = (arg: string) => `'${arg.replace(/'/g, "'\\''")}'`;
  const runs = argLists.map((args, i) => `${command} ${args.map(quote).join(" ")} >${i}.out 2>&1; echo $? >${i}.status`);
  await Promise.all(
    Array.from({ length: shells }, (_, shell) => {
      const script = [`command -v ${command} >/dev/null || exit 127`, ...runs.filter((_, i) => i % shells === shell)].join("\n");
      return new Promise<void>((resolve, reject) => {
        const child = spawn("bash", ["-c", script], { cwd: dir, stdio: "ignore", timeout: 120000 });
        child.on("error", reject);
        child.on("close", (status) => (status === 127 ? reject(new Error(`${command} could not run (not found); install it (see .ci/run)`)) : resolve()));
      });
    }),
  );
  return argLists.map((_, i) => ({ status: Number(fs.readFileSync(path.join(dir, `${i}.status`), "utf8")), output: fs.readFileSync(path.join(dir, `${i}.out`), "utf8") }));
}

/** Writes `content` to a fresh temporary folder as `name`; returns the path. */
export function writeTemp(name: string, content: string, dir = scratchDir()): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** Writes an environment's rendered rule file to a temporary folder. */
export function writeRuleFile(config: EnvironmentConfig): string {
  return writeTemp(`${config.name}/prometheus-rules.yaml`, renderRuleFile(config));
}

/** Writes an environment's rendered alertmanager.yaml to a temporary folder. */
export function writeAlertmanagerFile(config: EnvironmentConfig): string {
  return writeTemp(`${config.name}/alertmanager.yaml`, renderAlertmanagerYaml(config));
}

/**
 * Go runtime settings for promtool's long `test rules` runs (an environment variable of the same name wins). A
 * run is one goroutine evaluating rules, and most of its CPU beyond that was garbage collection: collecting at
 * twice the live heap instead of at once more (GOGC=200), on the run's own thread (GOMAXPROCS=1; the runs go
 * side by side, one per core), cut promtool's CPU by a fifth (rules.test.ts: 9.4 → 7.4 s of promtool user+sys,
 * peak memory about 450 MB per run). What promtool evaluates and reports is unchanged.
 */
const PROMTOOL_RUNTIME = { GOGC: "200", GOMAXPROCS: "1" };

/** Runs `promtool args` without blocking, output (stdout and stderr interleaved) in a file; throws when promtool is missing. */
export function runPromtoolAsync(args: readonly string[]): Promise<ToolRun> {
  const dir = scratchDir("fx-trader-promtool-");
  const log = path.join(dir, "output.txt");
  const fd = fs.openSync(log, "w");
  return new Promise<ToolRun>((resolve, reject) => {
    const child = spawn("promtool", args, { stdio: ["ignore", fd, fd], timeout: 300000, env: { ...PROMTOOL_RUNTIME, ...process.env } });
    child.on("error", (e) => reject(new Error(`promtool could not run (${e.message}); install it (see .ci/run)`)));
    child.on("close", (status) => resolve({ status, output: fs.readFileSync(log, "utf8") }));
  }).finally(() => fs.closeSync(fd));
}

/** `files` in `n` lists of about equal total size (largest first, each to the lightest list): promtool's cost follows the file. */
function balanced(files: readonly string[], n: number): string[][] {
  const lists = Array.from({ length: n }, () => ({ size: 0, files: [] as string[] }));
  for (const file of [...files].sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)) {
    const lightest = lists.reduce((min, l) => (l.size < min.size ? l : min));
    lightest.files.push(file);
    lightest.size += fs.statSync(file).size;
  }
  return lists.map((l) => l.files).filter((l) => l.length > 0);
}

/**
 * Runs `promtool test rules` on many files, in `processes` concurrent runs (one per core, at most two: a
 * promtool run is single-threaded), and splits the output per file ("Unit Testing:  <file>" sections), so
 * each alert's test can report its own result.
 */
export async function promtoolTestRules(
  files: readonly string[],
  processes = Math.min(2, os.availableParallelism()),
): Promise<{ readonly status: number | null; readonly sections: ReadonlyMap<string, string> }> {
  const runs = await Promise.all(balanced(files, processes).map((list) => runPromtoolAsync(["test", "rules", ...list])));
  const sections = new Map<string, string>();
  for (const run of runs) {
    let current: string | undefined;
    for (const line of run.output.split("\n")) {
      const header = /^Unit Testing:\s+(.+)$/.exec(line);
      if (header) {
        current = header[1]!.trim();
        sections.set(current, "");
      } else if (current !== undefined) {
        sections.set(current, `${sections.get(current)}${line}\n`);
      }
    }
  }
  return { status: runs.find((r) => r.status !== 0)?.status ?? 0, sections };
}
