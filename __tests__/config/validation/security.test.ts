import { ACCOUNTS, type AccountConfig } from "../../../config/accounts";
import { ConfigValidationError, findAccountIssues, formatIssue, validateEnvironmentConfigs } from "../../../config/validate";
import { isMonthlyCron, isQuarterlyCron } from "../../../config/validation/security";
import type { AccountSecurityConfig } from "../../../config/types";
import { envConfig } from "../../support";

type SecurityOverrides = { [K in keyof AccountSecurityConfig]?: AccountSecurityConfig[K] extends readonly unknown[] ? AccountSecurityConfig[K] : Partial<AccountSecurityConfig[K]> | AccountSecurityConfig[K] };

function withSecurity(name: string, overrides: SecurityOverrides): AccountConfig {
  const account = ACCOUNTS[name]!;
  const security = { ...account.security } as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    const current = security[key];
    security[key] = typeof current === "object" && current !== null && !Array.isArray(current) && typeof value === "object" && !Array.isArray(value) ? { ...current, ...value } : value;
  }
  return { ...account, security: security as unknown as AccountSecurityConfig };
}

const messages = (account: AccountConfig) => findAccountIssues(account).map(formatIssue);

describe.each(Object.keys(ACCOUNTS).map((n) => [n]))("account %s security config", (name) => {
  it("S1–S4: is valid as shipped", () => {
    expect(messages(ACCOUNTS[name]!)).toEqual([]);
  });

  it("fails when the password minimum length is under CIS's 14", () => {
    expect(messages(withSecurity(name, { passwordPolicy: { minimumLength: 8 } }))).toEqual([
      `[account ${name}] security.passwordPolicy.minimumLength = 8: must be an integer from 14 to 128 (CIS: at least 14; IAM allows up to 128)`,
    ]);
  });

  it("fails when a character class is not required", () => {
    expect(messages(withSecurity(name, { passwordPolicy: { requireSymbols: false } }))).toEqual([
      `[account ${name}] security.passwordPolicy.requireSymbols = false: must be true (CIS: passwords use every character class)`,
    ]);
  });

  it("fails when fewer than 24 passwords are remembered", () => {
    expect(messages(withSecurity(name, { passwordPolicy: { reusePrevention: 5 } }))).toEqual([
      `[account ${name}] security.passwordPolicy.reusePrevention = 5: must be an integer from 24 to 24 (CIS: remember 24 passwords; IAM remembers at most 24)`,
    ]);
  });

  it("fails when passwords live longer than 90 days", () => {
    expect(messages(withSecurity(name, { passwordPolicy: { maxAgeDays: 365 } }))).toEqual([
      `[account ${name}] security.passwordPolicy.maxAgeDays = 365: must be an integer from 1 to 90 (CIS: passwords expire within 90 days)`,
    ]);
  });

  it("fails when unused credentials are tolerated longer than CIS's 45 days", () => {
    expect(messages(withSecurity(name, { config: { unusedCredentialsMaxAgeDays: 90 } }))).toEqual([
      `[account ${name}] security.config.unusedCredentialsMaxAgeDays = 90: must be an integer from 1 to 45 (CIS: credentials unused for 45 days are disabled)`,
    ]);
  });

  it("fails when SSH is authorized to the internet", () => {
    expect(messages(withSecurity(name, { config: { authorizedPublicTcpPorts: [443, 22] } }))).toEqual([
      `[account ${name}] security.config.authorizedPublicTcpPorts = [443,22]: must not authorize 22: SSH (22), RDP (3389) and the blocked ports are never open to the internet (S2)`,
    ]);
  });

  it("fails when more than five ports are blocked (the rule has five parameters)", () => {
    expect(messages(withSecurity(name, { config: { blockedPublicTcpPorts: [20, 21, 23, 3389, 3306, 5432] } }))).toEqual([
      `[account ${name}] security.config.blockedPublicTcpPorts = [20,21,23,3389,3306,5432]: must list 1 to 5 ports (RESTRICTED_INCOMING_TRAFFIC has five blockedPort parameters)`,
    ]);
  });

  it("fails when the rule frequency is not one AWS Config accepts", () => {
    expect(messages(withSecurity(name, { config: { ruleFrequency: "Weekly" as "One_Hour" } }))).toEqual([
      `[account ${name}] security.config.ruleFrequency = "Weekly": must be one of "One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours" (S4: periodic rules evaluate at least daily)`,
    ]);
  });

  it("fails when Inspector would not scan Lambda (S3)", () => {
    expect(messages(withSecurity(name, { inspectorResourceTypes: ["ECR"] }))).toEqual([
      `[account ${name}] security.inspectorResourceTypes = ["ECR"]: must include ECR, LAMBDA and EC2 (S3: container images, functions and the EKS nodes are scanned for vulnerable dependencies) and only ECR, LAMBDA, LAMBDA_CODE, EC2`,
    ]);
  });

  it("fails when the monthly check is not monthly (S4)", () => {
    expect(messages(withSecurity(name, { cadence: { monthlyCheckSchedule: "cron(0 3 ? * MON *)" } }))).toEqual([
      `[account ${name}] security.cadence.monthlyCheckSchedule = "cron(0 3 ? * MON *)": must fire once a month (S4), e.g. cron(0 3 1 * ? *): fixed minute, hour and day 1–28 or L, month *, day-of-week ?`,
    ]);
  });

  it("fails when the audit is not quarterly (S4)", () => {
    expect(messages(withSecurity(name, { cadence: { quarterlyAuditSchedule: "cron(0 4 1 1,7 ? *)" } }))).toEqual([
      `[account ${name}] security.cadence.quarterlyAuditSchedule = "cron(0 4 1 1,7 ? *)": must fire once a quarter (S4), e.g. cron(0 4 1 1,4,7,10 ? *): fixed minute, hour and day in four months three apart`,
    ]);
  });

  it("fails when audit evidence is kept less than the guide's audit-log year", () => {
    expect(messages(withSecurity(name, { evidence: { retentionDays: 30 } }))).toEqual([
      `[account ${name}] security.evidence.retentionDays = 30: must be an integer from 365 to 36500 (audit evidence is kept at least as long as audit logs (guide L2: 365 days))`,
    ]);
  });
});

