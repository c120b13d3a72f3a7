/**
 * Every stack of every environment, synthesized once: no string holds a template sequence Terraform would
 * misread (issue #15: the dashboards' unescaped `${datasource}`), and every logging target and backup report
 * plan names a bucket of its own stack by reference (so Terraform creates the bucket first), one of another
 * stack only when that stack is applied first.
 */
import fs from "node:fs";
import path from "node:path";
import type { StackJson } from "../../tools/review/tree";
import { ENVIRONMENT_NAMES } from "../support";
import { sharedSynthesis, sharedTree } from "../support/shared-synthesis";
import { bucketNameProblems, bucketNameUses, manifestDependencies, stringTemplateProblems, templateProblems } from "../support/synthesized-references";

const { outdir } = sharedSynthesis();
const tree = sharedTree();
const dependsOn = manifestDependencies(JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")) as Parameters<typeof manifestDependencies>[0]);

describe("template sequences in synthesized strings", () => {
  it("synthesizes every stack of every environment", () => {
    for (const env of ENVIRONMENT_NAMES) expect([...tree.stacks.keys()].filter((s) => s.startsWith(`fx-trader-${env}-`)).length).toBeGreaterThanOrEqual(3);
  });

  it("no string of any stack holds an unescaped `${…}` that is not a real reference, nor an unescaped `%{…}`", () => {
    const problems = [...tree.stacks].flatMap(([name, json]) => templateProblems(json).map((p) => `${name}: ${p.at}: ${p.sequence}`));
    expect(problems).toEqual([]);
  });

  it("the checker accepts cdktf's references, expressions and escapes", () => {
    const types = new Set(["aws_s3_bucket"]);
    for (const ok of [
      "${aws_s3_bucket.logs.arn}/*",
      "${data.aws_iam_policy_document.p.json}",
      "${var.x} ${local.y} ${each.value} ${count.index} ${module.m.o} ${path.module} ${terraform.workspace}",
      '${jsonencode({"a" = "}"})}',
      '${(var.role == "plan") ? "a" : "b"} ${ephemeral.aws_secretsmanager_secret_version.t.secret_string}',
      "$${datasource} $${__value.raw} %%{if} $$${x}",
      "$5 {b} 100% {x}",
    ]) {
      expect([ok, stringTemplateProblems(ok, types)]).toEqual([ok, []]);
    }
  });

  it("seeded: a Grafana variable, an IAM policy variable, a directive and an unclosed sequence are reported", () => {
    const types = new Set(["aws_s3_bucket"]);
    expect(stringTemplateProblems('{"datasource":"${datasource}","q":"rate(x{ns=\\"${namespace}\\"}[5m])"}', types)).toEqual(["${datasource}", "${namespace}"]);
    expect(stringTemplateProblems("arn:aws:s3:::b/${aws:username}/*", types)).toEqual(["${aws:username}"]);
    expect(stringTemplateProblems("${service:regex} ${__from} ${aws_lambda_function.f.arn}", types)).toEqual(["${service:regex}", "${__from}", "${aws_lambda_function.f.arn}"]);
    expect(stringTemplateProblems("%{ if x }y%{ endif }", types)).toEqual(["%{ if x }", "%{ endif }"]);
    expect(stringTemplateProblems("tail ${datasource", types)).toEqual(["${datasource"]);
    const seeded: StackJson = { resource: { grafana_dashboard: { d: { config_json: '{"panels":[{"datasource":{"uid":"${datasource}"}}]}' } } } };
    expect(templateProblems(seeded)).toEqual([{ at: "resource.grafana_dashboard.d.config_json", sequence: "${datasource}" }]);
  });
});

describe("bucket names of logging targets and backup report plans", () => {
  it("every `-data` stack has logging targets and report plans to check", () => {
    for (const env of ENVIRONMENT_NAMES) {
      const uses = bucketNameUses(tree.stacks.get(`fx-trader-${env}-data`)!);
      expect(uses.some((u) => u.at.startsWith("aws_s3_bucket_logging."))).toBe(true);
      expect(uses.filter((u) => u.at.startsWith("aws_backup_report_plan.")).length).toBe(2);
    }
  });

  it("a bucket of the same stack is referenced; one of another stack is named only by a stack that depends on it", () => {
    expect([...tree.stacks.keys()].flatMap((name) => bucketNameProblems(tree.stacks, name, dependsOn))).toEqual([]);
  });

  it("seeded: a literal name of a same-stack bucket, a dangling reference, and a bucket of a stack applied later fail", () => {
    const data: StackJson = {
      resource: {
        aws_s3_bucket: { access: { bucket: "env-access-logs" }, reports: { bucket: "env-reports" } },
        aws_s3_bucket_logging: { good: { bucket: "${aws_s3_bucket.reports.id}", target_bucket: "${aws_s3_bucket.access.id}" }, bad: { bucket: "x", target_bucket: "env-access-logs" } },
        aws_backup_report_plan: { plan: { report_delivery_channel: { s3_bucket_name: "env-reports" } }, gone: { report_delivery_channel: { s3_bucket_name: "${aws_s3_bucket.gone.bucket}" } } },
      },
    };
    const platform: StackJson = {
      resource: { aws_s3_bucket: { chunks: { bucket: "env-chunks" } }, aws_s3_bucket_logging: { l: { bucket: "${aws_s3_bucket.chunks.id}", target_bucket: "env-access-logs" } } },
    };
    const stacks = new Map([
      ["data", { ...data, resource: { ...data.resource, aws_s3_bucket_logging: { ...data.resource!.aws_s3_bucket_logging, late: { bucket: "x", target_bucket: "env-chunks" } } } }],
      ["platform", platform],
    ]);
    const deps = (s: string) => new Set(s === "platform" ? ["data"] : []);
    expect(bucketNameProblems(stacks, "data", deps)).toEqual([
      'data: aws_s3_bucket_logging.bad.target_bucket = "env-access-logs": a bucket of the same stack named literally; reference aws_s3_bucket.access instead',
      'data: aws_s3_bucket_logging.late.target_bucket = "env-chunks": bucket of platform, which data does not depend on',
      'data: aws_backup_report_plan.plan.report_delivery_channel.s3_bucket_name = "env-reports": a bucket of the same stack named literally; reference aws_s3_bucket.reports instead',
      "data: aws_backup_report_plan.gone.report_delivery_channel.s3_bucket_name = ${aws_s3_bucket.gone.bucket}: no such bucket in the stack",
    ]);
    // The cross-stack name is fine where the owner is applied first, and not where it is not.
    expect(bucketNameProblems(stacks, "platform", deps)).toEqual([]);
    expect(bucketNameProblems(stacks, "platform", () => new Set())).toEqual(['platform: aws_s3_bucket_logging.l.target_bucket = "env-access-logs": bucket of data, which platform does not depend on']);
  });
});
