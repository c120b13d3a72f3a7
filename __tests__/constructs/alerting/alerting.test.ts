import { Testing, TerraformStack } from "cdktf";
import { parse as parseYaml } from "yaml";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { buildAlertmanagerConfig } from "../../../alerts/alertmanager";
import { buildRuleGroups } from "../../../alerts/rules";
import { ALERTMANAGER_SECRET_NAME, notificationSecretKeys } from "../../../alerts/secrets";
import { Alerting } from "../../../constructs/alerting/alerting";
import { ReviewArtifact } from "../../../constructs/core/review-artifact";
import { SummaryNote } from "../../../constructs/core/summary-note";
import { ENVIRONMENT_NAMES, envConfig } from "../../support";

function build(env: (typeof ENVIRONMENT_NAMES)[number]) {
  const config = envConfig(env);
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new AwsProvider(stack, "aws", { region: config.region });
  const alerting = new Alerting(stack, "alerting", { config });
  return { config, stack, alerting, json: Testing.synth(stack) };
}

describe.each(ENVIRONMENT_NAMES)("Alerting (%s)", (env) => {
  const { config, alerting, json } = build(env);

  it("C3: names the secret Alertmanager mounts and the Secrets Manager secret it is filled from", () => {
    expect(alerting.secrets).toEqual([
      { name: ALERTMANAGER_SECRET_NAME, secretsManagerSecret: `fx-trader/${env}/alertmanager/receivers`, keys: notificationSecretKeys(config) },
    ]);
  });

  it("exposes the rule groups, Alertmanager config and secret names for the kube-prometheus-stack release", () => {
    expect(alerting.ruleGroups).toEqual(buildRuleGroups(config));
    expect(alerting.alertmanagerConfig).toEqual(buildAlertmanagerConfig(config));
  });

  it("O1: writes prometheus-rules.yaml and alertmanager.yaml for review, from the same objects", () => {
    const files = new Map(alerting.node.findAll().filter(ReviewArtifact.isReviewArtifact).map((a) => [a.path, a.content]));
    expect([...files.keys()]).toEqual(["prometheus-rules.yaml", "alertmanager.yaml"]);
    expect(parseYaml(files.get("prometheus-rules.yaml")!)).toEqual({ groups: alerting.ruleGroups });
    expect(parseYaml(files.get("alertmanager.yaml")!)).toEqual(alerting.alertmanagerConfig);
  });

  it("adds an alerts summary note counting the deployed alerts by severity", () => {
    const notes = alerting.node.findAll().filter(SummaryNote.isSummaryNote);
    // Alerting rules only: the SLO recording rules (A10) are not alerts.
    const rules = alerting.ruleGroups.flatMap((g) => g.rules).filter((r) => "alert" in r);
    const count = (s: string) => rules.filter((r) => (r.labels as Record<string, string>).severity === s).length;
    expect(notes.map((n) => [n.topic, n.text])).toEqual([
      ["alerts", `${rules.length} (${count("critical")} critical, ${count("warning")} warning, ${count("info")} info)`],
    ]);
  });

  it("puts no secret value in the synthesized JSON", () => {
    expect(json).not.toMatch(/hooks\.slack\.com|routing_key|api_key/);
  });
});

describe("Alerting in the platform stack", () => {
  it("notes 20 alerts in prod and 19 in dev (dev disables DatabaseReplicationLagHigh)", () => {
    const text = (env: "dev" | "prod") => build(env).alerting.node.findAll().filter(SummaryNote.isSummaryNote)[0]!.text;
    expect(text("prod")).toBe("20 (9 critical, 7 warning, 4 info)");
    expect(text("dev")).toBe("19 (9 critical, 6 warning, 4 info)");
  });
});
