/**
 * The audit items' AWS Config managed rules (S1, S2). Periodic and hybrid rules evaluate at the account's
 * configured frequency (S4); change-triggered and hybrid rules are scoped to the resource types they judge.
 */
import { ConfigConfigRule } from "@cdktf/provider-aws/lib/config-config-rule";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { AwsAccount, ConfigFrequency } from "../../config/types";
import { accountResourceName } from "../core/naming";
import type { ManagedRuleSpec } from "./config-managed-rules";
import { terraformJson } from "../core/terraform-string";

export interface ConfigRulesProps {
  readonly account: AwsAccount;
  readonly rules: readonly ManagedRuleSpec[];
  /** Maximum execution frequency of periodic and hybrid rules. */
  readonly frequency: ConfigFrequency;
  /** Rules need a recorder before they can be created. */
  readonly recorder: ITerraformDependable;
}

/** The baseline's AWS Config managed rules. */
export class ConfigRules extends Construct {
  /** The Config rules, in the order of `props.rules`. */
  readonly rules: readonly ConfigConfigRule[];

  constructor(scope: Construct, id: string, props: ConfigRulesProps) {
    super(scope, id);
    const duplicates = props.rules.filter((r, i) => props.rules.findIndex((o) => o.name === r.name) !== i);
    if (duplicates.length > 0) {
      throw new Error(`ConfigRules ${this.node.path}: rule names ${duplicates.map((d) => d.name).join(", ")} appear twice; each managed rule is declared once`);
    }
    const unscoped = props.rules.filter((r) => r.trigger !== "periodic" && (r.resourceTypes ?? []).length === 0);
    if (unscoped.length > 0) {
      throw new Error(`ConfigRules ${this.node.path}: ${unscoped.map((r) => r.identifier).join(", ")} evaluate on configuration changes but name no resource types; set resourceTypes`);
    }
    this.rules = props.rules.map(
      (spec) =>
        new ConfigConfigRule(this, spec.name, {
          name: accountResourceName(props.account, spec.name),
          description: `${spec.requirement}: ${spec.checks}.`,
          source: { owner: "AWS", sourceIdentifier: spec.identifier },
          inputParameters: spec.parameters === undefined ? undefined : terraformJson(spec.parameters),
          maximumExecutionFrequency: spec.trigger === "change" ? undefined : props.frequency,
          scope: spec.trigger === "periodic" ? undefined : { complianceResourceTypes: [...(spec.resourceTypes ?? [])] },
          dependsOn: [props.recorder],
        }),
    );
  }
}
