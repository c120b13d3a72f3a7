/**
 * The checks of the end-to-end alerting test, as functions from what the servers did (Prometheus' firing
 * alerts, the webhook's deliveries) to a list of problems: the live test expects none, each seeded break
 * expects its own. Expectations come from the synthesized Alertmanager configuration (routes, inhibit rules);
 * what happened comes only from the real servers.
 */
import { RECEIVERS } from "../../../alerts/alertmanager";
import { TRAFFIC_LABEL } from "../../../alerts/resolve";
import { SEVERITIES } from "../../../alerts/types";
import { inhibits, type InhibitRule } from "./alertmanager-semantics";
import type { Delivery } from "./e2e-http";

/** A firing alert as Prometheus' /api/v1/alerts lists it. */
export interface FiringAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly state: string;
}

/** One notification, decoded from a webhook delivery. */
export interface Notification {
  readonly at: number;
  /** Which Alertmanager sent it (the first path segment). */
  readonly tag: string;
  readonly receiver: string;
  readonly notifier: string;
  /** Slack title, PagerDuty summary; undefined for the heartbeat webhook. */
  readonly title: string | undefined;
  /** The alert names the body lists, one per alert. */
  readonly alerts: readonly string[];
  readonly delivery: Delivery;
}

type Body = Record<string, unknown>;

/** Decodes a delivery to `<webhook>/<tag>/<receiver>/<notifier>` by the notifier's payload format. */
export function decode(delivery: Delivery): Notification {
  const [, tag, receiver, notifier] = delivery.path.split("/");
  const body = delivery.body as Body;
  let title: string | undefined;
  let alerts: string[] = [];
  switch (notifier) {
    case "slack_configs": {
      const attachment = ((body.attachments as Body[]) ?? [])[0] ?? {};
      title = String(attachment.title ?? "");
      // One block per alert: `*<severity>* <alertname>: <summary>` (the slack text template).
      alerts = [...String(attachment.text ?? "").matchAll(/^\*[^*\n]*\* (\S+): /gm)].map((m) => m[1]!);
      break;
    }
    case "pagerduty_configs": {
      const payload = (body.payload as Body) ?? {};
      title = String(payload.summary ?? "");
      const details = (payload.custom_details as Body) ?? {};
      alerts = [...String(details.alerts ?? "").matchAll(/^- \[\w+\] (\S+): /gm)].map((m) => m[1]!);
      break;
    }
    case "webhook_configs":
      alerts = ((body.alerts as Array<{ labels: Record<string, string> }>) ?? []).map((a) => a.labels.alertname!);
      break;
    default:
      throw new Error(`unknown notifier in ${delivery.path}`);
  }
  return { at: delivery.at, tag: tag!, receiver: receiver!, notifier: notifier!, title, alerts, delivery };
}

/** The receiver the synthesized routing tree names for `labels` (the Watchdog to the heartbeat, unknown severities to the visible receiver). */
export function expectedReceiver(labels: Readonly<Record<string, string>>): string {
  if (labels.alertname === "Watchdog") return RECEIVERS.heartbeat;
  const severity = SEVERITIES.find((s) => s === labels.severity);
  return severity === undefined ? RECEIVERS.unclassified : RECEIVERS[severity];
}

/** What Alertmanager must have done with one firing alert. */
export interface Expectation {
  readonly labels: Readonly<Record<string, string>>;
  readonly receiver: string;
  readonly muted: boolean;
  readonly inhibitedBy: string | undefined;
}

/** The fate of every firing alert: its receiver, muted when business traffic and the market is closed, inhibited by a firing source. */
export function expectations(firing: readonly FiringAlert[], inhibitRules: readonly InhibitRule[], marketClosed: boolean): Expectation[] {
  const active = firing.filter((a) => a.state === "firing").map((a) => a.labels);
  return active.map((labels) => {
    const source = active.find((s) => inhibitRules.some((rule) => inhibits(rule, s, labels)));
    return {
      labels,
      receiver: expectedReceiver(labels),
      muted: marketClosed && labels[TRAFFIC_LABEL] === "business",
      inhibitedBy: source?.alertname,
    };
  });
}

