/**
 * `docs/alerts.md` (the alert catalog: thresholds per environment, `for`, routing) and one runbook per alert
 * under `docs/runbooks/` (O1, A9, I1), rendered from the alert records the rules are built from.
 */
import { fieldPath } from "../../config/alert-thresholds";
import {
  AVOIDED_FIELDS,
  GROUP_BY,
  FX_WEEKEND_CLOSURE,
  heartbeatTiming,
  INHIBIT_EQUAL_LABELS,
  RECEIVERS,
  WEEKEND_CLOSURE_INTERVAL,
} from "../../alerts/alertmanager";
import { ALERT_DEFINITIONS } from "../../alerts/catalog";
import { formatThreshold, num } from "../../alerts/promql";
import { resolveAlert } from "../../alerts/resolve";
import { ALERTMANAGER_SECRET_NAME, SECRET_KEYS, SECRET_MOUNT_DIR, notificationSecretKeys } from "../../alerts/secrets";
import { SEVERITIES, type AlertDefinition, type ResolvedAlert, type Severity } from "../../alerts/types";
import { hhmmOf, utcMinutesOfLocal } from "../../config/capacity-schedule";
import { BURN_WINDOWS, SLO_KINDS, budgetRatio, burnRate, errorRatioRecord, objectiveRatio, recordedWindows } from "../../signals/slo";
import type { EnvironmentConfig } from "../../config/types";
import { dashboardUrl } from "../../config/urls";
import { DASHBOARD_UIDS } from "../../dashboards/uids";
import { backupNames } from "../../constructs/backup/backup-names";
import { BACKUP_FAILURE_SIGNALS } from "../../constructs/backup/failure-signals";
import { generatedHeader, markdownTable, type DocGenerator } from "./types";

const SOURCE = "alerts/ and config/environments/";

const WHERE: Record<Severity, string> = {
  critical: "pages (PagerDuty or Opsgenie, per environment) and posts to the incident channel",
  warning: "posts to the alerts channel",
  info: "goes to the low-priority digest channel",
};

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const closure = `${capitalize(FX_WEEKEND_CLOSURE.from.weekday)} ${FX_WEEKEND_CLOSURE.from.time} to ${capitalize(FX_WEEKEND_CLOSURE.to.weekday)} ${FX_WEEKEND_CLOSURE.to.time} ${FX_WEEKEND_CLOSURE.location}`;

/** `Friday 22:00 to Sunday 22:00 UTC` under the zone's standard (winter) or daylight (summer) offset. */
function closureInUtc(season: 0 | 1): string {
  const utc = (time: string) => {
    const minutes = utcMinutesOfLocal(time, FX_WEEKEND_CLOSURE.location);
    return hhmmOf((minutes[Math.min(season, minutes.length - 1)]! + 1440) % 1440);
  };
  return `${capitalize(FX_WEEKEND_CLOSURE.from.weekday)} ${utc(FX_WEEKEND_CLOSURE.from.time)} to ${capitalize(FX_WEEKEND_CLOSURE.to.weekday)} ${utc(FX_WEEKEND_CLOSURE.to.time)} UTC`;
}

/** Heartbeat timing per environment as rendered: `60 s (group_interval 60s, repeat_interval 30s)`. */
function heartbeatText(c: EnvironmentConfig): string {
  const t = heartbeatTiming(c.alerts.heartbeatIntervalSeconds);
  return `${c.alerts.heartbeatIntervalSeconds} s (\`group_interval\` ${t.group_interval}, \`repeat_interval\` ${t.repeat_interval})`;
}

/** `1% for 5m`, `critical` when the severity differs from the definition's, or `disabled`. */
function settingIn(alert: ResolvedAlert): string {
  if (alert.disabled) return "disabled";
  const spec = alert.definition.threshold;
  const parts = [alert.threshold === undefined || spec === undefined ? (alert.definition.condition ?? "always") : `${spec.fires === "above" ? ">" : "<"} ${formatThreshold(alert.threshold, spec.unit)}`];
  if (alert.for !== "") parts.push(`for ${alert.for}`);
  if (alert.severity !== alert.definition.severity) parts.push(`(${alert.severity})`);
  return parts.join(" ");
}

function routingOf(d: AlertDefinition): string {
  if (d.name === "Watchdog") return `\`${RECEIVERS.heartbeat}\` every \`alerts.heartbeatIntervalSeconds\``;
  return `\`${RECEIVERS[d.severity]}\`${d.traffic === "business" ? `; muted ${closure}` : ""}`;
}

