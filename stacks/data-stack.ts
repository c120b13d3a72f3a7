/**
 * Layer `data`: the environment's stateful resources (log buckets and log groups, backup vaults and
 * plans, keys). Changes here are rare and reviewed with extra care; they live apart from the releases
 * that change weekly so a routine plan never touches them.
 */
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/types";
import { BackupAndDr } from "../constructs/backup/backup-and-dr";
import { LogRetention } from "../constructs/logging/log-retention";
import { EnvironmentStack } from "./environment-stack";

export interface DataStackProps {
  readonly config: EnvironmentConfig;
}

export class DataStack extends EnvironmentStack {
  /** L1/L2: log key, log buckets, audit trail, flow logs, CloudWatch log groups. */
  readonly logging: LogRetention;
  /** B1–B5: keys, vaults, backup plan, restore testing, audit framework, failure alerts. */
  readonly backup: BackupAndDr;

  constructor(scope: Construct, props: DataStackProps) {
    super(scope, { config: props.config, layer: "data" });
    this.logging = new LogRetention(this, "logging", { config: props.config });
    this.backup = new BackupAndDr(this, "backup", { config: props.config, provider: this.aws, drProvider: this.awsDr, accessLogBucket: this.logging.buckets.access });
  }
}
