/**
 * A11: the application is down. Ratio alerts (A1, A3) go quiet when the series they divide disappear, and the
 * business alerts are muted while the market is closed; these alerts page on the absence itself. Targets and
 * endpoints down page at any time (`continuous`); "no requests at all" means something only while the market
 * is open, which is what the closure mute of a `business` alert expresses.
 */
import { rate, selector, eq } from "../promql";
import { spokenDuration } from "../duration";
import { absenceAlert, conditionAlert } from "../factories";
import type { AlertDefinition } from "../types";
import { HTTP_REQUESTS, targetsUp } from "../../signals/application";

const DOWN_RUNBOOK_STEPS = [
  "List the pods and their readiness: `kubectl -n <namespace> get pods -o wide` and `kubectl -n <namespace> get endpoints`.",
  "Check the last deployment and events: `kubectl -n <namespace> rollout history deployment/<service>`, `kubectl -n <namespace> get events --sort-by=.lastTimestamp`.",
  "Check what Prometheus sees: the Targets page, or `up{namespace=\"<namespace>\"}` in Explore (a scrape error names the cause).",
  "Check the nodes: `kubectl get nodes` (NotReady nodes take their pods with them).",
];

export const applicationDown: AlertDefinition = absenceAlert({
  name: "ApplicationDown",
  requirement: "A11",
  group: "availability",
  problem: "availability",
  traffic: "continuous",
  dashboard: "applicationOverview",
  for: "2m",
  condition: "no target `up`",
  // No target of the namespace scraped healthy, including none at all (every pod gone): `absent` fires on both.
  present: (ctx) => `${targetsUp(ctx.config.eks.appNamespace)} == 1`,
  summary: (ctx) => `No healthy FX Trader target in namespace ${ctx.config.eks.appNamespace} for ${spokenDuration(ctx.for)}`,
  description: (ctx) =>
    `Prometheus has scraped no healthy target in ${ctx.config.eks.appNamespace} for ${spokenDuration(ctx.for)}: every pod is down, unready or gone. ` +
    "The ratio alerts cannot fire without series; this one does, at any time of the week.",
  runbook: {
    meaning: "Not one target of the application namespace answers Prometheus' scrape: the application is down or unreachable.",
    impact: "Traders cannot quote, trade or log in. A total outage.",
    diagnosis: DOWN_RUNBOOK_STEPS,
    mitigation: [
      "Roll back the last deployment if it started the outage: `kubectl -n <namespace> rollout undo deployment/<service>`.",
      "Replace failed nodes; scale the node group if pods are Pending for lack of capacity.",
      "Open an incident and post status updates in the incident channel.",
    ],
  },
});

export const serviceEndpointsDown: AlertDefinition = conditionAlert({
  name: "ServiceEndpointsDown",
  requirement: "A11",
  group: "availability",
  problem: "availability",
  traffic: "continuous",
  dashboard: "applicationOverview",
  for: "2m",
  condition: "every target of a service down",
  expr: (ctx) => `max by (namespace, service) (${targetsUp(ctx.config.eks.appNamespace)}) == 0`,
  summary: (ctx) => `Every endpoint of {{ $labels.service }} has been down for ${spokenDuration(ctx.for)}`,
  description: (ctx) =>
    `All scrape targets of {{ $labels.namespace }}/{{ $labels.service }} have failed for ${spokenDuration(ctx.for)}: the service has no working endpoint.`,
  runbook: {
    meaning: "Every target behind one service fails its scrape: the service has no working endpoint, whatever the rest of the application does.",
    impact: "Whatever the service provides (quotes, orders, the web front end) is unavailable.",
    diagnosis: DOWN_RUNBOOK_STEPS,
    mitigation: [
      "Restart or roll back the service's deployment.",
      "If its pods are healthy but unscrapable, fix the metrics port or network policy; the service may still serve traders.",
    ],
  },
});

export const applicationNoTraffic: AlertDefinition = absenceAlert({
  name: "ApplicationNoTraffic",
  requirement: "A11",
  group: "availability",
  problem: "availability",
  traffic: "business",
  dashboard: "applicationOverview",
  for: "5m",
  condition: "no request in 5m",
  // No series with a positive request rate: the counters stopped or vanished. Muted while the market is closed.
  present: (ctx) => `${rate(selector(`${HTTP_REQUESTS}_count`, eq("namespace", ctx.config.eks.appNamespace)), "5m")} > 0`,
  summary: (ctx) => `FX Trader in ${ctx.config.eks.appNamespace} has served no request for ${spokenDuration(ctx.for)} while the market is open`,
  description: (ctx) =>
    `No service of ${ctx.config.eks.appNamespace} counted a single HTTP request over the last 5 minutes, for ${spokenDuration(ctx.for)}, while the FX market is open. ` +
    "Traffic is not reaching the application (load balancer, DNS, ingress) or it stopped counting.",
  runbook: {
    meaning: "While the market is open, the application counted no HTTP request at all: clients cannot reach it, or its metrics stopped.",
    impact: "Traders are probably cut off. A total outage until proven otherwise.",
    diagnosis: [
      "Check the load balancer's request count and healthy hosts in the AWS console (ALB target group).",
      "Check DNS and the ingress: `kubectl -n <namespace> get ingress`, and resolve the public hostname.",
      ...DOWN_RUNBOOK_STEPS.slice(0, 2),
    ],
    mitigation: [
      "Restore the path from clients to the pods (target group registration, security groups, DNS record).",
      "If only the metrics stopped, fix the exporter; the alert then resolves on its own.",
    ],
  },
});
