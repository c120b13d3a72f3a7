import fs from "node:fs";
import path from "node:path";
import { selectEnvironments } from "../../../config";
import { DOC_GENERATORS, renderDocs } from "../../../tools/docs";
import { ROOT } from "../../support";

describe("O1: generated docs are current", () => {
  const rendered = renderDocs(selectEnvironments(undefined));

  it.each(DOC_GENERATORS.map((g) => g.path))("%s matches its generator (run `npm run docs` to refresh)", (rel) => {
    const file = path.join(ROOT, rel);
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readFileSync(file, "utf8")).toBe(rendered.get(rel));
  });
});
