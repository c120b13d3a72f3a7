import { findConfigIssues } from "../../config";
import { configIssues, ENVIRONMENT_NAMES, envConfig, onlyConfigIssue } from "../support";

describe("observability config validation (C1–C6)", () => {
  it.each(ENVIRONMENT_NAMES)("the built-in %s observability config is valid", (env) => {
    expect(findConfigIssues(envConfig(env)).filter((i) => i.field.startsWith("observability."))).toEqual([]);
  });

  it("fails when prod runs Loki as a monolith", () => {
    expect(onlyConfigIssue("prod", { observability: { loki: { deploymentMode: "Monolithic", replicas: 1 } } })).toContain(
      '[prod] observability.loki.deploymentMode = "Monolithic": must be SimpleScalable in prod (highly available)',
    );
  });

  it("fails when Loki runs SimpleScalable with fewer replicas than its replication factor", () => {
    expect(onlyConfigIssue("staging", { observability: { loki: { replicas: 2 } } })).toContain(
      "[staging] observability.loki.replicas = 2: must be an integer ≥ 3 (SimpleScalable writes with replication factor 3)",
    );
  });

  it("fails when a monolithic Loki has more than one replica", () => {
    expect(onlyConfigIssue("dev", { observability: { loki: { replicas: 2 } } })).toContain(
      "[dev] observability.loki.replicas = 2: must be 1 when loki.deploymentMode is Monolithic (one binary, replication factor 1)",
    );
  });

  it("fails when Loki's deployment mode is one this program does not deploy", () => {
    expect(onlyConfigIssue("dev", { observability: { loki: { deploymentMode: "SingleBinary" as "Monolithic" } } })).toContain(
      '[dev] observability.loki.deploymentMode = "SingleBinary": must be one of "Monolithic", "SimpleScalable"',
    );
  });

  it("fails when distributed Tempo has fewer ingesters than its replication factor", () => {
    expect(onlyConfigIssue("prod", { observability: { tempo: { replicas: 2 } } })).toContain(
      "[prod] observability.tempo.replicas = 2: must be an integer ≥ 3 (distributed Tempo ingesters replicate 3 ways)",
    );
  });

  it("fails when single-binary Tempo has more than one replica", () => {
    expect(onlyConfigIssue("dev", { observability: { tempo: { replicas: 2 } } })).toContain("[dev] observability.tempo.replicas = 2: must be 1 when tempo.deploymentMode is single-binary");
  });

  it("fails when prod runs single-binary Tempo", () => {
    expect(onlyConfigIssue("prod", { observability: { tempo: { deploymentMode: "single-binary", replicas: 1 } } })).toContain(
      '[prod] observability.tempo.deploymentMode = "single-binary": must be distributed in prod (highly available)',
    );
  });

  it("fails when prod turns off pod disruption budgets", () => {
    expect(onlyConfigIssue("prod", { observability: { highAvailability: { podDisruptionBudgets: false } } })).toContain(
      "[prod] observability.highAvailability.podDisruptionBudgets = false: must be true in prod (node drains must keep a quorum)",
    );
  });

  it("fails when prod only prefers zone anti-affinity", () => {
    expect(onlyConfigIssue("prod", { observability: { highAvailability: { zoneAntiAffinity: "preferred" } } })).toContain(
      '[prod] observability.highAvailability.zoneAntiAffinity = "preferred": must be required in prod (losing one zone must not lose a component)',
    );
  });

  it("fails when prod runs fewer than 3 Alertmanagers", () => {
    expect(onlyConfigIssue("prod", { observability: { alertmanager: { replicas: 2 } } })).toContain(
      "[prod] observability.alertmanager.replicas = 2: must be an integer ≥ 3 (prod runs an Alertmanager cluster of 3)",
    );
  });

  it("fails when the storage key's deletion window is outside AWS's 7–30 days", () => {
    expect(onlyConfigIssue("dev", { observability: { storageKeyDeletionWindowDays: 5 } })).toContain(
      "[dev] observability.storageKeyDeletionWindowDays = 5: must be an integer from 7 to 30 (AWS KMS allows 7–30 days)",
    );
  });

  it("fails when the scrape interval is below 5 seconds", () => {
    expect(onlyConfigIssue("dev", { observability: { prometheus: { scrapeIntervalSeconds: 1 } } })).toContain(
      "[dev] observability.prometheus.scrapeIntervalSeconds = 1: must be an integer from 5 to 300",
    );
  });

  it("fails when the chunk cache memory is negative", () => {
    expect(onlyConfigIssue("staging", { observability: { loki: { chunksCacheMemoryMiB: -1 } } })).toContain(
      "[staging] observability.loki.chunksCacheMemoryMiB = -1: must be an integer from 0 to 65536 (0 disables the caches)",
    );
  });

  it("fails when the application's metrics port name is too long for a Service port", () => {
    expect(onlyConfigIssue("dev", { observability: { appMetrics: { port: "prometheus-metrics" } } })).toContain(
      '[dev] observability.appMetrics.port = "prometheus-metrics": must be a Service port name (1–15 lowercase letters, digits, \'-\')',
    );
  });

  it("fails when the metrics path is relative", () => {
    expect(onlyConfigIssue("dev", { observability: { appMetrics: { path: "metrics" } } })).toContain('[dev] observability.appMetrics.path = "metrics": must be an absolute URL path');
  });

  it("fails when the database name is not a lowercase identifier", () => {
    expect(onlyConfigIssue("dev", { observability: { exporters: { postgresDatabase: "Fx-Trader" } } })).toContain(
      '[dev] observability.exporters.postgresDatabase = "Fx-Trader": must be a PostgreSQL database name (lowercase identifier)',
    );
  });

  it("fails when the Grafana ingress class is not a Kubernetes name", () => {
    expect(onlyConfigIssue("dev", { observability: { grafana: { ingressClassName: "ALB" } } })).toContain('[dev] observability.grafana.ingressClassName = "ALB": must be a Kubernetes IngressClass name');
  });

  it("fails when Grafana's volume is 0 GiB", () => {
    expect(onlyConfigIssue("dev", { observability: { grafana: { volumeSizeGiB: 0 } } })).toContain("[dev] observability.grafana.volumeSizeGiB = 0: must be an integer from 1 to 1024");
  });

  it("fails when the zone anti-affinity mode is unknown", () => {
    expect(onlyConfigIssue("dev", { observability: { highAvailability: { zoneAntiAffinity: "strict" as "required" } } })).toContain(
      '[dev] observability.highAvailability.zoneAntiAffinity = "strict": must be one of "required", "preferred", "none"',
    );
  });

  describe("S2: observability.tempo.ingestTls (the validity of the certificates scripts/tls/issue-tempo-cert.sh issues)", () => {
    const certificate = (value: number) =>
      `[prod] observability.tempo.ingestTls.certificateValidityDays = ${value}: must be an integer from 1 to 397 (the Tempo ingest certificate is renewed at least yearly; 397 days is the public-CA ceiling)`;
    it.each([0, -5, 398, 90.5])("S2: fails when the server certificate's validity is %s days", (days) => {
      // A CA validity that stays valid for any certificate validity, so the certificate's is the only issue.
      expect(onlyConfigIssue("prod", { observability: { tempo: { ingestTls: { certificateValidityDays: days, caValidityDays: 1825 } } } })).toBe(certificate(days));
    });

    it("S2: fails when the CA would expire before a certificate it signs, naming the certificate's validity", () => {
      expect(onlyConfigIssue("prod", { observability: { tempo: { ingestTls: { certificateValidityDays: 180, caValidityDays: 179 } } } })).toBe(
        "[prod] observability.tempo.ingestTls.caValidityDays = 179: must be an integer from 180 to 3650 (the CA must outlive the certificates it signs, valid for certificateValidityDays = 180, and be rotated within ten years)",
      );
      // The bound follows the certificate's validity: the same CA validity is fine for a shorter certificate.
      expect(configIssues("prod", { observability: { tempo: { ingestTls: { certificateValidityDays: 90, caValidityDays: 179 } } } })).toEqual([]);
    });

    it("S2: fails when the CA is valid for more than ten years, or a fraction of a day", () => {
      const ca = (value: number) =>
        `[staging] observability.tempo.ingestTls.caValidityDays = ${value}: must be an integer from 180 to 3650 (the CA must outlive the certificates it signs, valid for certificateValidityDays = 180, and be rotated within ten years)`;
      expect(onlyConfigIssue("staging", { observability: { tempo: { ingestTls: { caValidityDays: 3651 } } } })).toBe(ca(3651));
      expect(onlyConfigIssue("staging", { observability: { tempo: { ingestTls: { caValidityDays: 1825.5 } } } })).toBe(ca(1825.5));
    });

    it("S2: reports both when both are out of bounds", () => {
      expect(configIssues("dev", { observability: { tempo: { ingestTls: { certificateValidityDays: 400, caValidityDays: 4000 } } } })).toEqual([
        "[dev] observability.tempo.ingestTls.certificateValidityDays = 400: must be an integer from 1 to 397 (the Tempo ingest certificate is renewed at least yearly; 397 days is the public-CA ceiling)",
        "[dev] observability.tempo.ingestTls.caValidityDays = 4000: must be an integer from 400 to 3650 (the CA must outlive the certificates it signs, valid for certificateValidityDays = 400, and be rotated within ten years)",
      ]);
    });

    it("S2: fails when a validity is not a number, or a field is unknown (the strict schema), naming the fields it has", () => {
      expect(onlyConfigIssue("prod", { observability: { tempo: { ingestTls: { certificateValidityDays: "180" as unknown as number } } } })).toBe(
        '[prod] observability.tempo.ingestTls.certificateValidityDays = "180": must be a number, not a string',
      );
      expect(onlyConfigIssue("prod", { observability: { tempo: { ingestTls: { validityDays: 10 } as unknown as { caValidityDays: number } } } })).toBe(
        '[prod] observability.tempo.ingestTls.validityDays = 10: unknown field; did you mean "caValidityDays"? (observability.tempo.ingestTls has certificateValidityDays, caValidityDays)',
      );
    });
  });
});
