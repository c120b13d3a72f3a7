/**
 * Writes every generated doc (`npm run docs`); with `--review-issue`, prints the body of the quarterly handbook
 * review issue instead (`npm run docs:review-body`, used by `.github/workflows/docs-review.yml`). Bundled by esbuild
 * and run by node like main.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { selectEnvironments } from "../config";
import { renderDocs } from "../tools/docs";
import { reviewIssueBody } from "../tools/docs/handbook/pages";

const root = process.cwd();
if (process.argv.includes("--review-issue")) {
  process.stdout.write(reviewIssueBody(root));
} else {
  for (const [rel, content] of renderDocs(selectEnvironments(undefined))) {
    const target = path.join(root, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const changed = !fs.existsSync(target) || fs.readFileSync(target, "utf8") !== content;
    if (changed) fs.writeFileSync(target, content);
    console.log(`${changed ? "wrote    " : "unchanged"} ${rel}`);
  }
}
