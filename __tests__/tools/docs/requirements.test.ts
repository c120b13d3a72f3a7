import fs from "node:fs";
import path from "node:path";
import { expandIds, idsInTitle, REQUIREMENTS, testsByRequirement, testTitles } from "../../../tools/docs/requirements";
import { REFERENCE_DIR, ROOT } from "../../support";

describe("O1: requirements traceability (docs/requirements.md)", () => {
  const tests = testsByRequirement(ROOT);

  it("lists exactly the requirement IDs of REQUIREMENTS.md, in its order", () => {
    const source = fs.readFileSync(path.join(REFERENCE_DIR, "..", "REQUIREMENTS.md"), "utf8");
    const listed = new Set(REQUIREMENTS.map((r) => r.id));
    // Table rows, then the IDs added later (bullets `- **V1**`), each catalogued by the change that implements it.
    const added = [...source.matchAll(/^- \*\*([A-Z]\d{1,2})\*\*/gm)].map((m) => m[1]).filter((id) => listed.has(id!));
    const ids = [...[...source.matchAll(/^\| ([CMDALBKSPOI]\d{1,2}) \|/gm)].map((m) => m[1]), ...added];
    expect(REQUIREMENTS.map((r) => r.id)).toEqual(ids);
  });

  it.each(REQUIREMENTS.map((r) => [r.id, r]))("%s is implemented by modules that exist", (_id, r) => {
    expect(r.implementedBy.length).toBeGreaterThan(0);
    for (const file of r.implementedBy) expect({ file, exists: fs.existsSync(path.join(ROOT, file)) }).toEqual({ file, exists: true });
  });

  it.each(REQUIREMENTS.map((r) => r.id))("%s is proven by at least one test that names it", (id) => {
    expect(tests.get(id)?.length ?? 0).toBeGreaterThan(0);
  });

  it("reads requirement IDs from test titles: prefixes, lists, ranges and describe parentheses", () => {
    expect(idsInTitle("L2/B4/K1: %s uses the guide's values", false)).toEqual(["L2", "B4", "K1"]);
    expect(idsInTitle("A1–A3: rules", false)).toEqual(["A1", "A2", "A3"]);
    expect(idsInTitle("Alloy (C6, L1–L3)", true)).toEqual(["C6", "L1", "L2", "L3"]);
    expect(idsInTitle("Alloy (C6, L1–L3)", false)).toEqual([]);
    expect(idsInTitle("S3 bucket policy denies plain HTTP", false)).toEqual([]);
    expect(expandIds("M1–M9")).toHaveLength(9);
    expect(testTitles('describe.each(ENVS)("B4: %s", (e) => { it.each([1, f(2)])("K2: x", () => {}); });')).toEqual([
      { title: "B4: %s", isDescribe: true },
      { title: "K2: x", isDescribe: false },
    ]);
  });
});
