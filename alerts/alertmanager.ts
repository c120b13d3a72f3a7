/**
 * The Alertmanager configuration (C3, A8, I1): one receiver per severity, grouping and repeat intervals
 * per severity, inhibition of lower severities by a critical alert of the same problem, the FX market
 * weekend mute for business-traffic alerts, and the Watchdog heartbeat. Credentials are files mounted from
 * a Kubernetes secret (`secrets.ts`); only fields that amtool 0.25 accepts are rendered (see
 * {@link AVOIDED_FIELDS}).
 */
import { stringify } from "yaml";
import type { EnvironmentConfig } from "../config/types";
import { YAML_OPTIONS } from "./yaml";
import { grafanaUrl } from "../config/urls";
import { PROBLEM_LABEL, TRAFFIC_LABEL } from "./resolve";
import { SECRET_KEYS, secretFile, type SecretKey } from "./secrets";
import type { Severity } from "./types";

/** Receiver names. Each severity has its own; the Watchdog has the heartbeat. */
export const RECEIVERS = {
  critical: "critical",
  warning: "warning",
  info: "info-digest",
  heartbeat: "watchdog-heartbeat",
  discard: "discard",
} as const satisfies Record<Severity | "heartbeat" | "discard", string>;

/** Name of the mute time interval for the FX market's weekend closure. */
export const WEEKEND_CLOSURE_INTERVAL = "fx-market-weekend-closure";

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A weekly window in one time zone, from a weekday and time to a later weekday and time. */
export interface WeeklyWindow {
  readonly from: { readonly weekday: Weekday; readonly time: string };
  readonly to: { readonly weekday: Weekday; readonly time: string };
  /** IANA time zone of the times. */
  readonly location: string;
}

/**
 * The FX market's weekend closure: the week ends with New York's close on Friday (22:00 UTC) and starts
 * with Wellington/Sydney's open on Sunday (22:00 UTC). A market fact, the same in every environment.
 */
export const FX_WEEKEND_CLOSURE: WeeklyWindow = {
  from: { weekday: "friday", time: "22:00" },
  to: { weekday: "sunday", time: "22:00" },
  location: "UTC",
};

/** Heartbeat timing: Alertmanager re-sends the always-firing Watchdog every minute. */
export const HEARTBEAT_INTERVAL = "1m";

/**
 * Fields newer than amtool 0.25 (Debian's, which CI validates with) that this configuration must not use,
 * and what it does instead. A test checks the rendered configuration never contains them.
 */
export const AVOIDED_FIELDS: ReadonlyArray<{ readonly section: string; readonly field: string; readonly instead: string }> = [
  {
    section: "webhook_configs",
    field: "url_file",
    instead:
      "the heartbeat webhook's URL (Opsgenie heartbeat ping) holds no secret and is rendered inline; its API key is read from " +
      "`http_config.authorization.credentials_file`. Webhooks whose URL is itself the secret (healthchecks.io, Dead Man's Snitch) are not used.",
  },
];

/** Labels compared by inhibition; a label missing on both alerts counts as equal (Alertmanager semantics). */
export const INHIBIT_EQUAL_LABELS = [PROBLEM_LABEL, "namespace", "service", "pod", "container", "queue", "instance", "device", "mountpoint"];

/** Grouping per severity: critical and warning group per alert and namespace; info collects one digest. */
export const GROUP_BY: Readonly<Record<Severity, readonly string[]>> = {
  critical: ["alertname", "namespace"],
  warning: ["alertname", "namespace"],
  info: ["severity"],
};

/** The `time_intervals` entries that make up `window` (Alertmanager ranges never wrap past midnight). */
export function weeklyTimeIntervals(window: WeeklyWindow): Array<Record<string, unknown>> {
  const first = WEEKDAYS.indexOf(window.from.weekday);
  const span = (WEEKDAYS.indexOf(window.to.weekday) - first + 7) % 7;
  const entries: Array<Record<string, unknown>> = [];
  for (let i = 0; i <= span; i++) {
    const weekday = WEEKDAYS[(first + i) % 7]!;
    const start = i === 0 ? window.from.time : "00:00";
    const end = i === span ? window.to.time : "24:00";
    if (start === end) continue;
    const entry: Record<string, unknown> = { weekdays: [weekday] };
    if (start !== "00:00" || end !== "24:00") entry.times = [{ start_time: start, end_time: end }];
    entry.location = window.location;
    entries.push(entry);
  }
  return entries;
}

const matcher = (label: string, op: "=" | "=~" | "!=", value: string) => `${label}${op}${JSON.stringify(value)}`;

function slack(config: EnvironmentConfig, key: SecretKey): Record<string, unknown> {
  return {
    api_url_file: secretFile(key),
    send_resolved: true,
    title: `[${config.name}] {{ .Status | toUpper }}{{ if eq .Status "firing" }} ({{ .Alerts.Firing | len }}){{ end }}: {{ .CommonLabels.alertname }}`,
    text:
      "{{ range .Alerts }}*{{ .Labels.severity }}* {{ .Annotations.summary }}\n{{ .Annotations.description }}\n" +
      "<{{ .Annotations.runbook_url }}|Runbook> | <{{ .Annotations.dashboard_url }}|Dashboard>\n{{ end }}",
  };
}

