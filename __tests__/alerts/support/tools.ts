/**
 * Runs promtool and amtool (CI installs both; a missing tool fails the tests, it never skips them) and
 * writes the rendered files they read under os.tmpdir().
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
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
 * Runs `promtool test rules` once on many files and splits its output per file ("Unit Testing:  <file>"
 * sections), so each alert's test can report its own result.
 */
export function promtoolTestRules(files: readonly string[]): { readonly status: number | null; readonly sections: ReadonlyMap<string, string> } {
  const run = runTool("promtool", ["test", "rules", ...files]);
  const sections = new Map<string, string>();
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
  return { status: run.status, sections };
}
