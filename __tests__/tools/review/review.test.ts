import { diffTrees, diffValues } from "../../../tools/review/diff";
import { MAX_REPORT_CHARS, renderReport } from "../../../tools/review/report";
import { lineDiff, normalizeForDiff } from "../../../tools/review/line-diff";
import { assessRisk, backupFrequency, comparisons, overallRisk, retentionHours } from "../../../tools/review/risk";
import type { Json } from "../../../tools/review/tree";
import { environmentSecrets, KUBERNETES_SECRET_NAMES } from "../../../secrets/catalog";
import { envConfig } from "../../support";
import { editFile, editStack, findResource, sharedSynthTree, synthTree } from "./support";

const review = (base: ReturnType<typeof synthTree>, head: ReturnType<typeof synthTree>) => {
  const diff = diffTrees(base, head);
  const findings = assessRisk(diff);
  return { diff, findings, level: overallRisk(findings), markdown: renderReport(diff, findings, { baseLabel: "base", headLabel: "head", acknowledged: false }) };
};

describe("change review on the project's own stacks", () => {
  const dev = envConfig("dev");
  const base = sharedSynthTree([dev]);

  it("reports no changes for an unchanged tree", () => {
    // A genuinely independent second synthesis (not the shared tree): this proves synthesis is deterministic.
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
    const head = sharedSynthTree([envConfig("dev", { logRetention: { applicationDays: 5 } })]);
    const r = review(base, head);
    expect(r.level).toBe("high");
    const finding = r.findings.find((f) => f.rule === "retention-shortened" && f.where.includes("aws_s3_bucket_lifecycle_configuration"));
    expect(finding?.message).toMatch(/expiration\[0\]\.days` shortened 7 → 5/);
    expect(r.markdown).toContain("**Risk: HIGH**");
  });

  it("flags a shortened object-lock period and a weaker lock mode on the audit bucket as high risk", () => {
    const staging = sharedSynthTree([envConfig("staging")]);
    const head = sharedSynthTree([envConfig("staging", { logRetention: { auditDays: 180, auditObjectLockMode: "GOVERNANCE" } })]);
    const lock = review(staging, head).findings.filter((f) => f.where.includes("aws_s3_bucket_object_lock_configuration"));
    expect(lock).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: "high", rule: "retention-shortened", message: expect.stringMatching(/days` shortened 365 → 180$/) }),
        expect.objectContaining({ level: "high", rule: "lock-weakened", message: "lock mode COMPLIANCE → GOVERNANCE" }),
      ]),
    );
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
    const r = review(sharedSynthTree([staging]), sharedSynthTree([{ ...staging, protectStatefulResources: false }]));
    expect(r.findings.filter((f) => f.rule === "protection-removed").length).toBeGreaterThan(0);
    expect(r.level).toBe("high");
  });

  it("reports a harmless change (autoscaling range) as low risk, with the changed attribute", () => {
    const head = sharedSynthTree([envConfig("dev", { capacity: { app: { maxReplicas: 4 } } })]);
    const r = review(base, head);
    expect(r.diff.resources.length).toBeGreaterThan(0);
    expect(r.level).toBe("low");
    expect(r.markdown).toMatch(/max_replicas`: 3 → 4/);
  });
});

describe("change review of alerts, routing and charts", () => {
  const staging = envConfig("staging");
  const base = sharedSynthTree([staging]);
  const rules = "staging/prometheus-rules.yaml";

  it("flags a loosened alert threshold as high risk", () => {
    const r = review(base, sharedSynthTree([envConfig("staging", { alerts: { httpLatencyAvgSeconds: 2 } })]));
    expect(r.findings).toContainEqual({ level: "high", rule: "alert-loosened", where: `out/${rules}`, message: "alert `HttpLatencyHigh` threshold loosened: > 0.5 → > 2" });
  });

  it("flags a lengthened `for` and a lowered severity as high risk", () => {
    const head = sharedSynthTree([envConfig("staging", { alerts: { overrides: { QueueBacklogHigh: { for: "30m", severity: "info" } } } })]);
    const messages = review(base, head).findings.filter((f) => f.rule === "alert-loosened").map((f) => f.message);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^alert `QueueBacklogHigh` waits longer: for \S+ → 30m$/), "alert `QueueBacklogHigh` severity lowered: warning → info"]));
  });

  it("flags a removed alert as high risk", () => {
    const head = sharedSynthTree([envConfig("staging", { alerts: { overrides: { QueueBacklogHigh: { disabled: true } } } })]);
    expect(review(base, head).findings).toContainEqual({ level: "high", rule: "alert-removed", where: `out/${rules}`, message: "alert `QueueBacklogHigh` is removed" });
  });

  it("S5: flags removed kubernetes_secret_v1 resources (now owned by ExternalSecrets) as high risk, explaining the migration order", () => {
    // The base as main had it before S5: Terraform made every Secret the charts read, which ExternalSecrets now own.
    const owned = environmentSecrets(staging).flatMap((s) => (s.kubernetes ? [s.kubernetes] : []));
    expect(owned.map((k) => k.name)).toEqual(expect.arrayContaining([KUBERNETES_SECRET_NAMES.grafanaAdmin, KUBERNETES_SECRET_NAMES.alertmanagerReceivers, KUBERNETES_SECRET_NAMES.postgresExporter, KUBERNETES_SECRET_NAMES.redisExporter]));
    const before = editStack(base, "fx-trader-staging-platform", (json) => {
      json.resource.kubernetes_secret_v1 = Object.fromEntries(owned.map((k) => [k.name.replace(/-/g, "_"), { metadata: { name: k.name, namespace: k.namespace }, type: "Opaque" }]));
    });
    const r = review(before, base);
    expect(r.level).toBe("high");
    const removed = r.findings.filter((f) => f.rule === "secret-removed");
    expect(removed.map((f) => f.where)).toEqual(owned.map((k) => `fx-trader-staging-platform/kubernetes_secret_v1.${k.name.replace(/-/g, "_")}`).sort());
    for (const f of removed) {
      expect(f.level).toBe("high");
      expect(f.message).toMatch(/apply the operator and the ExternalSecrets first, then `terraform state rm` it/);
    }
    // Seeded counterpart: adding them back is not a removal.
    expect(review(base, before).findings.filter((f) => f.rule === "secret-removed")).toEqual([]);
  });

  it("flags a shortened Loki per-stream retention and a stream that falls back to a shorter default; a longer one is not flagged", () => {
    const release = findResource(base, "fx-trader-staging-platform", "helm_release", (b) => b.chart === "loki");
    type Limits = { retention_period: string; retention_stream: Array<{ selector: string; period: string }> };
    const withLimits = (edit: (limits: Limits) => void) =>
      editStack(base, "fx-trader-staging-platform", (json) => {
        const body = json.resource.helm_release![release]!;
        const values = JSON.parse(String((body.values as Json[])[0])) as { loki: { limits_config: Limits } };
        edit(values.loki.limits_config);
        body.values = [JSON.stringify(values)];
      });
    const streams = (JSON.parse(String((base.stacks.get("fx-trader-staging-platform")!.resource!.helm_release![release]!.values as Json[])[0])) as { loki: { limits_config: Limits } }).loki.limits_config;
    const access = streams.retention_stream.find((s) => s.selector.includes("access"))!;
    const at = `fx-trader-staging-platform/helm_release.${release}`;
    const shortened = review(base, withLimits((l) => (l.retention_stream.find((s) => s.selector === access.selector)!.period = "24h")));
    expect(shortened.findings).toContainEqual({ level: "high", rule: "loki-stream-retention-shortened", where: at, message: `Loki stream \`${access.selector}\` retention shortened ${access.period} → 24h` });
    const dropped = review(base, withLimits((l) => {
      l.retention_stream = l.retention_stream.filter((s) => s.selector !== access.selector);
      l.retention_period = "24h";
    }));
    expect(dropped.findings).toContainEqual(expect.objectContaining({ rule: "loki-stream-retention-shortened", message: `Loki stream \`${access.selector}\` loses its retention rule: ${access.period} → the default 24h` }));
    // Seeded counterpart: lengthening a stream's retention is not a finding of this rule.
    const longer = review(base, withLimits((l) => (l.retention_stream.find((s) => s.selector === access.selector)!.period = "99999h")));
    expect(longer.findings.filter((f) => f.rule === "loki-stream-retention-shortened")).toEqual([]);
  });

  it("a changed dashboard and a changed rule file show as line diffs of what changed, not as two truncated prefixes", () => {
    const dashboard = findResource(base, "fx-trader-staging-grafana", "grafana_dashboard");
    const json = String(base.stacks.get("fx-trader-staging-grafana")!.resource!.grafana_dashboard![dashboard]!.config_json);
    const title = /"title":\s*"([^"]+)"/.exec(json)![1]!;
    const head = editStack(base, "fx-trader-staging-grafana", (j) => {
      j.resource.grafana_dashboard![dashboard]!.config_json = json.replace(`"title":"${title}"`, `"title":"${title} (renamed)"`);
    });
    const r = review(base, head);
    expect(r.diff.resources).toEqual([expect.objectContaining({ type: "grafana_dashboard", name: dashboard })]);
    const block = /```diff\n([\s\S]*?)\n\s*```/.exec(r.markdown)![1]!.split("\n").map((l) => l.trim().replace(/^([-+])\s+/, "$1 "));
    expect(block.filter((l) => /^[-+]/.test(l))).toEqual([`- "title": ${JSON.stringify(title)},`, `+ "title": ${JSON.stringify(`${title} (renamed)`)},`]);
    const rules = editFile(base, "staging/prometheus-rules.yaml", (c) => c.replace("summary:", "summary: changed"));
    const ruleReport = review(base, rules).markdown;
    expect(ruleReport).toContain("- `~` `out/staging/prometheus-rules.yaml`");
    expect(ruleReport).toMatch(/^\s*\+\s*summary: changed/m);
  });

  it("#22: a moved state bucket, a changed default tag, a rewired data source and a removed output are changes with their risk; reordered providers are not", () => {
    const stack = "fx-trader-staging-data";
    const edit = (fn: (json: Record<string, Json>) => void) =>
      editStack(base, stack, (json) => fn(json as unknown as Record<string, Json>));
    const moved = review(base, edit((json) => (((json.terraform as Record<string, Json>).backend as Record<string, Record<string, Json>>).s3!.bucket = "elsewhere")));
    expect(moved.findings).toEqual([expect.objectContaining({ level: "high", rule: "backend-changed", where: `${stack}/backend.s3` })]);
    const retagged = review(base, edit((json) => (((json.provider as Record<string, Json[]>).aws![0] as { default_tags: Array<{ tags: Record<string, string> }> }).default_tags[0]!.tags.owner = "someone")));
    expect(retagged.findings).toEqual([expect.objectContaining({ level: "medium", rule: "default-tags-changed", where: `${stack}/provider.aws` })]);
    const cluster = Object.keys((base.stacks.get(stack)!.data as Record<string, Record<string, Json>>).aws_eks_cluster!)[0]!;
    const rewired = review(base, edit((json) => (((json.data as Record<string, Record<string, Record<string, Json>>>).aws_eks_cluster![cluster]!).name = "another-cluster")));
    expect(rewired.findings).toEqual([expect.objectContaining({ level: "low", rule: "data-source-changed", where: `${stack}/data.aws_eks_cluster.${cluster}` })]);
    expect(rewired.markdown).toContain("`name`: fx-trader-staging → another-cluster");
    const exported = review(edit((json) => (json.output = { vault: { value: "x" } })), base);
    expect(exported.findings).toEqual([{ level: "medium", rule: "output-removed", where: `${stack}/output.vault`, message: "output removed: a stack or tool reading it fails" }]);
    // Seeded counterpart: the provider list in another order is the same configuration.
    const reordered = review(base, edit((json) => ((json.provider as Record<string, Json[]>).aws!.reverse())));
    expect(reordered.diff.blocks).toEqual([]);
  });

  it("flags a replaced pager receiver as high risk", () => {
    const head = sharedSynthTree([envConfig("staging", { alerts: { pager: "opsgenie" } })]);
    const r = review(base, head);
    expect(r.findings).toContainEqual(expect.objectContaining({ level: "high", rule: "notification-replaced", message: "receiver `critical` is changed" }));
  });

  it("flags a chart major-version change as high risk and a minor one as low", () => {
    const release = findResource(base, "fx-trader-staging-platform", "helm_release", (b) => b.chart === "loki");
    const bump = (version: string) =>
      editStack(base, "fx-trader-staging-platform", (json) => {
        json.resource.helm_release![release]!.version = version;
      });
    const major = review(base, bump("19.0.0"));
    expect(major.findings).toContainEqual({ level: "high", rule: "chart-major-change", where: `fx-trader-staging-platform/helm_release.${release}`, message: "chart loki 18.11.0 → 19.0.0" });
    const minor = review(base, bump("18.12.0"));
    expect(minor.level).toBe("low");
    expect(minor.findings.map((f) => f.rule)).toEqual(["chart-version-change"]);
  });
});

