/**
 * The props of a component's object-storage bucket (Loki chunks and rules, Tempo traces) for the core
 * `SecureBucket`: named by purpose, encrypted with the storage key, logging its access into the environment's
 * access-log bucket, tagged with its purpose and the retention its lifecycle enforces.
 */
import type { EnvironmentConfig } from "../../config/types";
import type { PodIdentityEnvironment } from "./pod-identity-role";
import { BucketEncryption } from "../core/bucket-encryption";
import type { CustomerKey } from "../core/customer-key";
import { accessLogBucketName, bucketName } from "../core/naming";
import type { SecureBucketProps } from "../core/secure-bucket";
import { asLifecycleRules, type BucketLifecycle } from "./bucket-lifecycle";

export interface ObservabilityBucketOptions {
  /** Purpose in the bucket name, e.g. `loki-chunks`. */
  readonly purpose: string;
  readonly encryptionKey: CustomerKey;
  readonly lifecycle: BucketLifecycle;
  /**
   * Keep previous object versions. Off for chunk and trace data, whose retention is enforced by deleting
   * objects (a version history would keep deleted logs); on for configuration such as ruler rules.
   * @default false
   */
  readonly versioned?: boolean;
}

/** What an observability bucket reads of its environment: names (its own and the access-log bucket's) and protection. */
export type ObservabilityBucketEnvironment = Pick<EnvironmentConfig, "name" | "account" | "region" | "logRetention" | "protectStatefulResources">;

/**
 * What a component that keeps its data in object storage (Loki, Tempo) reads of its environment: what its
 * buckets and its pod role read, and the `observability` section for its chart values.
 */
export type ObjectStorageComponentEnvironment = ObservabilityBucketEnvironment & PodIdentityEnvironment & Pick<EnvironmentConfig, "observability">;

/** `SecureBucket` props of an observability bucket; its `retention-days` tag comes from the lifecycle it describes. */
export function observabilityBucketProps(config: ObservabilityBucketEnvironment, options: ObservabilityBucketOptions): SecureBucketProps {
  const { purpose, lifecycle } = options;
  const tags: Record<string, string> = { purpose };
  if (lifecycle.expirationDays !== undefined) tags["retention-days"] = String(lifecycle.expirationDays);
  return {
    bucketName: bucketName(config, purpose),
    accountId: config.account.id,
    encryption: BucketEncryption.kms(options.encryptionKey),
    lifecycle: asLifecycleRules(lifecycle),
    // The environment's access-log bucket lives in the data layer, so it is named, not referenced: the order comes
    // from the stack dependency (platform depends on data, `stacks/app.ts`), which applies the data layer first.
    serverAccessLogs: { targetBucketName: accessLogBucketName(config), prefix: `s3/${purpose}/` },
    versioned: options.versioned ?? false,
    tags,
    protect: config.protectStatefulResources,
  };
}
