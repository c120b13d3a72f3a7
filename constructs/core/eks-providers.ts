/**
 * Helm and Kubernetes providers for the existing EKS cluster. The token comes from `aws eks get-token`
 * through `exec` at plan/apply time: a static token from `aws_eks_cluster_auth` expires after 15 minutes,
 * which long Helm applies outlive.
 */
import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "../../config/types";

export interface EksProvidersProps {
  readonly config: EnvironmentConfig;
}

export class EksProviders extends Construct {
  readonly cluster: DataAwsEksCluster;
  readonly helm: HelmProvider;
  readonly kubernetes: KubernetesProvider;

  constructor(scope: Construct, id: string, props: EksProvidersProps) {
    super(scope, id);
    const { config } = props;
    this.cluster = new DataAwsEksCluster(this, "cluster", { name: config.eks.clusterName });
    const exec = {
      apiVersion: "client.authentication.k8s.io/v1beta1",
      command: "aws",
      args: ["eks", "get-token", "--cluster-name", config.eks.clusterName, "--region", config.region],
    };
    const host = this.cluster.endpoint;
    const clusterCaCertificate = Fn.base64decode(this.cluster.certificateAuthority.get(0).data);
    this.helm = new HelmProvider(this, "helm", { kubernetes: { host, clusterCaCertificate, exec } });
    this.kubernetes = new KubernetesProvider(this, "kubernetes", { host, clusterCaCertificate, exec: [exec] });
  }
}
