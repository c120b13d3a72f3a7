/** Key rotation and encryption-at-rest rules for KMS keys, backup vaults and CloudWatch log groups. */
import { isSet, isTrue, type StackModel, type TfBlock } from "../private/stack-model";
import type { Finding, PolicyRule } from "../rule";

function judgeEach(model: StackModel, type: string, judge: (block: TfBlock) => string | undefined): Finding[] {
  return model.resources(type).flatMap((block) => {
    const message = judge(block);
    return message === undefined ? [] : [{ block, message }];
  });
}

/** CKV_AWS_7: symmetric customer keys rotate. */
export const kmsRotation: PolicyRule = {
  id: "CKV_AWS_7",
  title: "Ensure rotation for customer created CMKs is enabled",
  requirements: ["S3"],
  reportsOn: ["aws_kms_key"],
  passesWhen:
    "`enable_key_rotation = true` on every symmetric encryption key (`customer_master_key_spec` absent or `SYMMETRIC_DEFAULT`); asymmetric and HMAC keys cannot rotate and are skipped (checkov also checks HMAC keys, which KMS cannot rotate)",
  check: (model) =>
    judgeEach(model, "aws_kms_key", (key) => {
      const spec = key.attrs.customer_master_key_spec;
      if (spec !== undefined && spec !== "SYMMETRIC_DEFAULT") return undefined;
      return isTrue(key.attrs.enable_key_rotation) ? undefined : `KMS key ${JSON.stringify(key.attrs.description ?? key.name)} does not rotate: set enable_key_rotation: true`;
    }),
};

/** CKV_AWS_166: backup vaults use a customer KMS key. */
export const backupVaultEncryption: PolicyRule = {
  id: "CKV_AWS_166",
  title: "Ensure Backup Vault is encrypted at rest using KMS CMK",
  requirements: ["S3"],
  reportsOn: ["aws_backup_vault"],
  passesWhen: "`kms_key_arn` is set on every `aws_backup_vault` (a customer managed key)",
  check: (model) =>
    judgeEach(model, "aws_backup_vault", (vault) =>
      isSet(vault.attrs.kms_key_arn) ? undefined : `backup vault ${JSON.stringify(vault.attrs.name ?? vault.name)} has no customer key: set kms_key_arn to the environment's backup key ARN`,
    ),
};

/** CKV_AWS_66: log groups expire their logs. */
export const logGroupRetention: PolicyRule = {
  id: "CKV_AWS_66",
  title: "Ensure that CloudWatch Log Group specifies retention days",
  requirements: ["S3"],
  reportsOn: ["aws_cloudwatch_log_group"],
  passesWhen: "`retention_in_days` is set and not 0 (0 means never expire, which checkov lets through)",
  check: (model) =>
    judgeEach(model, "aws_cloudwatch_log_group", (group) => {
      const days = group.attrs.retention_in_days;
      return isSet(days) && days !== 0 && days !== "0"
        ? undefined
        : `log group ${JSON.stringify(group.attrs.name ?? group.name)} keeps logs forever (retention_in_days = ${JSON.stringify(days ?? null)}): set retention_in_days from the environment's log retention policy`;
    }),
};

/** CKV_AWS_158: log groups are KMS-encrypted. */
export const logGroupKms: PolicyRule = {
  id: "CKV_AWS_158",
  title: "Ensure that CloudWatch Log Group is encrypted by KMS",
  requirements: ["S3"],
  reportsOn: ["aws_cloudwatch_log_group"],
  passesWhen: "`kms_key_id` is set on every `aws_cloudwatch_log_group`",
  check: (model) =>
    judgeEach(model, "aws_cloudwatch_log_group", (group) =>
      isSet(group.attrs.kms_key_id) ? undefined : `log group ${JSON.stringify(group.attrs.name ?? group.name)} is not KMS-encrypted: set kms_key_id to a customer key whose policy allows logs.<region>.amazonaws.com`,
    ),
};

/** The key, vault and log group rules, in docs order. */
export const ENCRYPTION_RULES: readonly PolicyRule[] = [kmsRotation, backupVaultEncryption, logGroupRetention, logGroupKms];
