/**
 * Layer `platform`: what runs on the EKS cluster (observability Helm releases with their buckets and pod
 * roles, alert rules and routing, autoscaling policies). Needs the cluster reachable at plan time.
 */
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/types";
import { Alerting } from "../constructs/alerting/alerting";
import { EksProviders } from "../constructs/core/eks-providers";
import { EnvironmentStack } from "./environment-stack";

export interface PlatformStackProps {
  readonly config: EnvironmentConfig;
}

export class PlatformStack extends EnvironmentStack {
  readonly eks: EksProviders;
  readonly alerting: Alerting;

  constructor(scope: Construct, props: PlatformStackProps) {
    super(scope, { config: props.config, layer: "platform" });
    this.eks = new EksProviders(this, "eks", { config: props.config });
    this.alerting = new Alerting(this, "alerting", { config: props.config, kubernetesProvider: this.eks.kubernetes });
  }
}
