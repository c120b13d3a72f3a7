/**
 * S5: the ClusterSecretStore and one ExternalSecret per Kubernetes Secret the charts read, delivered by the
 * project's own chart `fx-external-secrets` (`project-chart.ts`; not `kubernetes_manifest`, which would need the CRDs at
 * plan time of the very first apply). The chart is copied into the stack's output as a cdktf asset, so the
 * synthesized stack folder is self-contained. Order: operator → this release → consumers (their releases
 * depend on {@link SyncedSecrets.release}).
 */
import type { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import type { Release } from "@cdktf/provider-helm/lib/release";
import { AssetType, TerraformAsset, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "../../config/types";
import { environmentSecrets, refreshInterval, secretName } from "../../secrets/catalog";
import type { HelmValues } from "../core/helm-values";
import { chartRelease } from "../core/chart-release";
import { materializeProjectChart } from "./project-chart";

/** Helm release name of the store and ExternalSecrets. */
export const SYNCED_SECRETS_RELEASE_NAME = "fx-external-secrets";

/** The ClusterSecretStore of an environment. */
export function storeName(config: Pick<EnvironmentConfig, "name">): string {
  return `fx-trader-${config.name}`;
}

/** The chart's values for an environment: store, refresh interval, one entry per synced secret. */
export function syncedSecretsValues(config: EnvironmentConfig): HelmValues {
  const synced = environmentSecrets(config).flatMap((s) => (s.kubernetes === undefined ? [] : [{ ...s.kubernetes, remoteKey: secretName(config, s) }]));
  return {
    store: { name: storeName(config), region: config.region, namespaces: [...new Set(synced.map((s) => s.namespace))].sort() },
    refreshInterval: refreshInterval(config),
    externalSecrets: synced.map((s) => ({ name: s.name, namespace: s.namespace, remoteKey: s.remoteKey, keys: [...s.keys], type: s.type })),
  };
}

export interface SyncedSecretsProps {
  readonly config: EnvironmentConfig;
  readonly helmProvider: HelmProvider;
  /** Namespace of the release record (the ExternalSecrets name their own). */
  readonly namespace: string;
  /** The operator release (CRDs, webhook) and the namespaces the ExternalSecrets live in. */
  readonly dependsOn: ITerraformDependable[];
}

export class SyncedSecrets extends Construct {
  readonly release: Release;
  readonly values: HelmValues;

  constructor(scope: Construct, id: string, props: SyncedSecretsProps) {
    super(scope, id);
    const chart = new TerraformAsset(this, "chart", { path: materializeProjectChart(), type: AssetType.DIRECTORY });
    this.values = syncedSecretsValues(props.config);
    this.release = chartRelease(this, "release", {
      provider: props.helmProvider,
      name: SYNCED_SECRETS_RELEASE_NAME,
      namespace: props.namespace,
      chart: { path: chart.path },
      values: this.values,
      dependsOn: props.dependsOn,
    });
  }
}
