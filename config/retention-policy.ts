/**
 * The log retention policy table (L1, L2): one row per log class, computed from an environment's config.
 * It drives the S3 log buckets' lifecycle rules, the CloudWatch log groups, Loki's per-stream retention and
 * `docs/retention.md`, so those cannot disagree.
 */
import type { EnvironmentConfig, LogRetentionConfig, StorageTransition } from "./types";

export const LOG_CLASSES = ["application", "access", "audit", "infrastructure"] as const;
export type LogClass = (typeof LOG_CLASSES)[number];

/** Object Lock default retention of a log class's bucket: every object version is immutable this long. */
export interface ObjectLockPolicy {
  readonly mode: LogRetentionConfig["auditObjectLockMode"];
  readonly days: number;
}

export interface LogClassPolicy {
  readonly logClass: LogClass;
  /** Days a log of this class is kept, everywhere it is stored. */
  readonly retentionDays: number;
  /** Value of the `log_type` label Alloy sets and Loki's `retention_stream` selects on. */
  readonly lokiLogType: string;
  /** What the class contains (L1). */
  readonly contains: string;
  /** Purpose part of the class's S3 bucket name (`fx-trader-<env>-<purpose>-<account>-<region>`). */
  readonly bucketPurpose: string;
  /** Cost transitions of the class's bucket, ascending by days (empty: STANDARD until expiry). */
  readonly transitions: readonly StorageTransition[];
  /** Object Lock of the class's bucket, for classes whose logs must be immutable (audit). */
  readonly objectLock?: ObjectLockPolicy;
}

/** The environment's retention table, in a fixed order. */
export function logRetentionTable(config: Pick<EnvironmentConfig, "logRetention">): readonly LogClassPolicy[] {
  const r = config.logRetention;
  return [
    { logClass: "application", retentionDays: r.applicationDays, lokiLogType: "application", contains: "application error and performance logs (JSON, with a level label)", bucketPurpose: "app-logs", transitions: r.transitions.application },
    { logClass: "access", retentionDays: r.accessDays, lokiLogType: "access", contains: "HTTP access logs of the application and ALB/CloudFront access logs", bucketPurpose: "access-logs", transitions: r.transitions.access },
    {
      logClass: "audit",
      retentionDays: r.auditDays,
      lokiLogType: "audit",
      contains: "audit trail: Kubernetes audit, application audit events (CloudTrail: the account's trail, in the account's evidence bucket)",
      bucketPurpose: "audit-logs",
      transitions: r.transitions.audit,
      objectLock: { mode: r.auditObjectLockMode, days: r.auditDays },
    },
    { logClass: "infrastructure", retentionDays: r.infrastructureDays, lokiLogType: "infrastructure", contains: "container, orchestration-layer (EKS control plane) and network (VPC flow) logs", bucketPurpose: "network-logs", transitions: r.transitions.infrastructure },
  ];
}

/** The table's row for one log class. */
export function logClassPolicy(config: Pick<EnvironmentConfig, "logRetention">, logClass: LogClass): LogClassPolicy {
  return logRetentionTable(config).find((p) => p.logClass === logClass)!;
}

/** A CloudWatch log group kept under the table's retention. */
export interface CloudWatchLogGroupPolicy {
  /** Stable identifier (construct ID), e.g. `eks-control-plane`. */
  readonly id: string;
  /** Log group name (fixed by the AWS service that writes it). */
  readonly name: string;
  /** The log classes the group receives; each class's retention must be one CloudWatch accepts. */
  readonly classes: readonly LogClass[];
  /** The longest retention of its classes: a group holding several classes keeps each one long enough. */
  readonly retentionDays: number;
  readonly contains: string;
}

/**
 * The CloudWatch log groups this program creates. The EKS control-plane group receives the orchestration
 * layer's logs (infrastructure) and, when the cluster enables the `audit` log type, the Kubernetes audit
 * log (audit); one group has one retention, so it keeps the longer of the two.
 */
export function cloudWatchLogGroups(config: Pick<EnvironmentConfig, "logRetention" | "eks">): readonly CloudWatchLogGroupPolicy[] {
  const table = logRetentionTable(config);
  const group = (id: string, name: string, classes: readonly LogClass[], contains: string): CloudWatchLogGroupPolicy => ({
    id,
    name,
    classes,
    retentionDays: Math.max(...classes.map((c) => table.find((p) => p.logClass === c)!.retentionDays)),
    contains,
  });
  return [
    group(
      "eks-control-plane",
      `/aws/eks/${config.eks.clusterName}/cluster`,
      ["infrastructure", "audit"],
      "EKS control plane: api, audit, authenticator, controllerManager, scheduler (the log types the cluster enables)",
    ),
  ];
}
