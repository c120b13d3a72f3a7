import { TerraformStack, Testing } from "cdktf";
import { selectEnvironments } from "../../config";
import { addFxTraderStacks } from "../../stacks/app";
import { parse, resources, type SynthesizedJson } from "../support";
import { sharedTree } from "../support/shared-synthesis";

/**
 * Account-wide singletons: two declarations in one account would fight over the same AWS object. Regional ones
 * (Config, GuardDuty, Security Hub, Inspector) once in each region the environments use; global ones, and the
 * account's one multi-region trail, once in the primary region.
 */
const REGIONAL = ["aws_config_configuration_recorder", "aws_config_delivery_channel", "aws_guardduty_detector", "aws_securityhub_account", "aws_inspector2_enabler"];
const GLOBAL = ["aws_iam_account_password_policy", "aws_s3_account_public_access_block", "aws_auditmanager_account_registration", "aws_cloudtrail"];
const SINGLETONS = [...REGIONAL.flatMap((t) => [`${t}@primary`, `${t}@dr`]), ...GLOBAL.map((t) => `${t}@primary`)];

/** How many of each singleton (type@region) a stack's JSON declares. */
function countsOf(json: SynthesizedJson): Record<string, number> {
  const count = (key: string) => {
    const [type, region] = key.split("@") as [string, string];
    return Object.values(resources(json, type)).filter((r) => (region === "dr" ? r.provider === "aws.dr" : r.provider === undefined)).length;
  };
  return Object.fromEntries(SINGLETONS.map((key) => [key, count(key)]));
}

/** For each stack of the selection: its name and how many of each singleton (type@region) it declares. */
function singletonCounts(selection: string): Array<[string, Record<string, number>]> {
  const app = Testing.app();
  addFxTraderStacks(app, selectEnvironments(selection));
  return app.node.children.filter(TerraformStack.isStack).map((stack) => [stack.node.id, countsOf(parse(Testing.synth(stack)))]);
}

/** The same for every environment, read from jest's shared synthesis (the real synth command, no FX_ENVIRONMENTS). */
function sharedSingletonCounts(): Array<[string, Record<string, number>]> {
  return [...sharedTree().stacks].map(([name, json]) => [name, countsOf(json as SynthesizedJson)]);
}

const once = Object.fromEntries(SINGLETONS.map((type) => [type, 1]));
const none = Object.fromEntries(SINGLETONS.map((type) => [type, 0]));

describe("S1–S4: the security baseline (and the one CloudTrail trail) is declared once per AWS account and region", () => {
  it("once when two environments share an account (dev and staging in fx-nonprod)", () => {
    const counts = singletonCounts("dev,staging");
    expect(counts.filter(([name]) => name.startsWith("fx-trader-account-"))).toEqual([["fx-trader-account-fx-nonprod", once]]);
    for (const [name, c] of counts.filter(([n]) => !n.startsWith("fx-trader-account-"))) expect([name, c]).toEqual([name, none]);
  });

  it.each([
    ["dev", "fx-nonprod"],
    ["staging", "fx-nonprod"],
    ["prod", "fx-prod"],
  ])("once when %s is the only environment (account %s)", (env, account) => {
    const counts = singletonCounts(env);
    expect(counts.filter(([, c]) => Object.values(c).some((n) => n > 0))).toEqual([[`fx-trader-account-${account}`, once]]);
  });

  it("once in each account when every environment is selected", () => {
    const counts = sharedSingletonCounts();
    expect(counts.filter(([, c]) => Object.values(c).some((n) => n > 0))).toEqual([
      ["fx-trader-account-fx-nonprod", once],
      ["fx-trader-account-fx-prod", once],
    ]);
  });
});
