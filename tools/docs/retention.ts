/** `docs/retention.md`: the log retention policy per environment (L1, L2, O1), from the retention table. */
import { STORAGE_CLASS_RULES, TRANSITION_STORAGE_CLASSES } from "../../config/log-storage";
import { cloudWatchLogGroups, logRetentionTable } from "../../config/retention-policy";
import type { EnvironmentConfig, StorageTransition } from "../../config/types";
import { ACCOUNTS } from "../../config/accounts";
import { accountBucketName, accountStackName, bucketName } from "../../constructs/core/naming";
import { EVIDENCE_OBJECT_LOCK, EVIDENCE_PREFIXES } from "../../constructs/security/security-baseline";
import { AuditTrail } from "../../constructs/logging/audit-trail";
import { logKeyAliasName } from "../../constructs/logging/log-encryption-key";
import {
  ACCESS_LOG_BUCKET_NOT_LOGGED,
  ACCESS_LOG_BUCKET_SSE_S3_JUSTIFICATION,
  LogRetentionBuckets,
} from "../../constructs/logging/log-retention-buckets";
import { ELB_ACCOUNT_REGIONS, ELB_LOG_DELIVERY_PRINCIPAL } from "../../constructs/logging/alb-log-delivery-principals";
import { generatedHeader, markdownTable, type DocGenerator } from "./types";

function transitions(list: readonly StorageTransition[]): string {
  return list.length === 0 ? "none (STANDARD until expiry)" : list.map((t) => `${t.storageClass} at ${t.days} d`).join(", ");
}

