/**
 * V1: runs the real `terraform init -backend=false` and `terraform validate -json` on synthesized stacks, offline,
 * against schema-only providers serving the real schemas at the versions the stacks pin, and reports Terraform's
 * diagnostics per stack (file, resource, message).
 *
 * Schemas: Grafana's is the provider's own `terraform providers schema -json` output (reference data); aws, helm
 * and kubernetes are derived from the installed cdktf bindings (`derive-schema.ts`), plus the documented AWS
 * ephemeral resources the bindings lack (`aws-ephemeral-schemas.ts`).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { AWS_EPHEMERAL_RESOURCE_SCHEMAS } from "./aws-ephemeral-schemas";
import { bindingsProvider, deriveProviderSchema } from "./derive-schema";
import { serveProviders, type ServedProvider } from "./provider-server";
import type { ProviderSchemaJson, ProvidersSchemaDocument } from "./schema-json";

const run = promisify(execFile);

/** Terraform's oldest release the stacks work with (S3-native state locking, ephemeral resources). */
export const MIN_TERRAFORM_VERSION = "1.10.0";

/** Where each provider's schema comes from. */
export interface SchemaSources {
  /** Project `node_modules`, holding `@cdktf/provider-aws`, `-helm`, `-kubernetes`. */
  readonly nodeModules: string;
  /** `terraform providers schema -json` of grafana/grafana (`$FX_REFERENCE_DIR/terraform/grafana/provider_schema.json`). */
  readonly grafanaSchemaFile: string;
  /** The Grafana provider version that schema belongs to (the bindings' pin). */
  readonly grafanaVersion: string;
}

/** A stack to validate: a folder holding its Terraform JSON. */
export interface StackInput {
  readonly name: string;
  readonly dir: string;
}

/** One diagnostic as Terraform reported it. */
export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail: string;
  /** File and line (`cdk.tf.json:84`), when Terraform names one. */
  readonly location?: string;
  /** The configuration object it is about (`resource.grafana_dashboard.x`), when Terraform names one. */
  readonly context?: string;
}

export interface StackResult {
  readonly stack: string;
  readonly diagnostics: readonly Diagnostic[];
}

interface TerraformJson {
  readonly terraform?: { readonly required_providers?: Record<string, { source?: string; version?: string }> };
  readonly resource?: Record<string, unknown>;
  readonly data?: Record<string, unknown>;
  readonly ephemeral?: Record<string, unknown>;
  readonly provider?: Record<string, unknown>;
}

/** `aws` → `registry.terraform.io/hashicorp/aws`; `grafana/grafana` → `registry.terraform.io/grafana/grafana`. */
export function providerAddress(source: string): string {
  const parts = source.split("/");
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${source}`;
  return source;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** Checks the `terraform` on PATH is at least 1.10; the error says how to get it. */
export async function checkTerraform(terraform = "terraform"): Promise<string> {
  let version: string;
  try {
    const { stdout } = await run(terraform, ["version", "-json"], { env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
    version = (JSON.parse(stdout) as { terraform_version: string }).terraform_version;
  } catch {
    throw new Error(
      `terraform not found (${terraform}): terraform validate needs Terraform >= ${MIN_TERRAFORM_VERSION}; install it from https://developer.hashicorp.com/terraform/install (e.g. apt-get install terraform from HashiCorp's apt repository) and put it on PATH`,
    );
  }
  if (compareVersions(version, MIN_TERRAFORM_VERSION) < 0) {
    throw new Error(`terraform ${version} is too old: the stacks need Terraform >= ${MIN_TERRAFORM_VERSION} (S3-native state locking, ephemeral resources); install a newer release from https://developer.hashicorp.com/terraform/install`);
  }
  return version;
}

interface ProviderUse {
  readonly local: string;
  readonly address: string;
  readonly versions: Set<string>;
  readonly resources: Set<string>;
  readonly dataSources: Set<string>;
}

