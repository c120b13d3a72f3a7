/**
 * `docs/backup-and-dr.md` (B1–B5): what is backed up, when, where, for how long, the recovery objectives per
 * environment, how they are proven, the failure alerts and the restore procedure with the exact commands for
 * the resources this program creates. Rendered from the same config and value objects as the stacks.
 */
import { BackupSchedule, formatMinutes } from "../../config/backup-schedule";
import type { EnvironmentConfig } from "../../config/types";
import { grafanaUrl } from "../../config/urls";
import { bucketName } from "../../constructs/core/naming";
import { auditControls, breakGlassRoleArn } from "../../constructs/backup/audit-controls";
import { AUDIT_REPORT_PREFIX } from "../../constructs/backup/audit-report-bucket";
import { backupNames } from "../../constructs/backup/backup-names";
import { BackupRule } from "../../constructs/backup/backup-rule";
import { BACKUP_FAILURE_SIGNALS, failureEventPattern, signalsFor } from "../../constructs/backup/failure-signals";
import { protectedResources, type ProtectedResource } from "../../constructs/backup/protected-resources";
import { RecoveryObjectives } from "../../constructs/backup/recovery-objectives";
import { generatedHeader, markdownTable, type DocGenerator } from "./types";
import { secretById, secretName } from "../../secrets/catalog";

const code = (s: string | number) => `\`${s}\``;

function objectivesTable(environments: readonly EnvironmentConfig[]): string {
  return markdownTable(
    ["environment", "RPO", "RTO", "backup-tier", "frequent rule", "daily full", "kept (frequent / daily)", "DR copy", "vault lock", "restore test"],
    environments.map((c) => {
      const b = c.backup;
      const [daily, frequent] = BackupRule.fromConfig(c) as [BackupRule, BackupRule];
      const restore = BackupSchedule.parse(b.restoreTesting.schedule);
      return [
        c.name,
        `${b.rpoHours} h`,
        `${b.rtoHours} h`,
        code(RecoveryObjectives.fromConfig(b).tier),
        `${frequent.cadence}${frequent.continuous ? ", continuous (PITR)" : ""}`,
        daily.cadence,
        `${b.hourlyRetentionDays} d / ${b.dailyRetentionDays} d`,
        b.crossRegionCopy ? `→ ${c.drRegion}` : "none",
        b.vaultLock.mode === "none" ? "none" : `${b.vaultLock.mode}, ${b.vaultLock.minRetentionDays}–${b.vaultLock.maxRetentionDays} d`,
        `every ${formatMinutes(restore.largestGapMinutes)}`,
      ];
    }),
  );
}

function environmentSection(c: EnvironmentConfig): string {
  const b = c.backup;
  const names = backupNames(c);
  const objectives = RecoveryObjectives.fromConfig(b);
  let out = `### ${c.name}\n\n`;
  out += `Account ${code(c.account.id)} (${c.account.name}), region ${code(c.region)}${b.crossRegionCopy ? `, DR region ${code(c.drRegion)}` : ", no DR region copies"}. `;
  out += `Tags on the plan, vaults, recovery points and configuration bucket: ${Object.entries(objectives.tags()).map(([k, v]) => code(`${k}=${v}`)).join(", ")}.\n\n`;
  out += "**Rules** (plan " + code(names.plan) + ", vault " + code(names.vault) + ", UTC)\n\n";
  out += markdownTable(
    ["rule", "schedule", "largest gap", "kind", "kept", "copied to"],
    BackupRule.fromConfig(c).map((r) => [
      code(r.name),
      code(r.schedule.expression),
      formatMinutes(r.schedule.largestGapMinutes),
      r.continuous ? `continuous (PITR)${b.crossRegionCopy ? "; each run copies a snapshot to the DR vault" : ""}` : "snapshot",
      `${r.retentionDays} d`,
      b.crossRegionCopy ? `${code(names.drVault)} (${c.drRegion}), ${r.retentionDays} d` : "—",
    ]),
  );
  out += `\nJobs must start within ${b.startWindowMinutes} min of the scheduled time and finish within ${b.completionWindowMinutes} min.\n\n`;
  out += "**Protected resources** (selection by ARN, plus every resource tagged " + code(`backup-tier=${objectives.tier}`) + ")\n\n";
  out += markdownTable(
    ["item", "ARN", "AWS Backup type", "weekly restore test"],
    [
      ...protectedResources(c).map((r) => [r.description, code(r.arn), r.resourceType, r.restoreTested ? "yes" : "no"]),
      [
        "encryption keys",
        `${code(names.vaultKeyAlias)}, ${code(names.dataKeyAlias)}`,
        "multi-Region KMS keys",
        `replica in ${c.drRegion} (keys cannot be exported; the replica is their backup)`,
      ],
    ],
  );
  out += "\n**Verification and proof**\n\n";
  out += `- Restore testing plan ${code(names.restoreTestingPlan)}: ${code(b.restoreTesting.schedule)}, random recovery point (${code("RANDOM_WITHIN_WINDOW")}) of the last ${b.restoreTesting.selectionWindowDays} days from ${code(names.vault)}; restored resources are kept ${b.restoreTesting.validationWindowHours} h for validation `;
  out += `(\`aws backup put-restore-validation-result --region ${c.region} --restore-job-id <id> --validation-status SUCCESSFUL|FAILED\`), then deleted.\n`;
  out += `- Audit framework ${code(names.framework)}; reports ${code(names.complianceReportPlan)} and ${code(names.restoreJobReportPlan)} to ${code(`s3://${names.reportBucket}/${AUDIT_REPORT_PREFIX}-*`)}, kept ${b.auditReportRetentionDays} days.\n`;
  out += `- Failure alerts to SNS topic ${code(names.alertTopic)} (KMS ${code(names.dataKeyAlias)}), subscribed to the on-call endpoint in its own secret ${code(secretName(c, secretById(c, "backup-on-call-endpoint")))} (an SNS endpoint is stored by AWS and in the Terraform state by nature; see docs/secrets.md).\n`;
  out += `- Only ${code(breakGlassRoleArn(c))} may delete a recovery point, change its lifecycle or replace the vault access policy.\n\n`;
  out += markdownTable(
    ["control", "parameters", "a COMPLIANT result proves"],
    auditControls(c).map((ctl) => [code(ctl.name), ctl.parameters.map(([k, v]) => `${k}=${v}`).join(", ") || "—", ctl.proves]),
  );
  return out + "\n";
}

