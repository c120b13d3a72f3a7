import { ACCOUNT_ROOT_SID, CustomerKey } from "../../../constructs/core/customer-key";
import { logKeyProps } from "../../../constructs/logging/log-encryption-key";
import { ENVIRONMENT_NAMES, envConfig, onlyResource, parse, synthInStack } from "../../support";
import { policyDocumentStatements } from "../../support/synthesized-buckets";

describe.each(ENVIRONMENT_NAMES)("the log key in %s", (env) => {
  const config = envConfig(env);
  const json = parse(synthInStack(env, (scope, c) => new CustomerKey(scope, "key", logKeyProps(c))));
  const key = onlyResource(json, "aws_kms_key");

  it("L2: rotates, keeps KMS's longest deletion window, and is protected exactly when the environment protects stateful resources", () => {
    expect(key.enable_key_rotation).toBe(true);
    expect(key.deletion_window_in_days).toBeUndefined();
    expect(key.lifecycle).toEqual(config.protectStatefulResources ? { prevent_destroy: true } : undefined);
    expect(onlyResource(json, "aws_kms_alias").name).toBe(`alias/fx-trader-${env}-logs`);
  });

  it("delegates administration to the account's IAM policies and grants nothing else until a service is added", () => {
    expect(policyDocumentStatements(json, key.policy)).toEqual([
      { sid: ACCOUNT_ROOT_SID, effect: "Allow", principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${config.account.id}:root`] }], actions: ["kms:*"], resources: ["*"] },
    ]);
  });
});
