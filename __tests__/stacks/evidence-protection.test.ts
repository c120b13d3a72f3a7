/**
 * S6: what can destroy evidence or backups — deleting, disabling or re-policing the backup, log and audit
 * evidence keys, removing the vault access policy or a recovery point — is denied to everyone but the
 * break-glass role with MFA. Proven on every synthesized stack by evaluating the synthesized policies for the
 * deploy role, an IAM administrator, the break-glass role with and without MFA, and the services that use them.
 */
import { TerraformStack, Testing } from "cdktf";
import { ACCOUNTS } from "../../config/accounts";
import { selectEnvironments } from "../../config";
import { CustomerKey } from "../../constructs/core/customer-key";
import { KEY_USE_ACTIONS, PROTECTED_KEY_ACTIONS } from "../../constructs/core/key-guard";
import { PROTECTED_RECOVERY_POINT_ACTIONS } from "../../constructs/backup/backup-vault";
import { addFxTraderStacks } from "../../stacks/app";
import { ENVIRONMENT_NAMES, envConfig, onlyResource, parse, synthInStack, type SynthesizedJson } from "../support";
import { evaluate } from "../support/iam-evaluate";
import { policyDocumentStatements } from "../support/synthesized-buckets";

const app = Testing.app();
addFxTraderStacks(app, selectEnvironments(ENVIRONMENT_NAMES.join(",")));
const stacks = new Map(app.node.children.filter(TerraformStack.isStack).map((s) => [s.node.id, parse(Testing.synth(s))] as const));

/** Aliases (without `alias/`) of the keys whose loss destroys evidence or backups, per stack. */
function guardedAliases(stack: string): string[] {
  const account = /^fx-trader-account-(.+)$/.exec(stack)?.[1];
  if (account !== undefined) return [`fx-trader-${account}-audit-evidence`];
  const env = /^fx-trader-(\w+)-data$/.exec(stack)?.[1];
  return env === undefined ? [] : [`fx-trader-${env}-backup-vault`, `fx-trader-${env}-backup-data`, `fx-trader-${env}-logs`];
}

interface Key {
  readonly address: string;
  readonly resource: Record<string, unknown>;
  readonly aliases: string[];
}