function restoreProcedure(c: EnvironmentConfig): string {
  const b = c.backup;
  const names = backupNames(c);
  const [db, uploads, configuration] = protectedResources(c) as [ProtectedResource, ProtectedResource, ProtectedResource];
  const role = `arn:aws:iam::${c.account.id}:role/${names.serviceRole}`;
  const restored = `${c.database.identifier}-restored`;
  const aurora = c.database.engine === "aurora-postgresql";
  const describeDb = aurora
    ? `aws rds describe-db-clusters --region ${c.region} --db-cluster-identifier ${c.database.identifier}`
    : `aws rds describe-db-instances --region ${c.region} --db-instance-identifier ${c.database.identifier}`;
  const dbQuery = aurora ? "DBClusters[0]" : "DBInstances[0]";
  const idKey = aurora ? "DBClusterIdentifier" : "DBInstanceIdentifier";
  let out = `### ${c.name}\n\n`;
  out += `Target: the application serves again within ${b.rtoHours} h (RTO), losing at most ${b.rpoHours} h of data (RPO). `;
  out += b.crossRegionCopy
    ? `Restore in ${code(c.region)} from vault ${code(names.vault)}; if ${c.region} is lost, in ${code(c.drRegion)} from vault ${code(names.drVault)} (snapshot copies only; the platform must first be stood up there).\n\n`
    : `Restore in ${code(c.region)} from vault ${code(names.vault)} (no DR copies in ${c.name}).\n\n`;
  out += "1. **Find the latest backup.**\n\n```sh\n";
  out += `REGION=${c.region} VAULT=${names.vault}${b.crossRegionCopy ? `   # region lost: REGION=${c.drRegion} VAULT=${names.drVault}` : ""}\n`;
  for (const r of [db, uploads, configuration]) {
    out += `aws backup list-recovery-points-by-backup-vault --region "$REGION" --backup-vault-name "$VAULT" --by-resource-arn ${r.arn} \\\n`;
    out += `  --query 'reverse(sort_by(RecoveryPoints[?Status==\`COMPLETED\`], &CreationDate))[0].[RecoveryPointArn,CreationDate]' --output text\n`;
  }
  if (b.continuousBackup) out += `${describeDb} --query '${dbQuery}.LatestRestorableTime'   # continuous backup: restorable up to this second\n`;
  out += "```\n\n";
  out += "2. **Prepare the environment**: stop writes, note the database's network, fetch the restore parameters.\n\n```sh\n";
  out += `aws eks update-kubeconfig --region ${c.region} --name ${c.eks.clusterName}\n`;
  out += `kubectl -n ${c.eks.appNamespace} scale deployment --all --replicas=0\n`;
  out += `${describeDb} --query '${dbQuery}.[DBSubnetGroup${aurora ? "" : ".DBSubnetGroupName"},VpcSecurityGroups[].VpcSecurityGroupId]'\n`;
  for (const [file, r] of [["db", db], ["uploads", uploads], ["configuration", configuration]] as const) {
    out += `aws backup get-recovery-point-restore-metadata --region "$REGION" --backup-vault-name "$VAULT" --recovery-point-arn <${file} recovery point> > ${file}.json   # ${r.key}\n`;
  }
  out += "```\n\n";
  out += `   The keys need nothing: ${code(names.vaultKeyAlias)} and ${code(names.dataKeyAlias)} exist in ${b.crossRegionCopy ? "both regions" : code(c.region)} `;
  out += `(\`aws kms describe-key --region "$REGION" --key-id ${names.vaultKeyAlias}\`).\n\n`;
  out += "3. **Restore the data** into new resources (the originals stay untouched until the switch; in the DR region put the DR network's subnet group in the metadata):\n\n```sh\n";
  if (b.continuousBackup) {
    out += `# in ${c.region}, to a point in time (continuous backup):\n`;
    out += aurora
      ? `aws rds restore-db-cluster-to-point-in-time --region ${c.region} --source-db-cluster-identifier ${c.database.identifier} \\\n  --db-cluster-identifier ${restored} --restore-to-time <UTC time, or --use-latest-restorable-time> \\\n  --db-subnet-group-name <subnet group> --vpc-security-group-ids <security groups>\n`
      : `aws rds restore-db-instance-to-point-in-time --region ${c.region} --source-db-instance-identifier ${c.database.identifier} \\\n  --target-db-instance-identifier ${restored} --restore-time <UTC time, or --use-latest-restorable-time> \\\n  --db-subnet-group-name <subnet group> --vpc-security-group-ids <security groups>\n`;
    out += "# from a snapshot recovery point (any region):\n";
  }
  out += `aws backup start-restore-job --region "$REGION" --recovery-point-arn <db recovery point> --iam-role-arn ${role} \\\n`;
  out += `  --metadata "$(jq -c '.RestoreMetadata + {"${idKey}": "${restored}", "DBSubnetGroupName": "<subnet group>"}' db.json)"\n`;
  if (aurora) {
    out += "# AWS Backup and RDS restore an Aurora cluster without instances: add the writer\n";
    out += `aws rds create-db-instance --region "$REGION" --db-cluster-identifier ${restored} --db-instance-identifier ${restored}-1 \\\n  --engine aurora-postgresql --db-instance-class <class of the original writer>\n`;
  }
  for (const [file, purpose] of [["uploads", "uploads-restore"], ["configuration", "config-restore"]] as const) {
    // The naming helper throws when S3 would refuse the name in a region the restore may run in.
    for (const region of b.crossRegionCopy ? [c.region, c.drRegion] : [c.region]) bucketName(c, purpose, region);
    const target = `${bucketName(c, purpose).slice(0, -c.region.length)}$REGION`;
    out += `aws backup start-restore-job --region "$REGION" --recovery-point-arn <${file} recovery point> --iam-role-arn ${role} \\\n`;
    out += `  --metadata "$(jq -c --arg bucket "${target}" '.RestoreMetadata + {DestinationBucketName: $bucket, NewBucket: "true"}' ${file}.json)"\n`;
  }
  out += `aws backup describe-restore-job --region "$REGION" --restore-job-id <job id> --query '[Status,StatusMessage,CreatedResourceArn]'\n`;
  out += "```\n\n";
  out += "4. **Start the application** against the restored data:\n\n```sh\n";
  out += aurora
    ? `aws rds describe-db-clusters --region "$REGION" --db-cluster-identifier ${restored} --query 'DBClusters[0].Endpoint' --output text\n`
    : `aws rds describe-db-instances --region "$REGION" --db-instance-identifier ${restored} --query 'DBInstances[0].Endpoint.Address' --output text\n`;
  out += `# point the application at that endpoint and at the restored buckets (its settings live in ${names.configurationBucket}), then:\n`;
  out += `kubectl -n ${c.eks.appNamespace} scale deployment --all --replicas=${c.capacity.app.minReplicas}\n`;
  out += "```\n\n";
  out += `5. **Verify**: every restore job is \`COMPLETED\`; the application's health checks pass and ${grafanaUrl(c)} shows traffic without errors; `;
  out += `the newest rows and files are from the recovery point's time; the time since step 1 is within ${b.rtoHours} h (record it). `;
  out += `Then put the restored resources under backup: tag them ${code(`backup-tier=${RecoveryObjectives.fromConfig(b).tier}`)} (the tag selection picks them up) `;
  out += `and update \`database\` in \`config/environments/${c.name}.ts\`.\n\n`;
  return out;
}

