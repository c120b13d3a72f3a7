/**
 * The log retention policy table (L1, L2): one row per log class, computed from an environment's config.
 * It drives the S3 log buckets' lifecycle rules, the CloudWatch log groups, Loki's per-stream retention and
 * `docs/retention.md`, so those cannot disagree.
 */
import type { EnvironmentConfig } from "./types";

export const LOG_CLASSES = ["application", "access", "audit", "infrastructure"] as const;
export type LogClass = (typeof LOG_CLASSES)[number];

export interface LogClassPolicy {
  readonly logClass: LogClass;
  /** Days a log of this class is kept, everywhere it is stored. */
  readonly retentionDays: number;
  /** Value of the `log_type` label Alloy sets and Loki's `retention_stream` selects on. */
  readonly lokiLogType: string;
  /** What the class contains (L1). */
  readonly contains: string;
}

/** The environment's retention table, in a fixed order. */
export function logRetentionTable(config: Pick<EnvironmentConfig, "logRetention">): readonly LogClassPolicy[] {
  const r = config.logRetention;
  return [
    { logClass: "application", retentionDays: r.applicationDays, lokiLogType: "application", contains: "application error and performance logs (JSON, with a level label)" },
    { logClass: "access", retentionDays: r.accessDays, lokiLogType: "access", contains: "HTTP access logs of the application and ALB/CloudFront access logs" },
    { logClass: "audit", retentionDays: r.auditDays, lokiLogType: "audit", contains: "audit trail: CloudTrail, Kubernetes audit, application audit events" },
    { logClass: "infrastructure", retentionDays: r.infrastructureDays, lokiLogType: "infrastructure", contains: "container, orchestration-layer (EKS control plane) and network (VPC flow) logs" },
  ];
}
