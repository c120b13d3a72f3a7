import fs from "node:fs";
import path from "node:path";
import { tempDir } from "../support";
import { runMain } from "../support/cli";
import { filesUnder, scanDocument, scanText } from "../support/secret-scan";
import { ENVIRONMENT_NAMES, envConfig } from "../support/index";
import { findSecretCarriers, type StackBlocks } from "../../secrets/carriers";
import { terraformVariableSecrets } from "../../secrets/terraform-access";
import { ACCOUNTS } from "../../config/accounts";
import { accountStackName } from "../../constructs/core/naming";
import { accountVariableSecrets } from "../../secrets/terraform-access";

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

  const stacks = () =>
    filesUnder(path.join(dir, "cdktf.out/stacks"))
      .filter((f) => f.endsWith("cdk.tf.json"))
      .map((f) => ({ name: f.split("/")[0]!, json: JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out/stacks", f), "utf8")) as StackBlocks }));
  it("S5: no stack of any environment holds a resource or data source that carries a secret value", () => {
    const all = stacks();
    expect(all.length).toBeGreaterThanOrEqual(11);
    expect(all.flatMap((s) => findSecretCarriers(s.json).map((f) => `${s.name} ${f.address}: ${f.why}`))).toEqual([]);
  });

  it("S5: no stack holds any aws_secretsmanager_secret_version data source; the SNS endpoints enter as sensitive input variables only: the backup one per data stack, the finding-alert ones per account stack", () => {
    const all = stacks() as Array<{ name: string; json: StackBlocks & { variable?: Record<string, { sensitive?: boolean; default?: unknown }> } }>;
    expect(all.filter((s) => s.json.data?.aws_secretsmanager_secret_version !== undefined).map((s) => s.name)).toEqual([]);
    const sensitive = all.flatMap((s) => Object.entries(s.json.variable ?? {}).filter(([, v]) => v.sensitive === true).map(([name, v]) => `${s.name} ${name} default=${String(v.default)}`));
    const expected = ENVIRONMENT_NAMES.flatMap((e) => terraformVariableSecrets(envConfig(e)).map((v) => `fx-trader-${e}-${v.layer} ${v.variable} default=undefined`));
    expect(expected).toEqual(ENVIRONMENT_NAMES.map((e) => `fx-trader-${e}-data backup_on_call_endpoint default=undefined`));
    const accounts = Object.values(ACCOUNTS).flatMap((a) => accountVariableSecrets(a).map((v) => `${accountStackName(a.name)} ${v.variable} default=undefined`));
    expect(accounts).toHaveLength(Object.keys(ACCOUNTS).length * 3);
    expect(sensitive.sort()).toEqual([...expected, ...accounts].sort());
    // Its own secret, not the receivers' one.
    expect(ENVIRONMENT_NAMES.map((e) => terraformVariableSecrets(envConfig(e))[0]!.secret)).toEqual(ENVIRONMENT_NAMES.map((e) => `fx-trader/${e}/backup/on-call-endpoint`));
  });

  it("fails when a stack gains a kubernetes_secret_v1, a receivers-secret read or a sensitive Helm value", () => {
    const platform = stacks().find((s) => s.name === "fx-trader-prod-platform")!.json;
    const planted: StackBlocks = {
      resource: { ...platform.resource, kubernetes_secret_v1: { admin: { metadata: { name: "grafana-admin" }, data: { "admin-password": "${x}" } } } },
      data: { aws_secretsmanager_secret_version: { receivers: { secret_id: "fx-trader/prod/alertmanager/receivers" }, endpoint: { secret_id: "fx-trader/prod/backup/on-call-endpoint" } } },
    };
    // The endpoint's data read, tolerated before, is a carrier like any other.
    expect(findSecretCarriers(planted).map((f) => f.address)).toEqual([
      "data.aws_secretsmanager_secret_version.receivers",
      "data.aws_secretsmanager_secret_version.endpoint",
      "kubernetes_secret_v1.admin",
    ]);
    expect(findSecretCarriers({ resource: { helm_release: { r: { set_sensitive: [{ name: "a", value: "${x}" }] } } } }).map((f) => f.address)).toEqual(["helm_release.r"]);
    expect(findSecretCarriers({ resource: { kubernetes_manifest: { s: { manifest: { kind: "Secret" } }, c: { manifest: { kind: "ConfigMap" } } } } }).map((f) => f.address)).toEqual(["kubernetes_manifest.s"]);
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
    const doc = { password: "${ephemeral.aws_secretsmanager_secret_version.x.secret_string}", existingSecret: "grafana-admin", passwordFile: "/run/secrets/p", auth: { enabled: true } };
    expect(scanDocument("x.json", doc)).toEqual([]);
  });
});
