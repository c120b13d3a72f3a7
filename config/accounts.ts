/**
 * AWS accounts and their account-wide settings. The account baseline stack is built from this alone,
 * so its output does not depend on which environments are selected.
 */
import { CIS, GUIDE } from "./policy";
import type { AccountSecurityConfig, AwsAccount, StateBackendConfig } from "./types";

export interface AccountConfig extends AwsAccount {
  /** Region of account-wide regional services (Config recorder, GuardDuty, Security Hub, Access Analyzer). */
  readonly region: string;
  /**
   * The disaster-recovery region of the account's environments: GuardDuty, Config, Security Hub and Inspector
   * run there too (every region the environments use). Each environment's `drRegion` must equal it.
   */
  readonly drRegion: string;
  readonly stateBackend: StateBackendConfig;
  readonly owner: string;
  readonly costCentre: string;
  /** S1–S4: the account's security baseline (password policy, analyzers, Config, GuardDuty, Inspector, Security Hub, audit cadence). */
  readonly security: AccountSecurityConfig;
}

const STATE_KEY = "alias/fx-trader-tfstate";

/** The baseline every account starts from: CIS values, the audit items' Config rules, S4's cadence. */
export const BASELINE_SECURITY: AccountSecurityConfig = {
  passwordPolicy: {
    minimumLength: CIS.passwordPolicy.minimumLength,
    requireLowercase: true,
    requireUppercase: true,
    requireNumbers: true,
    requireSymbols: true,
    reusePrevention: CIS.passwordPolicy.reusePrevention,
    maxAgeDays: CIS.passwordPolicy.maxAgeDays,
  },
  unusedAccessAgeDays: 90,
  config: {
    ruleFrequency: "TwentyFour_Hours",
    snapshotFrequency: "TwentyFour_Hours",
    unusedCredentialsMaxAgeDays: CIS.unusedCredentialsMaxAgeDays,
    authorizedPublicTcpPorts: [443],
    blockedPublicTcpPorts: [20, 21, 3389, 3306, 5432],
  },
  guardDutyFindingFrequency: "FIFTEEN_MINUTES",
  inspectorResourceTypes: ["ECR", "LAMBDA", "LAMBDA_CODE", "EC2"],
  securityHub: { cisVersion: "3.0.0", foundationalVersion: "1.0.0" },
  cadence: {
    monthlyCheckSchedule: "cron(0 3 1 * ? *)",
    quarterlyAuditSchedule: "cron(0 4 1 1,4,7,10 ? *)",
    timezone: "Asia/Tokyo",
    auditFrameworkName: "CIS AWS Benchmark v1.4.0",
  },
  evidence: {
    retentionDays: 3 * GUIDE.logRetention.auditDays,
    accessLogRetentionDays: GUIDE.logRetention.accessDays,
    keyDeletionWindowDays: 30,
  },
  protectStatefulResources: true,
  breakGlassRoleName: "fx-trader-security-break-glass",
  auditorPrincipalRoleName: "fx-trader-security-auditors",
  trail: { cloudWatchLogsRetentionDays: GUIDE.logRetention.auditDays },
  findingAlertEndpointSecrets: {
    critical: "fx-trader/account/security-findings/critical-endpoint",
    warning: "fx-trader/account/security-findings/warning-endpoint",
    info: "fx-trader/account/security-findings/info-endpoint",
  },
};

export const ACCOUNTS: Readonly<Record<string, AccountConfig>> = {
  "fx-nonprod": {
    id: "111111111111",
    name: "fx-nonprod",
    region: "ap-northeast-1",
    drRegion: "ap-northeast-3",
    stateBackend: { bucket: "fx-trader-tfstate-111111111111", region: "ap-northeast-1", kmsKeyId: STATE_KEY },
    owner: "platform-engineering",
    costCentre: "fx-trading-platform",
    security: BASELINE_SECURITY,
  },
  "fx-prod": {
    id: "222222222222",
    name: "fx-prod",
    region: "ap-northeast-1",
    drRegion: "ap-northeast-3",
    stateBackend: { bucket: "fx-trader-tfstate-222222222222", region: "ap-northeast-1", kmsKeyId: STATE_KEY },
    owner: "platform-engineering",
    costCentre: "fx-trading-platform",
    security: BASELINE_SECURITY,
  },
};