describe("account validation runs with the environments", () => {
  it("fails when an account an environment deploys into is invalid, reporting it once for all its environments", () => {
    const accounts = { ...ACCOUNTS, "fx-nonprod": withSecurity("fx-nonprod", { passwordPolicy: { minimumLength: 8 } }) };
    let error: unknown;
    try {
      validateEnvironmentConfigs([envConfig("dev"), envConfig("staging")], accounts);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).issues.map(formatIssue)).toEqual([
      "[account fx-nonprod] security.passwordPolicy.minimumLength = 8: must be an integer from 14 to 128 (CIS: at least 14; IAM allows up to 128)",
    ]);
  });

  it("ignores accounts no selected environment uses", () => {
    const accounts = { ...ACCOUNTS, "fx-nonprod": withSecurity("fx-nonprod", { passwordPolicy: { minimumLength: 8 } }) };
    expect(validateEnvironmentConfigs([envConfig("prod")], accounts)).toHaveLength(1);
  });
});

describe("S4 cadence expressions", () => {
  it.each(["cron(0 3 1 * ? *)", "cron(30 23 L * ? *)", "cron(0 0 28 * ? *)"])("%s is monthly", (e) => expect(isMonthlyCron(e)).toBe(true));
  it.each(["cron(0 3 ? * MON *)", "cron(0 3 1 1 ? *)", "cron(0 3 29 * ? *)", "rate(30 days)", "cron(0 3 1 * ?)"])("%s is not monthly", (e) => expect(isMonthlyCron(e)).toBe(false));
  it.each(["cron(0 4 1 1,4,7,10 ? *)", "cron(0 4 15 2,5,8,11 ? *)", "cron(0 4 1 10,1,4,7 ? *)"])("%s is quarterly", (e) => expect(isQuarterlyCron(e)).toBe(true));
  it.each(["cron(0 4 1 1,7 ? *)", "cron(0 4 1 1,2,3,4 ? *)", "cron(0 4 1 * ? *)", "rate(90 days)"])("%s is not quarterly", (e) => expect(isQuarterlyCron(e)).toBe(false));
});

