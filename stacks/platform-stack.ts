/**
 * Layer `platform`: what runs on the EKS cluster (observability Helm releases with their buckets and pod
 * roles, alert rules and routing, autoscaling policies) and External Secrets Operator, which syncs their
 * credentials from Secrets Manager (S5). Needs the cluster reachable at plan time.
 */
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/types";
import { Capacity } from "../constructs/capacity/capacity";
import { Alerting } from "../constructs/alerting/alerting";
import { EksProviders } from "../constructs/core/eks-providers";
import { Observability } from "../constructs/observability/observability";
import { ExternalSecretsOperator } from "../constructs/secrets/external-secrets-operator";
import { EnvironmentStack } from "./environment-stack";

export interface PlatformStackProps {
  readonly config: EnvironmentConfig;
}

export class PlatformStack extends EnvironmentStack {
  readonly eks: EksProviders;
  /** S5: External Secrets Operator and its Pod Identity role. */
  readonly secretsOperator: ExternalSecretsOperator;
  /** K1–K2: autoscaling policies, peak schedules, the expandable StorageClass (`capacity.storageClass.name`). */
  readonly capacity: Capacity;
  readonly observability: Observability;
  readonly alerting: Alerting;

  constructor(scope: Construct, props: PlatformStackProps) {
    super(scope, { config: props.config, layer: "platform" });
    this.eks = new EksProviders(this, "eks", { config: props.config });
    this.capacity = new Capacity(this, "capacity", { config: props.config, kubernetes: this.eks.kubernetes });
    this.alerting = new Alerting(this, "alerting", { config: props.config });
    this.secretsOperator = new ExternalSecretsOperator(this, "external-secrets", { config: props.config, eks: this.eks });
    this.observability = new Observability(this, "observability", {
      config: props.config,
      eks: this.eks,
      secretsOperator: this.secretsOperator,
      storageClass: this.capacity.storageClass,
      ruleGroups: this.alerting.ruleGroups,
      alertmanagerConfig: this.alerting.alertmanagerConfig,
      alertmanagerSecrets: this.alerting.secrets,
    });
  }
}
