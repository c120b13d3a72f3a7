import { HorizontalPodAutoscalerV2 } from "@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { ApplicationAutoscaler } from "../../../constructs/capacity/application-autoscaler";
import { ENVIRONMENT_NAMES, envConfig, resources, synthInStack } from "../../support";

type Hpa = {
  metadata: Record<string, unknown>;
  spec: {
    min_replicas: number;
    max_replicas: number;
    scale_target_ref: Record<string, unknown>;
    metric: Array<{ type: string; resource: { name: string; target: Record<string, unknown> } }>;
    behavior: { scale_up: Array<Record<string, unknown>>; scale_down: Array<Record<string, unknown>> };
  };
};

function hpas(env: (typeof ENVIRONMENT_NAMES)[number]): Hpa[] {
  const json = synthInStack(env, (scope, config) => {
    const provider = new KubernetesProvider(scope, "kubernetes", {});
    for (const d of config.capacity.app.deployments) new ApplicationAutoscaler(scope, d, { config, deployment: d, provider });
  });
  return Object.values(resources(json, HorizontalPodAutoscalerV2.tfResourceType)) as unknown as Hpa[];
}

describe("ApplicationAutoscaler (HPA autoscaling/v2)", () => {
  it.each(["staging", "prod"] as const)("K1: %s HPAs hold CPU at 70%% and memory at 80%% average utilization", (env) => {
    const all = hpas(env);
    expect(all).toHaveLength(envConfig(env).capacity.app.deployments.length);
    for (const hpa of all) {
      expect(hpa.spec.metric).toEqual([
        { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", average_utilization: 70 } } },
        { type: "Resource", resource: { name: "memory", target: { type: "Utilization", average_utilization: 80 } } },
      ]);
    }
  });

  it.each(ENVIRONMENT_NAMES)("K2: %s HPAs scale each Deployment between the configured min and max", (env) => {
    const config = envConfig(env);
    const all = hpas(env);
    expect(all.map((h) => h.metadata.name).sort()).toEqual([...config.capacity.app.deployments].sort());
    for (const hpa of all) {
      expect(hpa.metadata.namespace).toBe(config.eks.appNamespace);
      expect(hpa.spec.scale_target_ref).toEqual({ api_version: "apps/v1", kind: "Deployment", name: hpa.metadata.name });
      expect(hpa.spec.min_replicas).toBe(config.capacity.app.minReplicas);
      expect(hpa.spec.max_replicas).toBe(config.capacity.app.maxReplicas);
    }
  });

  it.each(ENVIRONMENT_NAMES)("K2: %s HPAs scale up fast and down slow", (env) => {
    for (const hpa of hpas(env)) {
      expect(hpa.spec.behavior.scale_up).toEqual([
        {
          stabilization_window_seconds: 0,
          select_policy: "Max",
          policy: [
            { type: "Percent", value: 100, period_seconds: 15 },
            { type: "Pods", value: 4, period_seconds: 15 },
          ],
        },
      ]);
      expect(hpa.spec.behavior.scale_down).toEqual([
        {
          stabilization_window_seconds: 600,
          select_policy: "Min",
          policy: [
            { type: "Percent", value: 10, period_seconds: 60 },
            { type: "Pods", value: 1, period_seconds: 60 },
          ],
        },
      ]);
    }
  });

  it("takes its targets from config, not from the construct", () => {
    const config = envConfig("dev", { capacity: { cpuTargetPercent: 55, memoryTargetPercent: 65 } });
    const json = synthInStack(config, (scope, c) => {
      new ApplicationAutoscaler(scope, "web", { config: c, deployment: "fx-trader-web", provider: new KubernetesProvider(scope, "k", {}) });
    });
    const hpa = Object.values(resources(json, HorizontalPodAutoscalerV2.tfResourceType))[0] as unknown as Hpa;
    expect(hpa.spec.metric.map((m) => m.resource.target.average_utilization)).toEqual([55, 65]);
  });

  it("fails when the Deployment name is not a Kubernetes name", () => {
    expect(() =>
      synthInStack("prod", (scope, config) => {
        new ApplicationAutoscaler(scope, "bad", { config, deployment: "FX_Web", provider: new KubernetesProvider(scope, "k", {}) });
      }),
    ).toThrow('[prod] capacity.app.deployments: "FX_Web" is not a Kubernetes Deployment name (DNS-1123 label)');
  });
});
