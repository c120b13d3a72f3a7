import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import { AutoscalingSchedule } from "@cdktf/provider-aws/lib/autoscaling-schedule";
import { HorizontalPodAutoscalerV2 } from "@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Capacity } from "../../../constructs/capacity/capacity";
import type { EnvironmentConfig } from "../../../config/types";
import { ENVIRONMENT_NAMES, envConfig, resources, synthInStack } from "../../support";

function build(config: EnvironmentConfig): { json: string; capacity: Capacity } {
  let capacity: Capacity | undefined;
  const json = synthInStack(config, (scope, c) => {
    capacity = new Capacity(scope, "capacity", { config: c, kubernetes: new KubernetesProvider(scope, "kubernetes", {}) });
  });
  return { json, capacity: capacity! };
}

const targets = (json: string) => Object.values(resources(json, AppautoscalingTarget.tfResourceType)).map((t) => t.service_namespace).sort();

describe("Capacity", () => {
  it.each(ENVIRONMENT_NAMES)("K2: %s has an autoscaling policy for every tier", (env) => {
    const config = envConfig(env);
    const { json } = build(config);
    expect(Object.keys(resources(json, HorizontalPodAutoscalerV2.tfResourceType))).toHaveLength(config.capacity.app.deployments.length);
    expect(targets(json)).toEqual(config.capacity.cacheReplicas.enabled ? ["elasticache", "rds"] : ["rds"]);
  });

  it.each(["staging", "prod"] as const)("K2: %s schedules peak minimums for nodes, readers and cache replicas, all in UTC", (env) => {
    const { json } = build(envConfig(env));
    const aas = Object.values(resources(json, AppautoscalingScheduledAction.tfResourceType));
    const asg = Object.values(resources(json, AutoscalingSchedule.tfResourceType));
    expect(aas).toHaveLength(4);
    expect(asg).toHaveLength(2);
    for (const a of aas) expect(a.timezone).toBe("Etc/UTC");
    for (const a of asg) expect(a.time_zone).toBe("Etc/UTC");
  });

  it("skips read-replica auto scaling for an RDS PostgreSQL instance and says so in the summary", () => {
    const { json, capacity } = build(envConfig("prod", { database: { engine: "postgres" } }));
    expect(targets(json)).toEqual(["elasticache"]);
    expect(capacity.dbReaders).toBeUndefined();
    expect(capacity.node.findAll().map((c) => (c as { text?: string }).text).find((t) => t !== undefined)).toContain("DB readers not scaled (RDS PostgreSQL)");
  });

  it("adds a summary note with the targets, ranges and schedule count", () => {
    const { capacity } = build(envConfig("prod"));
    const note = capacity.node.findChild("summary") as unknown as { topic: string; text: string };
    expect(note.topic).toBe("capacity");
    expect(note.text).toBe(
      "HPA CPU 70% / memory 80% on 2 deployments (3–12 pods); DB readers 1–4 (peak 2); cache replicas 1–3 (peak 2); " +
        "peaks tokyo, london, new-york: 6 scheduled actions (UTC); volumes expandable (expand at 70%)",
    );
  });

  it("exposes the expandable StorageClass name for the observability charts", () => {
    expect(build(envConfig("staging")).capacity.storageClass.name).toBe("fx-trader-staging-gp3-expandable");
  });
});
