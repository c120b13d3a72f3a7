/**
 * Runs every policy rule over one synthesized stack and separates violations from waived findings.
 * Messages start with the rule ID and the resource's construct path, then say what is wrong and how to fix it.
 */
import { StackModel, type TerraformJson } from "./private/stack-model";
import type { PolicyRule } from "./rule";
import { POLICY_RULES, ruleById } from "./rules";
import type { WaiverRecord } from "../../constructs/policy/waiver";

/** One rule broken by one block. */
export interface PolicyFinding {
  readonly ruleId: string;
  /** Construct path of the offending resource (its address when it has none, e.g. a provider). */
  readonly path: string;
  readonly address: string;
  readonly message: string;
}

/** The outcome of checking one stack: what fails synthesis and what a waiver covers. */
export interface PolicyResult {
  readonly violations: readonly PolicyFinding[];
  /** Findings a waiver covers, with the waiver's justification. */
  readonly waived: ReadonlyArray<PolicyFinding & { readonly justification: string }>;
}

/** `CKV_AWS_19 fx-trader-prod-data/logs/bucket (aws_s3_bucket.x): <message>` plus the waiver hint. */
export function formatFinding(f: PolicyFinding): string {
  const waivable = !f.address.startsWith("provider.");
  const hint = waivable ? ` If it cannot hold here, waive(<this resource>, "${f.ruleId}", "<why, and what mitigates it>").` : "";
  return `${f.ruleId} ${f.path} (${f.address}): ${f.message}.${hint}`;
}

/**
 * Throws when a waiver names a rule that does not exist or that does not report on the waived block's type:
 * `waive()` (constructs/policy/waiver.ts) records waivers without the rule catalog, which lives here.
 */
export function checkWaivers(waivers: readonly WaiverRecord[]): void {
  for (const { ruleId, path, address } of waivers) {
    const rule = ruleById(ruleId);
    if (rule === undefined) {
      throw new Error(`waive(${path}): unknown rule "${ruleId}"; rules are ${POLICY_RULES.map((r) => r.id).join(", ")}`);
    }
    // The address without its name: data sources are named as in the checkov catalog and in `reportsOn`, `data.<type>`.
    const type = address.slice(0, address.lastIndexOf("."));
    if (!rule.reportsOn.includes("*") && !rule.reportsOn.includes(type)) {
      throw new Error(`waive(${path}): rule ${ruleId} does not report on ${type} (it reports on ${rule.reportsOn.join(", ")}); waive it on the resource it names`);
    }
  }
}

/**
 * Checks `json` (one stack's `cdk.tf.json`) against `rules`; `waivers` are that stack's waivers, each checked
 * against the whole rule catalog first (`checkWaivers`).
 */
export function checkStackJson(json: TerraformJson, waivers: readonly WaiverRecord[], rules: readonly PolicyRule[] = POLICY_RULES): PolicyResult {
  checkWaivers(waivers);
  const model = new StackModel(json);
  const violations: PolicyFinding[] = [];
  const waived: Array<PolicyFinding & { justification: string }> = [];
  for (const rule of rules) {
    for (const { block, message } of rule.check(model)) {
      const finding = { ruleId: rule.id, path: block.path, address: block.address, message };
      const waiver = waivers.find((w) => w.ruleId === rule.id && w.address === block.address);
      if (waiver === undefined) violations.push(finding);
      else waived.push({ ...finding, justification: waiver.justification });
    }
  }
  return { violations, waived };
}