/** Every KMS key and replica key of a stack with the aliases that point at it. */
function keysOf(json: SynthesizedJson): Key[] {
  const aliases = Object.values(json.resource?.aws_kms_alias ?? {});
  return (["aws_kms_key", "aws_kms_replica_key"] as const).flatMap((type) =>
    Object.entries(json.resource?.[type] ?? {}).map(([id, resource]) => ({
      address: `${type}.${id}`,
      resource,
      aliases: aliases.filter((a) => a.target_key_id === `\${${type}.${id}.key_id}`).map((a) => String(a.name).replace(/^alias\//, "")),
    })),
  );
}

function accountOf(stack: string): string {
  const account = /^fx-trader-account-(.+)$/.exec(stack)?.[1];
  if (account !== undefined) return ACCOUNTS[account]!.id;
  return envConfig(/^fx-trader-(\w+)-/.exec(stack)![1] as (typeof ENVIRONMENT_NAMES)[number]).account.id;
}

function breakGlassOf(stack: string): string {
  const account = /^fx-trader-account-(.+)$/.exec(stack)?.[1];
  if (account !== undefined) return `arn:aws:iam::${ACCOUNTS[account]!.id}:role/${ACCOUNTS[account]!.security.breakGlassRoleName}`;
  const config = envConfig(/^fx-trader-(\w+)-/.exec(stack)![1] as (typeof ENVIRONMENT_NAMES)[number]);
  return `arn:aws:iam::${config.account.id}:role/${config.backup.breakGlassRoleName}`;
}

const guardedStacks = [...stacks.keys()].filter((s) => guardedAliases(s).length > 0);

describe("S6: guarded keys", () => {
  it("every stack with evidence or backups is checked (3 data stacks, 2 account stacks)", () => {
    expect(guardedStacks.sort()).toEqual(["fx-trader-account-fx-nonprod", "fx-trader-account-fx-prod", "fx-trader-dev-data", "fx-trader-prod-data", "fx-trader-staging-data"]);
  });

  describe.each(guardedStacks)("%s", (stack) => {
    const json = stacks.get(stack)!;
    const account = accountOf(stack);
    const breakGlass = breakGlassOf(stack);
    const deployRole = `arn:aws:iam::${account}:role/fx-trader-deploy`;
    const admin = `arn:aws:iam::${account}:role/AWSReservedSSO_AdministratorAccess_0123456789abcdef`;
    const keys = keysOf(json).filter((k) => k.aliases.some((a) => guardedAliases(stack).includes(a)));

    it("has every guarded key (and the DR replicas of the backup keys)", () => {
      const found = new Set(keys.flatMap((k) => k.aliases));
      expect([...found].sort()).toEqual([...guardedAliases(stack)].sort());
    });

    it.each(guardedAliases(stack))("%s: deletion, disabling and policy changes are denied to all but the break-glass role with MFA", (alias) => {
      for (const key of keys.filter((k) => k.aliases.includes(alias))) {
        const policy = policyDocumentStatements(json, key.resource.policy);
        for (const action of PROTECTED_KEY_ACTIONS) {
          expect([key.address, action, evaluate(policy, { principalArn: deployRole, action, mfa: true })]).toEqual([key.address, action, "denied"]);
          expect([key.address, action, evaluate(policy, { principalArn: admin, action, mfa: true })]).toEqual([key.address, action, "denied"]);
          expect([key.address, action, evaluate(policy, { principalArn: breakGlass, action, mfa: false })]).toEqual([key.address, action, "denied"]);
          expect([key.address, action, evaluate(policy, { principalArn: breakGlass, action })]).toEqual([key.address, action, "denied"]);
          expect([key.address, action, evaluate(policy, { principalArn: breakGlass, action, mfa: true })]).toEqual([key.address, action, "allowed"]);
        }
        // Use and routine administration stay with the account's IAM policies.
        for (const action of [...KEY_USE_ACTIONS, "kms:TagResource", "kms:EnableKeyRotation", "kms:CreateAlias"]) {
          expect([key.address, action, evaluate(policy, { principalArn: deployRole, action })]).toEqual([key.address, action, "allowed"]);
        }
        // The deploy role is denied PutKeyPolicy, so KMS's lockout check would refuse to create the key.
        expect([key.address, key.resource.bypass_policy_lockout_safety_check]).toEqual([key.address, true]);
      }
    });
  });
});

describe("S6: backup vault access policies", () => {
  describe.each(ENVIRONMENT_NAMES)("%s", (env) => {
    const json = stacks.get(`fx-trader-${env}-data`)!;
    const config = envConfig(env);
    const breakGlass = `arn:aws:iam::${config.account.id}:role/${config.backup.breakGlassRoleName}`;
    const policies = Object.values(json.resource?.aws_backup_vault_policy ?? {});

    it("every vault has one, denying recovery-point deletion and the policy's own removal to all but break-glass with MFA", () => {
      expect(policies).toHaveLength(Object.keys(json.resource?.aws_backup_vault ?? {}).length);
      for (const p of policies) {
        const statements = (JSON.parse(String(p.policy)) as { Statement: Parameters<typeof evaluate>[0] }).Statement;
        for (const action of [...PROTECTED_RECOVERY_POINT_ACTIONS, "backup:DeleteBackupVaultAccessPolicy", "backup:DeleteRecoveryPoint"]) {
          expect([action, evaluate([...statements, { Effect: "Allow", Principal: "*", Action: "backup:*" }], { principalArn: `arn:aws:iam::${config.account.id}:role/fx-trader-deploy`, action, mfa: true })]).toEqual([action, "denied"]);
          expect([action, evaluate(statements, { principalArn: breakGlass, action, mfa: false })]).toEqual([action, "denied"]);
          expect([action, evaluate(statements, { principalArn: breakGlass, action, mfa: true })]).not.toEqual([action, "denied"]);
        }
      }
    });

    it(`vault lock is ${config.policy === "guide" ? "compliance mode" : "whatever the relaxed environment chose"}`, () => {
      const locks = Object.values(json.resource?.aws_backup_vault_lock_configuration ?? {});
      if (config.policy === "guide") {
        expect(locks.length).toBeGreaterThan(0);
        // AWS Backup applies compliance mode exactly when changeable_for_days is set.
        for (const lock of locks) expect(lock.changeable_for_days).toBe(config.backup.vaultLock.changeableForDays);
      } else {
        expect(config.backup.vaultLock.mode).not.toBe("compliance");
      }
    });
  });
});

describe("the policy evaluation these tests rely on", () => {
  it("fails when a key has the default policy: the deploy role may schedule its deletion (seeded failure)", () => {
    const json = parse(synthInStack("dev", (scope) => new CustomerKey(scope, "key", { aliasName: "alias/unguarded", description: "unguarded", accountId: "111111111111" })));
    const policy = policyDocumentStatements(json, onlyResource(json, "aws_kms_key").policy);
    expect(evaluate(policy, { principalArn: "arn:aws:iam::111111111111:role/fx-trader-deploy", action: "kms:ScheduleKeyDeletion", mfa: true })).toBe("allowed");
  });

  it("fails when the guard names another role: the real break-glass role is denied too (seeded failure)", () => {
    const json = parse(
      synthInStack("dev", (scope) => new CustomerKey(scope, "key", { aliasName: "alias/guarded", description: "guarded", accountId: "111111111111", guard: { breakGlassRoleArn: "arn:aws:iam::111111111111:role/other" } })),
    );
    const policy = policyDocumentStatements(json, onlyResource(json, "aws_kms_key").policy);
    expect(evaluate(policy, { principalArn: "arn:aws:iam::111111111111:role/fx-trader-backup-break-glass", action: "kms:ScheduleKeyDeletion", mfa: true })).toBe("denied");
    expect(evaluate(policy, { principalArn: "arn:aws:iam::222222222222:role/other", action: "kms:Decrypt" })).toBe("implicit-deny");
  });

  it("fails on a condition it cannot read, instead of passing it", () => {
    expect(() => evaluate([{ Effect: "Deny", Principal: "*", Action: "kms:*", Condition: { DateGreaterThan: { "aws:CurrentTime": "2020-01-01" } } }], { principalArn: "arn:aws:iam::1:role/x", action: "kms:Decrypt" })).toThrow(
      "condition key aws:CurrentTime not modelled",
    );
  });
});
