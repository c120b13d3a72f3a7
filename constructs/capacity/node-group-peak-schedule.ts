/**
 * Peak minimum of an existing EKS managed node group (K2): scheduled actions on the node group's Auto Scaling
 * group that raise its minimum size before market sessions and lower it after.
 *
 * Why nodes and not the HPA's `minReplicas`: Terraform cannot schedule a Kubernetes field, and doing it in the
 * cluster means either KEDA (which replaces the HorizontalPodAutoscaler and adds a CRD chart) or a kubectl
 * CronJob (which fights Terraform over the field). The slow part of a scale-out is the node (boot, join, image
 * pulls: minutes), not the pod (seconds). So the schedule reserves warm nodes before the open, and the HPA's
 * scale-up behaviour (no stabilization, doubling every 15 s) fills them as soon as load arrives. Between
 * sessions the minimum drops back and the cluster autoscaler removes idle nodes; while raised, it cannot
 * remove them, because it never goes below the group's minimum size.
 */
import { AutoscalingSchedule } from "@cdktf/provider-aws/lib/autoscaling-schedule";
import { DataAwsEksNodeGroup } from "@cdktf/provider-aws/lib/data-aws-eks-node-group";
import { Construct } from "constructs";
import { SCHEDULE_TIME_ZONE, tierTransitions, unixCron, type PeakTransition } from "../../config/capacity-schedule";
import type { EnvironmentConfig, NodeGroupCapacity } from "../../config/types";
import { resourceName } from "../core/naming";

/** `aws_autoscaling_schedule` sentinel for "leave this size unchanged" (an unset size means 0). */
const UNCHANGED = -1;

export interface NodeGroupPeakScheduleProps {
  readonly config: Pick<EnvironmentConfig, "name" | "capacity" | "eks">;
  readonly group: NodeGroupCapacity;
}

export class NodeGroupPeakSchedule extends Construct {
  /** Empty when the environment lists no sessions or the group's peak minimum equals its minimum. */
  readonly transitions: readonly PeakTransition[];
  readonly schedules: readonly AutoscalingSchedule[];
  /** The node group looked up for its Auto Scaling group; undefined when there is nothing to schedule. */
  readonly nodeGroup?: DataAwsEksNodeGroup;

  constructor(scope: Construct, id: string, props: NodeGroupPeakScheduleProps) {
    super(scope, id);
    const { config, group } = props;
    if (!(Number.isInteger(group.min) && group.min >= 0 && group.min <= group.peakMin && group.peakMin <= group.max)) {
      throw new Error(`[${config.name}] capacity.nodes.groups "${group.name}": min ${group.min} ≤ peakMin ${group.peakMin} ≤ max ${group.max} must hold`);
    }
    this.transitions = tierTransitions(config.capacity, group, config.capacity.nodes.leadMinutes);
    if (this.transitions.length === 0) {
      this.schedules = [];
      return;
    }
    const nodeGroup = new DataAwsEksNodeGroup(this, "node-group", { clusterName: config.eks.clusterName, nodeGroupName: group.name });
    this.nodeGroup = nodeGroup;
    // A managed node group has exactly one Auto Scaling group.
    const asgName = nodeGroup.resources.get(0).autoscalingGroups.get(0).name;
    this.schedules = this.transitions.map(
      (t) =>
        new AutoscalingSchedule(this, t.name, {
          scheduledActionName: resourceName(config, "nodes", group.name, t.name),
          autoscalingGroupName: asgName,
          recurrence: unixCron(t),
          timeZone: SCHEDULE_TIME_ZONE,
          minSize: t.action === "raise" ? group.peakMin : group.min,
          // Only the minimum moves: the maximum stays the node group's, the desired count the autoscaler's.
          maxSize: UNCHANGED,
          desiredCapacity: UNCHANGED,
        }),
    );
  }
}
