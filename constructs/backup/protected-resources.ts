/**
 * What is backed up (B1): the database, the uploaded-files bucket and the configuration bucket, with the
 * ARNs built from config. Encryption keys are the fourth item; they are not recovery points but
 * multi-Region keys with a replica in the DR region (see `BackupKeys`).
 */
import type { EnvironmentConfig } from "../../config/types";
import { backupNames } from "./backup-names";

/** AWS Backup's resource type names, as used by restore testing selections and audit scopes. */
export type BackupResourceType = "Aurora" | "RDS" | "S3";

export interface ProtectedResource {
  /** Stable key, used in construct IDs and docs. */
  readonly key: "database" | "uploads" | "configuration";
  readonly description: string;
  readonly arn: string;
  readonly resourceType: BackupResourceType;
  /** Whether the weekly restore test (B3) picks recovery points of this resource. */
  readonly restoreTested: boolean;
  /** Whether this program creates the resource (and can tag it) or it already exists. */
  readonly managedHere: boolean;
}

/** ARN of the database: an Aurora cluster or an RDS instance. */
export function databaseArn(config: Pick<EnvironmentConfig, "database" | "region" | "account">): string {
  const kind = config.database.engine === "aurora-postgresql" ? "cluster" : "db";
  return `arn:aws:rds:${config.region}:${config.account.id}:${kind}:${config.database.identifier}`;
}

/** AWS Backup resource type of the database. */
export function databaseResourceType(config: Pick<EnvironmentConfig, "database">): BackupResourceType {
  return config.database.engine === "aurora-postgresql" ? "Aurora" : "RDS";
}

/** The resources the backup plan selects by ARN, in a fixed order. */
export function protectedResources(config: EnvironmentConfig): readonly ProtectedResource[] {
  const names = backupNames(config);
  return [
    {
      key: "database",
      description: `${config.database.engine} ${config.database.engine === "aurora-postgresql" ? "cluster" : "instance"} \`${config.database.identifier}\``,
      arn: databaseArn(config),
      resourceType: databaseResourceType(config),
      restoreTested: true,
      managedHere: false,
    },
    {
      key: "uploads",
      description: `uploaded-files bucket \`${config.database.uploadsBucketName}\``,
      arn: `arn:aws:s3:::${config.database.uploadsBucketName}`,
      resourceType: "S3",
      restoreTested: true,
      managedHere: false,
    },
    {
      key: "configuration",
      description: `configuration bucket \`${names.configurationBucket}\``,
      arn: `arn:aws:s3:::${names.configurationBucket}`,
      resourceType: "S3",
      restoreTested: false,
      managedHere: true,
    },
  ];
}
