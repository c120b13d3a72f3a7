/**
 * The AWS Config managed rules of the audit items (S1, S2), as data: identifier, trigger type (which decides
 * whether `maximum_execution_frequency` and a scope apply) and parameters computed from the account config,
 * so the Config rule checks the same password policy the account enforces.
 */
import type { AccountSecurityConfig } from "../../config/types";

/** AWS's trigger type of a managed rule: periodic rules take a frequency, change-triggered ones a scope, hybrid both. */
export type ManagedRuleTrigger = "periodic" | "change" | "hybrid";

/** One AWS Config managed rule of the baseline. */
export interface ManagedRuleSpec {
  /** The managed rule's source identifier, e.g. `IAM_PASSWORD_POLICY`. */
  readonly identifier: string;
  /** Short name (suffix of the Config rule name), e.g. `iam-password-policy`. */
  readonly name: string;
  readonly requirement: "S1" | "S2" | "S3";
  /** What a non-compliant result means, for docs/security.md. */
  readonly checks: string;
  readonly trigger: ManagedRuleTrigger;
  /** Resource types a change triggers evaluation for (change and hybrid rules). */
  readonly resourceTypes?: readonly string[];
  /** Rule parameters (strings, as the API takes them). */
  readonly parameters?: Readonly<Record<string, string>>;
}

/** The managed rules for an account's security config, in a fixed order. */
export function managedRules(security: AccountSecurityConfig): readonly ManagedRuleSpec[] {
  const p = security.passwordPolicy;
  const c = security.config;
  const sg = ["AWS::EC2::SecurityGroup"];
  const s3 = ["AWS::S3::Bucket"];
  return [
    {
      identifier: "IAM_PASSWORD_POLICY",
      name: "iam-password-policy",
      requirement: "S1",
      checks: "the account password policy meets the configured (CIS) requirements",
      trigger: "periodic",
      parameters: {
        MaxPasswordAge: String(p.maxAgeDays),
        MinimumPasswordLength: String(p.minimumLength),
        PasswordReusePrevention: String(p.reusePrevention),
        RequireLowercaseCharacters: String(p.requireLowercase),
        RequireNumbers: String(p.requireNumbers),
        RequireSymbols: String(p.requireSymbols),
        RequireUppercaseCharacters: String(p.requireUppercase),
      },
    },
    {
      identifier: "IAM_USER_UNUSED_CREDENTIALS_CHECK",
      name: "iam-user-unused-credentials-check",
      requirement: "S1",
      checks: `IAM users have no password or access key unused for ${c.unusedCredentialsMaxAgeDays} days`,
      trigger: "periodic",
      parameters: { maxCredentialUsageAge: String(c.unusedCredentialsMaxAgeDays) },
    },
    {
      identifier: "ROOT_ACCOUNT_MFA_ENABLED",
      name: "root-account-mfa-enabled",
      requirement: "S1",
      checks: "the root user has MFA",
      trigger: "periodic",
    },
    {
      identifier: "INCOMING_SSH_DISABLED",
      name: "restricted-ssh",
      requirement: "S2",
      checks: "no security group allows SSH (22) from 0.0.0.0/0 or ::/0",
      trigger: "hybrid",
      resourceTypes: sg,
    },
    {
      identifier: "RESTRICTED_INCOMING_TRAFFIC",
      name: "restricted-common-ports",
      requirement: "S2",
      checks: `no security group allows TCP ${c.blockedPublicTcpPorts.join(", ")} from the internet`,
      trigger: "hybrid",
      resourceTypes: sg,
      parameters: Object.fromEntries(c.blockedPublicTcpPorts.map((port, i) => [`blockedPort${i + 1}`, String(port)])),
    },
    {
      identifier: "VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS",
      name: "vpc-sg-open-only-to-authorized-ports",
      requirement: "S2",
      checks: `security groups open to the internet open only TCP ${c.authorizedPublicTcpPorts.join(", ")}`,
      trigger: "hybrid",
      resourceTypes: sg,
      parameters: { authorizedTcpPorts: c.authorizedPublicTcpPorts.join(",") },
    },
    {
      identifier: "S3_BUCKET_PUBLIC_READ_PROHIBITED",
      name: "s3-bucket-public-read-prohibited",
      requirement: "S2",
      checks: "no bucket allows public reads (block public access, policy, ACL)",
      trigger: "hybrid",
      resourceTypes: s3,
    },
    {
      identifier: "S3_BUCKET_PUBLIC_WRITE_PROHIBITED",
      name: "s3-bucket-public-write-prohibited",
      requirement: "S2",
      checks: "no bucket allows public writes",
      trigger: "hybrid",
      resourceTypes: s3,
    },
    {
      identifier: "S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC",
      name: "s3-account-level-public-access-blocks-periodic",
      requirement: "S2",
      checks: "the account-level S3 public access block has all four settings on",
      trigger: "periodic",
    },
    {
      identifier: "ENCRYPTED_VOLUMES",
      name: "encrypted-volumes",
      requirement: "S2",
      checks: "attached EBS volumes are encrypted",
      trigger: "change",
      resourceTypes: ["AWS::EC2::Volume"],
    },
    {
      identifier: "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED",
      name: "s3-bucket-server-side-encryption-enabled",
      requirement: "S2",
      checks: "every bucket has default encryption",
      trigger: "change",
      resourceTypes: s3,
    },
  ];
}
