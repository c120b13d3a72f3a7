/** prod: highly available, held to the guide, own AWS account. */
import { defineEnvironment } from "./define";

export const prod = defineEnvironment({
  name: "prod",
  account: { id: "222222222222", name: "fx-prod" },
  dnsDomain: "fx-trader.example.com",
  stateBackend: { bucket: "fx-trader-tfstate-222222222222", region: "ap-northeast-1", kmsKeyId: "alias/fx-trader-tfstate" },
  eks: { clusterName: "fx-trader-prod", monitoringNamespace: "monitoring", appNamespace: "fx-trader", kubernetesVersion: "1.33" },
  database: { engine: "aurora-postgresql", identifier: "fx-trader-prod", uploadsBucketName: "fx-trader-prod-uploads-222222222222" },
  cache: { replicationGroupId: "fx-trader-prod" },
  secrets: { pathPrefix: "fx-trader/prod", refreshIntervalMinutes: 15 },
  ci: { privateRunnerLabels: ["self-hosted", "linux", "fx-trader-prod-vpc"] },
  observability: { grafana: { sso: { clientId: "grafana-prod" } } },
});