function pagerConfigs(config: EnvironmentConfig): Record<string, unknown> {
  const client = `fx-trader ${config.name} Alertmanager`;
  switch (config.alerts.pager) {
    case "pagerduty":
      return {
        pagerduty_configs: [
          {
            routing_key_file: secretFile(SECRET_KEYS.pagerdutyRoutingKey),
            send_resolved: true,
            severity: "critical",
            client,
            client_url: grafanaUrl(config),
            description: `[${config.name}] {{ .CommonAnnotations.summary }}`,
            links: [
              { href: "{{ .CommonAnnotations.runbook_url }}", text: "Runbook" },
              { href: "{{ .CommonAnnotations.dashboard_url }}", text: "Dashboard" },
            ],
          },
        ],
      };
    case "opsgenie":
      return {
        opsgenie_configs: [
          {
            api_key_file: secretFile(SECRET_KEYS.opsgenieApiKey),
            send_resolved: true,
            priority: "P1",
            message: `[${config.name}] {{ .CommonAnnotations.summary }}`,
            source: client,
            tags: `fx-trader,${config.name}`,
          },
        ],
      };
    case "none":
      return {};
  }
}

/** Every receiver: critical pages and posts to the incident channel, warning to the alerts channel, info to a digest. */
export function buildReceivers(config: EnvironmentConfig): Array<Record<string, unknown>> {
  return [
    { name: RECEIVERS.critical, ...pagerConfigs(config), slack_configs: [slack(config, SECRET_KEYS.slackIncidentWebhookUrl)] },
    { name: RECEIVERS.warning, slack_configs: [slack(config, SECRET_KEYS.slackAlertsWebhookUrl)] },
    { name: RECEIVERS.info, slack_configs: [slack(config, SECRET_KEYS.slackDigestWebhookUrl)] },
    {
      name: RECEIVERS.heartbeat,
      webhook_configs: [
        {
          url: `${config.alerts.heartbeatApiUrl}/${config.eks.clusterName}-watchdog/ping`,
          send_resolved: false,
          http_config: { authorization: { type: "GenieKey", credentials_file: secretFile(SECRET_KEYS.heartbeatApiKey) } },
        },
      ],
    },
    { name: RECEIVERS.discard },
  ];
}

function timing(config: EnvironmentConfig, severity: Severity): Record<string, string> {
  const t = config.alerts.notify[severity];
  return { group_wait: t.groupWait, group_interval: t.groupInterval, repeat_interval: t.repeatInterval };
}

function severityRoute(config: EnvironmentConfig, severity: Severity): Record<string, unknown> {
  return {
    receiver: RECEIVERS[severity],
    matchers: [matcher("severity", "=", severity)],
    group_by: [...GROUP_BY[severity]],
    ...timing(config, severity),
    routes: [
      {
        receiver: RECEIVERS[severity],
        matchers: [matcher(TRAFFIC_LABEL, "=", "business")],
        mute_time_intervals: [WEEKEND_CLOSURE_INTERVAL],
      },
    ],
  };
}

/** The routing tree: Watchdog to the heartbeat, `severity="none"` discarded, then one branch per severity. */
export function buildRoute(config: EnvironmentConfig): Record<string, unknown> {
  return {
    // Alerts without a known severity (e.g. another rule pack's) still reach people, on the alerts channel.
    receiver: RECEIVERS.warning,
    group_by: [...GROUP_BY.warning],
    ...timing(config, "warning"),
    routes: [
      {
        receiver: RECEIVERS.heartbeat,
        matchers: [matcher("alertname", "=", "Watchdog")],
        group_by: ["alertname"],
        group_wait: "0s",
        group_interval: HEARTBEAT_INTERVAL,
        repeat_interval: HEARTBEAT_INTERVAL,
      },
      // kube-prometheus-stack's helper alerts (InfoInhibitor) carry severity "none" and notify nobody.
      { receiver: RECEIVERS.discard, matchers: [matcher("severity", "=", "none")] },
      severityRoute(config, "critical"),
      severityRoute(config, "warning"),
      severityRoute(config, "info"),
    ],
  };
}

/**
 * Inhibition: a critical alert silences warning/info alerts of the same problem, a warning the info ones.
 * Only sources with a `problem` label inhibit: Alertmanager treats a label missing on both alerts as equal,
 * so without it any critical alert of another rule pack would silence every info alert, the Watchdog included.
 */
export function buildInhibitRules(): Array<Record<string, unknown>> {
  const hasProblem = matcher(PROBLEM_LABEL, "=~", ".+");
  return [
    {
      source_matchers: [matcher("severity", "=", "critical"), hasProblem],
      target_matchers: [matcher("severity", "=~", "warning|info")],
      equal: INHIBIT_EQUAL_LABELS,
    },
    {
      source_matchers: [matcher("severity", "=", "warning"), hasProblem],
      target_matchers: [matcher("severity", "=", "info")],
      equal: INHIBIT_EQUAL_LABELS,
    },
  ];
}

/**
 * The whole `alertmanager.yaml` of `config`. Every top-level key the kube-prometheus-stack chart sets by
 * default is set here too, so Helm's merge of chart defaults and these values yields exactly this file.
 */
export function buildAlertmanagerConfig(config: EnvironmentConfig): Record<string, unknown> {
  return {
    global: { resolve_timeout: "5m" },
    route: buildRoute(config),
    inhibit_rules: buildInhibitRules(),
    receivers: buildReceivers(config),
    time_intervals: [{ name: WEEKEND_CLOSURE_INTERVAL, time_intervals: weeklyTimeIntervals(FX_WEEKEND_CLOSURE) }],
    templates: [],
  };
}

/** `out/<env>/alertmanager.yaml`, the file `amtool check-config` reads. */
export function renderAlertmanagerYaml(config: EnvironmentConfig, am: Record<string, unknown> = buildAlertmanagerConfig(config)): string {
  const header = `# Alertmanager configuration of ${config.name}, rendered from alerts/ (do not edit; see docs/alerts.md).\n`;
  return header + stringify(am, YAML_OPTIONS);
}