/** The providers the stacks require, with the types each stack set uses of them. */
function providerUses(stacks: ReadonlyArray<{ json: TerraformJson }>): Map<string, ProviderUse> {
  const uses = new Map<string, ProviderUse>();
  for (const { json } of stacks) {
    const required = json.terraform?.required_providers ?? {};
    const byLocal = new Map<string, ProviderUse>();
    for (const [local, req] of Object.entries(required)) {
      const address = providerAddress(req.source ?? local);
      const use = uses.get(address) ?? { local, address, versions: new Set(), resources: new Set(), dataSources: new Set() };
      if (req.version !== undefined) use.versions.add(req.version);
      uses.set(address, use);
      byLocal.set(local, use);
    }
    // A type belongs to the provider named by its prefix (Terraform's default; the stacks set no `provider` of another type).
    const owner = (type: string) => byLocal.get(type.split("_")[0]!);
    for (const type of Object.keys(json.resource ?? {})) owner(type)?.resources.add(type);
    for (const type of Object.keys(json.data ?? {})) owner(type)?.dataSources.add(type);
  }
  return uses;
}

/** The schema and version this project can serve for a provider address, or why it cannot. */
function schemaFor(use: ProviderUse, sources: SchemaSources): ServedProvider {
  const used = { resources: [...use.resources], dataSources: [...use.dataSources] };
  if (use.address === "registry.terraform.io/grafana/grafana") {
    const document = JSON.parse(fs.readFileSync(sources.grafanaSchemaFile, "utf8")) as ProvidersSchemaDocument;
    const schema = document.provider_schemas[use.address];
    if (schema === undefined) throw new Error(`${sources.grafanaSchemaFile} holds no schema for ${use.address}`);
    return { address: use.address, version: sources.grafanaVersion, schema };
  }
  const packages: Record<string, string> = {
    "registry.terraform.io/hashicorp/aws": "@cdktf/provider-aws",
    "registry.terraform.io/hashicorp/helm": "@cdktf/provider-helm",
    "registry.terraform.io/hashicorp/kubernetes": "@cdktf/provider-kubernetes",
  };
  const pkg = packages[use.address];
  if (pkg === undefined) throw new Error(`no schema source for provider ${use.address} (known: grafana/grafana, ${Object.keys(packages).join(", ")})`);
  const dir = path.join(sources.nodeModules, pkg);
  const derived: ProviderSchemaJson = deriveProviderSchema(dir, used);
  const schema = pkg === "@cdktf/provider-aws" ? { ...derived, ephemeral_resource_schemas: AWS_EPHEMERAL_RESOURCE_SCHEMAS } : derived;
  return { address: use.address, version: bindingsProvider(dir).version, schema };
}

function cliConfig(dir: string): string {
  // Only the (empty) filesystem mirror: a provider that is not attached fails at once, never reaches the network.
  const mirror = path.join(dir, "mirror");
  fs.mkdirSync(mirror, { recursive: true });
  const file = path.join(dir, "terraformrc");
  fs.writeFileSync(file, `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["*/*/*"]\n  }\n}\n`);
  return file;
}

interface ValidateJson {
  readonly diagnostics?: ReadonlyArray<{
    severity: "error" | "warning";
    summary: string;
    detail?: string;
    range?: { filename: string; start: { line: number } };
    snippet?: { context?: string | null };
  }>;
}

async function validateOne(stack: StackInput, env: NodeJS.ProcessEnv, terraform: string): Promise<StackResult> {
  const options = { cwd: stack.dir, env, maxBuffer: 64 * 1024 * 1024 };
  try {
    await run(terraform, ["init", "-backend=false", "-input=false", "-no-color"], options);
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    return { stack: stack.name, diagnostics: [{ severity: "error", summary: "terraform init failed", detail: `${stderr ?? ""}${stdout ?? ""}`.trim() }] };
  }
  let stdout: string;
  try {
    ({ stdout } = await run(terraform, ["validate", "-json", "-no-color"], options));
  } catch (error) {
    // validate exits 1 on errors and still prints its JSON report.
    stdout = (error as { stdout?: string }).stdout ?? "";
    if (stdout.trim() === "") throw error;
  }
  const report = JSON.parse(stdout) as ValidateJson;
  return {
    stack: stack.name,
    diagnostics: (report.diagnostics ?? []).map((d) => ({
      severity: d.severity,
      summary: d.summary,
      detail: d.detail ?? "",
      ...(d.range ? { location: `${d.range.filename}:${d.range.start.line}` } : {}),
      ...(d.snippet?.context ? { context: d.snippet.context } : {}),
    })),
  };
}

