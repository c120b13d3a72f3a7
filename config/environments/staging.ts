/** staging: production-shaped and held to the guide, smaller ranges. Shares the non-prod account with dev. */
import { defineEnvironment } from "./define";

export const staging = defineEnvironment({
  name: "staging",
  account: { id: "111111111111", name: "fx-nonprod" },
  dnsDomain: "staging.fx-trader.example.com",
  stateBackend: { bucket: "fx-trader-tfstate-111111111111", region: "ap-northeast-1", kmsKeyId: "alias/fx-trader-tfstate" },
  eks: { clusterName: "fx-trader-staging", monitoringNamespace: "monitoring", appNamespace: "fx-trader", kubernetesVersion: "1.33" },
  database: { engine: "aurora-postgresql", identifier: "fx-trader-staging", uploadsBucketName: "fx-trader-staging-uploads-111111111111" },
  cache: { replicationGroupId: "fx-trader-staging" },
  secrets: { pathPrefix: "fx-trader/staging", refreshIntervalMinutes: 15 },
  ci: { privateRunnerLabels: ["self-hosted", "linux", "fx-trader-staging-vpc"] },
  observability: {
    grafana: { sso: { clientId: "grafana-staging" } },
    prometheus: { retentionDays: 7, volumeSizeGiB: 50, remoteWriteToAmp: false },
    loki: { chunksCacheMemoryMiB: 1024 },
    sizing: { lokiChunksCache: { cpuMillicores: 500, memoryMiB: 1229, memoryLimitMiB: 1229 } },
    highAvailability: { zoneAntiAffinity: "preferred" },
  },
  capacity: {
    app: { minReplicas: 2, maxReplicas: 6 },
    nodes: { groups: [{ name: "app", min: 2, max: 6, peakMin: 3 }] },
    // Peaks at max, so staging exercises every scheduled action before prod does.
    dbReaders: { min: 1, max: 2, peakMin: 2 },
    cacheReplicas: { min: 1, max: 2, peakMin: 2 },
  },
});