describe("change review of backups", () => {
  const prod = envConfig("prod");
  const base = sharedSynthTree([prod]);
  const rulesOf = (r: ReturnType<typeof review>) => r.findings.filter((f) => f.level === "high").map((f) => f.rule);

  it("flags a removed DR copy as high risk", () => {
    const r = review(base, sharedSynthTree([envConfig("prod", { backup: { crossRegionCopy: false } })]));
    expect(rulesOf(r)).toContain("backup-copy-removed");
  });

  it("flags a less frequent backup rule as high risk", () => {
    const r = review(base, sharedSynthTree([envConfig("prod", { backup: { rpoHours: 2, schedules: { incremental: "cron(0 */2 * * ? *)" } } })]));
    expect(r.findings).toContainEqual(expect.objectContaining({ level: "high", rule: "backup-weakened", message: expect.stringMatching(/runs less often: cron\(0 \* \* \* \? \*\) → cron\(0 \*\/2 \* \* \? \*\)/) }));
  });

  it("flags the end of continuous backup as high risk", () => {
    const r = review(base, sharedSynthTree([envConfig("prod", { backup: { continuousBackup: false } })]));
    expect(r.findings.map((f) => f.message)).toEqual(expect.arrayContaining([expect.stringMatching(/stops continuous backup/)]));
  });
});

