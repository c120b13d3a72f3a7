/**
 * HorizontalPodAutoscaler (autoscaling/v2) for one FX Trader Deployment (K1, K2): holds average CPU and memory
 * utilization at the environment's targets between its min and max replicas, scaling up fast and down slow.
 *
 * Utilization is against the containers' requests, so the Deployment must set CPU and memory requests. The HPA
 * takes the larger of the two recommendations, so memory that does not fall after a scale-out keeps replicas up
 * rather than down; the memory target (80%) sits below the critical memory alert (90%) so the HPA adds pods
 * before `MemoryUsageCritical` pages.
 */
import { HorizontalPodAutoscalerV2 } from "@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2";
import type { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Construct } from "constructs";
import type { EnvironmentConfig, HpaScalingRule } from "../../config/types";

export interface ApplicationAutoscalerProps {
  readonly config: Pick<EnvironmentConfig, "name" | "capacity" | "eks">;
  /** Deployment in `config.eks.appNamespace`; the HPA takes its name, as `kubectl get hpa` users expect. */
  readonly deployment: string;
  readonly provider: KubernetesProvider;
}

function policies(rule: HpaScalingRule) {
  return [
    { type: "Percent", value: rule.percentPerPeriod, periodSeconds: rule.periodSeconds },
    { type: "Pods", value: rule.podsPerPeriod, periodSeconds: rule.periodSeconds },
  ];
}

export class ApplicationAutoscaler extends Construct {
  readonly hpa: HorizontalPodAutoscalerV2;

  constructor(scope: Construct, id: string, props: ApplicationAutoscalerProps) {
    super(scope, id);
    const { config, deployment, provider } = props;
    const k = config.capacity;
    if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(deployment)) {
      throw new Error(`[${config.name}] capacity.app.deployments: "${deployment}" is not a Kubernetes Deployment name (DNS-1123 label)`);
    }
    if (!(k.app.minReplicas >= 1 && k.app.minReplicas <= k.app.maxReplicas)) {
      throw new Error(`[${config.name}] capacity.app: minReplicas ${k.app.minReplicas} must be ≥ 1 and ≤ maxReplicas ${k.app.maxReplicas}`);
    }
    const utilization = (name: "cpu" | "memory", percent: number) => ({
      type: "Resource",
      resource: { name, target: { type: "Utilization", averageUtilization: percent } },
    });
    this.hpa = new HorizontalPodAutoscalerV2(this, "hpa", {
      provider,
      metadata: {
        name: deployment,
        namespace: config.eks.appNamespace,
        labels: { "app.kubernetes.io/part-of": "fx-trader", "app.kubernetes.io/managed-by": "cdktf" },
      },
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: deployment },
        minReplicas: k.app.minReplicas,
        maxReplicas: k.app.maxReplicas,
        metric: [utilization("cpu", k.cpuTargetPercent), utilization("memory", k.memoryTargetPercent)],
        behavior: {
          // Up: whichever policy allows more pods.
          scaleUp: [{ stabilizationWindowSeconds: k.app.scaleUp.stabilizationSeconds, selectPolicy: "Max", policy: policies(k.app.scaleUp) }],
          // Down: whichever policy allows fewer pods.
          scaleDown: [{ stabilizationWindowSeconds: k.app.scaleDown.stabilizationSeconds, selectPolicy: "Min", policy: policies(k.app.scaleDown) }],
        },
      },
    });
  }
}
