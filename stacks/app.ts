/**
 * Composes the stack set: one account-baseline stack per AWS account the selected environments use, and per environment the layers
 * `data` → `platform` → `grafana`. Reads no environment variables (that is main.ts's job).
 */
import type { App } from "cdktf";
import { ACCOUNTS } from "../config/accounts";
import type { EnvironmentConfig } from "../config/types";
import { AccountStack } from "./account-stack";
import { DataStack } from "./data-stack";
import { GrafanaStack } from "./grafana-stack";
import { PlatformStack } from "./platform-stack";

export interface EnvironmentStacks {
  readonly config: EnvironmentConfig;
  readonly data: DataStack;
  readonly platform: PlatformStack;
  readonly grafana: GrafanaStack;
}

export interface FxTraderStacks {
  readonly accounts: readonly AccountStack[];
  readonly environments: readonly EnvironmentStacks[];
}

/**
 * Adds every stack for `environments` (already validated) to `app`. The policy gate is the app pipeline's:
 * `synthesize()` (app/synthesize.ts) puts every stack behind it before synthesis.
 */
export function addFxTraderStacks(app: App, environments: readonly EnvironmentConfig[]): FxTraderStacks {
  const accountNames = [...new Set(environments.map((e) => e.account.name))];
  const accounts = accountNames.map((name) => new AccountStack(app, { account: ACCOUNTS[name]! }));
  const envStacks = environments.map((config) => {
    const account = accounts.find((a) => a.account.name === config.account.name)!;
    const data = new DataStack(app, { config });
    const platform = new PlatformStack(app, { config });
    const grafana = new GrafanaStack(app, { config });
    data.addDependency(account);
    platform.addDependency(data);
    grafana.addDependency(platform);
    return { config, data, platform, grafana };
  });
  return { accounts, environments: envStacks };
}
