/**
 * Small fixtures for the observability constructs that take a slice of the environment: a pod role's
 * environment (name, account, cluster), an observability bucket's (names, the retention table, protection),
 * and a stack with one AWS provider and the cluster data source the pod roles trust.
 */
import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing, TerraformStack } from "cdktf";
import type { ObservabilityBucketEnvironment } from "../../../constructs/observability/observability-bucket";
import type { PodIdentityEnvironment } from "../../../constructs/observability/pod-identity-role";
import { envConfig } from "../../support";

export const POD_ROLE_ENVIRONMENT: PodIdentityEnvironment = {
  name: "dev",
  account: { id: "111111111111", name: "fx-test" },
  eks: { clusterName: "fx-trader-test", monitoringNamespace: "monitoring", appNamespace: "fx-trader", kubernetesVersion: "1.33" },
};

/** The bucket slice; the retention table is dev's own section (it is a table, not worth restating here). */
export function bucketEnvironment(protectStatefulResources = false): ObservabilityBucketEnvironment {
  return { name: "dev", account: { id: "111111111111", name: "fx-test" }, region: "ap-northeast-1", logRetention: envConfig("dev").logRetention, protectStatefulResources };
}

/** A stack with the `aws` provider and the cluster data source. */
export function podRoleStack() {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: "ap-northeast-1" });
  const cluster = new DataAwsEksCluster(stack, "cluster", { name: "fx-trader-test" });
  return { stack, cluster };
}

export { reference } from "../../support/terraform-reference";
