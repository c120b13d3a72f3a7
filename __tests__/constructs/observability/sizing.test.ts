import YAML from "yaml";
import type { EnvironmentName } from "../../../config/environments";
import { resources } from "../../support";
import { at, release, synthesized } from "./support";

/** What each environment must run (C1, C3–C5): stated here, not recomputed from the config under test. */
const EXPECTED: Record<EnvironmentName, {
  prometheus: { replicas: number; retention: string; storage: string; amp: boolean };
  alertmanagerReplicas: number;
  loki: { mode: string; singleBinary: number; targets: number };
  tempo: { chart: string; replicas: number };
  pdb: boolean;
  zone: "required" | "preferred" | "none";
}> = {
  dev: {
    prometheus: { replicas: 1, retention: "3d", storage: "20Gi", amp: false },
    alertmanagerReplicas: 1,
    loki: { mode: "Monolithic", singleBinary: 1, targets: 0 },
    tempo: { chart: "tempo", replicas: 1 },
    pdb: false,
    zone: "none",
  },
  staging: {
    prometheus: { replicas: 2, retention: "7d", storage: "50Gi", amp: false },
    alertmanagerReplicas: 3,
    loki: { mode: "SimpleScalable", singleBinary: 0, targets: 3 },
    tempo: { chart: "tempo-distributed", replicas: 3 },
    pdb: true,
    zone: "preferred",
  },
  prod: {
    prometheus: { replicas: 2, retention: "15d", storage: "100Gi", amp: true },
    alertmanagerReplicas: 3,
    loki: { mode: "SimpleScalable", singleBinary: 0, targets: 3 },
    tempo: { chart: "tempo-distributed", replicas: 3 },
    pdb: true,
    zone: "required",
  },
};

const ENVS = Object.keys(EXPECTED) as EnvironmentName[];
const ZONE = "topology.kubernetes.io/zone";

/** The zone anti-affinity kind of a Kubernetes affinity (object or YAML text), or "none". */
function zoneRule(affinity: unknown): string {
  const a = (typeof affinity === "string" ? YAML.parse(affinity) : affinity) as Record<string, Record<string, unknown[]>> | undefined;
  const anti = a?.podAntiAffinity;
  const required = (anti?.requiredDuringSchedulingIgnoredDuringExecution ?? []) as Array<{ topologyKey: string }>;
  const preferred = (anti?.preferredDuringSchedulingIgnoredDuringExecution ?? []) as Array<{ podAffinityTerm: { topologyKey: string } }>;
  if (required.some((t) => t.topologyKey === ZONE)) return "required";
  if (preferred.some((t) => t.podAffinityTerm.topologyKey === ZONE)) return "preferred";
  return "none";
}