describe.each(Object.keys(ACCOUNTS).map((n) => [n]))("account %s: auditor, trail and finding-alert config", (name) => {
  it("fails when the auditor principal is not an IAM role name", () => {
    expect(messages(withSecurity(name, { auditorPrincipalRoleName: "arn:aws:iam::1:root" }))).toEqual([
      `[account ${name}] security.auditorPrincipalRoleName = "arn:aws:iam::1:root": must be an IAM role name (1–64 letters, digits and +=,.@_-): the one principal trusted to assume the security-auditor role`,
    ]);
  });

  it("fails when the trail's log group keeps audit logs shorter than the guide's year", () => {
    expect(messages(withSecurity(name, { trail: { cloudWatchLogsRetentionDays: 90 } }))).toEqual([
      `[account ${name}] security.trail.cloudWatchLogsRetentionDays = 90: must be an integer from 365 to 3653 (the trail's log group holds audit logs (guide L2: 365 days); CloudWatch Logs accepts fixed values up to 3653)`,
    ]);
  });

  it("fails when the trail's log group retention is not a CloudWatch Logs value", () => {
    expect(messages(withSecurity(name, { trail: { cloudWatchLogsRetentionDays: 366 } }))[0]).toMatch(
      new RegExp(`^\\[account ${name}\\] security\\.trail\\.cloudWatchLogsRetentionDays = 366: must be one of CloudWatch Logs' retention values 1, 3, 5`),
    );
  });

  it("fails when a finding-alert endpoint secret name is not a Secrets Manager name", () => {
    expect(messages(withSecurity(name, { findingAlertEndpointSecrets: { critical: "has space" } }))).toEqual([
      `[account ${name}] security.findingAlertEndpointSecrets.critical = "has space": must be a Secrets Manager secret name (letters, digits and /_+=.@-) holding the HTTPS endpoint URL`,
    ]);
  });

  it("fails when Inspector does not scan EC2 (the EKS nodes)", () => {
    expect(messages(withSecurity(name, { inspectorResourceTypes: ["ECR", "LAMBDA"] }))).toEqual([
      `[account ${name}] security.inspectorResourceTypes = ["ECR","LAMBDA"]: must include ECR, LAMBDA and EC2 (S3: container images, functions and the EKS nodes are scanned for vulnerable dependencies) and only ECR, LAMBDA, LAMBDA_CODE, EC2`,
    ]);
  });

  it("fails when an environment's DR region is not its account's (the baseline would not watch it)", () => {
    const account = ACCOUNTS[name]!;
    const env = [envConfig("dev"), envConfig("prod")].find((e) => e.account.name === name)!;
    let error: unknown;
    try {
      validateEnvironmentConfigs([{ ...env, drRegion: "us-east-1" }]);
    } catch (e) {
      error = e;
    }
    expect((error as ConfigValidationError).issues.map(formatIssue)).toEqual([
      `[${env.name}] drRegion = "us-east-1": must be ${account.drRegion}, the DR region of account ${name} (config/accounts.ts), where its security baseline also runs`,
    ]);
  });

  it("fails when an environment's state backend is not the one its account's bootstrap stack creates", () => {
    const account = ACCOUNTS[name]!;
    const env = [envConfig("dev"), envConfig("prod")].find((e) => e.account.name === name)!;
    const other = Object.values(ACCOUNTS).find((a) => a.name !== name)!;
    let error: unknown;
    try {
      validateEnvironmentConfigs([{ ...env, stateBackend: { ...env.stateBackend, bucket: other.stateBackend.bucket, kmsKeyId: "alias/other" } }]);
    } catch (e) {
      error = e;
    }
    expect((error as ConfigValidationError).issues.map(formatIssue)).toEqual([
      `[${env.name}] stateBackend.bucket = "${other.stateBackend.bucket}": must be "${account.stateBackend.bucket}", the state backend of account ${name} (config/accounts.ts), which its bootstrap stack creates`,
      `[${env.name}] stateBackend.kmsKeyId = "alias/other": must be "${account.stateBackend.kmsKeyId}", the state backend of account ${name} (config/accounts.ts), which its bootstrap stack creates`,
    ]);
  });
});
