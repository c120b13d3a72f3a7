/**
 * A policy-as-code rule: what it mirrors (a checkov or trivy check, by ID), which resource types it reports on
 * (and so can be waived on), and a check over one synthesized stack that returns the offending resources.
 */
import type { StackModel, TfBlock } from "./private/stack-model";

/** One offending block and why, with the fix. */
export interface Finding {
  readonly block: TfBlock;
  /** What is wrong and how to fix it; the rule ID, path and waiver hint are added by the checker. */
  readonly message: string;
}

/** A rule checked on every stack at synth; its ID is the scanner check it mirrors. */
export interface PolicyRule {
  /** The checkov (or trivy) ID this rule mirrors; waivers name it. */
  readonly id: string;
  /** The check's title, as the scanner names it. */
  readonly title: string;
  /** Requirement IDs the rule serves (REQUIREMENTS.md). */
  readonly requirements: readonly string[];
  /** Resource types the rule reports on; a waiver is accepted only on one of these. `*` for every type. */
  readonly reportsOn: readonly string[];
  /** When a resource passes, precisely, including any deliberate difference from the scanner (for docs/security.md). */
  readonly passesWhen: string;
  check(model: StackModel): readonly Finding[];
}
