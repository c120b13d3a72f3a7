import { AutoscalingSchedule } from "@cdktf/provider-aws/lib/autoscaling-schedule";
import { DataAwsEksNodeGroup } from "@cdktf/provider-aws/lib/data-aws-eks-node-group";
import { NodeGroupPeakSchedule } from "../../../constructs/capacity/node-group-peak-schedule";
import type { EnvironmentName } from "../../../config/environments";
import { envConfig, parse, resources, synthInStack } from "../../support";

function synthNodes(env: EnvironmentName): string {
  return synthInStack(env, (scope, config) => {
    for (const group of config.capacity.nodes.groups) new NodeGroupPeakSchedule(scope, group.name, { config, group });
  });
}

describe("NodeGroupPeakSchedule", () => {
  it.each(["staging", "prod"] as const)("K2: %s raises the app node group's minimum 20 min before Tokyo's Monday open, in UTC, and lowers it after New York's Friday close", (env) => {
    const group = envConfig(env).capacity.nodes.groups[0]!;
    const json = synthNodes(env);
    const schedules = Object.values(resources(json, AutoscalingSchedule.tfResourceType)).sort((a, b) => String(a.scheduled_action_name).localeCompare(String(b.scheduled_action_name)));
    expect(schedules.map((s) => [s.scheduled_action_name, s.recurrence, s.time_zone, s.min_size, s.max_size, s.desired_capacity])).toEqual([
      [`fx-trader-${env}-nodes-app-lower-after-new-york`, "30 22 * * 5", "Etc/UTC", group.min, -1, -1],
      [`fx-trader-${env}-nodes-app-raise-before-tokyo`, "40 23 * * 0", "Etc/UTC", group.peakMin, -1, -1],
    ]);
    for (const s of schedules) expect(s.autoscaling_group_name).toMatch(/^\$\{data\.aws_eks_node_group\..+\.resources\[0\]\.autoscaling_groups\[0\]\.name\}$/);
    expect(Object.values(parse(json).data?.[DataAwsEksNodeGroup.tfResourceType] ?? {})).toEqual([
      expect.objectContaining({ cluster_name: `fx-trader-${env}`, node_group_name: "app" }),
    ]);
  });

  it("schedules nothing (and looks nothing up) in dev, which lists no sessions", () => {
    const json = synthNodes("dev");
    expect(resources(json, AutoscalingSchedule.tfResourceType)).toEqual({});
    expect(parse(json).data).toBeUndefined();
  });

  it("fails when the peak minimum is above the node group's max", () => {
    const config = envConfig("prod");
    expect(() =>
      synthInStack(config, (scope) => {
        new NodeGroupPeakSchedule(scope, "app", { config, group: { name: "app", min: 3, max: 12, peakMin: 20 } });
      }),
    ).toThrow('[prod] capacity.nodes.groups "app": min 3 ≤ peakMin 20 ≤ max 12 must hold');
  });
});
