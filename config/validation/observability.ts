/** C1–C6 sizing rules. */
import type { EnvironmentConfig } from "../types";
import type { ConfigChecker } from "./checker";

export function checkObservability(c: EnvironmentConfig, v: ConfigChecker): void {
  const o = c.observability;
  v.number("observability.prometheus.replicas", o.prometheus.replicas, { integer: true, min: 1, max: 5 });
  v.number("observability.prometheus.retentionDays", o.prometheus.retentionDays, { integer: true, min: 1, max: 90 });
  v.number("observability.prometheus.volumeSizeGiB", o.prometheus.volumeSizeGiB, { integer: true, min: 10, max: 16384, reason: "EBS gp3 size limits" });
  v.number("observability.alertmanager.replicas", o.alertmanager.replicas, { integer: true, min: 1, max: 5 });
  v.number("observability.grafana.replicas", o.grafana.replicas, { integer: true, min: 1, max: 5 });
  v.pattern("observability.grafana.hostPrefix", o.grafana.hostPrefix, /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "a DNS label");
  v.pattern("observability.grafana.adminSecretName", o.grafana.adminSecretName, /^[A-Za-z0-9/_+=.@-]{1,512}$/, "a Secrets Manager secret name");
  v.oneOf("observability.loki.deploymentMode", o.loki.deploymentMode, ["SingleBinary", "SimpleScalable"] as const);
  v.number("observability.loki.replicas", o.loki.replicas, { integer: true, min: 1, max: 10 });
  v.oneOf("observability.tempo.deploymentMode", o.tempo.deploymentMode, ["single-binary", "distributed"] as const);
  v.number("observability.tempo.replicas", o.tempo.replicas, { integer: true, min: 1, max: 10 });
  v.number("observability.tempo.retentionDays", o.tempo.retentionDays, { integer: true, min: 1, max: 90 });
  if (c.name === "prod") {
    v.number("observability.prometheus.replicas", o.prometheus.replicas, { integer: true, min: 2, reason: "C1: prod runs Prometheus highly available" });
    v.number("observability.alertmanager.replicas", o.alertmanager.replicas, { integer: true, min: 3, reason: "prod runs an Alertmanager cluster of 3" });
    v.require(o.loki.deploymentMode !== "SingleBinary", "observability.loki.deploymentMode", o.loki.deploymentMode, "must be SimpleScalable in prod (highly available)");
    v.require(o.tempo.deploymentMode === "distributed", "observability.tempo.deploymentMode", o.tempo.deploymentMode, "must be distributed in prod (highly available)");
  }
  if (o.loki.deploymentMode === "SingleBinary") {
    v.require(o.loki.replicas === 1, "observability.loki.replicas", o.loki.replicas, "must be 1 when loki.deploymentMode is SingleBinary (filesystem-less monolith)");
  }
}
