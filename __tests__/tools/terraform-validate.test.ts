/**
 * V1: Terraform itself validates every synthesized stack, offline, against schema-only providers serving the
 * real schemas (tools/terraform-offline). Seeded failures prove Terraform reports each class of defect through them.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { selectEnvironments } from "../../config";
import { synthesizeBootstrap } from "../../app/synthesize-bootstrap";
import { formatResults, validateStacks, type StackResult } from "../../tools/terraform-offline/validate";
import { REFERENCE_DIR, ROOT, tempDir } from "../support";
import { copyOfSharedStacks } from "../support/shared-synthesis";

const sources = {
  nodeModules: path.join(ROOT, "node_modules"),
  grafanaSchemaFile: path.join(REFERENCE_DIR, "terraform/grafana/provider_schema.json"),
  grafanaVersion: "4.45.1",
};

function hasTerraform(): boolean {
  try {
    execFileSync("terraform", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const available = hasTerraform();
if (!available && process.env.CI) throw new Error("CI: terraform >= 1.10 must be installed for the V1 validation test");
if (!available) console.warn("skipping V1 terraform validate: install Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install)");
const describeTf = available ? describe : describe.skip;

describeTf("V1: terraform validate of every synthesized stack (offline, schema-only providers)", () => {
  let out: string;
  let results: StackResult[];
  let seeded: StackResult[];
  const seeds: Record<string, (json: Record<string, Record<string, Record<string, Record<string, unknown>>>>) => void> = {
    "unescaped-template": (j) => {
      Object.values(j.resource!.aws_s3_bucket!)[0]!.bucket = "logs-${datasource}";
    },
    "unknown-attribute": (j) => {
      Object.values(j.resource!.aws_s3_bucket!)[0]!.no_such_argument = "x";
    },
    "wrong-nesting": (j) => {
      Object.values(j.resource!.aws_s3_bucket_versioning!)[0]!.versioning_configuration = [{ status: "Enabled", rule: { days: 1 } }];
    },
    "dangling-reference": (j) => {
      Object.values(j.resource!.aws_s3_bucket_policy!)[0]!.bucket = "${aws_s3_bucket.does_not_exist.id}";
    },
    // S5: the backup SNS endpoint's input variable is what the subscription reads; without it nothing validates.
    "endpoint-variable-missing": (j) => {
      delete (j as Record<string, unknown>).variable;
    },
    // S5: why the endpoint is a variable: an ephemeral value is refused in a non-write-only argument.
    "ephemeral-endpoint": (j) => {
      (j as Record<string, unknown>).ephemeral = { aws_secretsmanager_secret_version: { endpoint: { secret_id: "fx-trader/dev/backup/on-call-endpoint" } } };
      Object.values(j.resource!.aws_sns_topic_subscription!)[0]!.endpoint = "${ephemeral.aws_secretsmanager_secret_version.endpoint.secret_string}";
    },
  };

  beforeAll(async () => {
    out = tempDir("tf-validate");
    // terraform init writes .terraform/ beside each stack: a private copy of the shared synthesis.
    const stacksDir = copyOfSharedStacks(out);
    // The CI stack set and the accounts' bootstrap stacks (their own app, as npm run validate does).
    const stacks = [...fs.readdirSync(stacksDir).sort().map((name) => ({ name, dir: path.join(stacksDir, name) })), ...synthesizeBootstrap(selectEnvironments(undefined), path.join(out, "bootstrap.out"))];
    // Seeded copies of one data stack, one defect each, validated in the same Terraform session.
    const base = JSON.parse(fs.readFileSync(path.join(stacksDir, "fx-trader-dev-data", "cdk.tf.json"), "utf8"));
    const seededStacks = Object.entries(seeds).map(([name, seed]) => {
      const dir = path.join(out, "seeded", name);
      fs.mkdirSync(dir, { recursive: true });
      const json = structuredClone(base);
      seed(json);
      fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json));
      return { name, dir };
    });
    const all = await validateStacks([...stacks, ...seededStacks], { sources });
    results = all.slice(0, stacks.length);
    seeded = all.slice(stacks.length);
  }, 120_000);

  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it("V1: all 11 stacks of every environment and the 2 accounts' bootstrap stacks are valid to Terraform, with no error and no warning", () => {
    expect(results).toHaveLength(13);
    expect(results.slice(11).map((r) => r.stack)).toEqual(["fx-trader-bootstrap-fx-nonprod", "fx-trader-bootstrap-fx-prod"]);
    expect(formatResults(results)).toBe(results.map((r) => `${r.stack}: valid`).join("\n"));
  });

  const reported = (name: string) => seeded.find((r) => r.stack === name)!.diagnostics.filter((d) => d.severity === "error");

  it("V1: fails when a literal ${ is not escaped", () => {
    expect(reported("unescaped-template").map((d) => d.summary)).toContain("Invalid reference");
  });

  it("V1: fails on an argument the schema does not have", () => {
    expect(reported("unknown-attribute").map((d) => `${d.summary}: ${d.detail}`).join("\n")).toMatch(/Extraneous JSON object property|Unsupported argument/);
    expect(reported("unknown-attribute")[0]!.context).toMatch(/^resource\.aws_s3_bucket\./);
  });

  it("V1: fails on a block nested where the schema has none", () => {
    expect(reported("wrong-nesting").map((d) => `${d.summary}: ${d.detail}`).join("\n")).toMatch(/Extraneous JSON object property|Unsupported (argument|block type)/);
  });

  it("V1/S5: fails when the backup SNS endpoint's input variable is not declared", () => {
    expect(reported("endpoint-variable-missing").map((d) => d.summary)).toContain("Reference to undeclared input variable");
  });

  it("V1/S5: fails when the SNS endpoint is given an ephemeral value (endpoint is not write-only)", () => {
    expect(reported("ephemeral-endpoint").map((d) => `${d.summary}: ${d.detail}`)).toEqual([
      'Invalid use of ephemeral value: Ephemeral values are not valid for "endpoint", because it is not a write-only attribute and must be persisted to state.',
    ]);
  });

  it("V1: fails on a reference to a resource that is not declared", () => {
    expect(reported("dangling-reference").map((d) => d.summary)).toContain("Reference to undeclared resource");
  });
});
