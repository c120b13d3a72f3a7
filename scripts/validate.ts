/**
 * `npm run validate` (V1): synthesizes every environment (or FX_ENVIRONMENTS), and the bootstrap stacks of their
 * accounts, to a temporary folder, never the
 * user's cdktf.out, then runs the real `terraform init -backend=false` and `terraform validate -json` on each stack
 * against the schema-only providers of tools/terraform-offline. Prints Terraform's diagnostics per stack; exits 1
 * on any error or warning.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { selectEnvironments } from "../config";
import { synthesizeBootstrap } from "../app/synthesize-bootstrap";
import { synthesize } from "../app/synthesize";
import { formatResults, validateStacks } from "../tools/terraform-offline/validate";

async function main(): Promise<number> {
  const root = path.resolve(__dirname, "..");
  const reference = path.resolve(root, process.env.FX_REFERENCE_DIR ?? "../shared/reference");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "fx-validate-"));
  try {
    const outdir = path.join(work, "cdktf.out");
    const environments = selectEnvironments(process.env.FX_ENVIRONMENTS);
    synthesize({ environments, outdir, reviewDir: path.join(work, "out") });
    const stacksDir = path.join(outdir, "stacks");
    // The CI stack set, then the accounts' bootstrap stacks (a separate app: local state, applied by hand).
    const stacks = [...fs.readdirSync(stacksDir).sort().map((name) => ({ name, dir: path.join(stacksDir, name) })), ...synthesizeBootstrap(environments, path.join(work, "bootstrap.out"))];
    const results = await validateStacks(stacks, {
      sources: { nodeModules: path.join(root, "node_modules"), grafanaSchemaFile: path.join(reference, "terraform/grafana/provider_schema.json"), grafanaVersion: "4.45.1" },
    });
    console.log(formatResults(results));
    return results.some((r) => r.diagnostics.length > 0) ? 1 : 0;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(`fx-trader validate: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
