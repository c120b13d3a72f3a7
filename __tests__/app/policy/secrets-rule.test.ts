import { Release } from "@cdktf/provider-helm/lib/release";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { DataAwsSecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version";
import { Fn } from "cdktf";
import { stringify } from "yaml";
import { GrafanaProvider } from "../../../.gen/providers/grafana/provider";
import { checkStack } from "../../../app/policy/security-policy";
import { policyStack } from "./fixtures";

function secretFindings(build: (stack: ReturnType<typeof policyStack>) => void) {
  const stack = policyStack();
  build(stack);
  return checkStack(stack).violations.filter((v) => v.ruleId === "CKV_SECRET_6");
}

const chart = { name: "grafana", chart: "kube-prometheus-stack", repository: "https://prometheus-community.github.io/helm-charts", version: "88.5.3" };

describe("CKV_SECRET_6: no plaintext secret in synthesized JSON or the YAML it embeds", () => {
  it("S3: secrets read at apply time, mounted as files or referenced by name pass", () => {
    const result = secretFindings((stack) => {
      new HelmProvider(stack, "helm", {});
      const admin = new DataAwsSecretsmanagerSecretVersion(stack, "admin", { secretId: "fx-trader/grafana/admin" });
      const values = {
        grafana: {
          admin: { existingSecret: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" },
          "grafana.ini": { security: { admin_password: "$__file{/etc/secrets/admin-password}" } },
        },
        alertmanager: { config: { receivers: [{ name: "pager", pagerduty_configs: [{ routing_key_file: "/etc/alertmanager/secrets/routing-key" }] }] } },
      };
      new Release(stack, "release", { ...chart, values: [stringify(values)], setSensitive: [{ name: "grafana.adminPassword", value: Fn.lookup(Fn.jsondecode(admin.secretString), "admin-password") }] });
    });
    expect(result).toEqual([]);
  });

  it("fails when Helm values YAML holds a literal password, naming where (not the value)", () => {
    const result = secretFindings((stack) => {
      new HelmProvider(stack, "helm", {});
      new Release(stack, "release", { ...chart, values: [stringify({ grafana: { adminPassword: "prom-operator" } })] });
    });
    expect(result).toHaveLength(1);
    expect(result[0]!.path).toBe("test/release");
    expect(result[0]!.message).toContain("values[0] (embedded document).grafana.adminPassword has a literal value");
    expect(result[0]!.message).not.toContain("prom-operator");
  });

  it("fails when a Helm set_sensitive value is a literal", () => {
    const result = secretFindings((stack) => {
      new HelmProvider(stack, "helm", {});
      new Release(stack, "release", { ...chart, setSensitive: [{ name: "grafana.adminPassword", value: "hunter2-hunter2" }] });
    });
    expect(result.map((r) => r.message)).toEqual([expect.stringContaining("set_sensitive[0] (grafana.adminPassword) is a literal set_sensitive value")]);
  });

  it("fails when a provider is given literal credentials, without offering a waiver", () => {
    const result = secretFindings((stack) => {
      new GrafanaProvider(stack, "grafana", { url: "https://grafana.example.com", auth: "admin:admin" });
    });
    expect(result).toHaveLength(1);
    expect(result[0]!.address).toBe("provider.grafana");
  });
});
