import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing, TerraformStack } from "cdktf";
import { BackupVault, vaultAccessPolicy } from "../../../constructs/backup/backup-vault";

function vault(name: string, lock = { mode: "governance" as const, minRetentionDays: 7, maxRetentionDays: 35, changeableForDays: 3 }) {
  const stack = new TerraformStack(Testing.app(), "test");
  const provider = new AwsProvider(stack, "aws", { region: "ap-northeast-1" });
  return () =>
    new BackupVault(stack, "vault", { name, kmsKeyArn: "arn:key", vaultLock: lock, breakGlassRoleArn: "arn:aws:iam::1:role/bg", tags: {}, protect: true, provider });
}

describe("BackupVault", () => {
  it("B4: the access policy denies deleting or re-aging recovery points, and replacing itself, to all but the break-glass role", () => {
    expect(JSON.parse(vaultAccessPolicy("arn:aws:iam::1:role/bg")).Statement[0]).toMatchObject({
      Effect: "Deny",
      Action: [
        "backup:DeleteRecoveryPoint",
        "backup:UpdateRecoveryPointLifecycle",
        "backup:PutBackupVaultAccessPolicy",
        "backup:DeleteBackupVaultAccessPolicy",
        "backup:DeleteBackupVaultLockConfiguration",
        "backup:PutBackupVaultLockConfiguration",
        "backup:DeleteBackupVault",
      ],
      Condition: { ArnNotEquals: { "aws:PrincipalArn": ["arn:aws:iam::1:role/bg"] } },
    });
    // S6: the break-glass role itself only with MFA.
    expect(JSON.parse(vaultAccessPolicy("arn:aws:iam::1:role/bg")).Statement[1]).toMatchObject({ Effect: "Deny", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": ["false"] } } });
  });

  it("fails when the vault name is not one AWS Backup accepts", () => {
    expect(vault("fx trader")).toThrow(`BackupVault test/vault: name "fx trader" must be 2–50 letters, digits, '-' or '_' (AWS Backup vault names)`);
  });

  it("fails when the lock's minimum retention exceeds its maximum", () => {
    expect(vault("fx-trader-test", { mode: "governance", minRetentionDays: 40, maxRetentionDays: 35, changeableForDays: 3 })).toThrow(
      "BackupVault fx-trader-test: vault lock minRetentionDays 40 exceeds maxRetentionDays 35 (backup.vaultLock)",
    );
  });
});