describe("sizing per environment", () => {
  it.each(ENVS)("C1: %s sizes Prometheus (replicas, retention, volume) and remote-writes to AMP only where enabled", (env) => {
    const e = EXPECTED[env].prometheus;
    const spec = at(release(env, "kube-prometheus-stack").values, "prometheus.prometheusSpec") as Record<string, unknown>;
    expect(spec.replicas).toBe(e.replicas);
    expect(spec.retention).toBe(e.retention);
    expect(at(spec, "storageSpec.volumeClaimTemplate.spec.resources.requests.storage")).toBe(e.storage);
    const json = synthesized(env).platform;
    expect(Object.keys(resources(json, "aws_prometheus_workspace"))).toHaveLength(e.amp ? 1 : 0);
    if (e.amp) {
      expect(spec.remoteWrite).toEqual([{ url: expect.stringMatching(/^\$\{aws_prometheus_workspace\..+\.prometheus_endpoint\}api\/v1\/remote_write$/), sigv4: { region: "ap-northeast-1" } }]);
      expect(spec.replicaExternalLabelName).toBe("__replica__");
    } else {
      expect(spec.remoteWrite).toBeUndefined();
    }
  });

  it.each(ENVS)("C3: %s runs Alertmanager with the expected replicas", (env) => {
    expect(at(release(env, "kube-prometheus-stack").values, "alertmanager.alertmanagerSpec.replicas")).toBe(EXPECTED[env].alertmanagerReplicas);
  });

  it.each(ENVS)("C4: %s runs Loki in its deployment mode with the expected replicas", (env) => {
    const e = EXPECTED[env].loki;
    const v = release(env, "loki").values;
    expect(v.deploymentMode).toBe(e.mode);
    expect(at(v, "singleBinary.replicas")).toBe(e.singleBinary);
    for (const target of ["write", "read", "backend"]) expect(at(v, `${target}.replicas`)).toBe(e.targets);
    expect(at(v, "loki.commonConfig.replication_factor")).toBe(e.targets > 0 ? 3 : 1);
  });

  it.each(ENVS)("C5: %s runs Tempo from the expected chart with the expected replicas", (env) => {
    const e = EXPECTED[env].tempo;
    const v = release(env, e.chart).values;
    if (e.chart === "tempo") {
      expect(v.replicas).toBe(e.replicas);
    } else {
      for (const c of ["ingester", "distributor", "querier", "queryFrontend"]) expect(at(v, `${c}.replicas`)).toBe(e.replicas);
      expect(at(v, "ingester.config.replication_factor")).toBe(3);
    }
  });

  it.each(ENVS)("%s has pod disruption budgets on every multi-replica component exactly when highly available", (env) => {
    const pdb = EXPECTED[env].pdb;
    const kps = release(env, "kube-prometheus-stack").values;
    expect(at(kps, "prometheus.podDisruptionBudget.enabled")).toBe(pdb);
    expect(at(kps, "alertmanager.podDisruptionBudget.enabled")).toBe(pdb);
    if (pdb) expect(at(kps, "alertmanager.podDisruptionBudget.minAvailable")).toBe(2);
    const loki = release(env, "loki").values;
    for (const c of ["write", "read", "backend", "gateway"]) expect(at(loki, `${c}.podDisruptionBudget.enabled`)).toBe(pdb);
    if (pdb) {
      const tempo = release(env, "tempo-distributed").values;
      for (const c of ["ingester", "distributor", "querier", "queryFrontend", "compactor"]) expect(at(tempo, `${c}.podDisruptionBudget.enabled`)).toBe(true);
    }
  });

  it.each(ENVS)("%s spreads replicas across zones as configured (required in prod)", (env) => {
    const zone = EXPECTED[env].zone;
    const kps = release(env, "kube-prometheus-stack").values;
    const operator = { required: "hard", preferred: "soft", none: undefined }[zone];
    for (const c of ["prometheus.prometheusSpec", "alertmanager.alertmanagerSpec"]) {
      expect(at(kps, `${c}.podAntiAffinity`)).toBe(operator);
      expect(at(kps, `${c}.podAntiAffinityTopologyKey`)).toBe(zone === "none" ? undefined : ZONE);
    }
    if (zone !== "none") {
      const loki = release(env, "loki").values;
      for (const c of ["write", "read", "backend"]) expect(zoneRule(at(loki, `${c}.affinity`))).toBe(zone);
    }
    if (zone === "required") {
      const tempo = release(env, "tempo-distributed").values;
      for (const c of ["ingester", "distributor", "querier", "queryFrontend"]) {
        expect(zoneRule(at(tempo, `${c}.affinity`))).toBe("required");
        expect(YAML.parse(at(tempo, `${c}.affinity`) as string).podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels).toEqual({
          "app.kubernetes.io/instance": "tempo",
          "app.kubernetes.io/component": c === "queryFrontend" ? "query-frontend" : c,
        });
      }
    }
  });

  it("C4: dev turns Loki's memcached caches off; prod sizes the chunk cache from config", () => {
    expect(at(release("dev", "loki").values, "chunksCache.enabled")).toBe(false);
    expect(at(release("dev", "loki").values, "resultsCache.enabled")).toBe(false);
    expect(at(release("prod", "loki").values, "chunksCache")).toMatchObject({ enabled: true, allocatedMemory: 4096 });
  });
});
