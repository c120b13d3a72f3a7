import type { EnvironmentName } from "../../../config/environments";
import { logRetentionTable } from "../../../config/retention-policy";
import { alloyPipeline } from "../../../constructs/observability/alloy";
import { lokiRetention, periodDays } from "../../../constructs/observability/loki-retention";
import type { AlloyBlock } from "../../../constructs/observability/private/alloy-syntax";
import { ENVIRONMENT_NAMES, envConfig } from "../../support";
import { at, bucket, expirationDays, releaseOf, sharedPlatform, type SynthesizedRelease } from "./support";

/** The platform stack and its helm_releases from jest's shared synthesis (the real synth command's output), parsed once. */
const synthesized = (env: EnvironmentName) => sharedPlatform(env);
const release = (env: EnvironmentName, chart: string): SynthesizedRelease => releaseOf(sharedPlatform(env).releases, env, chart);

/** Every value the Alloy pipeline can give the `log_type` label (relabel replacements and static labels). */
function logTypesSetByAlloy(blocks: readonly AlloyBlock[]): string[] {
  const found: string[] = [];
  const walk = (b: AlloyBlock) => {
    const a = b.attributes ?? {};
    if (b.name === "rule" && a.target_label === "log_type") found.push(a.replacement as string);
    if (b.name === "stage.static_labels") {
      const v = (a.values as Record<string, unknown>).log_type;
      if (v !== undefined) found.push(v as string);
    }
    (b.blocks ?? []).forEach(walk);
  };
  blocks.forEach(walk);
  return [...new Set(found)].sort();
}

const cases = ENVIRONMENT_NAMES.flatMap((env) => logRetentionTable(envConfig(env)).map((row) => [env, row.logClass, row.retentionDays] as const));

describe("L2: Loki retention, the S3 lifecycle and the retention table agree", () => {
  it.each(cases)("%s: %s logs are kept %i days by Loki's per-stream retention", (env, logClass, days) => {
    const row = logRetentionTable(envConfig(env)).find((r) => r.logClass === logClass)!;
    const loki = release(env, "loki").values;
    const streams = at(loki, "loki.limits_config.retention_stream") as Array<{ selector: string; period: string }>;
    const matching = streams.filter((s) => s.selector === `{log_type="${row.lokiLogType}"}`);
    expect(matching).toHaveLength(1);
    expect(periodDays(matching[0]!.period)).toBe(days);
  });

  it.each(cases)("%s: %s logs stay in the Loki chunk bucket at least their %i days (lifecycle = longest class)", (env, _logClass, days) => {
    const json = synthesized(env).platform;
    const longest = Math.max(...logRetentionTable(envConfig(env)).map((r) => r.retentionDays));
    const expiry = expirationDays(json, "loki-chunks");
    expect(expiry).toBe(longest);
    expect(expiry).toBeGreaterThanOrEqual(days);
    expect(bucket(json, "loki-chunks").resource.tags).toMatchObject({ "retention-days": String(expiry) });
  });

  it.each(cases)("%s: Alloy can label %s logs for their retention stream", (env, logClass) => {
    const config = envConfig(env);
    const row = logRetentionTable(config).find((r) => r.logClass === logClass)!;
    expect(logTypesSetByAlloy(alloyPipeline(config))).toContain(row.lokiLogType);
  });

  it.each(ENVIRONMENT_NAMES)("%s: Alloy sets no log_type the table does not know, and the compactor enforces retention", (env) => {
    const config = envConfig(env);
    expect(logTypesSetByAlloy(alloyPipeline(config))).toEqual(logRetentionTable(config).map((r) => r.lokiLogType).sort());
    const loki = release(env, "loki").values;
    expect(at(loki, "loki.compactor.retention_enabled")).toBe(true);
    expect(at(loki, "loki.compactor.delete_request_store")).toBe("s3");
    // Streams without a class are kept as long as the longest class: nothing is deleted early.
    expect(periodDays(at(loki, "loki.limits_config.retention_period") as string)).toBe(lokiRetention(config).longestDays);
    expect((at(loki, "loki.limits_config.retention_stream") as unknown[]).length).toBe(logRetentionTable(config).length);
  });

  it.each(ENVIRONMENT_NAMES)("C5: %s keeps traces as long in Tempo as in the traces bucket's lifecycle", (env) => {
    const config = envConfig(env);
    const json = synthesized(env).platform;
    const tempo = release(env, env === "dev" ? "tempo" : "tempo-distributed").values;
    const retention = env === "dev" ? at(tempo, "tempo.retention") : at(tempo, "compactor.config.compaction.block_retention");
    expect(retention).toBe(`${config.observability.tempo.retentionDays * 24}h`);
    expect(expirationDays(json, "tempo-traces")).toBe(config.observability.tempo.retentionDays);
  });

  it("follows the config: a longer audit retention lengthens Loki's stream and the bucket's expiry", () => {
    const config = envConfig("prod", { logRetention: { auditDays: 400 } });
    const retention = lokiRetention(config);
    expect(retention.streams.find((s) => s.selector === '{log_type="audit"}')!.period).toBe("9600h");
    expect(retention.longestDays).toBe(400);
  });

  it("fails to read a period that is not whole days", () => {
    expect(() => periodDays("36h")).toThrow('Loki retention period "36h" is not a whole number of days in hours (e.g. 720h)');
  });
});
