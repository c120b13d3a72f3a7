/**
 * Types of the files the alerts/ builders emit: the subset of the Alertmanager 0.25 configuration
 * (https://prometheus.io/docs/alerting/0.25/configuration/) and of the Prometheus rule file
 * (https://prometheus.io/docs/prometheus/latest/configuration/recording_rules/) this program uses. They are
 * type aliases of plain data, so a value of them is a Helm value as it is: the delivery constructs take them
 * typed, with no run-time shape check between our own modules. `amtool check-config`, `promtool check rules`
 * and the real binaries (__tests__/alerts/) prove the rendered files; tsc proves every builder fits them.
 */

/** A label matcher in Alertmanager's string form, e.g. `severity="critical"`. */
export type AlertmanagerMatcher = string;

/** Labels or annotations: name → value. */
export type LabelSet = Readonly<Record<string, string>>;

/** `http_config` of a receiver: only the authorization header read from a mounted file. */
export type HttpConfig = {
  readonly authorization?: { readonly type?: string; readonly credentials_file?: string };
};

/** `slack_configs[]`: the webhook URL is read from a mounted file. */
export type SlackConfig = {
  readonly api_url_file: string;
  readonly send_resolved?: boolean;
  readonly title?: string;
  readonly text?: string;
};

/** `pagerduty_configs[]` (Events API v2, routing key read from a mounted file). */
export type PagerdutyConfig = {
  readonly routing_key_file: string;
  readonly send_resolved?: boolean;
  readonly severity?: string;
  readonly client?: string;
  readonly client_url?: string;
  readonly description?: string;
  readonly details?: LabelSet;
  readonly links?: ReadonlyArray<{ readonly href: string; readonly text: string }>;
};

/** `opsgenie_configs[]` (API key read from a mounted file). */
export type OpsgenieConfig = {
  readonly api_key_file: string;
  readonly send_resolved?: boolean;
  readonly priority?: string;
  readonly message?: string;
  readonly description?: string;
  readonly source?: string;
  readonly tags?: string;
};

/** `webhook_configs[]`: an inline URL (0.25 has no `url_file`; see AVOIDED_FIELDS). */
export type WebhookConfig = {
  readonly url: string;
  readonly send_resolved?: boolean;
  readonly http_config?: HttpConfig;
};

/** `receivers[]`. */
export type Receiver = {
  readonly name: string;
  readonly pagerduty_configs?: readonly PagerdutyConfig[];
  readonly opsgenie_configs?: readonly OpsgenieConfig[];
  readonly slack_configs?: readonly SlackConfig[];
  readonly webhook_configs?: readonly WebhookConfig[];
};

/** A route's grouping intervals (Alertmanager durations). */
export type RouteTiming = {
  readonly group_wait?: string;
  readonly group_interval?: string;
  readonly repeat_interval?: string;
};

/** A node of the routing tree. */
export type Route = RouteTiming & {
  readonly receiver?: string;
  readonly matchers?: readonly AlertmanagerMatcher[];
  readonly group_by?: readonly string[];
  readonly mute_time_intervals?: readonly string[];
  readonly routes?: readonly Route[];
};

/** `inhibit_rules[]`. */
export type InhibitRule = {
  readonly source_matchers: readonly AlertmanagerMatcher[];
  readonly target_matchers: readonly AlertmanagerMatcher[];
  readonly equal?: readonly string[];
};

/** One `time_intervals[].time_intervals[]` entry: weekdays, optional times of day, in a time zone. */
export type TimeIntervalSpec = {
  readonly weekdays?: readonly string[];
  readonly times?: ReadonlyArray<{ readonly start_time: string; readonly end_time: string }>;
  readonly location?: string;
};

/** `time_intervals[]`: a named interval routes may mute on. */
export type TimeInterval = {
  readonly name: string;
  readonly time_intervals: readonly TimeIntervalSpec[];
};

/** The whole `alertmanager.yaml`: a root route and at least one receiver. */
export type AlertmanagerConfig = {
  readonly global?: { readonly resolve_timeout?: string };
  readonly route: Route & { readonly receiver: string };
  readonly inhibit_rules?: readonly InhibitRule[];
  readonly receivers: readonly [Receiver, ...Receiver[]];
  readonly time_intervals?: readonly TimeInterval[];
  readonly templates?: readonly string[];
};

/** A recording rule: `record` and `expr`, never `alert`. */
export type RecordingRule = {
  readonly record: string;
  readonly alert?: never;
  readonly expr: string;
  readonly labels?: LabelSet;
};

/** An alerting rule: `alert` and `expr`, never `record`. */
export type AlertingRule = {
  readonly alert: string;
  readonly record?: never;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: LabelSet;
  readonly annotations?: LabelSet;
};

/** A rule of a group: exactly one of an alerting or a recording rule. */
export type PrometheusRule = AlertingRule | RecordingRule;

/** One entry of a Prometheus rule file's `groups` (also the PrometheusRule `spec.groups` shape). */
export type PrometheusRuleGroup = {
  readonly name: string;
  readonly rules: readonly PrometheusRule[];
};

/** A Prometheus rule file. */
export type RuleFile = {
  readonly groups: readonly PrometheusRuleGroup[];
};
