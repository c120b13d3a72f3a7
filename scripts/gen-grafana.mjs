#!/usr/bin/env node
// Generates the Grafana provider bindings (.gen/providers/grafana) offline from the provider schema
// in the shared reference folder, with @cdktf/provider-generator. There is no prebuilt
// @cdktf/provider-grafana on npm and no registry access here, so `cdktf get` cannot be used.
//
// - Only the resource types the program imports are emitted: every `import ... from ".../.gen/providers/grafana/<x>"`
//   in the repo's TypeScript (outside node_modules/, .gen/, dist/) names one, `<x>` in kebab case of the type without
//   its `grafana_` prefix (`folder-permission` -> grafana_folder_permission). To use a new type, import it, then run
//   this. `--list` prints the derived types and writes nothing (__tests__/tools/grafana-bindings.test.ts compares
//   them with the committed bindings; FX_GRAFANA_SOURCE_ROOT scans another folder). No data sources are used, so none are emitted.
// - Descriptions are stripped from the schema (smaller files, no upstream prose in the repo).
// - The reference folder comes from FX_REFERENCE_DIR (default ../shared/reference). Elsewhere, produce the
//   same schema with `terraform providers schema -json` in a workspace that requires grafana/grafana 4.45.1.
//
// Run with `npm run gen:grafana`. CHECKPOINT_DISABLE=1 keeps the generator from phoning home.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

process.env.CHECKPOINT_DISABLE = "1";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const referenceDir = path.resolve(root, process.env.FX_REFERENCE_DIR ?? "../shared/reference");
const schemaPath = path.join(referenceDir, "terraform/grafana/provider_schema.json");
const { GRAFANA_PROVIDER } = JSON.parse(fs.readFileSync(path.join(root, "scripts/grafana-bindings.json"), "utf8"));
const outDir = path.join(root, ".gen/providers/grafana");

const SKIPPED_DIRS = new Set(["node_modules", ".gen", "dist", "out", "cdktf.out", ".tools", ".git"]);
const IMPORT = /^import\s[^;]*?from\s+"(?:\.\.?\/)+\.gen\/providers\/grafana\/([a-z0-9-]+)(?:\/index)?";/gm;

/** The TypeScript files of the repo (sorted, so the derived list does not depend on directory order). */
function sourceFiles(dir) {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (SKIPPED_DIRS.has(entry.name) || entry.name.endsWith(".generations")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (entry.name.endsWith(".ts")) files.push(full);
  }
  return files;
}

/** The grafana resource types imported anywhere in the program or its tests (`provider` is the provider itself). */
function importedResourceTypes() {
  const modules = new Set();
  for (const file of sourceFiles(path.resolve(process.env.FX_GRAFANA_SOURCE_ROOT ?? root))) {
    for (const match of fs.readFileSync(file, "utf8").matchAll(IMPORT)) modules.add(match[1]);
  }
  modules.delete("provider");
  return [...modules].map((m) => `grafana_${m.replaceAll("-", "_")}`).sort();
}

const GRAFANA_RESOURCE_TYPES = importedResourceTypes();
if (process.argv.includes("--list")) {
  console.log(GRAFANA_RESOURCE_TYPES.join("\n"));
  process.exit(0);
}

// Loaded only when generating: the generator logs (terraform CLI configuration warnings) on load.
const { TerraformProviderGenerator, CodeMaker } = await import("@cdktf/provider-generator");
const commons = await import("@cdktf/commons");

const fqpn = `registry.terraform.io/${GRAFANA_PROVIDER.source}`;
const full = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
const provider = full.provider_schemas[fqpn];
if (!provider) {
  throw new Error(`${schemaPath} has no schema for ${fqpn}; found ${Object.keys(full.provider_schemas).join(", ")}`);
}

const missing = GRAFANA_RESOURCE_TYPES.filter((t) => !provider.resource_schemas[t]);
if (missing.length > 0) {
  throw new Error(
    `imported resource types not in the grafana ${GRAFANA_PROVIDER.version} schema: ${missing.join(", ")}; ` +
      `a module under .gen/providers/grafana/ is named after a resource type without its grafana_ prefix`,
  );
}

/** Removes description fields everywhere; they are documentation, not structure. */
function stripDescriptions(node) {
  if (Array.isArray(node)) return node.map(stripDescriptions);
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "description" || key === "description_kind") continue;
    out[key] = stripDescriptions(value);
  }
  return out;
}

const resourceSchemas = Object.fromEntries(
  [...GRAFANA_RESOURCE_TYPES].sort().map((t) => [t, stripDescriptions(provider.resource_schemas[t])]),
);
const schema = {
  format_version: full.format_version,
  provider_schemas: {
    [fqpn]: { provider: stripDescriptions(provider.provider), resource_schemas: resourceSchemas, data_source_schemas: {} },
  },
  provider_versions: { [fqpn]: GRAFANA_PROVIDER.version },
};

fs.rmSync(outDir, { recursive: true, force: true });
const code = new CodeMaker();
code.indentation = 2;
const generator = new TerraformProviderGenerator(code, schema);
generator.generate(
  new commons.ConstructsMakerProviderTarget(
    new commons.TerraformProviderConstraint(`${GRAFANA_PROVIDER.source}@${GRAFANA_PROVIDER.version}`),
    commons.LANGUAGES[0],
  ),
);
await generator.save(path.join(root, ".gen"));
console.log(`grafana ${GRAFANA_PROVIDER.version}: ${GRAFANA_RESOURCE_TYPES.length} resource types -> ${path.relative(root, outDir)}`);
