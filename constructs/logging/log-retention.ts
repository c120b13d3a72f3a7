/**
 * Facade for an environment's log retention (L1, L2): the log key, the four log buckets, VPC flow logs and the
 * CloudWatch log groups, all driven by the retention table (`config/retention-policy.ts`). It composes and
 * delegates; each part is its own construct. The CloudTrail trail is the account's (one per AWS account, in
 * the account stack: `constructs/logging/audit-trail.ts`), not the environment's.
 */
import { Construct } from "constructs";
import { cloudWatchLogGroups, logRetentionTable } from "../../config/retention-policy";
import type { EnvironmentConfig } from "../../config/types";
import { CustomerKey } from "../core/customer-key";
import { SummaryNote } from "../core/summary-note";
import { ControlPlaneLogGroups } from "./control-plane-log-groups";
import { logKeyProps } from "./log-encryption-key";
import { LogRetentionBuckets } from "./log-retention-buckets";
import { VpcFlowLogs } from "./vpc-flow-logs";

export interface LogRetentionProps {
  readonly config: EnvironmentConfig;
}

/** The summary line for an environment, e.g. "application 30 d, access 90 d, audit 365 d (object lock COMPLIANCE 365 d), infrastructure 30 d". */
export function retentionSummary(config: EnvironmentConfig): string {
  return logRetentionTable(config)
    .map((p) => `${p.logClass} ${p.retentionDays} d${p.objectLock ? ` (object lock ${p.objectLock.mode} ${p.objectLock.days} d)` : ""}`)
    .join(", ");
}

export class LogRetention extends Construct {
  readonly key: CustomerKey;
  readonly buckets: LogRetentionBuckets;
  readonly flowLogs: VpcFlowLogs;
  readonly logGroups: ControlPlaneLogGroups;

  constructor(scope: Construct, id: string, props: LogRetentionProps) {
    super(scope, id);
    const { config } = props;
    this.key = new CustomerKey(this, "key", logKeyProps(config));
    this.buckets = new LogRetentionBuckets(this, "buckets", { config, key: this.key });
    this.flowLogs = new VpcFlowLogs(this, "vpc-flow-logs", { config, bucket: this.buckets.network, key: this.key });
    this.logGroups = new ControlPlaneLogGroups(this, "log-groups", { config, key: this.key });

    new SummaryNote(this, "retention-note", { topic: "retention", text: retentionSummary(config) });
    const groups = cloudWatchLogGroups(config).map((g) => `${g.name} ${g.retentionDays} d`).join(", ");
    new SummaryNote(this, "log-groups-note", { topic: "log groups", text: `${groups} (KMS)` });
    const sseS3 = logRetentionTable(config).filter((p) => this.buckets.byClass[p.logClass].encryption.sseAlgorithm === "AES256");
    new SummaryNote(this, "encryption-note", {
      topic: "log encryption",
      text:
        `SSE-KMS (rotating key ${this.key.aliasName}) on ${this.buckets.all.length - sseS3.length} buckets` +
        sseS3.map((p) => `; SSE-S3 on ${p.bucketPurpose}: ${this.buckets.byClass[p.logClass].encryption.justification}`).join(""),
    });
  }
}
