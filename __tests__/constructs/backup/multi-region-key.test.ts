import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing, TerraformStack } from "cdktf";
import { MultiRegionKey } from "../../../constructs/backup/multi-region-key";
import { onlyResource, parse, resources } from "../../support";

function key(deletionWindowDays: number, alias = "alias/test") {
  const stack = new TerraformStack(Testing.app(), "test");
  const provider = new AwsProvider(stack, "aws", { region: "ap-northeast-1" });
  const drProvider = new AwsProvider(stack, "aws-dr", { region: "ap-northeast-3", alias: "dr" });
  return () => new MultiRegionKey(stack, "key", { alias, description: "test", policy: "{}", deletionWindowDays, protect: true, provider, drProvider });
}

describe("MultiRegionKey", () => {
  it("B1: builds a multi-Region key with a replica in the DR region under the same alias", () => {
    const k = key(30)();
    const json = parse(Testing.synth(k.node.scope as TerraformStack));
    expect(onlyResource(json, "aws_kms_key")).toMatchObject({ multi_region: true, deletion_window_in_days: 30 });
    expect(onlyResource(json, "aws_kms_replica_key")).toMatchObject({ provider: "aws.dr", deletion_window_in_days: 30 });
    expect(Object.values(resources(json, "aws_kms_alias")).map((a) => [a.provider, a.name])).toEqual([["aws", "alias/test"], ["aws.dr", "alias/test"]]);
  });

  it("fails when the deletion window is outside AWS KMS's 7–30 days", () => {
    expect(key(3)).toThrow("MultiRegionKey test/key: deletion window 3 days must be an integer from 7 to 30 (AWS KMS limit); set backup.keyDeletionWindowDays");
  });

  it("fails when the alias does not start with alias/", () => {
    expect(key(7, "backup")).toThrow('MultiRegionKey test/key: alias "backup" must start with "alias/"');
  });
});
