/**
 * Where a bucket's S3 server access logs go: another bucket of the same stack (which then grants the delivery
 * in its own policy), a bucket of another stack by name (whose policy is that stack's business), or nowhere,
 * with a written reason (recorded as a CKV_AWS_18 waiver).
 */

/**
 * A bucket of this stack that receives server access logs: `SecureBucket` is one. A structural type rather than
 * `SecureBucket` itself, so that this module and secure-bucket.ts do not import each other.
 */
export interface ServerAccessLogTarget {
  readonly bucket: { readonly id: string };
  /** Grants S3 the delivery of `sourceArn`'s access logs under `prefix`. */
  acceptServerAccessLogsFrom(sourceArn: string, prefix: string): void;
}

/** Log object keys as S3 writes them: flat under the prefix, or partitioned by the event's date. */
interface LogKeys {
  /** Key prefix in the target bucket; ends with `/`. */
  readonly prefix: string;
  /**
   * Partition log object keys by event date (`[prefix][account]/[region]/[bucket]/[yyyy]/[mm]/[dd]/…`),
   * which lets Athena prune by date.
   * @default false (S3's simple prefix format)
   */
  readonly partitionedByEventTime?: boolean;
}

export type ServerAccessLogs =
  /** A bucket of this stack, which adds a delivery grant for this bucket and prefix to its policy. */
  | (LogKeys & { readonly target: ServerAccessLogTarget })
  /** A bucket of another stack, by its physical name (from the naming helper). */
  | (LogKeys & { readonly targetBucketName: string })
  /** No access logging, and why (at least 20 characters: a reason, not a placeholder). */
  | { readonly disabledBecause: string };
