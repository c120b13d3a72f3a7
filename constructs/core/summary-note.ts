/**
 * A line for the synth summary (e.g. "alerts: 14 (5 critical)", "backup: RPO 1 h, RTO 4 h").
 * Constructs add notes about the policy they implement; `npm run synth` prints them per stack.
 */
import { Construct } from "constructs";

export interface SummaryNoteProps {
  readonly topic: string;
  readonly text: string;
}

export class SummaryNote extends Construct {
  readonly topic: string;
  readonly text: string;

  constructor(scope: Construct, id: string, props: SummaryNoteProps) {
    super(scope, id);
    this.topic = props.topic;
    this.text = props.text;
  }

  static isSummaryNote(x: unknown): x is SummaryNote {
    return x instanceof SummaryNote;
  }
}
