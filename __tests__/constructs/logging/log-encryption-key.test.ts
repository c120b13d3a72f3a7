import { breakGlassGuard, guardedKeyStatements } from "../../../constructs/core/key-guard";
import { CustomerKey } from "../../../constructs/core/customer-key";
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

  it("S6: is guarded (use and administration through IAM, destruction only by break-glass) and grants nothing else until a service is added", () => {
    expect(policyDocumentStatements(json, key.policy)).toEqual(guardedKeyStatements(config.account.id, breakGlassGuard(config.account.id, config.backup.breakGlassRoleName)));
  });
});
