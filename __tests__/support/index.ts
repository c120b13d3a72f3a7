/**
 * Test helpers, so a construct test is a few lines:
 *
 *   const tf = synthInStack("prod", (stack, config) => new LogBuckets(stack, "logs", { config }));
 *   expect(resources(tf, "aws_s3_bucket")).toHaveLength(4);
 */
import { Testing, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { applyOverrides } from "../../config/merge";
import { ConfigValidationError, findConfigIssues, formatIssue, validateEnvironmentConfig } from "../../config/validate";
import { ENVIRONMENTS, ENVIRONMENT_NAMES, type EnvironmentName } from "../../config/environments";
import type { EnvironmentConfig, Overrides } from "../../config/types";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";

export { ENVIRONMENT_NAMES };
export { REFERENCE_DIR, ROOT, tempDir } from "./paths";

/** A built-in environment's config, optionally with overrides (not validated: tests of failures need that). */
export function envConfig(name: EnvironmentName, overrides?: Overrides<EnvironmentConfig>): EnvironmentConfig {
  return applyOverrides(ENVIRONMENTS[name], overrides);
}

/**
 * Every validation issue of a built-in environment with `overrides`, formatted `[env] field = value: allowed`,
 * after checking that `validateEnvironmentConfig` throws a `ConfigValidationError` exactly when there is one.
 */
export function configIssues(name: EnvironmentName, overrides?: Overrides<EnvironmentConfig>): string[] {
  const config = envConfig(name, overrides);
  const issues = findConfigIssues(config).map(formatIssue);
  let thrown: unknown;
  try {
    validateEnvironmentConfig(config);
  } catch (e) {
    thrown = e;
  }
  if (issues.length === 0) expect(thrown).toBeUndefined();
  else expect(thrown).toBeInstanceOf(ConfigValidationError);
  return issues;
}

/** The one validation issue of a built-in environment with `overrides`; fails the test when there is not exactly one. */
export function onlyConfigIssue(name: EnvironmentName, overrides: Overrides<EnvironmentConfig>): string {
  const issues = configIssues(name, overrides);
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

/** Parsed `cdk.tf.json` of a synthesized scope. */
export interface SynthesizedJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: Record<string, unknown[]>;
  readonly terraform?: Record<string, unknown>;
  readonly output?: Record<string, unknown>;
}

/** Synthesizes `build` in a test stack (AWS provider configured) of environment `name`; returns JSON text. */
export function synthInStack(
  config: EnvironmentConfig | EnvironmentName,
  build: (scope: Construct, config: EnvironmentConfig) => void,
): string {
  const cfg = typeof config === "string" ? envConfig(config) : config;
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new AwsProvider(stack, "aws", { region: cfg.region });
  new AwsProvider(stack, "aws-dr", { region: cfg.drRegion, alias: "dr" });
  build(stack, cfg);
  return Testing.synth(stack);
}

/** Parses the JSON text from `synthInStack` / `Testing.synth`. */
export function parse(json: string): SynthesizedJson {
  return JSON.parse(json) as SynthesizedJson;
}

/** All resources of one type, by logical name. */
export function resources(json: string | SynthesizedJson, type: string): Record<string, Record<string, unknown>> {
  const parsed = typeof json === "string" ? parse(json) : json;
  return parsed.resource?.[type] ?? {};
}

/** The only resource of a type; fails when there is not exactly one. */
export function onlyResource(json: string | SynthesizedJson, type: string): Record<string, unknown> {
  const all = Object.values(resources(json, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0]!;
}


/** What Terraform reads from a string argument without references: `$${` is a literal `${`, `%%{` a literal `%{`. */
export function terraformReads(text: string): string {
  return text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
}