function kib(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

function environmentSection(config: EnvironmentConfig): string {
  const r = config.logRetention;
  const table = logRetentionTable(config);
  const access = bucketName(config, table.find((p) => p.logClass === "access")!.bucketPurpose);
  let out = `## ${config.name}\n\n`;
  out += `Policy level \`${config.policy}\`; account ${config.account.id} (${config.account.name}), region ${config.region}; `;
  out += `buckets and log groups encrypted with \`${logKeyAliasName(config)}\` (rotated yearly) except where noted; `;
  out += config.protectStatefulResources ? "buckets, key and log groups have `prevent_destroy`.\n\n" : "deletion protection off (dev only).\n\n";
  out += markdownTable(
    ["log class", "retention", "contains", "Loki `log_type`", "S3 bucket", `transitions (objects > ${kib(r.transitionMinObjectSizeBytes)})`, "Object Lock"],
    table.map((p) => [
      p.logClass,
      `${p.retentionDays} d`,
      p.contains,
      `\`${p.lokiLogType}\``,
      `\`${bucketName(config, p.bucketPurpose)}\``,
      transitions(p.transitions),
      p.objectLock ? `${p.objectLock.mode}, ${p.objectLock.days} d` : "—",
    ]),
  );
  out += "\n";
  out += markdownTable(
    ["CloudWatch log group", "retention", "log classes", "contains"],
    cloudWatchLogGroups(config).map((g) => [`\`${g.name}\``, `${g.retentionDays} d`, g.classes.join(", "), g.contains]),
  );
  out += "\n";
  out += `Every bucket deletes noncurrent object versions ${r.noncurrentVersionDays} d after they become noncurrent and aborts `;
  out += `incomplete multipart uploads after ${r.abortIncompleteUploadDays} d.\n\n`;
  out += "Delivery:\n\n";
  out += `- ALB access logs: set the load balancer's \`access_logs\` to bucket \`${access}\`, prefix \`${LogRetentionBuckets.ALB_LOG_PREFIX}\`. `;
  out += ELB_ACCOUNT_REGIONS.includes(config.region)
    ? `The bucket policy grants \`${ELB_LOG_DELIVERY_PRINCIPAL}\` and ${config.region}'s Elastic Load Balancing account.\n`
    : `The bucket policy grants \`${ELB_LOG_DELIVERY_PRINCIPAL}\`.\n`;
  out += cloudTrailLine(config);
  out += `- VPC flow logs: all traffic of the VPC of EKS cluster \`${config.eks.clusterName}\` to `;
  out += `\`${bucketName(config, table.find((p) => p.logClass === "infrastructure")!.bucketPurpose)}\`.\n`;
  out += `- S3 server access logs of the other log buckets: \`${access}\` under \`s3/<bucket purpose>/\`.\n\n`;
  return out;
}

/** The account's one trail (account stack): where its log files and its CloudWatch Logs copy are kept. */
function cloudTrailLine(config: EnvironmentConfig): string {
  const account = ACCOUNTS[config.account.name];
  if (account === undefined) return "";
  const evidence = accountBucketName(account, account.region, "evidence");
  let out = `- CloudTrail: the account's one trail \`${AuditTrail.trailName(account)}\` (stack \`${accountStackName(account.name)}\`; all regions, global service events, `;
  out += `log file validation) writes to \`${evidence}\` under \`${EVIDENCE_PREFIXES.cloudTrail}/\` (kept ${account.security.evidence.retentionDays} d, `;
  out += `Object Lock ${EVIDENCE_OBJECT_LOCK.mode} ${EVIDENCE_OBJECT_LOCK.days} d) and to log group \`${AuditTrail.logGroupName(account)}\` `;
  out += `(${account.security.trail.cloudWatchLogsRetentionDays} d, KMS), which the CIS metric filters read.\n`;
  return out;
}

export const retentionDoc: DocGenerator = {
  path: "docs/retention.md",
  render(environments) {
    let out = generatedHeader("config/retention-policy.ts and config/environments/");
    out += "# Log retention\n\n";
    out += "How long each kind of log (L1) is kept, where, and how (L2). One retention table per environment\n";
    out += "(`logRetentionTable` in `config/retention-policy.ts`) sets the S3 log buckets' lifecycle rules, the CloudWatch\n";
    out += "log groups' retention, Loki's per-stream retention (`log_type` label) and this page, so they cannot disagree.\n";
    out += "Validation (`config/validation/log-retention.ts`) rejects a retention CloudWatch does not accept, a transition\n";
    out += "at or after expiry or earlier than its storage class's minimum duration, an audit retention under 365 days\n";
    out += "in staging or prod, and Object Lock governance mode outside dev.\n\n";
    out += "Retention counts from object creation. The buckets are versioned: at expiry S3 turns the current version into a\n";
    out += "noncurrent one (behind a delete marker) and deletes it after the noncurrent-version period, so a log is gone at\n";
    out += "most that many days after its retention (plus S3's lifecycle scheduling, about a day). Object Lock keeps each\n";
    out += "audit-log version undeletable and unchangeable for the lock period; in COMPLIANCE mode not even the account root\n";
    out += "can shorten it.\n\n";
    for (const config of environments) out += environmentSection(config);
    out += "## Every log bucket\n\n";
    out += "- Default encryption SSE-KMS with the environment's rotating customer key and an S3 Bucket Key; public access\n";
    out += "  blocked; ACLs disabled (`BucketOwnerEnforced`); a bucket policy denying any request without TLS\n";
    out += "  (`aws:SecureTransport` = false); versioning; the lifecycle above; S3 server access logs delivered to the\n";
    out += "  access-log bucket.\n";
    out += `- Exception — the access-log bucket uses SSE-S3: ${ACCESS_LOG_BUCKET_SSE_S3_JUSTIFICATION}.\n`;
    out += `  It does not log its own access: ${ACCESS_LOG_BUCKET_NOT_LOGGED}.\n`;
    out += "- ALB log delivery principal: regions opened from August 2022 accept only the service principal\n";
    out += `  \`${ELB_LOG_DELIVERY_PRINCIPAL}\`; older regions (ap-northeast-1 among them) were documented with the region's\n`;
    out += "  Elastic Load Balancing account, and AWS now recommends the service principal there too. The policy grants the\n";
    out += "  service principal everywhere and, in the older regions, also the region's account (from the provider's\n";
    out += "  `aws_elb_service_account`), so delivery works whichever form the region honours.\n";
    out += "- The EKS control-plane log group is created by this program so it has a retention and a key; if the cluster\n";
    out += "  already sends control-plane logs, import the existing group (`terraform import`) before the first apply. It\n";
    out += "  holds the Kubernetes audit log when the cluster enables that log type, so it keeps the longer of the\n";
    out += "  infrastructure and audit retentions.\n\n";
    out += "## Storage class rules the transitions respect\n\n";
    out += "Transitions apply only to objects larger than the environment's minimum size (at least 128 KiB): smaller objects\n";
    out += "are billed as 128 KiB in the infrequent-access classes and cost more to move than they save.\n\n";
    out += markdownTable(
      ["storage class", "earliest transition (days after creation)", "minimum storage (days)", "minimum billable size", "may move on to"],
      TRANSITION_STORAGE_CLASSES.map((c) => {
        const rules = STORAGE_CLASS_RULES[c];
        return [c, String(rules.minDaysAfterCreation), String(rules.minStorageDays), rules.minBillableObjectBytes > 0 ? kib(rules.minBillableObjectBytes) : "—", rules.next.join(", ") || "—"];
      }),
    );
    return out;
  },
};