function pagerOf(c: EnvironmentConfig): string {
  return { pagerduty: "PagerDuty", opsgenie: "Opsgenie", none: "no pager (incident channel only)" }[c.alerts.pager];
}

function renderCatalog(environments: readonly EnvironmentConfig[]): string {
  const envs = environments.map((e) => e.name);
  let out = generatedHeader(SOURCE);
  out += "# Alerts\n\n";
  out += "The alert rules Prometheus evaluates and how Alertmanager routes them (requirements A1–A9, K1, P2, C3, I1).\n";
  out += "Each alert is a typed record in `alerts/definitions/`; its PromQL is built from the environment's config\n";
  out += "(`config.alerts`, `config.capacity`), so a threshold changes only there. `out/<env>/prometheus-rules.yaml` and\n";
  out += "`out/<env>/alertmanager.yaml` are the rendered files (`npm run synth`); the kube-prometheus-stack release carries\n";
  out += "the same objects to Prometheus (as a PrometheusRule) and Alertmanager.\n\n";
  out += "Every alert has a runbook (`runbook_url`) and a Grafana dashboard link (`dashboard_url`). Every alert is proven\n";
  out += "per environment by `promtool test rules` (`__tests__/alerts/rules.test.ts`: fires after `for`, not below the\n";
  out += "threshold, and exactly at the threshold it does not fire); routing by `amtool check-config` and\n";
  out += "`amtool config routes test` (`__tests__/alerts/alertmanager.test.ts`).\n\n";

  out += "## Catalog\n\n";
  out += "Thresholds and `for` per environment; \"disabled\" means the environment turns the alert off in `config.alerts.overrides`.\n\n";
  out += markdownTable(
    ["alert", "req.", "severity", "threshold from", ...envs, "routing"],
    ALERT_DEFINITIONS.map((d) => [
      `[${d.name}](runbooks/${d.name}.md)`,
      d.requirement,
      d.severity,
      d.threshold === undefined ? "—" : `\`${fieldPath(d.threshold.field)}\`${d.threshold.guide ? ` (guide ${d.threshold.guide})` : ""}`,
      ...environments.map((c) => settingIn(resolveAlert(d, c))),
      routingOf(d),
    ]),
  );
  out += "\n";
  out += "Traffic floors (no alert when traffic is too low for a ratio to mean anything):\n\n";
  out += markdownTable(
    ["floor", "applies to", ...envs],
    [
      ["`alerts.httpMinRequestsPerSecond` (req/s)", "HttpErrorRateHigh, HttpLatencyHigh", ...environments.map((c) => String(c.alerts.httpMinRequestsPerSecond))],
      ["`alerts.cacheMinLookupsPerSecond` (lookups/s)", "CacheHitRatioLow", ...environments.map((c) => String(c.alerts.cacheMinLookupsPerSecond))],
    ],
  );
  out += "\n";

  out += "## Overriding one alert\n\n";
  out += "An environment changes a single alert without copying its rule group:\n\n";
  out += "```ts\nalerts: { overrides: { HttpLatencyHigh: { threshold: 2, for: \"15m\" }, CacheHitRatioLow: { disabled: true } } }\n```\n\n";
  out += "`threshold` (in the alert's unit above), `for`, `severity` and `disabled` may be set. Validation fails for a name\n";
  out += "that is not an alert of the catalog, a threshold outside the alert's range, a threshold on the Watchdog or\n";
  out += "disabling it; in environments held to the guide it also fails for the threshold, severity or disabling of an\n";
  out += "alert whose threshold the guide fixes (marked \"guide\" above).\n\n";

  out += "## Routing\n\n";
  out += "| receiver | gets | notifies |\n|---|---|---|\n";
  for (const s of SEVERITIES) out += `| \`${RECEIVERS[s]}\` | \`severity="${s}"\` | ${WHERE[s]} |\n`;
  out += `| \`${RECEIVERS.heartbeat}\` | \`alertname="Watchdog"\` | pings the Opsgenie heartbeat \`<heartbeatApiUrl>/<cluster>-watchdog/ping\` every \`alerts.heartbeatIntervalSeconds\` (below); when the pings stop, Opsgenie pages |\n`;
  out += `| \`${RECEIVERS.discard}\` | \`severity="none"\` | nobody (kube-prometheus-stack's helper alerts such as InfoInhibitor) |\n\n`;
  out += `| \`${RECEIVERS.unclassified}\` | any other severity (e.g. \`Critical\`, \`page\` from another rule pack) | posts to the incident channel with the title \`[<env>] UNCLASSIFIED severity="<value>" FIRING (<n>): <alert>\`, so the rule pack gets fixed; never silently the warning channel |\n\n`;
  out += "Every notification's title names the environment, status, count and alert, e.g. `[prod] FIRING (2): MemoryUsageCritical`\n";
  out += "(the info digest, whose alerts differ, lists every alert name); the body (Slack text, PagerDuty `details.alerts`,\n";
  out += "Opsgenie description) lists each alert with its own summary and runbook. Grouping and repeat intervals per severity:\n\n";
  out += markdownTable(
    ["severity", "group by", ...envs.map((e) => `${e}: wait / interval / repeat`)],
    SEVERITIES.map((s) => [
      s,
      GROUP_BY[s].map((l) => `\`${l}\``).join(", "),
      ...environments.map((c) => `${c.alerts.notify[s].groupWait} / ${c.alerts.notify[s].groupInterval} / ${c.alerts.notify[s].repeatInterval}`),
    ]),
  );
  out += "\nCritical alerts page through: " + environments.map((c) => `${c.name}: ${pagerOf(c)}`).join("; ") + ".\n\n";

  out += "### Heartbeat\n\n";
  out += "The Watchdog always fires; Alertmanager sends it to the heartbeat every `alerts.heartbeatIntervalSeconds`, which must equal\n";
  out += "the interval the heartbeat is configured with at the receiver (it pages when a ping is late). Alertmanager checks a group\n";
  out += "once per `group_interval` and re-sends an unchanged group only when more than `repeat_interval` has passed since the last\n";
  out += "notification, so `repeat_interval` is half the interval: every check sends (with both equal, every other check would be\n";
  out += "skipped and a 1-minute heartbeat would page \"alerting down\"). The end-to-end test measures the cadence in a real Alertmanager.\n\n";
  out += markdownTable(["environment", "heartbeat every"], environments.map((c) => [c.name, heartbeatText(c)]));
  out += "\n";

  out += "### FX market weekend closure\n\n";
  out += `The FX week follows New York's 17:00: it closes Friday 17:00 and reopens Sunday 17:00 New York time. The mute time\n`;
  out += `interval \`${WEEKEND_CLOSURE_INTERVAL}\` is defined in that time zone (\`location: ${FX_WEEKEND_CLOSURE.location}\`), so it moves with\n`;
  out += "New York's daylight-saving changes:\n\n";
  out += markdownTable(
    ["defined as", "in UTC, winter (EST, UTC−5)", "in UTC, summer (EDT, UTC−4)"],
    [[closure, closureInUtc(0), closureInUtc(1)]],
  );
  out += "\nIt applies only to alerts labelled\n";
  out += "`traffic=\"business\"`, those whose signal follows trading traffic:\n\n";
  out += ALERT_DEFINITIONS.filter((d) => d.traffic === "business").map((d) => `- ${d.name}\n`).join("") + "\n";
  out += "With the market closed their ratios mean nothing, and the weekend is when maintenance happens. Outage (A11),\n";
  out += "SLO burn, resource, database-health and capacity alerts and the Watchdog are never muted. Muted alerts still show in Alertmanager;\n";
  out += "only their notifications stop.\n\n";

  out += "### Inhibition\n\n";
  out += "A firing critical alert silences the warning and info alerts of the same problem on the same object, and a\n";
  out += "warning the info ones: the rule compares the `problem` label and " + INHIBIT_EQUAL_LABELS.filter((l) => l !== "problem").map((l) => `\`${l}\``).join(", ") + ".\n";
  out += "Only alerts with a `problem` label inhibit (another rule pack's alerts never silence ours).\n\n";
  const problems = [...new Set(ALERT_DEFINITIONS.map((d) => d.problem).filter((p) => p !== ""))];
  out += markdownTable(
    ["problem", "alerts (most severe first)"],
    problems.map((p) => [
      `\`${p}\``,
      ALERT_DEFINITIONS.filter((d) => d.problem === p)
        .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))
        .map((d) => `${d.name} (${d.severity})`)
        .join(" → "),
    ]),
  );
  out += "\n";

  out += "## Service level objectives (A10)\n\n";
  out += "Per service of the application namespace, an availability objective (requests without a 5xx) and a latency objective\n";
  out += "(requests within a threshold that is a bucket of `http_server_request_duration_seconds`), from `config.slo`:\n\n";
  const services = [...new Set(environments.flatMap((c) => Object.keys(c.slo.services)))];
  out += markdownTable(
    ["service", "objective", ...envs.map((e) => `${e}`)],
    services.flatMap((service) =>
      SLO_KINDS.map((kind) => [
        `\`${service}\``,
        kind,
        ...environments.map((c) => {
          const o = c.slo.services[service];
          if (o === undefined) return "—";
          const target = `${num(objectiveRatio(o, kind) * 100)}%`;
          return kind === "availability" ? `${target} over ${c.slo.periodDays} d` : `${target} within ${num(o.latency.thresholdSeconds)} s over ${c.slo.periodDays} d`;
        }),
      ]),
    ),
  );
  out += "\nRecording rules (group `fx-trader.slo`, evaluated before the alerts in the same group) keep the share of bad requests per\n";
  out += "service and objective (`slo` label) over each window: " + recordedWindows(environments[0]!.slo).map((w) => `\`${errorRatioRecord(w)}\``).join(", ") + "\n";
  out += "(the last is the SLO period, for the error-budget panel of the application overview dashboard).\n\n";
  out += "Multiwindow, multi-burn-rate alerts (Google SRE workbook, \"Alerting on SLOs\"): an alert fires when both the long and the short\n";
  out += "window burn the budget at least the given multiple of the sustainable rate. Burn rate = budget share × period ÷ long window.\n\n";
  out += markdownTable(
    ["alert", "severity", "budget spent", "long window", "short window", ...envs.map((e) => `${e}: burn rate`)],
    BURN_WINDOWS.map((w) => {
      const d = ALERT_DEFINITIONS.find((a) => a.name === (w.speed === "fast" ? "ErrorBudgetBurnFast" : "ErrorBudgetBurnSlow"))!;
      return [d.name, d.severity, `${w.budgetPercent}%`, w.long, w.short, ...environments.map((c) => `${num(burnRate(w, c.slo.periodDays))}×`)];
    }),
  );
  const prodLike = environments[environments.length - 1]!;
  out += `\nThe ratio each condition compares is burn rate × budget; for example, in ${prodLike.name}:\n\n`;
  out += markdownTable(
    ["service", "objective", "budget", ...BURN_WINDOWS.map((w) => `${w.long}/${w.short}`)],
    Object.entries(prodLike.slo.services).flatMap(([service, o]) =>
      SLO_KINDS.map((kind) => [`\`${service}\``, kind, `${num(budgetRatio(o, kind) * 100)}%`, ...BURN_WINDOWS.map((w) => `> ${num(burnRate(w, prodLike.slo.periodDays) * budgetRatio(o, kind))}`)]),
    ),
  );
  out += "\nThe static `HttpErrorRateHigh` (A1, 1%) stays: it pages on a sharp rise within minutes, whatever the budget.\n\n";

  out += "## Secrets\n\n";
  out += `Receivers read their credentials from files: the Kubernetes secret \`${ALERTMANAGER_SECRET_NAME}\` in the monitoring\n`;
  out += `namespace, mounted by Alertmanager at \`${SECRET_MOUNT_DIR}/${ALERTMANAGER_SECRET_NAME}/<key>\`. External Secrets Operator\n`;
  out += "syncs it from the Secrets Manager secret `<secrets.pathPrefix>/alertmanager/receivers` (docs/secrets.md), a JSON object\n";
  out += "with these keys. No routing key or webhook URL is in the repository, the rendered YAML, the Terraform JSON or state.\n\n";
  out += markdownTable(
    ["key", "used by", ...envs],
    Object.values(SECRET_KEYS).map((key) => [
      `\`${key}\``,
      {
        [SECRET_KEYS.pagerdutyRoutingKey]: "`critical` (PagerDuty `routing_key_file`)",
        [SECRET_KEYS.opsgenieApiKey]: "`critical` (Opsgenie `api_key_file`)",
        [SECRET_KEYS.slackIncidentWebhookUrl]: "`critical` (Slack `api_url_file`)",
        [SECRET_KEYS.slackAlertsWebhookUrl]: "`warning` (Slack `api_url_file`)",
        [SECRET_KEYS.slackDigestWebhookUrl]: "`info-digest` (Slack `api_url_file`)",
        [SECRET_KEYS.heartbeatApiKey]: "`watchdog-heartbeat` (`http_config.authorization.credentials_file`)",
      }[key],
      ...environments.map((c) => ((notificationSecretKeys(c) as string[]).includes(key) ? "required" : "—")),
    ]),
  );
  out += "\n### Fields avoided for amtool 0.25\n\n";
  out += "CI validates with Debian's amtool 0.25 (the chart runs a newer Alertmanager), so the configuration uses only fields\n";
  out += "0.25 accepts:\n\n";
  for (const f of AVOIDED_FIELDS) out += `- \`${f.section}[].${f.field}\`: rejected by 0.25. Instead ${f.instead}\n`;
  out += "\n";

  out += "## AWS-native alerts (backup and DR)\n\n";
  out += "AWS Backup runs outside the cluster, so its failures do not go through Prometheus: an EventBridge rule on the job's\n";
  out += "state change and a CloudWatch alarm on the matching `AWS/Backup` metric publish to the environment's KMS-encrypted SNS\n";
  out += "topic, whose HTTPS subscription is the on-call endpoint (see `docs/backup-and-dr.md`).\n\n";
  out += markdownTable(
    ["name", "requirement", "severity", "event (detail-type: failed states)", "CloudWatch metric", ...envs.map((e) => `${e}: SNS topic`)],
    BACKUP_FAILURE_SIGNALS.map((sig) => [
      sig.alertName,
      sig.requirement,
      sig.severity,
      `${sig.detailType}: ${sig.failedStates.join(", ")}`,
      `AWS/Backup ${sig.metricName}`,
      ...environments.map((c) => (sig.needsCrossRegionCopy && !c.backup.crossRegionCopy ? "— (no DR copy)" : `\`${backupNames(c).alertTopic}\``)),
    ]),
  );
  out += "\n";

  out += "## Dashboards\n\n";
  out += markdownTable(
    ["dashboard", ...envs],
    (Object.keys(DASHBOARD_UIDS) as Array<keyof typeof DASHBOARD_UIDS>).map((k) => [k, ...environments.map((c) => dashboardUrl(c, DASHBOARD_UIDS[k]))]),
  );
  return out;
}

