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

  // D4: seeded copies of the prod grafana stack, whose teams carry team_sync (Grafana Enterprise).
  type StackJsonShape = Record<string, Record<string, Record<string, Record<string, unknown>>>>;
  const teams = (j: StackJsonShape) => Object.values(j.resource!.grafana_team!);
  const grafanaSeeds: Record<string, (json: StackJsonShape) => void> = {
    "team-sync-misspelt": (j) => {
      teams(j)[0]!.team_sync = [{ group: ["fx-sre"] }];
    },
    "team-sync-groups-not-a-set": (j) => {
      teams(j)[0]!.team_sync = [{ groups: { sre: "fx-sre" } }];
    },
    "team-sync-unknown-team-argument": (j) => {
      teams(j)[0]!.sync_groups = ["fx-sre"];
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
    const grafanaBase = JSON.parse(fs.readFileSync(path.join(stacksDir, "fx-trader-prod-grafana", "cdk.tf.json"), "utf8")) as StackJsonShape;
    const grafanaSeeded = Object.entries(grafanaSeeds).map(([name, seed]) => {
      const dir = path.join(out, "seeded", name);
      fs.mkdirSync(dir, { recursive: true });
      const json = structuredClone(grafanaBase);
      seed(json);
      fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json));
      return { name, dir };
    });
    const all = await validateStacks([...stacks, ...seededStacks, ...grafanaSeeded], { sources });
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

  it("V1, D4: the Enterprise grafana stacks are validated with team sync on every team (prod and staging), dev's without", () => {
    const teamSync = (stack: string) =>
      Object.values((JSON.parse(fs.readFileSync(path.join(out, "stacks", stack, "cdk.tf.json"), "utf8")) as StackJsonShape).resource!.grafana_team!).map((t) => (t.team_sync as Array<{ groups: string[] }> | undefined)?.[0]?.groups.length ?? 0);
    expect(teamSync("fx-trader-prod-grafana").every((n) => n > 0)).toBe(true);
    expect(teamSync("fx-trader-staging-grafana").every((n) => n > 0)).toBe(true);
    expect(teamSync("fx-trader-dev-grafana")).toEqual([0, 0, 0]);
    for (const stack of ["fx-trader-prod-grafana", "fx-trader-staging-grafana", "fx-trader-dev-grafana"]) expect(results.find((r) => r.stack === stack)?.diagnostics).toEqual([]);
  });

  it("V1, D4: fails when team_sync names an attribute the provider does not have", () => {
    expect(reported("team-sync-misspelt").map((d) => `${d.summary}: ${d.detail}`).join("\n")).toMatch(/Extraneous JSON object property|Unsupported argument/);
    expect(reported("team-sync-misspelt")[0]!.context).toMatch(/^resource\.grafana_team\./);
  });

  it("V1, D4: fails when team_sync's groups is not a set of strings", () => {
    expect(reported("team-sync-groups-not-a-set").map((d) => d.summary)).toContain("Incorrect attribute value type");
  });

  it("V1, D4: fails on a team argument the grafana provider does not have", () => {
    expect(reported("team-sync-unknown-team-argument").map((d) => `${d.summary}: ${d.detail}`).join("\n")).toMatch(/Extraneous JSON object property|Unsupported argument/);
  });

  it("V1: fails on a reference to a resource that is not declared", () => {
    expect(reported("dangling-reference").map((d) => d.summary)).toContain("Reference to undeclared resource");
  });
});
