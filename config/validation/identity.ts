/** Account, region, naming and existing-resource references. */
import { ACCOUNTS } from "../accounts";
import type { EnvironmentConfig } from "../types";
import type { ConfigChecker } from "./checker";
import { checkRegion } from "./registry";

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const SHORT_NAME = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;

export function checkIdentity(c: EnvironmentConfig, v: ConfigChecker): void {
  v.pattern("account.id", c.account.id, /^\d{12}$/, "a 12-digit AWS account ID");
  const account = ACCOUNTS[c.account.name];
  v.require(account !== undefined, "account.name", c.account.name, `must be one of the accounts in config/accounts.ts: ${Object.keys(ACCOUNTS).join(", ")}`);
  // An account whose own ID is malformed is reported once, against config/accounts.ts (registry.ts).
  if (account !== undefined && /^\d{12}$/.test(account.id)) {
    v.require(account.id === c.account.id, "account.id", c.account.id, `must equal the ID of account ${account.name} in config/accounts.ts (${account.id})`);
  }
  checkRegion(v, "region", c.region);
  checkRegion(v, "drRegion", c.drRegion);
  v.require(c.drRegion !== c.region, "drRegion", c.drRegion, `must differ from region (${c.region}) so a region loss spares the copies`);
  v.pattern("owner", c.owner, SHORT_NAME, "lowercase letters, digits and '-', 3–32 characters");
  v.pattern("costCentre", c.costCentre, SHORT_NAME, "lowercase letters, digits and '-', 3–32 characters");
  v.pattern("dnsDomain", c.dnsDomain, DNS_NAME, "a lowercase DNS domain name");
  v.pattern("stateBackend.bucket", c.stateBackend.bucket, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "a valid S3 bucket name");
  checkRegion(v, "stateBackend.region", c.stateBackend.region);
  v.pattern("stateBackend.kmsKeyId", c.stateBackend.kmsKeyId, /^(alias\/[\w/-]+|arn:aws:kms:.+)$/, "a KMS key alias (alias/...) or ARN");
  v.pattern("eks.clusterName", c.eks.clusterName, /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, "an EKS cluster name (1–100 letters, digits, '-' or '_')");
  for (const key of ["monitoringNamespace", "appNamespace"] as const) {
    v.pattern(`eks.${key}`, c.eks[key], /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "a Kubernetes namespace name (RFC 1123 label)");
  }
  v.pattern("eks.kubernetesVersion", c.eks.kubernetesVersion, /^1\.\d{2}$/, "a Kubernetes minor version such as 1.33 (the EKS cluster's version)");
  v.oneOf("database.engine", c.database.engine, ["aurora-postgresql", "postgres"] as const);
  v.pattern("database.identifier", c.database.identifier, /^[a-z][a-z0-9-]{0,62}$/, "an RDS identifier (lowercase, starts with a letter, ≤ 63)");
  v.pattern("cache.replicationGroupId", c.cache.replicationGroupId, /^[a-z][a-z0-9-]{0,39}$/, "an ElastiCache replication group ID (≤ 40)");
  v.oneOf("policy", c.policy, ["guide", "relaxed"] as const);
  if (c.name !== "dev") {
    v.require(c.policy === "guide", "policy", c.policy, `must be "guide" in ${c.name}: only dev may relax the operations guide`);
    v.require(c.protectStatefulResources, "protectStatefulResources", c.protectStatefulResources, `must be true in ${c.name}: stateful resources are protected from destruction outside dev`);
  }
}
