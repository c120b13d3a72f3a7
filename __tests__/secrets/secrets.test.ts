import { Testing } from "cdktf";
import { GrafanaStack } from "../../stacks/grafana-stack";
import { terraformSecretAccess } from "../../secrets/terraform-access";
import { ENVIRONMENT_NAMES, envConfig, onlyConfigIssue, parse } from "../support";

describe("S5: Grafana provider token through an ephemeral resource", () => {
  it.each(ENVIRONMENT_NAMES)("%s grafana stack has the ephemeral block, no data block for it, and the provider reads it", (env) => {
    const json = parse(Testing.synth(new GrafanaStack(Testing.app(), { config: envConfig(env) }))) as ReturnType<typeof parse> & { ephemeral?: Record<string, Record<string, { secret_id: string }>> };
    expect(json.ephemeral?.aws_secretsmanager_secret_version?.grafana_token?.secret_id).toBe(
      `\${(var.grafana_token_role == "plan") ? "fx-trader/${env}/grafana/terraform-read-token" : "fx-trader/${env}/grafana/terraform-token"}`,
    );
    expect(json.data?.aws_secretsmanager_secret_version).toBeUndefined();
    expect((json.provider!.grafana as Array<Record<string, string>>)[0]!.auth).toBe("${ephemeral.aws_secretsmanager_secret_version.grafana_token.secret_string}");
  });
});

describe("S5: Terraform role permissions (for the bootstrap roles)", () => {
  it("plan reads the read-only Grafana token, deploy the managing one; both only the backup endpoint besides", () => {
    const prod = envConfig("prod");
    const arn = (p: string) => `arn:aws:secretsmanager:ap-northeast-1:222222222222:secret:fx-trader/prod/${p}-??????`;
    expect(terraformSecretAccess(prod, "plan")).toEqual({ Sid: "ReadTerraformSecretsPlan", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [arn("backup/on-call-endpoint"), arn("grafana/terraform-read-token")] });
    expect(terraformSecretAccess(prod, "deploy").Resource).toEqual([arn("backup/on-call-endpoint"), arn("grafana/terraform-token")]);
  });
});

describe("S5: secrets config validation", () => {
  it("fails when an environment's path prefix is another environment's (shared secrets)", () => {
    expect(onlyConfigIssue("staging", { secrets: { pathPrefix: "fx-trader/dev" } })).toBe(
      '[staging] secrets.pathPrefix = "fx-trader/dev": must end in the environment\'s own segment "/staging" (e.g. fx-trader/staging): environments never share secrets',
    );
  });

  it("fails when the path prefix holds a wildcard", () => {
    expect(onlyConfigIssue("dev", { secrets: { pathPrefix: "fx-trader/*/dev" } })).toContain('[dev] secrets.pathPrefix = "fx-trader/*/dev": must be a Secrets Manager path');
  });

  it("fails when the refresh interval is out of range", () => {
    expect(onlyConfigIssue("prod", { secrets: { refreshIntervalMinutes: 0 } })).toBe(
      "[prod] secrets.refreshIntervalMinutes = 0: must be an integer from 1 to 1440 (a rotated secret reaches the cluster within a day; shorter than a minute only adds API calls)",
    );
  });
});
