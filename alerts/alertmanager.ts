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
import type { AlertmanagerConfig, InhibitRule, PagerdutyConfig, OpsgenieConfig, Receiver, Route, RouteTiming, SlackConfig, TimeIntervalSpec } from "./models";
import type { Severity } from "./types";

/** Receiver names. Each severity has its own; the Watchdog has the heartbeat. */
export const RECEIVERS = {
  critical: "critical",
  warning: "warning",
  info: "info-digest",
  heartbeat: "watchdog-heartbeat",
  discard: "discard",
  unclassified: "unclassified",
} as const satisfies Record<Severity | "heartbeat" | "discard" | "unclassified", string>;

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
 * The FX market's weekend closure. The FX trading week follows New York's 17:00: it closes Friday 17:00 and
 * reopens Sunday 17:00 New York time (Wellington's Monday morning), so in UTC the window is 22:00–22:00 in
 * winter (EST, UTC−5) and 21:00–21:00 in summer (EDT, UTC−4). Alertmanager (≥ 0.25) evaluates the window in
 * `location`, so the daylight-saving change moves it with New York. A market fact, the same in every environment.
 */
export const FX_WEEKEND_CLOSURE: WeeklyWindow = {
  from: { weekday: "friday", time: "17:00" },
  to: { weekday: "sunday", time: "17:00" },
  location: "America/New_York",
};

/**
 * Route timing of the Watchdog heartbeat for `config.alerts.heartbeatIntervalSeconds` (the interval the
 * heartbeat receiver is configured to expect). Alertmanager checks a group once per `group_interval` and
 * re-sends an unchanged group only when more than `repeat_interval` has passed since the last notification,
 * which was sent a moment after the previous check: with both equal to the interval every other check is
 * skipped (a ping every two intervals). `repeat_interval` half the interval makes every check send.
 */
export function heartbeatTiming(intervalSeconds: number): Required<RouteTiming> {
  const half = intervalSeconds % 2 === 0 ? `${intervalSeconds / 2}s` : `${intervalSeconds * 500}ms`;
  return { group_wait: "0s", group_interval: `${intervalSeconds}s`, repeat_interval: half };
}

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
export const INHIBIT_EQUAL_LABELS = [PROBLEM_LABEL, "namespace", "service", "slo", "pod", "container", "queue", "instance", "device", "mountpoint"];

/** Grouping per severity: critical and warning group per alert and namespace; info collects one digest. */
export const GROUP_BY: Readonly<Record<Severity, readonly string[]>> = {
  critical: ["alertname", "namespace"],
  warning: ["alertname", "namespace"],
  info: ["severity"],
};

/** The `time_intervals` entries that make up `window` (Alertmanager ranges never wrap past midnight). */
export function weeklyTimeIntervals(window: WeeklyWindow): TimeIntervalSpec[] {
  const first = WEEKDAYS.indexOf(window.from.weekday);
  const span = (WEEKDAYS.indexOf(window.to.weekday) - first + 7) % 7;
  const entries: TimeIntervalSpec[] = [];
  for (let i = 0; i <= span; i++) {
    const weekday = WEEKDAYS[(first + i) % 7]!;
    const start = i === 0 ? window.from.time : "00:00";
    const end = i === span ? window.to.time : "24:00";
    if (start === end) continue;
    const wholeDay = start === "00:00" && end === "24:00";
    entries.push({ weekdays: [weekday], ...(wholeDay ? {} : { times: [{ start_time: start, end_time: end }] }), location: window.location });
  }
  return entries;
}

const matcher = (label: string, op: "=" | "=~" | "!=", value: string) => `${label}${op}${JSON.stringify(value)}`;

/**
 * The alert name(s) of a notification: the group's common `alertname`, or, when the alerts of a group differ
 * (the info digest groups by severity), every alert's name in turn. Never empty for a non-empty group.
 */
export const ALERT_NAMES_TEMPLATE =
  "{{ if .CommonLabels.alertname }}{{ .CommonLabels.alertname }}{{ else }}" +
  "{{ range $i, $a := .Alerts }}{{ if $i }}, {{ end }}{{ $a.Labels.alertname }}{{ end }}{{ end }}";

/** How many alerts a notification reports: the firing ones, or the resolved ones once the group resolved. */
const COUNT_TEMPLATE = '{{ if eq .Status "firing" }}{{ .Alerts.Firing | len }}{{ else }}{{ .Alerts.Resolved | len }}{{ end }}';

/**
 * The one-line title of every notification (Slack title, PagerDuty description, Opsgenie message):
 * environment, status, count and alert name(s), e.g. `[prod] FIRING (2): MemoryUsageCritical`. It uses no
 * annotation: summaries differ between the alerts of a group, and `.CommonAnnotations.summary` is then empty.
 */
export function notificationTitle(config: EnvironmentConfig, prefix = ""): string {
  return `[${config.name}] ${prefix}{{ .Status | toUpper }} (${COUNT_TEMPLATE}): ${ALERT_NAMES_TEMPLATE}`;
}

/** The body listing each alert of the group with its own summary and runbook, one line each. */
export const ALERT_LIST_TEMPLATE = "{{ range .Alerts }}- [{{ .Status }}] {{ .Labels.alertname }}: {{ .Annotations.summary }}{{ with .Annotations.runbook_url }} ({{ . }}){{ end }}\n{{ end }}";

function slack(config: EnvironmentConfig, key: SecretKey, titlePrefix = ""): SlackConfig {
  return {
    api_url_file: secretFile(key),
    send_resolved: true,
    title: notificationTitle(config, titlePrefix),
    text:
      "{{ range .Alerts }}*{{ .Labels.severity }}* {{ .Labels.alertname }}: {{ .Annotations.summary }}\n{{ .Annotations.description }}\n" +
      "<{{ .Annotations.runbook_url }}|Runbook> | <{{ .Annotations.dashboard_url }}|Dashboard>\n{{ end }}",
  };
}

function pagerConfigs(config: EnvironmentConfig): { readonly pagerduty_configs?: readonly PagerdutyConfig[]; readonly opsgenie_configs?: readonly OpsgenieConfig[] } {
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
            description: notificationTitle(config),
            details: { alerts: ALERT_LIST_TEMPLATE },
            links: [
              { href: "{{ (index .Alerts 0).Annotations.runbook_url }}", text: "Runbook" },
              { href: "{{ (index .Alerts 0).Annotations.dashboard_url }}", text: "Dashboard" },
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
            message: notificationTitle(config),
            description: ALERT_LIST_TEMPLATE,
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
export function buildReceivers(config: EnvironmentConfig): [Receiver, ...Receiver[]] {
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
    // Visible, not silently filed as a warning: the title names the unknown severity so its rule pack gets fixed.
    { name: RECEIVERS.unclassified, slack_configs: [slack(config, SECRET_KEYS.slackIncidentWebhookUrl, 'UNCLASSIFIED severity="{{ .CommonLabels.severity }}" ')] },
  ];
}

function timing(config: EnvironmentConfig, severity: Severity): Required<RouteTiming> {
  const t = config.alerts.notify[severity];
  return { group_wait: t.groupWait, group_interval: t.groupInterval, repeat_interval: t.repeatInterval };
}

function severityRoute(config: EnvironmentConfig, severity: Severity): Route {
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
export function buildRoute(config: EnvironmentConfig): AlertmanagerConfig["route"] {
  return {
    // Alerts with no known severity (`Critical`, `page` from another rule pack) match no branch below: they reach
    // the incident channel flagged as unclassified, never silently the warning channel.
    receiver: RECEIVERS.unclassified,
    group_by: ["alertname", "severity", "namespace"],
    ...timing(config, "critical"),
    routes: [
      {
        receiver: RECEIVERS.heartbeat,
        matchers: [matcher("alertname", "=", "Watchdog")],
        group_by: ["alertname"],
        ...heartbeatTiming(config.alerts.heartbeatIntervalSeconds),
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
export function buildInhibitRules(): InhibitRule[] {
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
export function buildAlertmanagerConfig(config: EnvironmentConfig): AlertmanagerConfig {
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
export function renderAlertmanagerYaml(config: EnvironmentConfig, am: AlertmanagerConfig = buildAlertmanagerConfig(config)): string {
  const header = `# Alertmanager configuration of ${config.name}, rendered from alerts/ (do not edit; see docs/alerts.md).\n`;
  return header + stringify(am, YAML_OPTIONS);
}
