/**
 * A folder's files as relative path → content, in a stable order, for comparing synthesized trees: what a
 * user sees, so symlinked folders (the published `cdktf.out` and `out`) are followed and the generation store
 * behind them (`.<name>.generations/`) is not listed.
 */
import fs from "node:fs";
import path from "node:path";

export function listTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, entry.name);
      if (entry.name.startsWith(".") && entry.name.endsWith(".generations")) continue;
      if (entry.isDirectory() || (entry.isSymbolicLink() && fs.statSync(p).isDirectory())) walk(p);
      else files.set(path.relative(dir, p), fs.readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return files;
}
