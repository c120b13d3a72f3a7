/** C1: an Amazon Managed Service for Prometheus workspace, the scale-out long-term store Prometheus remote-writes to. */
import { PrometheusWorkspace } from "@cdktf/provider-aws/lib/prometheus-workspace";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "../../config/types";
import { resourceName } from "../core/naming";
import { protectStateful } from "../core/protection";
import { allow, type PolicyStatement } from "../core/policy-statements";

export interface AmpWorkspaceProps {
  readonly config: Pick<EnvironmentConfig, "name" | "protectStatefulResources">;
}

/** The workspace holds the environment's long-term metrics, so it is protected like the buckets. */
export class AmpWorkspace extends Construct {
  readonly workspace: PrometheusWorkspace;

  constructor(scope: Construct, id: string, props: AmpWorkspaceProps) {
    super(scope, id);
    this.workspace = protectStateful(
      new PrometheusWorkspace(this, "workspace", { alias: resourceName(props.config, "metrics") }),
      props.config.protectStatefulResources,
    );
  }

  /** ARN of the workspace. */
  get arn(): string {
    return this.workspace.arn;
  }

  /** The remote-write URL (`<workspace endpoint>api/v1/remote_write`; the endpoint ends in `/`). */
  get remoteWriteUrl(): string {
    return `${this.workspace.prometheusEndpoint}api/v1/remote_write`;
  }

  /** The only permission a writer needs: `aps:RemoteWrite` on this workspace. */
  remoteWriteStatement(): PolicyStatement {
    return allow("RemoteWriteToAmp", ["aps:RemoteWrite"], [this.arn]);
  }
}
