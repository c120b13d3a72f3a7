/**
 * Checks PromQL with promtool: the queries become recording rules in a temporary rule file, and
 * `promtool check rules` parses every expression (it fails on the first file with a syntax error and names it).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { tempDir } from "../support";

export interface NamedQuery {
  /** Where the query is, for the failure message. */
  readonly where: string;
  /** PromQL with Grafana variables already replaced by concrete values. */
  readonly expr: string;
}

export interface PromtoolResult {
  readonly status: number | null;
  readonly output: string;
}

/** Writes `queries` as one rule group of recording rules and runs `promtool check rules` on it. */
export function checkQueriesWithPromtool(group: string, queries: readonly NamedQuery[]): PromtoolResult {
  const dir = tempDir("fx-trader-promql-");
  const file = path.join(dir, `${group}.rules.yaml`);
  const rules = queries.map((q, i) => ({ record: `fx_dashboard:query_${i + 1}`, expr: q.expr, labels: { where: q.where } }));
  fs.writeFileSync(file, stringify({ groups: [{ name: group, rules }] }));
  const run = spawnSync("promtool", ["check", "rules", file], { encoding: "utf8" });
  fs.rmSync(dir, { recursive: true, force: true });
  if (run.error) throw new Error(`promtool could not run (is it on the PATH? CI installs the Debian package "prometheus"): ${run.error.message}`);
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
