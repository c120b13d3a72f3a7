import { diffTrees } from "../../review/diff";
import { renderReport } from "../../review/report";
import { assessRisk, overallRisk, runsPerDay, trailingThreshold } from "../../review/risk";
import type { Json } from "../../review/tree";
import { envConfig } from "../support";
import { editStack, findResource, synthTree } from "./support";

const review = (base: ReturnType<typeof synthTree>, head: ReturnType<typeof synthTree>) => {
  const diff = diffTrees(base, head);
  const findings = assessRisk(diff);
  return { diff, findings, level: overallRisk(findings), markdown: renderReport(diff, findings, { baseLabel: "base", headLabel: "head", acknowledged: false }) };
};

describe("change review on the project's own stacks", () => {
  const dev = envConfig("dev");
  const base = synthTree([dev]);

  it("reports no changes for an unchanged tree", () => {
    const r = review(base, synthTree([dev]));
    expect(r.diff.resources).toEqual([]);
    expect(r.diff.files).toEqual([]);
    expect(r.level).toBe("low");
    expect(r.markdown).toContain("No changes: every stack and review file is identical.");
  });

  it("reports no change when resources, attributes and set-like blocks are only reordered", () => {
    const reorder = (value: Json): Json => {
      if (Array.isArray(value)) return [...value].reverse().map(reorder);
      if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorder(v)]));
      }
      return value;
    };
    const shuffled = editStack(base, "fx-trader-dev-data", (json) => {
      const reordered = reorder(json.resource as unknown as Json) as typeof json.resource;
      for (const key of Object.keys(json.resource)) delete json.resource[key];
      Object.assign(json.resource, reordered);
    });
    const r = review(base, shuffled);
    expect(r.diff.resources).toEqual([]);
    expect(r.findings).toEqual([]);
  });

  it("flags a shortened log retention as high risk, naming the attribute and values", () => {
    const head = synthTree([envConfig("dev", { logRetention: { applicationDays: 5 } })]);
    const r = review(base, head);
    expect(r.level).toBe("high");
    const finding = r.findings.find((f) => f.rule === "retention-shortened" && f.where.includes("aws_s3_bucket_lifecycle_configuration"));
    expect(finding?.message).toMatch(/expiration\[0\]\.days` shortened 7 → 5/);
    expect(r.markdown).toContain("**Risk: HIGH**");
  });

  it("flags the destruction of a log bucket as high risk", () => {
    const bucket = findResource(base, "fx-trader-dev-data", "aws_s3_bucket");
    const head = editStack(base, "fx-trader-dev-data", (json) => {
      delete json.resource.aws_s3_bucket![bucket];
    });
    const r = review(base, head);
    expect(r.findings).toContainEqual({
      level: "high",
      rule: "stateful-destroyed",
      where: `fx-trader-dev-data/aws_s3_bucket.${bucket}`,
      message: "aws_s3_bucket is removed: Terraform destroys it (data, keys or protection are lost)",
    });
  });

  it("flags a renamed bucket (replacement) as high risk", () => {
    const bucket = findResource(base, "fx-trader-dev-data", "aws_s3_bucket");
    const head = editStack(base, "fx-trader-dev-data", (json) => {
      const body = json.resource.aws_s3_bucket![bucket]!;
      body.bucket = `${String(body.bucket)}-v2`;
    });
    expect(review(base, head).findings.map((f) => f.rule)).toContain("stateful-replaced");
  });

  it("flags removed deletion protection as high risk", () => {
    const staging = envConfig("staging");
    const r = review(synthTree([staging]), synthTree([{ ...staging, protectStatefulResources: false }]));
    expect(r.findings.filter((f) => f.rule === "protection-removed").length).toBeGreaterThan(0);
    expect(r.level).toBe("high");
  });

  it("reports a harmless change (autoscaling range) as low risk, with the changed attribute", () => {
    const head = synthTree([envConfig("dev", { capacity: { app: { maxReplicas: 4 } } })]);
    const r = review(base, head);
    expect(r.diff.resources.length).toBeGreaterThan(0);
    expect(r.level).toBe("low");
    expect(r.markdown).toMatch(/max_replicas`: 3 → 4/);
  });
});

describe("risk helpers", () => {
  it("counts AWS Backup cron runs per day", () => {
    expect(runsPerDay("cron(0 * ? * * *)")).toBe(24);
    expect(runsPerDay("cron(0 */4 ? * * *)")).toBe(6);
    expect(runsPerDay("cron(0 5 ? * * *)")).toBe(1);
    expect(runsPerDay("cron(0 5 ? * SUN *)")).toBeCloseTo(1 / 7);
    expect(runsPerDay("rate(1 hour)")).toBeUndefined();
  });

  it("reads the final comparison of an alert expression", () => {
    expect(trailingThreshold("sum(rate(x[5m])) / sum(rate(y[5m])) > 0.01")).toEqual({ op: ">", value: 0.01 });
    expect(trailingThreshold("(a / b) < 10)")).toEqual({ op: "<", value: 10 });
    expect(trailingThreshold("vector(1)")).toBeUndefined();
  });
});