const sortedCount = (names: readonly string[]) => {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([n, c]) => `${n}×${c}`);
};

/**
 * Routing, mute and inhibition: per receiver, the alerts delivered (first notification of each group, counted
 * per alert) equal the firing alerts that are neither muted nor inhibited. `notifier` picks one notifier per
 * receiver (every receiver has a Slack one except the heartbeat's webhook).
 */
export function routingProblems(expected: readonly Expectation[], notifications: readonly Notification[]): string[] {
  const problems: string[] = [];
  const receivers = new Set([...expected.map((e) => e.receiver), ...notifications.map((n) => n.receiver)]);
  for (const receiver of [...receivers].sort()) {
    if (receiver === RECEIVERS.heartbeat) continue; // the heartbeat repeats by design; its cadence is checked on its own
    const want = sortedCount(expected.filter((e) => e.receiver === receiver && !e.muted && e.inhibitedBy === undefined).map((e) => e.labels.alertname!));
    const firstPerGroup = new Map<string, Notification>();
    for (const n of notifications.filter((x) => x.receiver === receiver && x.notifier === "slack_configs")) {
      const key = [...new Set(n.alerts)].sort().join(",");
      if (!firstPerGroup.has(key)) firstPerGroup.set(key, n);
    }
    const got = sortedCount([...firstPerGroup.values()].flatMap((n) => n.alerts));
    if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${receiver}: delivered ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  }
  return problems;
}

/** A title names environment, status, count and alert name(s), e.g. `[prod] FIRING (2): MemoryUsageCritical`. */
export const TITLE = /^\[(\w+)\] (?:UNCLASSIFIED severity="[^"]*" )?(FIRING|RESOLVED) \((\d+)\): (\S.*)$/;

/** Every titled notification names its alert(s) and the count of alerts its body lists. */
export function titleProblems(notifications: readonly Notification[]): string[] {
  const problems: string[] = [];
  for (const n of notifications) {
    if (n.title === undefined) continue;
    const m = TITLE.exec(n.title);
    if (m === null) {
      problems.push(`${n.receiver}/${n.notifier}: title ${JSON.stringify(n.title)} does not name status, count and alert`);
      continue;
    }
    if (Number(m[3]) !== n.alerts.length) problems.push(`${n.receiver}/${n.notifier}: title ${JSON.stringify(n.title)} counts ${m[3]}, the body lists ${n.alerts.length}`);
    for (const name of new Set(n.alerts)) if (!m[4]!.includes(name)) problems.push(`${n.receiver}/${n.notifier}: title ${JSON.stringify(n.title)} does not name ${name}`);
  }
  return problems;
}

/** The heartbeat pings: at least `minPings`, each gap within `toleranceSeconds` of `intervalSeconds`. */
export function heartbeatProblems(notifications: readonly Notification[], intervalSeconds: number, minPings: number, toleranceSeconds: number): string[] {
  const pings = notifications.filter((n) => n.receiver === RECEIVERS.heartbeat).map((n) => n.at).sort((a, b) => a - b);
  if (pings.length < minPings) return [`heartbeat: ${pings.length} pings, expected at least ${minPings}`];
  const gaps = pings.slice(1).map((t, i) => (t - pings[i]!) / 1000);
  const off = gaps.filter((g) => Math.abs(g - intervalSeconds) > toleranceSeconds);
  return off.length === 0 ? [] : [`heartbeat: gaps ${gaps.map((g) => g.toFixed(2)).join(", ")} s, expected ${intervalSeconds} s ± ${toleranceSeconds}`];
}

/** `name` reached `receiver` through its pager (PagerDuty) and its Slack channel. */
export function pagedProblems(notifications: readonly Notification[], name: string, receiver: string): string[] {
  const problems: string[] = [];
  for (const notifier of ["pagerduty_configs", "slack_configs"]) {
    if (!notifications.some((n) => n.receiver === receiver && n.notifier === notifier && n.alerts.includes(name))) problems.push(`${name}: no ${notifier} delivery to ${receiver}`);
  }
  return problems;
}
