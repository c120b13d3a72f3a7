/**
 * L2, S6: the application's audit stream, written once more to the environment's Object-Locked audit bucket.
 * Loki keeps it searchable for a year, but Loki's chunks bucket is neither versioned nor locked and Loki may
 * delete; the audit bucket's Object Lock (the retention table's mode, 365 days) makes the copy write-once.
 *
 * The pipeline piece Alloy's configuration composes: lines already labelled `log_type=audit` leave
 * `loki.process "pod_logs"` for this branch too, which keeps only them, converts them to OpenTelemetry logs
 * (`otelcol.receiver.loki`) and writes them as OTLP JSON objects with `otelcol.exporter.awss3` under
 * `<prefix>/year=…/month=…/day=…/hour=…/minute=…`. That exporter is experimental in Alloy (chart 1.11.1 runs Alloy
 * v1.18.1), so Alloy runs with `--stability.level=experimental` (`AUDIT_ARCHIVE_STABILITY_LEVEL`). The only
 * generally-available alternative, a Firehose delivery stream, has no Alloy exporter at all.
 *
 * Alloy's pod role may put objects under the prefix and use the log key for that, nothing else: no read,
 * no delete, no other bucket.
 */
import type { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { DataAwsKmsAlias } from "@cdktf/provider-aws/lib/data-aws-kms-alias";
import { Construct } from "constructs";
import { logClassPolicy } from "../../config/retention-policy";
import type { EnvironmentConfig } from "../../config/types";
import { logKeyAliasName } from "../logging/log-encryption-key";
import { bucketName } from "../core/naming";
import { RELEASE_NAMES } from "./endpoints";
import { LOG_TYPE_LABEL } from "./loki-retention";
import { PodIdentityRole, type PodIdentityEnvironment } from "./pod-identity-role";
import { allow } from "../core/policy-statements";
import { keyUse } from "./policy-statement";
import { block, expr, type AlloyBlock } from "./private/alloy-syntax";

/** Key prefix of the application's audit events in the audit bucket (CloudTrail writes under `AWSLogs/`). */
export const AUDIT_ARCHIVE_PREFIX = "application-audit";

/** Alloy's `stabilityLevel` chart value the archive needs (`otelcol.exporter.awss3` is experimental). */
export const AUDIT_ARCHIVE_STABILITY_LEVEL = "experimental";

/** Where the application's audit events are archived. */
export function auditArchiveTarget(config: Pick<EnvironmentConfig, "name" | "account" | "region" | "logRetention">): { readonly bucket: string; readonly prefix: string; readonly region: string; readonly lockDays: number } {
  const audit = logClassPolicy(config, "audit");
  return { bucket: bucketName(config, audit.bucketPurpose), prefix: AUDIT_ARCHIVE_PREFIX, region: config.region, lockDays: audit.objectLock!.days };
}

/** The receiver `loki.process "pod_logs"` forwards to, besides `loki.write`. */
export const AUDIT_ARCHIVE_RECEIVER = expr("loki.process.audit_archive.receiver");

/** The archive's Alloy components: keep audit lines, convert to OTel logs, batch, write to S3. */
export function auditArchiveBlocks(config: Pick<EnvironmentConfig, "name" | "account" | "region" | "logRetention">): AlloyBlock[] {
  const target = auditArchiveTarget(config);
  const auditType = logClassPolicy(config, "audit").lokiLogType;
  return [
    block(
      "loki.process",
      "audit_archive",
      { forward_to: [expr("otelcol.receiver.loki.audit_archive.receiver")] },
      block("stage.match", undefined, { selector: `{${LOG_TYPE_LABEL}!=${JSON.stringify(auditType)}}`, action: "drop", drop_counter_reason: "not_audit" }),
    ),
    block("otelcol.receiver.loki", "audit_archive", {}, block("output", undefined, { logs: [expr("otelcol.processor.batch.audit_archive.input")] })),
    block("otelcol.processor.batch", "audit_archive", {}, block("output", undefined, { logs: [expr("otelcol.exporter.awss3.audit_archive.input")] })),
    block(
      "otelcol.exporter.awss3",
      "audit_archive",
      {},
      block("s3_uploader", undefined, { region: target.region, s3_bucket: target.bucket, s3_prefix: target.prefix, compression: "gzip" }),
      block("marshaler", undefined, { type: "otlp_json" }),
    ),
  ];
}

export interface AuditArchiveRoleProps {
  readonly config: PodIdentityEnvironment & Pick<EnvironmentConfig, "region" | "logRetention">;
  readonly cluster: DataAwsEksCluster;
  readonly namespace: string;
}

/** Alloy's pod role: `s3:PutObject` under the archive prefix of the audit bucket, and the log key to encrypt. */
export class AuditArchiveRole extends Construct {
  readonly role: PodIdentityRole;

  constructor(scope: Construct, id: string, props: AuditArchiveRoleProps) {
    super(scope, id);
    const { config } = props;
    const target = auditArchiveTarget(config);
    // The log key lives in the data stack; its alias is fixed by the naming convention.
    const logKey = new DataAwsKmsAlias(this, "log-key", { name: logKeyAliasName(config) });
    this.role = new PodIdentityRole(this, "role", {
      config,
      cluster: props.cluster,
      name: "alloy-audit-archive",
      namespace: props.namespace,
      serviceAccount: RELEASE_NAMES.alloy,
      statements: [
        allow("PutAuditEvents", ["s3:PutObject"], [`arn:aws:s3:::${target.bucket}/${target.prefix}/*`]),
        keyUse(logKey.targetKeyArn),
      ],
    });
  }
}
