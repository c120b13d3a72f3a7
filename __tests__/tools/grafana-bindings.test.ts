/**
 * C2/V1: the committed Grafana bindings (.gen/providers/grafana) are exactly the resource types the program
 * imports, as scripts/gen-grafana.mjs derives them, so no unused binding is committed and no used one is missing.
 * The seeded failure scans a folder that imports one more type and expects the lists to differ.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, tempDir } from "../support";

function derivedTypes(sourceRoot?: string): string[] {
  const env = sourceRoot === undefined ? process.env : { ...process.env, FX_GRAFANA_SOURCE_ROOT: sourceRoot };
  const out = execFileSync(process.execPath, [path.join(ROOT, "scripts/gen-grafana.mjs"), "--list"], { env, encoding: "utf8" });
  return out.split("\n").filter((line) => line !== "");
}

/** Resource types whose binding module is committed (every folder but the provider's). */
function committedTypes(): string[] {
  return fs
    .readdirSync(path.join(ROOT, ".gen/providers/grafana"), { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== "provider")
    .map((e) => `grafana_${e.name.replaceAll("-", "_")}`)
    .sort();
}

describe("C2/V1: generated Grafana bindings only for the types the program uses", () => {
  it("the committed bindings are the imported types (run `npm run gen:grafana` after importing a new one)", () => {
    expect(committedTypes()).toEqual(derivedTypes());
    expect(committedTypes()).toContain("grafana_dashboard");
  });

  it("fails when a source imports a type that has no committed binding (seeded)", () => {
    const dir = tempDir("fx-grafana-imports-");
    fs.writeFileSync(
      path.join(dir, "uses-contact-point.ts"),
      'import { ContactPoint } from "../.gen/providers/grafana/contact-point";\nimport type { Team } from "../.gen/providers/grafana/team";\n',
    );
    fs.writeFileSync(path.join(dir, "mentions.ts"), "// import { MuteTiming } from \"../.gen/providers/grafana/mute-timing\";\n");
    expect(derivedTypes(dir)).toEqual(["grafana_contact_point", "grafana_team"]);
    expect(committedTypes()).not.toEqual(derivedTypes(dir));
  });
});
