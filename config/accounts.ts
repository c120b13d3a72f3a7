/**
 * AWS accounts and their account-wide settings. The account baseline stack is built from this alone,
 * so its output does not depend on which environments are selected.
 */
import type { AwsAccount, StateBackendConfig } from "./types";

export interface AccountConfig extends AwsAccount {
  /** Region of account-wide regional services (Config recorder, GuardDuty, Security Hub, Access Analyzer). */
  readonly region: string;
  readonly stateBackend: StateBackendConfig;
  readonly owner: string;
  readonly costCentre: string;
}

const STATE_KEY = "alias/fx-trader-tfstate";

export const ACCOUNTS: Readonly<Record<string, AccountConfig>> = {
  "fx-nonprod": {
    id: "111111111111",
    name: "fx-nonprod",
    region: "ap-northeast-1",
    stateBackend: { bucket: "fx-trader-tfstate-111111111111", region: "ap-northeast-1", kmsKeyId: STATE_KEY },
    owner: "platform-engineering",
    costCentre: "fx-trading-platform",
  },
  "fx-prod": {
    id: "222222222222",
    name: "fx-prod",
    region: "ap-northeast-1",
    stateBackend: { bucket: "fx-trader-tfstate-222222222222", region: "ap-northeast-1", kmsKeyId: STATE_KEY },
    owner: "platform-engineering",
    costCentre: "fx-trading-platform",
  },
};
