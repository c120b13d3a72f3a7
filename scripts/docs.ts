/** Writes every generated doc (`npm run docs`). Bundled by esbuild and run by node like main.ts. */
import fs from "node:fs";
import path from "node:path";
import { selectEnvironments } from "../config";
import { renderDocs } from "../docs/generators";

const root = process.cwd();
for (const [rel, content] of renderDocs(selectEnvironments(undefined))) {
  const target = path.join(root, rel);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const changed = !fs.existsSync(target) || fs.readFileSync(target, "utf8") !== content;
  if (changed) fs.writeFileSync(target, content);
  console.log(`${changed ? "wrote    " : "unchanged"} ${rel}`);
}
