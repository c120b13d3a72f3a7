import { selectEnvironments, type EnvironmentName } from "../../../config";
import { logRetentionTable } from "../../../config/retention-policy";
import { bucketName } from "../../../constructs/core/naming";
import { retentionDoc } from "../../../tools/docs/retention";
import { envConfig } from "../../support";

describe("docs/retention.md", () => {
  const environments = selectEnvironments(undefined);
  const doc = retentionDoc.render(environments);

  it.each(environments.map((e) => e.name as EnvironmentName))("O1: lists every log class of %s with its retention and bucket", (name) => {
    const config = envConfig(name);
    const section = doc.slice(doc.indexOf(`## ${name}\n`), doc.indexOf("\n## ", doc.indexOf(`## ${name}\n`) + 1));
    for (const p of logRetentionTable(config)) {
      expect(section).toContain(`| ${p.logClass} | ${p.retentionDays} d | ${p.contains} | \`${p.lokiLogType}\` | \`${bucketName(config, p.bucketPurpose)}\` |`);
    }
    expect(section).toContain(`| \`/aws/eks/${config.eks.clusterName}/cluster\` | ${Math.max(config.logRetention.infrastructureDays, config.logRetention.auditDays)} d |`);
  });

  it("O1: follows the config: a changed retention changes the doc", () => {
    const changed = retentionDoc.render([envConfig("prod", { logRetention: { accessDays: 120 } })]);
    expect(changed).toContain("| access | 120 d |");
    expect(doc).not.toContain("| access | 120 d |");
  });

  it("states why the access-log bucket uses SSE-S3", () => {
    expect(doc).toContain("the access-log bucket uses SSE-S3: ALB access log delivery and S3 server access logging write only to buckets whose default encryption is SSE-S3");
  });
});
