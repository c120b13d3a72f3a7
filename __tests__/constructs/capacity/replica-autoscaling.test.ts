import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { ReplicaAutoscaling } from "../../../constructs/capacity/replica-autoscaling";
import { auroraReaders, elastiCacheReplicas } from "../../../constructs/capacity/scalable-replicas";
import type { EnvironmentConfig, Overrides } from "../../../config/types";
import type { EnvironmentName } from "../../../config/environments";
import { envConfig, onlyResource, resources, synthInStack } from "../../support";

function synthDbReaders(env: EnvironmentName, overrides?: Overrides<EnvironmentConfig>): string {
  return synthInStack(envConfig(env, overrides), (scope, config) => {
    new ReplicaAutoscaling(scope, "db-readers", { config, replicas: auroraReaders(config.database.identifier), tier: config.capacity.dbReaders, field: "capacity.dbReaders" });
  });
}

function scheduled(json: string): Array<Record<string, unknown>> {
  return Object.values(resources(json, AppautoscalingScheduledAction.tfResourceType)).sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

describe("ReplicaAutoscaling", () => {
  it.each(["staging", "prod"] as const)("K1: %s scales Aurora readers on reader CPU at 70%%", (env) => {
    const json = synthDbReaders(env);
    const config = envConfig(env);
    expect(onlyResource(json, AppautoscalingTarget.tfResourceType)).toMatchObject({
      service_namespace: "rds",
      resource_id: `cluster:${config.database.identifier}`,
      scalable_dimension: "rds:cluster:ReadReplicaCount",
      min_capacity: config.capacity.dbReaders.min,
      max_capacity: config.capacity.dbReaders.max,
    });
    expect(onlyResource(json, AppautoscalingPolicy.tfResourceType)).toMatchObject({
      name: `fx-trader-${env}-db-readers-cpu-target`,
      policy_type: "TargetTrackingScaling",
      target_tracking_scaling_policy_configuration: {
        target_value: 70,
        predefined_metric_specification: { predefined_metric_type: "RDSReaderAverageCPUUtilization" },
        scale_out_cooldown: 300,
        scale_in_cooldown: 900,
        disable_scale_in: false,
      },
    });
  });

  it.each(["staging", "prod"] as const)("K1: %s scales ElastiCache replicas on replica engine CPU at 70%%", (env) => {
    const json = synthInStack(env, (scope, config) => {
      new ReplicaAutoscaling(scope, "cache", { config, replicas: elastiCacheReplicas(config.cache.replicationGroupId), tier: config.capacity.cacheReplicas, field: "capacity.cacheReplicas" });
    });
    expect(onlyResource(json, AppautoscalingTarget.tfResourceType)).toMatchObject({
      service_namespace: "elasticache",
      resource_id: `replication-group/fx-trader-${env}`,
      scalable_dimension: "elasticache:replication-group:Replicas",
    });
    expect(onlyResource(json, AppautoscalingPolicy.tfResourceType)).toMatchObject({
      target_tracking_scaling_policy_configuration: { target_value: 70, predefined_metric_specification: { predefined_metric_type: "ElastiCacheReplicaEngineCPUUtilization" } },
    });
  });

  it.each(["staging", "prod"] as const)("K2: %s raises the reader minimum 45 min before Tokyo's Monday open and lowers it after New York's Friday close, in UTC", (env) => {
    const config = envConfig(env);
    const actions = scheduled(synthDbReaders(env));
    expect(actions.map((a) => [a.name, a.schedule, a.timezone, a.scalable_target_action])).toEqual([
      // New York closes 22:00 UTC (17:00 EST) + 30 min hold, Friday.
      [`fx-trader-${env}-db-readers-lower-after-new-york`, "cron(30 22 ? * FRI *)", "Etc/UTC", { min_capacity: String(config.capacity.dbReaders.min) }],
      // Tokyo opens 00:00 UTC (09:00 JST) on Monday; 45 minutes ahead is Sunday 23:15 UTC.
      [`fx-trader-${env}-db-readers-raise-before-tokyo`, "cron(15 23 ? * SUN *)", "Etc/UTC", { min_capacity: String(config.capacity.dbReaders.peakMin) }],
    ]);
    for (const a of actions) expect(a.resource_id).toMatch(/^\$\{aws_appautoscaling_target\..+\.resource_id\}$/);
  });

  it("K2: schedules follow the configured session times and lead", () => {
    const sessions = [
      { name: "tokyo", timeZone: "Asia/Tokyo", localOpen: "09:00", localClose: "12:00", openUtc: "00:00", closeUtc: "03:00" },
      { name: "london", timeZone: "Europe/London", localOpen: "08:00", localClose: "11:00", openUtc: "07:00", closeUtc: "11:00" },
    ];
    const actions = scheduled(synthDbReaders("prod", { capacity: { marketSessions: sessions, minOffPeakMinutes: 0, peakHoldMinutes: 0, dbReaders: { leadMinutes: 60 } } }));
    expect(actions.map((a) => [a.name, a.schedule])).toEqual([
      ["fx-trader-prod-db-readers-lower-after-london", "cron(0 11 ? * MON-FRI *)"],
      ["fx-trader-prod-db-readers-lower-after-tokyo", "cron(0 3 ? * MON-FRI *)"],
      ["fx-trader-prod-db-readers-raise-before-london", "cron(0 6 ? * MON-FRI *)"],
      ["fx-trader-prod-db-readers-raise-before-tokyo", "cron(0 23 ? * SUN-THU *)"],
    ]);
  });

  it("K2: a scheduled target leaves its minimum to the schedule; an unscheduled one keeps it in Terraform", () => {
    expect(onlyResource(synthDbReaders("prod"), AppautoscalingTarget.tfResourceType).lifecycle).toEqual({ ignore_changes: ["min_capacity"] });
    const dev = synthDbReaders("dev");
    expect(onlyResource(dev, AppautoscalingTarget.tfResourceType).lifecycle).toBeUndefined();
    expect(scheduled(dev)).toEqual([]);
  });

  it("schedules nothing when the peak minimum equals the minimum", () => {
    expect(scheduled(synthDbReaders("prod", { capacity: { dbReaders: { peakMin: 1 } } }))).toEqual([]);
  });

  it("fails when the peak minimum is above the maximum", () => {
    expect(() => synthDbReaders("prod", { capacity: { dbReaders: { peakMin: 9 } } })).toThrow(
      "[prod] capacity.dbReaders: min 1 ≤ peakMin 9 ≤ max 4 must hold (non-negative integers) for Aurora readers auto scaling",
    );
  });
});
