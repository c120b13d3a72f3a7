/** Config mistakes only the type checker saw, and names that are well-formed but wrong, fail synth with their message. */
import { ACCOUNTS, type AccountConfig } from "../../config/accounts";
import { CHARTS } from "../../config/charts";
import { ENVIRONMENTS } from "../../config/environments";
import { selectEnvironments } from "../../config";
import { findRegistryIssues, formatIssue } from "../../config/validate";
import { applyOverrides } from "../../config/merge";
import type { EnvironmentConfig } from "../../config/types";
import { envConfig } from "../support";

const registryMessages = (environments: Record<string, EnvironmentConfig>, accounts: Record<string, AccountConfig> = ACCOUNTS, charts = CHARTS as never) =>
  findRegistryIssues(environments, accounts, charts).map(formatIssue);
/** A built-in environment with raw (untyped) changes, as a misspelt environment file would give it. */
const raw = (name: "dev" | "staging" | "prod", change: object) => applyOverrides(envConfig(name), change as never);

describe("config shape at run time", () => {
  it("fails on a misspelt key, naming the field it probably meant", () => {
    expect(registryMessages({ ...ENVIRONMENTS, staging: raw("staging", { observability: { prometheus: { retentionDay: 5 } } }) })).toEqual([
      expect.stringMatching(/^\[staging\] observability\.prometheus\.retentionDay = 5: unknown field; did you mean "retentionDays"\?/),
    ]);
  });

  it("fails on { disable: true } in an alert override", () => {
    expect(registryMessages({ ...ENVIRONMENTS, dev: raw("dev", { alerts: { overrides: { MemoryLeakSuspected: { disable: true } } } }) })[0]).toMatch(
      /^\[dev\] alerts\.overrides\.MemoryLeakSuspected\.disable = true: unknown field; did you mean "disabled"\?/,
    );
  });

  it('fails on a boolean given as the string "false"', () => {
    expect(registryMessages({ ...ENVIRONMENTS, staging: raw("staging", { observability: { prometheus: { remoteWriteToAmp: "false" } } }) })).toEqual([
      '[staging] observability.prometheus.remoteWriteToAmp = "false": must be a boolean (true or false, unquoted), not a string',
    ]);
  });

  it("names NaN and Infinity given for a number, which JSON would print as null", () => {
    expect(registryMessages({ ...ENVIRONMENTS, staging: raw("staging", { observability: { prometheus: { retentionDays: Number.NaN } } }) })).toEqual([
      "[staging] observability.prometheus.retentionDays = NaN: must be a number, not NaN",
    ]);
    expect(registryMessages({ ...ENVIRONMENTS, prod: raw("prod", { backup: { rpoHours: Number.POSITIVE_INFINITY } }) })).toEqual([
      "[prod] backup.rpoHours = Infinity: must be a number, not Infinity",
    ]);
  });

  it("accepts the built-in registry", () => {
    expect(registryMessages({ ...ENVIRONMENTS })).toEqual([]);
  });
});

describe("names checked against what AWS accepts", () => {
  it("fails on a Region typo, suggesting the Region", () => {
    expect(() => selectEnvironments("prod", "FX_ENVIRONMENTS", { ...ENVIRONMENTS, prod: raw("prod", { region: "ap-northest-1" }) })).toThrow(
      '[prod] region = "ap-northest-1": must be an AWS Region; did you mean "ap-northeast-1"?',
    );
  });

  it("fails on an account's Region and a short account ID in config/accounts.ts, blaming that file", () => {
    const accounts = { ...ACCOUNTS, "fx-prod": { ...ACCOUNTS["fx-prod"]!, id: "2222", region: "eu-west-9" } };
    const messages = registryMessages({ ...ENVIRONMENTS }, accounts);
    expect(messages).toContain('[account fx-prod] id = "2222": must be a 12-digit AWS account ID (config/accounts.ts)');
    expect(messages.some((m) => m.startsWith('[account fx-prod] region = "eu-west-9": must be an AWS Region (config/accounts.ts)'))).toBe(true);
  });

  it.each([[""], [" 88.5.3"], ["88.5.3 "], ["88.5"], ["^88.5.3"], ["v88.5.3"]])("fails on chart version %j (not exact, pinned semver)", (version) => {
    const charts = { ...CHARTS, loki: { ...CHARTS.loki, version } };
    const messages = registryMessages({ ...ENVIRONMENTS }, ACCOUNTS, charts as never);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`[charts] loki.version = ${JSON.stringify(version)}: must be an exact chart version such as 1.2.3`);
  });
});

describe("environments that collide", () => {
  it("fails when an environment's name is not its registry key", () => {
    expect(registryMessages({ ...ENVIRONMENTS, prod: { ...ENVIRONMENTS.prod, name: "staging" } })).toContain(
      '[prod] name = "staging": must be "prod", the key it is registered under in config/environments/index.ts (stacks, state keys and physical names are named after it)',
    );
  });

  it.each([
    ["database.uploadsBucketName", { database: { uploadsBucketName: "fx-trader-prod-uploads-222222222222" } }],
    ["dnsDomain", { dnsDomain: "fx-trader.example.com" }],
  ])("fails when two environments share %s", (field, change) => {
    const messages = registryMessages({ ...ENVIRONMENTS, staging: raw("staging", change) });
    expect(messages.some((m) => m.startsWith(`[prod] ${field} = `) && m.includes("must differ from staging's"))).toBe(true);
  });
});
