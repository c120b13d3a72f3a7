import { BackupVault as AwsBackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Testing } from "cdktf";
import { BackupVault, vaultAccessPolicy } from "../../../constructs/backup/backup-vault";
import { backupStack, reference } from "./fixtures";

function vault(name: string, lock = { mode: "governance" as const, minRetentionDays: 7, maxRetentionDays: 35, changeableForDays: 3 }) {
  const { stack, provider } = backupStack();
  const encryptionKey = new KmsKey(stack, "key", { provider });
  return () => new BackupVault(stack, "vault", { name, encryptionKey, vaultLock: lock, breakGlassRoleArn: "arn:aws:iam::1:role/bg", tags: {}, protect: true, provider });
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

  it("B1: the vault is encrypted with the key construct it is given, by reference", () => {
    const { stack, provider } = backupStack();
    const encryptionKey = new KmsKey(stack, "key", { provider });
    const lock = { mode: "none" as const, minRetentionDays: 1, maxRetentionDays: 35, changeableForDays: 3 };
    new BackupVault(stack, "vault", { name: "fx-trader-test", encryptionKey, vaultLock: lock, breakGlassRoleArn: "arn:aws:iam::1:role/bg", tags: {}, protect: true, provider });
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(AwsBackupVault, { name: "fx-trader-test", kms_key_arn: reference(stack, encryptionKey, "arn") });
    // Seeded failure: the matcher rejects the key's ID where its ARN belongs.
    expect(synthesized).not.toHaveResourceWithProperties(AwsBackupVault, { kms_key_arn: reference(stack, encryptionKey, "key_id") });
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
