/**
 * A synthesized tree as the change review sees it: every stack's `cdk.tf.json` (cdktf metadata removed)
 * and every review file under `out/`.
 */
import fs from "node:fs";
import path from "node:path";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, Json>>>;
  readonly [key: string]: Json | undefined;
}

export interface SynthTree {
  /** Stack name → synthesized JSON with cdktf's `//` metadata stripped. */
  readonly stacks: ReadonlyMap<string, StackJson>;
  /** Path relative to `out/` → file content. */
  readonly reviewFiles: ReadonlyMap<string, string>;
}

/** Removes cdktf's `//` metadata keys at every depth (they carry construct paths, not configuration). */
export function stripMetadata(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripMetadata);
  if (value !== null && typeof value === "object") {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) if (k !== "//") out[k] = stripMetadata(v);
    return out;
  }
  return value;
}

function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p, base) : [path.relative(base, p).split(path.sep).join("/")];
  });
}

/** Reads `<outdir>/stacks/<stack>/cdk.tf.json` for every stack, and every file under `reviewDir`. */
export function readSynthTree(outdir: string, reviewDir: string): SynthTree {
  const stacks = new Map<string, StackJson>();
  const stacksDir = path.join(outdir, "stacks");
  for (const name of fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).sort() : []) {
    const file = path.join(stacksDir, name, "cdk.tf.json");
    if (fs.existsSync(file)) stacks.set(name, stripMetadata(JSON.parse(fs.readFileSync(file, "utf8")) as Json) as StackJson);
  }
  const reviewFiles = new Map<string, string>();
  for (const rel of listFiles(reviewDir).sort()) reviewFiles.set(rel, fs.readFileSync(path.join(reviewDir, rel), "utf8"));
  return { stacks, reviewFiles };
}
