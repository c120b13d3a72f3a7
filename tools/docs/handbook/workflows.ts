/** The CI workflows as the handbook describes them: read from `.github/workflows/*.yml` themselves, so the deploy procedure follows them. */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";

export interface WorkflowJob {
  readonly id: string;
  readonly name: string;
  readonly needs: readonly string[];
  /** GitHub environment (protection rules), if any. */
  readonly environment?: string;
  /** Reusable workflow it calls, if any. */
  readonly uses?: string;
}

export interface Workflow {
  readonly file: string;
  readonly name: string;
  readonly triggers: readonly string[];
  /** The comment block at the top of the file: what the workflow is for. */
  readonly purpose: string;
  readonly jobs: readonly WorkflowJob[];
}

type Json = Record<string, unknown>;
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)]);

/** Every workflow under `<root>/.github/workflows`, sorted by file name. */
export function readWorkflows(root = process.cwd()): Workflow[] {
  const dir = path.join(root, ".github", "workflows");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      const doc = (parse(text) ?? {}) as Json;
      const on = doc.on ?? doc[true as unknown as string];
      const triggers = typeof on === "string" ? [on] : Array.isArray(on) ? on.map(String) : Object.keys((on ?? {}) as Json);
      const purpose = text
        .split("\n")
        .filter((l, i, all) => l.startsWith("#") && all.slice(0, i).every((p) => p.startsWith("#")))
        .map((l) => l.replace(/^#\s?/, ""))
        .join(" ")
        .trim();
      const jobs = Object.entries((doc.jobs ?? {}) as Json).map(([id, raw]): WorkflowJob => {
        const j = (raw ?? {}) as Json;
        const env = j.environment;
        const environment = typeof env === "string" ? env : env && typeof env === "object" ? String((env as Json).name) : undefined;
        return { id, name: typeof j.name === "string" ? j.name : id, needs: list(j.needs), environment, uses: typeof j.uses === "string" ? j.uses : undefined };
      });
      return { file: `.github/workflows/${file}`, name: typeof doc.name === "string" ? doc.name : file, triggers, purpose, jobs };
    });
}
