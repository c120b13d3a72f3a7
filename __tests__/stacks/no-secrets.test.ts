import fs from "node:fs";
import path from "node:path";
import { tempDir } from "../support";
import { runMain } from "../support/cli";
import { filesUnder, scanDocument, scanText } from "../support/secret-scan";

describe("no secret value in any synthesized file", () => {
  const dir = tempDir();
  const run = runMain(dir);

  it("scans a full synth of every environment: cdktf.out/ and out/", () => {
    expect(run.status).toBe(0);
    const files = ["cdktf.out", "out"].flatMap((root) => filesUnder(path.join(dir, root)).map((f) => path.join(root, f)));
    expect(files.filter((f) => f.endsWith("cdk.tf.json")).length).toBeGreaterThanOrEqual(11);
    const findings = files.flatMap((f) => scanText(f, fs.readFileSync(path.join(dir, f), "utf8")));
    expect(findings).toEqual([]);
  });

  it("reads credentials only by reference: the Grafana admin, exporter and Alertmanager receiver secrets come from Secrets Manager", () => {
    const platform = fs.readFileSync(path.join(dir, "cdktf.out/stacks/fx-trader-prod-platform/cdk.tf.json"), "utf8");
    const json = JSON.parse(platform) as { resource: { kubernetes_secret_v1: Record<string, { data: Record<string, string> }> } };
    const values = Object.values(json.resource.kubernetes_secret_v1).flatMap((s) => Object.values(s.data));
    // Grafana admin (2 keys), postgres exporter (2), redis exporter (1), Alertmanager receivers (5 in prod).
    expect(values).toHaveLength(10);
    for (const v of values) expect(v).toMatch(/^\$\{jsondecode\(data\.aws_secretsmanager_secret_version\.[^}]+\.secret_string\)(\["[a-z-]+"\]|\.[a-z]+)\}$/);
  });

  it("fails when a password literal is planted in Helm values inside Terraform JSON", () => {
    const tf = { resource: { helm_release: { r: { values: ["grafana:\n  adminPassword: hunter2\n  admin:\n    existingSecret: grafana-admin\n    passwordKey: admin-password\n"] } } } };
    expect(scanDocument("cdk.tf.json", tf)).toEqual([
      { file: "cdk.tf.json", where: "$.resource.helm_release.r.values[0]|yaml.grafana.adminPassword", why: 'credential-named key "adminPassword" holds a literal value' },
    ]);
  });

  it("fails when a token or key literal is planted in a review file", () => {
    const yaml = "receivers:\n  - name: pager\n    pagerduty_configs:\n      - routing_key: 0123456789abcdef0123456789abcdef\n    slack_configs:\n      - api_url_file: /etc/alertmanager/secrets/x/slack\n";
    expect(scanText("out/prod/alertmanager.yaml", yaml).map((f) => f.why)).toEqual(['credential-named key "routing_key" holds a literal value']);
    expect(scanText("x.txt", "id AKIAABCDEFGHIJKLMNOP").map((f) => f.why)).toEqual(["looks like a AWS access key ID"]);
    expect(scanText("x.txt", "postgres://monitor:s3cr3t@db:5432/x").map((f) => f.why)).toEqual(["looks like a password in a URL"]);
  });

  it("accepts references, names of secrets and paths to mounted secret files", () => {
    const doc = { password: "${data.aws_secretsmanager_secret_version.x.secret_string}", existingSecret: "grafana-admin", passwordFile: "/run/secrets/p", auth: { enabled: true } };
    expect(scanDocument("x.json", doc)).toEqual([]);
  });
});
