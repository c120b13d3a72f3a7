import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing, TerraformStack } from "cdktf";
import { MultiRegionKey } from "../../../constructs/backup/multi-region-key";
import { allowService } from "../../../constructs/core/policy-statements";
import { onlyResource, parse, resources } from "../../support";
import { policyDocumentStatements } from "../../support/synthesized-buckets";

function key(deletionWindowDays: number) {
  const stack = new TerraformStack(Testing.app(), "test");
  const provider = new AwsProvider(stack, "aws", { region: "ap-northeast-1" });
  const drProvider = new AwsProvider(stack, "aws-dr", { region: "ap-northeast-3", alias: "dr" });
  return () =>
    new MultiRegionKey(stack, "key", {
      aliasName: "alias/test",
      description: "test",
      accountId: "111111111111",
      policyStatements: [allowService("Events", "events.amazonaws.com", ["kms:Decrypt"], ["*"])],
      deletionWindowDays,
      deletionWindowSource: "[dev] backup.keyDeletionWindowDays",
      protect: true,
      provider,
      drProvider,
    });
}

describe("MultiRegionKey", () => {
  it("B1: builds a multi-Region key with a replica in the DR region under the same alias and key policy", () => {
    const k = key(30)();
    const json = parse(Testing.synth(k.node.scope as TerraformStack));
    const primary = onlyResource(json, "aws_kms_key");
    expect(primary).toMatchObject({ provider: "aws", multi_region: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    expect(onlyResource(json, "aws_kms_replica_key")).toMatchObject({
      provider: "aws.dr",
      description: "test (DR replica)",
      deletion_window_in_days: 30,
      policy: primary.policy,
      lifecycle: { prevent_destroy: true },
    });
    expect(policyDocumentStatements(json, primary.policy).map((s) => s.sid)).toEqual(["EnableIamPoliciesOfTheAccount", "Events"]);
    expect(Object.values(resources(json, "aws_kms_alias")).map((a) => [a.provider, a.name])).toEqual([["aws", "alias/test"], ["aws.dr", "alias/test"]]);
  });

  it("fails when the deletion window is outside AWS KMS's 7–30 days, naming the backup setting", () => {
    expect(key(3)).toThrow("CustomerKey test/key/primary: deletionWindowDays = 3: must be an integer from 7 to 30 (AWS KMS limit; from [dev] backup.keyDeletionWindowDays)");
  });
});
