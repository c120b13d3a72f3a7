/**
 * A rendered non-Terraform file (Prometheus rules, Alertmanager config, dashboard JSON) that synth writes
 * under `out/<env>/` for review and for external tools (promtool, amtool). It creates no resource.
 */
import { Construct } from "constructs";

export interface ReviewArtifactProps {
  /** Path relative to the environment's `out/` folder, e.g. `prometheus-rules.yaml`. */
  readonly path: string;
  /** Exact file content. Must be deterministic. */
  readonly content: string;
}

export class ReviewArtifact extends Construct {
  readonly path: string;
  readonly content: string;

  constructor(scope: Construct, id: string, props: ReviewArtifactProps) {
    super(scope, id);
    if (props.path.startsWith("/") || props.path.split("/").includes("..")) {
      throw new Error(`ReviewArtifact ${this.node.path}: path "${props.path}" must be relative and stay inside out/<env>/`);
    }
    this.path = props.path;
    this.content = props.content;
  }

  static isReviewArtifact(x: unknown): x is ReviewArtifact {
    return x instanceof ReviewArtifact;
  }
}
