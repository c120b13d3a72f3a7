/**
 * docs/architecture.md "Follow one value" (O1, L2): the application log retention read at every place it lands,
 * from the real synthesized stacks, the environment files, the validator, docs/retention.md and the change review.
 * Seeded disagreements (a stack whose lifecycle days or Loki period differ, an environment file that says another
 * number, a retention doc or summary that lost the value) make the generator throw, naming the place.
 */
import fs from "node:fs";
import path from "node:path";
import { selectEnvironments } from "../../../config";
import { deployedEnvironments, type DeployedEnvironment, type DeployedStack } from "../../../tools/docs/handbook/deployed";
import { configSources, followApplicationRetention, FollowedValueError } from "../../../tools/docs/handbook/follow-one-value";
import { retentionDoc } from "../../../tools/docs/retention";
import { ROOT } from "../../support";

const environments = selectEnvironments(undefined);
const envs = deployedEnvironments(environments);
const retention = retentionDoc.render(environments);
const dev = envs.find((e) => e.config.name === "dev")!;

type Json = Record<string, unknown>;

/** `env` with the `layer` stack's JSON edited on a deep copy (the cached model stays untouched). */
function withStack(env: DeployedEnvironment, layer: string, edit: (json: Json) => void, notes?: DeployedStack["notes"]): DeployedEnvironment {
  return {
    ...env,
    stacks: env.stacks.map((s) => {
      if (s.layer !== layer) return s;
      const json = structuredClone(s.json) as Json;
      edit(json);
      return { ...s, json, notes: notes ?? s.notes };
    }),
  };
}

const resources = (json: Json, type: string) => (json.resource as Record<string, Record<string, Json>>)[type]!;
const appLifecycle = (json: Json) => Object.entries(resources(json, "aws_s3_bucket_lifecycle_configuration")).find(([id]) => id.startsWith("logging_buckets_application_lifecycle"))![1];

describe("docs/architecture.md follows logRetention.applicationDays", () => {
  const doc = fs.readFileSync(path.join(ROOT, "docs/architecture.md"), "utf8");
  const section = doc.slice(doc.indexOf("## Follow one value: application log retention"));

  it.each(envs.map((e) => [e.config.name, e] as const))("O1, L2: %s's value is read at every place it lands, and the committed page says so", (name, env) => {
    const days = env.config.logRetention.applicationDays;
    const places = followApplicationRetention(env, configSources(ROOT, name), retention);
    expect(places.map((p) => p.place)).toEqual([
      "config: base", "config: override", "validation", "S3 lifecycle rule", "Loki per-stream retention", "synth summary", "retention doc", "change review (one day shorter)",
    ]);
    const own = section.split(/^### /m).find((s) => s.startsWith(`${name}: ${days} days\n`))!;
    expect(own).toContain(`| S3 lifecycle rule | \`fx-trader-${name}-data\``);
    expect(own).toContain(`| ${days} d |`);
    expect(own).toContain(`| ${days * 24}h |`);
    expect(own).toContain(`\`retention-shortened\`: \`rule[0].expiration[0].days\` shortened ${days} → ${days - 1}`);
    expect(own).toContain(`retention shortened ${days * 24}h → ${(days - 1) * 24}h`);
  });

  it("O1: a data stack whose application lifecycle expires after other days fails the page, naming stack, address and value (seeded)", () => {
    const seeded = withStack(dev, "data", (json) => {
      ((appLifecycle(json).rule as Json[])[0]!.expiration as Json[])[0]!.days = 8;
    });
    expect(() => followApplicationRetention(seeded, configSources(ROOT, "dev"), retention)).toThrow(
      /dev: S3 lifecycle \(fx-trader-dev-data\/aws_s3_bucket_lifecycle_configuration\.logging_buckets_application_lifecycle_\w+\): rule\[0\]\.expiration\[0\]\.days = 8, the config says 7/,
    );
  });

  it("O1: a Loki release whose application stream keeps another period fails the page (seeded)", () => {
    const seeded = withStack(dev, "platform", (json) => {
      const release = Object.values(resources(json, "helm_release")).find((r) => r.chart === "loki")!;
      release.values = [String((release.values as string[])[0]).replace('"period": "168h"', '"period": "720h"')];
    });
    expect(() => followApplicationRetention(seeded, configSources(ROOT, "dev"), retention)).toThrow(/dev: Loki \(fx-trader-dev-platform\/helm_release\.\w+\): .*retention_stream\[0\]\.period = 720h, the config says 7 d/);
  });

  it("O1: an environment file, a retention doc or a summary that disagrees or lost the value fails the page (seeded)", () => {
    const sources = configSources(ROOT, "dev");
    const edited = { ...sources, environment: { ...sources.environment, text: sources.environment.text.replace("applicationDays: 7,", "applicationDays: 14,") } };
    expect(edited.environment.text).not.toBe(sources.environment.text);
    expect(() => followApplicationRetention(dev, edited, retention)).toThrow(/dev: config \(config\/environments\/dev\.ts\): logRetention\.applicationDays reads 14 but the environment's config has 7/);
    const staleDoc = retention.replace("| application | 7 d |", "| application | 9 d |");
    expect(() => followApplicationRetention(dev, sources, staleDoc)).toThrow(/dev: docs\/retention\.md: the application row of ## dev does not say 7 d/);
    const silent = withStack(dev, "data", () => undefined, []);
    expect(() => followApplicationRetention(silent, sources, retention)).toThrow(FollowedValueError);
    expect(() => followApplicationRetention(silent, sources, retention)).toThrow(/synth summary \(fx-trader-dev-data\): has no retention line/);
  });
});
