import { BackupVault as AwsBackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsReplicaKey } from "@cdktf/provider-aws/lib/kms-replica-key";
import { Testing } from "cdktf";
import { DrVault } from "../../../constructs/backup/dr-vault";
import { backupEnvironment, backupStack, reference } from "./fixtures";

function drVaultIn(crossRegionCopy: boolean) {
  const { stack, provider, drProvider } = backupStack();
  const primary = new KmsKey(stack, "key", { provider, multiRegion: true });
  const encryptionKey = new KmsReplicaKey(stack, "replica", { provider: drProvider, primaryKeyArn: primary.arn });
  return { stack, encryptionKey, build: () => new DrVault(stack, "dr", { config: backupEnvironment({ crossRegionCopy }), encryptionKey, tags: {}, drProvider }) };
}

describe("DrVault", () => {
  it("B4: the DR vault is encrypted with the replica key construct, in the DR region", () => {
    const { stack, encryptionKey, build } = drVaultIn(true);
    expect(build().region).toBe("ap-northeast-3");
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(AwsBackupVault, { name: "fx-trader-dev-backup-dr", kms_key_arn: reference(stack, encryptionKey, "arn"), provider: "aws.dr" });
    // Seeded failure: the matcher rejects a DR vault in the primary region.
    expect(synthesized).not.toHaveResourceWithProperties(AwsBackupVault, { name: "fx-trader-dev-backup-dr", provider: "aws" });
  });

  it("fails when the environment does not copy to the DR region", () => {
    expect(drVaultIn(false).build).toThrow("DrVault test/dr: [dev] backup.crossRegionCopy is false; a DR vault would receive no copies");
  });
});