export interface ValidateOptions {
  readonly sources: SchemaSources;
  /** @default "terraform" */
  readonly terraform?: string;
  /** Terraform commands run at once. @default 2 */
  readonly concurrency?: number;
}

/**
 * Validates every stack with Terraform against schema-only providers; one result per stack, in input order.
 * A stack pinning a provider version other than the one whose schema is served gets an error diagnostic.
 */
export async function validateStacks(stacks: readonly StackInput[], options: ValidateOptions): Promise<StackResult[]> {
  const terraform = options.terraform ?? "terraform";
  await checkTerraform(terraform);
  const parsed = stacks.map((s) => {
    const file = ["cdk.tf.json", "main.tf.json"].map((f) => path.join(s.dir, f)).find((f) => fs.existsSync(f));
    if (file === undefined) throw new Error(`stack ${s.name}: no cdk.tf.json in ${s.dir}`);
    return { ...s, json: JSON.parse(fs.readFileSync(file, "utf8")) as TerraformJson };
  });
  const uses = providerUses(parsed);
  const served = [...uses.values()].map((use) => schemaFor(use, options.sources));
  const servedVersion = new Map(served.map((p) => [p.address, p.version]));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "fx-tf-validate-"));
  const servers = await serveProviders(served);
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TF_REATTACH_PROVIDERS: servers.reattach,
      TF_CLI_CONFIG_FILE: cliConfig(work),
      TF_IN_AUTOMATION: "1",
      CHECKPOINT_DISABLE: "1",
      TF_PLUGIN_CACHE_DIR: "",
    };
    const results: StackResult[] = new Array(parsed.length);
    let next = 0;
    const worker = async () => {
      while (next < parsed.length) {
        const i = next++;
        const stack = parsed[i]!;
        const pins: StackResult["diagnostics"] = Object.entries(stack.json.terraform?.required_providers ?? {}).flatMap(([local, req]) => {
          const address = providerAddress(req.source ?? local);
          const have = servedVersion.get(address);
          return req.version !== undefined && req.version !== have
            ? [{ severity: "error" as const, summary: `provider ${local} pinned at ${req.version}`, detail: `the stack requires ${address} ${req.version}, but the schema available offline is version ${have}: pin ${have} (the version of the installed bindings) or update the bindings` }]
            : [];
        });
        const result = await validateOne(stack, env, terraform);
        results[i] = { stack: result.stack, diagnostics: [...pins, ...result.diagnostics] };
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 2, parsed.length) }, worker));
    if (servers.schemaRequests() === 0 && parsed.length > 0) throw new Error("terraform never asked the schema-only providers for a schema: the validation did not use them");
    return results;
  } finally {
    await servers.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Human-readable report: per stack, `ok` or each diagnostic with file, resource and message. */
export function formatResults(results: readonly StackResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const errors = r.diagnostics.filter((d) => d.severity === "error").length;
    const warnings = r.diagnostics.length - errors;
    lines.push(`${r.stack}: ${r.diagnostics.length === 0 ? "valid" : `${errors} error(s), ${warnings} warning(s)`}`);
    for (const d of r.diagnostics) {
      const where = [d.location, d.context].filter(Boolean).join(", ");
      lines.push(`  ${d.severity}: ${d.summary}${where ? ` (${where})` : ""}`);
      if (d.detail) lines.push(...d.detail.split("\n").map((l) => `    ${l}`));
    }
  }
  return lines.join("\n");
}
