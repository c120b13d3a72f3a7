/**
 * Replica auto scaling of an existing Aurora cluster or ElastiCache replication group (K1, K2): an Application
 * Auto Scaling target between the tier's min and max, target tracking on the replicas' CPU at the environment's
 * CPU target, and scheduled actions that raise the minimum before market sessions and lower it after.
 */
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { Construct } from "constructs";
import { SCHEDULE_TIME_ZONE, appAutoScalingCron, tierTransitions, type PeakTransition } from "../../config/capacity-schedule";
import type { EnvironmentConfig, TargetTrackingTier } from "../../config/types";
import { resourceName } from "../core/naming";
import type { ScalableReplicas } from "./scalable-replicas";

export interface ReplicaAutoscalingProps {
  readonly config: Pick<EnvironmentConfig, "name" | "capacity">;
  readonly replicas: ScalableReplicas;
  /** Range, peak minimum, lead time and cooldowns, e.g. `config.capacity.dbReaders`. */
  readonly tier: TargetTrackingTier;
  /** Config field `tier` came from, for error messages, e.g. `capacity.dbReaders`. */
  readonly field: string;
}

export class ReplicaAutoscaling extends Construct {
  readonly target: AppautoscalingTarget;
  readonly cpuPolicy: AppautoscalingPolicy;
  /** Empty when the environment lists no sessions or the peak minimum equals the minimum. */
  readonly transitions: readonly PeakTransition[];
  readonly scheduledActions: readonly AppautoscalingScheduledAction[];

  constructor(scope: Construct, id: string, props: ReplicaAutoscalingProps) {
    super(scope, id);
    const { config, replicas, tier, field } = props;
    const { min, max, peakMin } = tier;
    if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 0 && min <= peakMin && peakMin <= max)) {
      throw new Error(`[${config.name}] ${field}: min ${min} ≤ peakMin ${peakMin} ≤ max ${max} must hold (non-negative integers) for ${replicas.label} auto scaling`);
    }
    this.target = new AppautoscalingTarget(this, "target", {
      serviceNamespace: replicas.serviceNamespace,
      resourceId: replicas.resourceId,
      scalableDimension: replicas.scalableDimension,
      minCapacity: min,
      maxCapacity: max,
    });
    this.cpuPolicy = new AppautoscalingPolicy(this, "cpu", {
      name: resourceName(config, replicas.slug, "cpu-target"),
      policyType: "TargetTrackingScaling",
      serviceNamespace: this.target.serviceNamespace,
      resourceId: this.target.resourceId,
      scalableDimension: this.target.scalableDimension,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: config.capacity.cpuTargetPercent,
        predefinedMetricSpecification: { predefinedMetricType: replicas.predefinedCpuMetric },
        scaleOutCooldown: tier.scaleOutCooldownSeconds,
        scaleInCooldown: tier.scaleInCooldownSeconds,
        disableScaleIn: false,
      },
    });
    this.transitions = tierTransitions(config.capacity, tier, tier.leadMinutes);
    if (this.transitions.length > 0) {
      // A scheduled action moves the target's MinCapacity outside Terraform; without this a plan during a
      // session would reset it to the off-peak minimum. The lower action carries `min` from config, so a
      // change of `min` still reaches AWS, at the next lower time (terraform-provider-aws#17100).
      this.target.lifecycle = { ignoreChanges: ["min_capacity"] };
    }
    const peak = new Construct(this, "peak");
    this.scheduledActions = this.transitions.map(
      (t) =>
        new AppautoscalingScheduledAction(peak, t.name, {
          name: resourceName(config, replicas.slug, t.name),
          serviceNamespace: this.target.serviceNamespace,
          resourceId: this.target.resourceId,
          scalableDimension: this.target.scalableDimension,
          schedule: appAutoScalingCron(t),
          timezone: SCHEDULE_TIME_ZONE,
          // Only the minimum moves; the maximum stays the target's.
          scalableTargetAction: { minCapacity: String(t.action === "raise" ? peakMin : min) },
        }),
    );
  }
}
