/**
 * L2: every bucket's lifecycle is said in one vocabulary (constructs/core/lifecycle-rules.ts): one whole-bucket
 * filter (`filter {}`), one abort-upload default beside the environment's `logRetention.abortIncompleteUploadDays`.
 * Checked on every synthesized stack; seeded with the two spellings the vocabulary replaced.
 */
import { TerraformStack, Testing } from "cdktf";
import { selectEnvironments } from "../../../config";
import { ABORT_INCOMPLETE_UPLOAD_DAYS, lifecycle, lifecycleRule } from "../../../constructs/core/lifecycle-rules";
import { addFxTraderStacks } from "../../../stacks/app";
import { ENVIRONMENT_NAMES, envConfig, parse, type SynthesizedJson } from "../../support";

type Rule = Record<string, unknown> & { id: string; filter?: unknown; abort_incomplete_multipart_upload?: Array<{ days_after_initiation: number }> };

/** What breaks the vocabulary in a stack's lifecycle rules: another filter spelling, an abort period from elsewhere, no abort rule. */
function vocabularyProblems(json: SynthesizedJson, abortDays: readonly number[]): string[] {
  const problems: string[] = [];
  for (const [id, config] of Object.entries(json.resource?.aws_s3_bucket_lifecycle_configuration ?? {})) {
    const rules = (config.rule ?? []) as Rule[];
    for (const rule of rules) {
      const filter = JSON.stringify(rule.filter);
      if (filter !== "[{}]" && !/^\[\{"object_size_greater_than":\d+\}\]$/.test(filter)) problems.push(`${id}/${rule.id}: filter ${filter}`);
      const days = rule.abort_incomplete_multipart_upload?.[0]?.days_after_initiation;
      if (days !== undefined && !abortDays.includes(days)) problems.push(`${id}/${rule.id}: aborts uploads after ${days} d, not ${abortDays.join(" or ")}`);
    }
    if (!rules.some((r) => r.abort_incomplete_multipart_upload !== undefined)) problems.push(`${id}: no rule aborts incomplete uploads`);
  }
  return problems;
}

/** The abort periods a stack may use: the core default, and its environment's log setting. */
function abortDaysOf(stack: string): number[] {
  const env = ENVIRONMENT_NAMES.find((name) => stack.startsWith(`fx-trader-${name}-`));
  return env === undefined ? [ABORT_INCOMPLETE_UPLOAD_DAYS] : [ABORT_INCOMPLETE_UPLOAD_DAYS, envConfig(env).logRetention.abortIncompleteUploadDays];
}

describe("L2: one lifecycle vocabulary", () => {
  it("renders a whole-bucket rule with the empty filter and only the actions it states", () => {
    expect(lifecycleRule({ id: "expire", expirationDays: 30, abortIncompleteUploadDays: 7 })).toEqual({
      id: "expire",
      status: "Enabled",
      filter: [{}],
      expiration: [{ days: 30 }],
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
    });
    expect(lifecycleRule({ id: "move", objectSizeGreaterThan: 131072, transitions: [{ days: 30, storageClass: "STANDARD_IA" }] })).toEqual({
      id: "move",
      status: "Enabled",
      filter: [{ objectSizeGreaterThan: 131072 }],
      transition: [{ days: 30, storageClass: "STANDARD_IA" }],
    });
  });

  it("a lifecycle expires at its earliest whole-bucket expiry; a size-filtered rule does not count", () => {
    expect(lifecycle([{ id: "a", expirationDays: 90 }, { id: "b", expirationDays: 30 }]).expirationDays).toBe(30);
    expect(lifecycle([{ id: "a", noncurrentVersionDays: 1 }, { id: "big", objectSizeGreaterThan: 1, expirationDays: 5 }]).expirationDays).toBeUndefined();
  });

  describe("every synthesized stack", () => {
    const app = Testing.app();
    addFxTraderStacks(app, selectEnvironments(ENVIRONMENT_NAMES.join(",")));
    const stacks = app.node.children.filter(TerraformStack.isStack).map((s) => [s.node.id, parse(Testing.synth(s))] as const);

    it("uses the one filter and the allowed abort periods in every lifecycle rule", () => {
      const withLifecycle = stacks.filter(([, json]) => json.resource?.aws_s3_bucket_lifecycle_configuration !== undefined);
      expect(withLifecycle.length).toBeGreaterThanOrEqual(5);
      expect(withLifecycle.flatMap(([name, json]) => vocabularyProblems(json, abortDaysOf(name)).map((p) => `${name}: ${p}`))).toEqual([]);
    });

    it("fails when a rule spells the whole bucket as prefix \"\" or aborts uploads after its own period (seeded)", () => {
      const [name, json] = stacks.find(([n]) => n === "fx-trader-prod-platform")!;
      const seeded = JSON.parse(JSON.stringify(json)) as SynthesizedJson;
      const [id, config] = Object.entries(seeded.resource!.aws_s3_bucket_lifecycle_configuration!)[0]!;
      const rules = config.rule as Rule[];
      rules[0]!.filter = [{ prefix: "" }];
      rules.find((r) => r.abort_incomplete_multipart_upload !== undefined)!.abort_incomplete_multipart_upload = [{ days_after_initiation: 1 }];
      const problems = vocabularyProblems(seeded, abortDaysOf(name));
      expect(problems).toContain(`${id}/${rules[0]!.id}: filter [{"prefix":""}]`);
      expect(problems.some((p) => p.includes("aborts uploads after 1 d, not 7"))).toBe(true);
    });
  });
});