export const backupDoc: DocGenerator = {
  path: "docs/backup-and-dr.md",
  render(environments) {
    let out = generatedHeader("config/environments/*.ts (backup, database) and constructs/backup/");
    out += "# Backup and disaster recovery\n\n";
    out += "AWS Backup protects the FX Trader database, uploaded files and configuration files; the encryption keys are\n";
    out += "multi-Region KMS keys with a replica in the DR region (B1). Everything here is rendered from the environment\n";
    out += "configs and the same value objects the `fx-trader-<env>-data` stacks are built from, so it cannot drift.\n\n";
    out += "## Objectives and schedules per environment (B2, B4)\n\n";
    out += objectivesTable(environments);
    out += "\nSchedules are AWS cron expressions in UTC. `BackupSchedule` parses each one and computes the largest gap between\n";
    out += "two consecutive runs over four calendar years; validation fails when the frequent rule's gap exceeds the RPO, when\n";
    out += "the daily full misses a day, or when the restore test is not weekly.\n\n";
    out += "## What is backed up, how and where (B1, B2)\n\n";
    out += markdownTable(
      ["item", "how", "when", "where"],
      [
        ["database (Aurora cluster)", "continuous backup (point-in-time recovery) + daily full snapshot", "continuously; snapshot copies on the frequent rule's schedule; daily full", "primary vault; snapshot copies in the DR vault"],
        ["uploaded files (S3)", "continuous backup + daily full; the bucket must be versioned", "as the database (one recovery set)", "as the database"],
        ["configuration files (S3)", "versioned bucket + continuous backup", "every change (each change is an object version)", "as the database"],
        ["encryption keys (KMS)", "multi-Region keys with a replica", "at creation", "primary region + replica in the DR region"],
      ],
    );
    out += "\nEach vault is encrypted with a customer key, locked (compliance mode in prod: nobody, including the root user, can\n";
    out += "shorten retention once the grace time has passed) and has an access policy that denies `backup:DeleteRecoveryPoint`,\n";
    out += "`backup:UpdateRecoveryPointLifecycle` and `backup:PutBackupVaultAccessPolicy` to every principal but the break-glass\n";
    out += "role. A change to that policy therefore has to be applied as the break-glass role.\n\n";
    out += "**What the RPO covers.** In the primary region the continuous backup restores to within minutes. In the DR region the\n";
    out += "newest copy is at most one frequent-rule interval old once its copy job has finished; start window and copy time add\n";
    out += "to that, and `BackupCopyJobFailed` pages when a copy fails.\n\n";
    out += "## Per environment\n\n";
    for (const c of environments) out += environmentSection(c);
    out += "## Failure alerts (alert catalog entries)\n\n";
    out += "Each signal is an EventBridge rule (the event, within about 5 minutes) and a CloudWatch alarm on the `AWS/Backup`\n";
    out += "metric by `BackupVaultName` (hourly sum ≥ 1, resolves by itself), both publishing to the environment's backup alert topic.\n\n";
    out += markdownTable(
      ["alert", "severity", "requirement", "event pattern", "metric", "environments", "meaning", "first response"],
      BACKUP_FAILURE_SIGNALS.map((s) => [
        code(s.alertName),
        s.severity,
        s.requirement,
        code(JSON.stringify(failureEventPattern(s))),
        code(s.metricName),
        environments.filter((c) => signalsFor(c).includes(s)).map((c) => c.name).join(", "),
        s.summary,
        s.action,
      ]),
    );
    out += "\n## Restore procedure (B5)\n\n";
    out += "Find the latest backup, prepare the environment, restore the data, start the application, verify. The quarterly DR\n";
    out += "drill (B3) runs this procedure in the DR region against the DR vault, into new resources, and records the time taken.\n\n";
    for (const c of environments) out += restoreProcedure(c);
    out += "## Prerequisites outside this stack\n\n";
    out += "- AWS Backup resource-type opt-in for Aurora, RDS and S3 in both regions, for the resources the tier tag selects:\n";
    out += "  AWS applies the opt-in only to tag-based assignments, so the resources listed by ARN above are backed up either\n";
    out += "  way. This program does not manage it: `aws_backup_region_settings` owns a region's whole opt-in map, which every\n";
    out += "  other AWS Backup user of the account shares. (The audit framework's AWS Config recording of `AWS::Backup::*` is\n";
    out += "  the account baseline's recorder, which records every supported resource type.)\n";
    out += "- Versioning on the uploaded-files bucket (AWS Backup for S3 requires it).\n";
    out += "- The break-glass role and the on-call endpoint key in the notification secret, named per environment above.\n";
    return out;
  },
};
