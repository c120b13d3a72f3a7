import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing, TerraformStack } from "cdktf";
import { DrVault } from "../../../constructs/backup/dr-vault";
import { envConfig } from "../../support";

describe("DrVault", () => {
  it("fails when the environment does not copy to the DR region", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const drProvider = new AwsProvider(stack, "aws-dr", { region: "ap-northeast-3", alias: "dr" });
    expect(() => new DrVault(stack, "dr", { config: envConfig("dev"), kmsKeyArn: "arn:key", tags: {}, drProvider })).toThrow(
      "DrVault test/dr: [dev] backup.crossRegionCopy is false; a DR vault would receive no copies",
    );
  });
});
