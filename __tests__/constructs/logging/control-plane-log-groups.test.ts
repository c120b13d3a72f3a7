import { ControlPlaneLogGroups } from "../../../constructs/logging/control-plane-log-groups";
import { CustomerKey } from "../../../constructs/core/customer-key";
import { logKeyProps } from "../../../constructs/logging/log-encryption-key";
import { envConfig, onlyResource, parse, synthInStack } from "../../support";

describe("ControlPlaneLogGroups", () => {
  it("L1: sets the retention from the table and KMS encryption, with deletion protection where stateful resources are protected", () => {
    const json = parse(
      synthInStack("staging", (scope, config) => {
        const key = new CustomerKey(scope, "key", logKeyProps(config));
        new ControlPlaneLogGroups(scope, "groups", { config, key });
      }),
    );
    expect(onlyResource(json, "aws_cloudwatch_log_group")).toMatchObject({
      name: "/aws/eks/fx-trader-staging/cluster",
      retention_in_days: 365,
      deletion_protection_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  it("fails when a log group's retention is not one CloudWatch accepts (an unvalidated config)", () => {
    const config = envConfig("dev", { logRetention: { infrastructureDays: 100, auditDays: 100 } });
    expect(() =>
      synthInStack(config, (scope, c) => {
        const key = new CustomerKey(scope, "key", logKeyProps(c));
        new ControlPlaneLogGroups(scope, "groups", { config: c, key });
      }),
    ).toThrow(
      "ControlPlaneLogGroups test/groups: [dev] retention of /aws/eks/fx-trader-dev/cluster = 100 days (from log classes infrastructure, audit): " +
        "must be one CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)",
    );
  });
});
