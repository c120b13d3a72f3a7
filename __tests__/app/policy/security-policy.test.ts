import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { App, TerraformStack } from "cdktf";
import { ENVIRONMENT_NAMES, selectEnvironments } from "../../../config";
import { ACCOUNTS } from "../../../config/accounts";
import { PolicyViolationError, checkStack, enforceOnEveryStack } from "../../../app/policy/security-policy";
import { addFxTraderStacks } from "../../../stacks/app";
import { LAYERS } from "../../../stacks/environment-stack";
import { tempDir } from "../../support";
import { sharedSynthesis } from "../../support/shared-synthesis";

function stackSet(selection?: string) {
  const app = new App({ outdir: tempDir() });
  const stacks = addFxTraderStacks(app, selectEnvironments(selection));
  enforceOnEveryStack(app);
  return { app, stacks, all: app.node.children.filter(TerraformStack.isStack) };
}

describe("S3, S4: every stack of every environment passes every policy rule", () => {
  const { app, all } = stackSet();

  it("covers every environment's three layers and every account", () => {
    expect(all).toHaveLength(ENVIRONMENT_NAMES.length * LAYERS.length + Object.keys(ACCOUNTS).length);
  });

  it.each(all.map((s) => [s.node.id, s] as const))("%s has no violation", (_name, stack) => {
    expect(checkStack(stack).violations).toEqual([]);
  });

  it("synthesizes all of them with the policy checks on", () => {
    // The stack set checked above, synthesized (the policy aspect runs in app.synth()).
    expect(() => app.synth()).not.toThrow();
  });

  it("prints every waiver with its justification in the synth summary", () => {
    const { summary } = sharedSynthesis();
    expect(summary).toContain(
      "policy waiver: CKV_AWS_145 on fx-trader-account-fx-prod/security/access-logs/bucket: S3 server access log delivery supports only SSE-S3 on the target bucket",
    );
    expect(summary).toContain("policy waiver: CKV_AWS_18 on fx-trader-account-fx-nonprod/security/access-logs/bucket: this is the access-log target bucket");
  });
});

describe("S4: a violation anywhere fails synthesis", () => {
  it("fails when a resource added to an environment stack breaks a rule, naming the stack, rule and path", () => {
    const { app, stacks } = stackSet("prod");
    new S3Bucket(stacks.environments[0]!.data, "stray", { bucket: "fx-trader-prod-stray" });
    let error: unknown;
    try {
      app.synth();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyViolationError);
    expect((error as PolicyViolationError).message).toContain("policy check failed for stack fx-trader-prod-data (7 violations");
    expect((error as PolicyViolationError).message).toContain("CKV_AWS_19 fx-trader-prod-data/stray (aws_s3_bucket.stray):");
  });
});
