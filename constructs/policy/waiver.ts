/**
 * Per-resource waivers of policy rules. A waiver names one rule and one resource and carries a written
 * justification; synth prints it (a summary note) and docs/security.md lists it. There is no other way
 * to silence a rule: no global switch, no waiver by type. The rules themselves belong to the app pipeline's
 * policy gate (app/policy/), which constructs do not import: the gate fails synthesis on a waiver of an
 * unknown rule or of a rule that does not report on the waived resource's type (`checkWaivers`).
 */
import type { TerraformStack } from "cdktf";
import { TerraformDataSource, TerraformResource } from "cdktf";
import type { IConstruct } from "constructs";
import { SummaryNote } from "../core/summary-note";

/** Metadata type under which waivers are stored on the waived construct. */
export const WAIVER_METADATA = "fx-trader:policy-waiver";

/** Shortest justification accepted: a reason, not a placeholder. */
export const MIN_JUSTIFICATION_LENGTH = 20;

/** What can be waived: a resource or a data source (providers cannot: fix them). */
export type Waivable = TerraformResource | TerraformDataSource;

/** A waiver as stored on a resource. */
export interface Waiver {
  readonly ruleId: string;
  readonly justification: string;
}

/** A waiver found in a stack, with the resource it applies to. */
export interface WaiverRecord extends Waiver {
  /** Terraform address of the waived block in its stack (`aws_s3_bucket.x`). */
  readonly address: string;
  /** Construct path of the waived resource. */
  readonly path: string;
  readonly stack: string;
}

/** Terraform address of a resource or data source in its stack's JSON. */
export function addressOf(element: Waivable): string {
  const prefix = TerraformDataSource.isTerraformDataSource(element) ? "data." : "";
  return `${prefix}${element.terraformResourceType}.${element.friendlyUniqueId}`;
}

function waiversOn(construct: IConstruct): Waiver[] {
  return construct.node.metadata.filter((m) => m.type === WAIVER_METADATA).map((m) => m.data as Waiver);
}

/**
 * Waives rule `ruleId` for `resource` only, with a written justification (why the rule cannot or need not
 * hold here, and what mitigates it). Throws for a short justification or a second waiver of the same rule on
 * the same resource; an unknown rule, or one that does not report on this resource type, fails synthesis at
 * the policy gate (app/policy/security-policy.ts).
 */
export function waive<T extends Waivable>(resource: T, ruleId: string, justification: string): T {
  const where = resource.node.path;
  const text = justification.trim();
  if (text.length < MIN_JUSTIFICATION_LENGTH) {
    throw new Error(`waive(${where}, ${ruleId}): justification ${JSON.stringify(justification)} is too short; write why the rule cannot hold here and what mitigates it (at least ${MIN_JUSTIFICATION_LENGTH} characters)`);
  }
  if (waiversOn(resource).some((w) => w.ruleId === ruleId)) {
    throw new Error(`waive(${where}, ${ruleId}): already waived on this resource`);
  }
  resource.node.addMetadata(WAIVER_METADATA, { ruleId, justification: text } satisfies Waiver);
  new SummaryNote(resource, `policy-waiver-${ruleId}`, { topic: "policy waiver", text: `${ruleId} on ${where}: ${text}` });
  return resource;
}

/** Every waiver in `stack`, sorted by path then rule. */
export function waiversIn(stack: TerraformStack): readonly WaiverRecord[] {
  return stack.node
    .findAll()
    .filter((c): c is Waivable => TerraformResource.isTerraformResource(c) || TerraformDataSource.isTerraformDataSource(c))
    .flatMap((element) => waiversOn(element).map((w) => ({ ...w, address: addressOf(element), path: element.node.path, stack: stack.node.id })))
    .sort((a, b) => a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId));
}
