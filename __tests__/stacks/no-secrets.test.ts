import fs from "node:fs";
import path from "node:path";
import { tempDir } from "../support";
import { runMain } from "../support/cli";
import { filesUnder, scanDocument, scanText } from "../support/secret-scan";
import { ENVIRONMENT_NAMES, envConfig } from "../support/index";
import { findSecretCarriers, type StackBlocks } from "../../secrets/carriers";
import { environmentSecrets, secretName } from "../../secrets/catalog";
import { ACCOUNTS } from "../../config/accounts";
import { accountStackName } from "../../constructs/core/naming";
import { accountStateSecrets } from "../../constructs/security/security-alerts";

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
  /** The secrets Terraform may keep in state, per stack (the catalog's `read: "state"` ones of its environment). */
  const stateSecrets = (stack: string) => {
    const account = Object.values(ACCOUNTS).find((a) => stack === accountStackName(a.name));
    if (account !== undefined) return accountStateSecrets(account);
    const env = ENVIRONMENT_NAMES.find((e) => stack.startsWith(`fx-trader-${e}-`));
    if (env === undefined) return [];
    const config = envConfig(env);
    return environmentSecrets(config).filter((s) => s.terraform?.read === "state").map((s) => secretName(config, s));
  };

  it("S5: no stack of any environment holds a resource or data source that carries a secret value", () => {
    const all = stacks();
    expect(all.length).toBeGreaterThanOrEqual(11);
    expect(all.flatMap((s) => findSecretCarriers(s.json, stateSecrets(s.name)).map((f) => `${s.name} ${f.address}: ${f.why}`))).toEqual([]);
  });

  it("S5: the only Secrets Manager reads kept in state are each data stack's backup SNS endpoint and each account's finding-alert endpoints, from their own secrets", () => {
    const reads = stacks().flatMap((s) => Object.values(s.json.data?.aws_secretsmanager_secret_version ?? {}).map((d) => `${s.name} ${String(d.secret_id)}`));
    expect(reads.sort()).toEqual(
      [
        ...ENVIRONMENT_NAMES.map((e) => `fx-trader-${e}-data fx-trader/${e}/backup/on-call-endpoint`),
        ...Object.values(ACCOUNTS).flatMap((a) => accountStateSecrets(a).map((name) => `${accountStackName(a.name)} ${name}`)),
      ].sort(),
    );
  });

  it("fails when a stack gains a kubernetes_secret_v1, a receivers-secret read or a sensitive Helm value", () => {
    const platform = stacks().find((s) => s.name === "fx-trader-prod-platform")!.json;
    const planted: StackBlocks = {
      resource: { ...platform.resource, kubernetes_secret_v1: { admin: { metadata: { name: "grafana-admin" }, data: { "admin-password": "${x}" } } } },
      data: { aws_secretsmanager_secret_version: { receivers: { secret_id: "fx-trader/prod/alertmanager/receivers" }, endpoint: { secret_id: "fx-trader/prod/backup/on-call-endpoint" } } },
    };
    expect(findSecretCarriers(planted, stateSecrets("fx-trader-prod-data")).map((f) => f.address)).toEqual([
      "data.aws_secretsmanager_secret_version.receivers",
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