describe("risk helpers", () => {
  it("reads retention as hours: AWS day counts, Prometheus/Loki durations (compound too)", () => {
    expect(retentionHours(30, "rule[0].expiration[0].days")).toBe(720);
    expect(retentionHours("720h", "values[0].loki.limits_config.retention_period")).toBe(720);
    expect(retentionHours("1h30m", "for")).toBe(1.5);
    expect(retentionHours("thirty days", "retention")).toBeUndefined();
  });

  it("B2: reads backup frequency with config/backup-schedule.ts's parser: 0/6 is every 6 h, MON-FRI is 5 days", () => {
    expect(backupFrequency("cron(0 * * * ? *)")).toEqual({ largestGapHours: 1, runsPerWeek: 168 });
    expect(backupFrequency("cron(0 0/6 * * ? *)")).toEqual({ largestGapHours: 6, runsPerWeek: 28 });
    expect(backupFrequency("cron(0 5 * * ? *)")).toEqual({ largestGapHours: 24, runsPerWeek: 7 });
    const weekdays = backupFrequency("cron(0 5 ? * MON-FRI *)")!;
    expect(weekdays.largestGapHours).toBe(72);
    expect(weekdays.runsPerWeek).toBeCloseTo(5, 1);
    expect(backupFrequency("cron(0 5 ? * SUN *)")!.runsPerWeek).toBeCloseTo(1, 1);
    // Seeded failure: what the parser refuses is unknown, not a guess.
    expect(backupFrequency("rate(1 hour)")).toBeUndefined();
    expect(backupFrequency("cron(0 5 L * ? *)")).toBeUndefined();
  });

  it("a changed one-line JSON document diffs as the lines that changed, bounded", () => {
    const before = JSON.stringify({ uid: "fx-app", panels: Array.from({ length: 40 }, (_, i) => ({ id: i, title: `panel ${i}`, expr: `rate(x_${i}[5m])` })) });
    const after = before.replace('"title":"panel 17"', '"title":"Panel seventeen"');
    const diff = lineDiff(normalizeForDiff(before), normalizeForDiff(after));
    expect(diff.filter((l) => /^[-+]/.test(l))).toEqual(['-      "title": "panel 17",', '+      "title": "Panel seventeen",']);
    expect(diff[0]).toMatch(/^@@ -\d+,5 \+\d+,5 @@$/);
    expect(lineDiff(before, before)).toEqual([]);
    const rewritten = lineDiff(normalizeForDiff(before), normalizeForDiff(after.replace(/rate\(/g, "irate(")), { maxLines: 20 });
    expect(rewritten).toHaveLength(21);
    expect(rewritten.at(-1)).toMatch(/^… \d+ more changed lines not shown$/);
  });

  it("a report of many changed dashboards stays within a pull-request comment, leaving diffs out with a note", () => {
    const dashboard = (n: number, title: string) => JSON.stringify({ uid: `d${n}`, panels: Array.from({ length: 30 }, (_, i) => ({ id: i, title: `${title} ${i}` })) });
    const resources = Array.from({ length: 200 }, (_, n) => {
      const before = { config_json: dashboard(n, "before") };
      const after = { config_json: dashboard(n, "after") };
      return { stack: "s", type: "grafana_dashboard", name: `d${String(n).padStart(3, "0")}`, kind: "changed" as const, before, after, attributes: diffValues(before, after) };
    });
    const markdown = renderReport({ stacksAdded: [], stacksRemoved: [], resources, blocks: [], files: [] }, [], { baseLabel: "b", headLabel: "h", acknowledged: false });
    expect(markdown.length).toBeLessThanOrEqual(MAX_REPORT_CHARS);
    expect(markdown).toContain("line diff left out: the report's size limit is reached");
    expect(markdown).toMatch(/the report is cut here to fit a pull-request comment/);
    // Every fence that opens closes: nothing is cut inside a diff.
    expect((markdown.match(/^\s*```/gm) ?? []).length % 2).toBe(0);
    expect((markdown.match(/<details>/g) ?? []).length).toBe((markdown.match(/<\/details>/g) ?? []).length);
  });

  it("reads the numeric comparisons of an alert expression, not label values or durations", () => {
    expect(comparisons('sum(rate(x{code=~"5.."}[5m])) / sum(rate(y[5m])) > 0.01 and on (service) sum(rate(y[5m])) >= 0.1')).toEqual([
      { op: ">", value: 0.01 },
      { op: ">=", value: 0.1 },
    ]);
    expect(comparisons("(a / b) < bool 10")).toEqual([{ op: "<", value: 10 }]);
    expect(comparisons("vector(1)")).toEqual([]);
  });
});
