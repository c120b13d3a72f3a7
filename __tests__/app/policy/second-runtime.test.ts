/**
 * S4 holds when a resource comes from a second copy of the CDK runtime (the case of imports switched to
 * `cdktn` while a provider package still resolves its own `cdktf`): the policy gate still checks it, and a
 * waiver on it still counts, because waivers and stacks are found with the runtimes' static type guards
 * (a `Symbol.for` brand every copy shares), never `instanceof`.
 */
import { TerraformResource } from "cdktf";
import type { KmsKey as KmsKeyClass } from "@cdktf/provider-aws/lib/kms-key";
import { waive, waiversIn } from "../../../constructs/policy/waiver";
import { JUSTIFICATION, KEY_POLICY, policyError, policyStack } from "./fixtures";

/** KmsKey bound to a fresh module registry: its own copies of cdktf and constructs. */
function kmsKeyOfSecondRuntime(): typeof KmsKeyClass {
  let KmsKey: typeof KmsKeyClass | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded in the isolated registry on purpose
    KmsKey = (require("@cdktf/provider-aws/lib/kms-key") as { KmsKey: typeof KmsKeyClass }).KmsKey;
  });
  return KmsKey!;
}

describe("S4: a resource built by a second copy of the runtime", () => {
  const SecondKmsKey = kmsKeyOfSecondRuntime();

  it("is not an instance of this copy's TerraformResource (so the test below is about two copies)", () => {
    const key = new SecondKmsKey(policyStack(), "key", { enableKeyRotation: false });
    // eslint-disable-next-line fx/no-runtime-instanceof -- shows what instanceof would miss
    expect(key instanceof TerraformResource).toBe(false);
    expect(TerraformResource.isTerraformResource(key)).toBe(true);
  });

  it("fails the policy gate when it breaks a rule", () => {
    const stack = policyStack();
    new SecondKmsKey(stack, "key", { description: "logs", enableKeyRotation: false, policy: KEY_POLICY });
    expect(policyError(stack)?.violations.map((v) => [v.ruleId, v.path])).toEqual([["CKV_AWS_7", "test/key"]]);
  });

  it("passes the gate with a waiver, which synth lists", () => {
    const stack = policyStack();
    const key = waive(new SecondKmsKey(stack, "key", { description: "logs", enableKeyRotation: false, policy: KEY_POLICY }), "CKV_AWS_7", JUSTIFICATION);
    expect(waiversIn(stack).map((w) => [w.ruleId, w.address])).toEqual([["CKV_AWS_7", `aws_kms_key.${key.friendlyUniqueId}`]]);
    expect(policyError(stack)).toBeUndefined();
  });
});
