/**
 * S2: TLS of Alloy → Tempo's OTLP gRPC receiver, with certificate verification and no private key in Terraform.
 * The certificate and its key are issued outside Terraform (`scripts/tls/issue-tempo-cert.sh`, from
 * {@link tempoIngestCertificate}) into Secrets Manager entries created without a value; External Secrets Operator
 * syncs them (secrets/catalog.ts `tempo-ingest-tls`, `tempo-ingest-ca`). Tempo's receiver serves the mounted pair
 * and re-reads it every {@link TEMPO_INGEST_TLS}`.reloadInterval`; Alloy verifies Tempo's certificate and host name
 * against the mounted CA. Tempo's OTLP HTTP receiver is off: nothing sends to it (Alloy exports gRPC, and the
 * network policies admit only the gRPC port).
 */
import type { EnvironmentConfig } from "../../config/types";
import { environmentSecrets, KUBERNETES_SECRET_NAMES, secretName, TEMPO_INGEST_TLS, type SecretDefinition } from "../../secrets/catalog";
import type { HelmValues } from "../core/helm-values";
import { observabilityEndpoints } from "./endpoints";

/** Volume names of the mounted Secrets (Tempo's certificate and key, Alloy's CA bundle). */
export const TLS_VOLUMES = { tempo: "tempo-ingest-tls", alloy: "tempo-ingest-ca" } as const;

/** Oldest TLS version Tempo's receiver accepts (Alloy, a Go client, speaks 1.3). */
export const TEMPO_INGEST_MIN_TLS_VERSION = "1.3";

/** What the issuing script needs for an environment: the names to certify, where to store the result, validity. */
export interface TempoIngestCertificateProfile {
  readonly environment: string;
  readonly region: string;
  /** Subject alternative names (DNS) of the server certificate: exactly the host Alloy dials. */
  readonly hostnames: readonly string[];
  /**
   * The CA's permitted DNS subtree (`nameConstraints`): the monitoring namespace's Service names, so a leaked CA key
   * cannot certify any other host (RFC 5280: the domain and every name below it).
   */
  readonly permittedDnsDomain: string;
  readonly certificateValidityDays: number;
  readonly caValidityDays: number;
  /** Secrets Manager names the script writes. */
  readonly secrets: { readonly certificate: string; readonly ca: string; readonly caKey: string };
}

function entry(config: EnvironmentConfig, id: string): SecretDefinition {
  const found = environmentSecrets(config).find((s) => s.id === id);
  if (found === undefined) throw new Error(`[${config.name}] secrets/catalog.ts has no secret ${JSON.stringify(id)}: the Tempo ingest TLS needs it`);
  return found;
}

/** The certificate profile of an environment, derived from the endpoints Alloy uses and the secrets catalog. */
export function tempoIngestCertificate(config: EnvironmentConfig): TempoIngestCertificateProfile {
  const tls = config.observability.tempo.ingestTls;
  return {
    environment: config.name,
    region: config.region,
    hostnames: [observabilityEndpoints(config).tempoIngestHost],
    permittedDnsDomain: `${config.eks.monitoringNamespace}.svc.cluster.local`,
    certificateValidityDays: tls.certificateValidityDays,
    caValidityDays: tls.caValidityDays,
    secrets: {
      certificate: secretName(config, entry(config, "tempo-ingest-tls")),
      ca: secretName(config, entry(config, "tempo-ingest-ca")),
      caKey: secretName(config, entry(config, "tempo-ingest-ca-key")),
    },
  };
}

/** The `tls` settings of Tempo's OTLP gRPC receiver (the collector's configtls server settings). */
export function tempoReceiverTls(): HelmValues {
  return {
    cert_file: `${TEMPO_INGEST_TLS.tempoMountDir}/${TEMPO_INGEST_TLS.certificateKey}`,
    key_file: `${TEMPO_INGEST_TLS.tempoMountDir}/${TEMPO_INGEST_TLS.privateKeyKey}`,
    min_version: TEMPO_INGEST_MIN_TLS_VERSION,
    reload_interval: TEMPO_INGEST_TLS.reloadInterval,
  };
}

/** The Secret volume of Tempo's ingest pods and its mount (read-only; the key readable by the pod's group only). */
export function tempoTlsVolume(): { readonly volume: HelmValues; readonly mount: HelmValues } {
  return {
    volume: {
      name: TLS_VOLUMES.tempo,
      secret: {
        secretName: KUBERNETES_SECRET_NAMES.tempoIngestTls,
        // 0440: the charts set fsGroup, so Tempo's user reads the key through its group; nobody else can.
        defaultMode: 0o440,
        items: [TEMPO_INGEST_TLS.certificateKey, TEMPO_INGEST_TLS.privateKeyKey].map((key) => ({ key, path: key })),
      },
    },
    mount: { name: TLS_VOLUMES.tempo, mountPath: TEMPO_INGEST_TLS.tempoMountDir, readOnly: true },
  };
}

/** The CA bundle volume of Alloy's pods and its mount. */
export function alloyCaVolume(): { readonly volume: HelmValues; readonly mount: HelmValues } {
  return {
    volume: { name: TLS_VOLUMES.alloy, secret: { secretName: KUBERNETES_SECRET_NAMES.tempoIngestCa, items: [{ key: TEMPO_INGEST_TLS.caKey, path: TEMPO_INGEST_TLS.caKey }] } },
    mount: { name: TLS_VOLUMES.alloy, mountPath: TEMPO_INGEST_TLS.alloyMountDir, readOnly: true },
  };
}

/** The CA file Alloy's `otelcol.exporter.otlp` verifies Tempo's certificate against. */
export const ALLOY_TEMPO_CA_FILE = `${TEMPO_INGEST_TLS.alloyMountDir}/${TEMPO_INGEST_TLS.caKey}`;
