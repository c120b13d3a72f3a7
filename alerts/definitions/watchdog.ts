/**
 * The Watchdog: always firing, routed to an external heartbeat. When the heartbeat stops arriving, the
 * heartbeat service pages: Prometheus, the rule evaluation or Alertmanager is down, and nothing else could tell.
 */
import { spokenDuration } from "../duration";
import { conditionAlert } from "../factories";
import type { AlertDefinition } from "../types";

export const watchdog: AlertDefinition = conditionAlert({
  name: "Watchdog",
  requirement: "C3",
  group: "meta",
  problem: "",
  traffic: "continuous",
  dashboard: "infrastructure",
  for: "",
  expr: () => "vector(1)",
  summary: () => "The alerting pipeline is working (always firing)",
  description: (ctx) =>
    `This alert always fires. Alertmanager sends it to the external heartbeat every ${spokenDuration(`${ctx.config.alerts.heartbeatIntervalSeconds}s`)} ` +
    "(alerts.heartbeatIntervalSeconds); when the heartbeat stops arriving, the heartbeat service pages on-call because Prometheus or Alertmanager is down.",
  runbook: {
    meaning: "Always firing by design. The page you received comes from the heartbeat service: it stopped receiving this alert.",
    impact: "While the heartbeat is missing, no other alert can be trusted to arrive: the environment is unmonitored.",
    diagnosis: [
      "Check the Prometheus and Alertmanager pods: `kubectl -n <monitoring namespace> get pods`.",
      "Check that Prometheus evaluates rules (`prometheus_rule_evaluation_failures_total`) and reaches Alertmanager (`prometheus_notifications_errors_total`).",
      "Check Alertmanager's logs for failed heartbeat webhooks (expired API key, egress blocked).",
    ],
    mitigation: [
      "Restore the failing component (restart the pod, fix the node, renew the API key in Secrets Manager).",
      "Until it is back, watch the dashboards by hand and tell the incident channel that alerting is down.",
    ],
  },
});