function renderRunbook(d: AlertDefinition, environments: readonly EnvironmentConfig[]): string {
  let out = generatedHeader(`alerts/definitions/ (${d.name})`);
  out += `# ${d.name}\n\n`;
  out += `**Severity:** ${d.severity} · **Requirement:** ${d.requirement} · **Routing:** ${routingOf(d).replace(/`/g, "")}`;
  out += d.threshold?.guide ? ` · **Guide:** ${d.threshold.guide}` : "";
  out += "\n\n";
  out += `## Meaning\n\n${d.runbook.meaning}\n\n`;
  out += `## Impact\n\n${d.runbook.impact}\n\n`;
  out += "## Thresholds and expression\n\n";
  for (const c of environments) {
    const a = resolveAlert(d, c);
    out += `- **${c.name}**: ${settingIn(a)}${a.disabled ? "" : ` · [dashboard](${a.annotations.dashboard_url})`}\n`;
  }
  const reference = [...environments].reverse().find((c) => !resolveAlert(d, c).disabled) ?? environments[0]!;
  out += `\nExpression (${reference.name}):\n\n\`\`\`promql\n${resolveAlert(d, reference).expr}\n\`\`\`\n\n`;
  out += "## Diagnosis\n\n" + d.runbook.diagnosis.map((s, i) => `${i + 1}. ${s}`).join("\n") + "\n\n";
  out += "## Mitigation\n\n" + d.runbook.mitigation.map((s, i) => `${i + 1}. ${s}`).join("\n") + "\n\n";
  out += "## Escalation\n\n";
  out += {
    critical: "Acknowledge the page, post in the incident channel, and follow the incident flow (I1): impact scope on the dashboards, status updates until resolved, post-incident review.",
    warning: "Take it during working hours; if it persists or spreads, raise it in the incident channel.",
    info: "Review in the capacity planning digest; act before the matching critical threshold is reached.",
  }[d.name === "Watchdog" ? "critical" : d.severity];
  out += "\n\nSee [the alert catalog](../alerts.md) for routing, inhibition and the weekend mute.\n";
  return out;
}

/** `docs/alerts.md`. */
export const alertsDoc: DocGenerator = { path: "docs/alerts.md", render: renderCatalog };

/** `docs/runbooks/<AlertName>.md`, one per alert. */
export const runbookDocs: readonly DocGenerator[] = ALERT_DEFINITIONS.map((d) => ({
  path: `docs/runbooks/${d.name}.md`,
  render: (environments: readonly EnvironmentConfig[]) => renderRunbook(d, environments),
}));
