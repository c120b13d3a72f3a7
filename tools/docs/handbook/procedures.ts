/**
 * `docs/procedures.md` (O1, I1): the monitoring routine, the alert response index by severity, and the incident
 * response procedure of the operations guide with its communication plan. Who is told at each severity is read from
 * the Alertmanager configuration the stacks deliver (receivers, channels, timing), the dashboards from the catalog.
 */
import { activeAlerts, SEVERITIES, type Severity } from "../../../alerts";
import { dashboardUrl } from "../../../config/urls";
import { DASHBOARDS } from "../../../dashboards/catalog";
import { TEAM_ROLES } from "../../../dashboards/team-roles";
import { DASHBOARD_UIDS } from "../../../dashboards/uids";
import { generatedHeader, markdownTable, type DocGenerator } from "../types";
import { receiverChannels } from "./architecture";
import { deployedEnvironments, namesOf, type DeployedEnvironment } from "./deployed";

/**
 * How often stakeholders hear about an open incident, by severity: a judgement of the SRE team, kept here so the
 * procedure and the incident report template agree.
 */
export const STAKEHOLDER_UPDATES: Readonly<Record<Severity, { readonly cadence: string; readonly audience: string }>> = {
  critical: { cadence: "every 30 minutes until resolved, and at every change of status", audience: "trading desk leads, head of engineering, customer support" },
  warning: { cadence: "when it is opened and when it is closed; every 4 hours while open", audience: "the owning team's channel" },
  info: { cadence: "none while open; reviewed in the weekly capacity review", audience: "SRE" },
};

const RECEIVER_OF: Readonly<Record<Severity, (name: string) => boolean>> = {
  critical: (n) => n === "critical",
  warning: (n) => n === "warning",
  info: (n) => n.startsWith("info"),
};

function dash(env: DeployedEnvironment, uid: string): string {
  const d = DASHBOARDS.find((x) => x.uid === uid)!;
  return `[${d.key}](${dashboardUrl(env.config, uid)}) (\`${uid}\`)`;
}

function routine(envs: readonly DeployedEnvironment[]): string {
  const prod = envs.find((e) => e.config.name === "prod") ?? envs[envs.length - 1]!;
  let out = "## Monitoring routine\n\n";
  out += `Links point at \`${prod.config.name}\`; every environment has the same dashboards under its own Grafana.\n\n`;
  const sessions = prod.config.capacity.marketSessions.map((s) => `${s.name} ${s.localOpen}–${s.localClose} ${s.timeZone}`).join(", ");
  out += "### Daily (on-call, start of shift)\n\n";
  out += `1. Top row of ${dash(prod, DASHBOARD_UIDS.applicationOverview)}: request rate, error ratio, latency, active users — against yesterday.\n`;
  out += `2. ${dash(prod, DASHBOARD_UIDS.tradingDesk)} before each market session opens (${sessions}).\n`;
  out += "3. The info digest channel: capacity alerts of the last day (they need a decision, not a page).\n";
  const vault = namesOf(prod, "aws_backup_vault")[0];
  out += `4. Backups of the last day: \`aws backup list-backup-jobs --region ${prod.config.region} --by-state FAILED${vault ? ` --by-backup-vault-name ${vault}` : ""}\` (empty is good).\n\n`;
  out += "### Weekly (SRE)\n\n";
  out += `1. Capacity trends on ${dash(prod, DASHBOARD_UIDS.infrastructure)} against the targets in [capacity](capacity.md): a resource whose weekly peak is within 10 points of its scale-out target gets a ticket.\n`;
  out += `2. Database trends on ${dash(prod, DASHBOARD_UIDS.database)}: slow queries, connections against the pool size, replication lag.\n`;
  out += `3. The weekly restore test: \`aws backup list-restore-jobs --region ${prod.config.region} --by-status FAILED\` and its validation result ([backup and DR](backup-and-dr.md)).\n`;
  out += "4. Alerts that fired more than three times without action: tune or delete them (A8).\n\n";
  out += "### Monthly and quarterly\n\n";
  out += "- Monthly: the AWS Config re-evaluation and Security Hub findings ([security](security.md)).\n";
  out += "- Quarterly: the comprehensive security audit, the DR drill ([backup and DR](backup-and-dr.md)), and the handbook review (the `docs-review` workflow opens the issue; [index](README.md)).\n\n";
  return out;
}

function alertIndex(envs: readonly DeployedEnvironment[]): string {
  let out = "## Alert response, by severity\n\n";
  out += "Every alert has a runbook (what it means, what to check, what to do). Severity can differ per environment.\n\n";
  const names = envs.map((e) => e.config.name);
  for (const severity of SEVERITIES) {
    const rows = new Map<string, string[]>();
    for (const [i, e] of envs.entries()) {
      for (const a of activeAlerts(e.config)) {
        if (!rows.has(a.name)) rows.set(a.name, names.map(() => "—"));
        rows.get(a.name)![i] = a.severity;
      }
    }
    const listed = [...rows].filter(([, sev]) => sev.includes(severity)).sort(([a], [b]) => a.localeCompare(b));
    out += `### ${severity}\n\n`;
    out += listed.length === 0 ? "None.\n\n" : markdownTable(["alert", ...names], listed.map(([name, sev]) => [`[${name}](runbooks/${name}.md)`, ...sev])) + "\n";
  }
  return out;
}

function communicationPlan(envs: readonly DeployedEnvironment[]): string {
  let out = "### Communication plan\n\n";
  out += "Who is told, through which receiver, per severity (receivers and channels read from each environment's Alertmanager\n";
  out += "configuration; the timing is its grouping and repeat interval):\n\n";
  const rows: string[][] = [];
  for (const e of envs) {
    const receivers = receiverChannels(e.config);
    for (const severity of SEVERITIES) {
      const r = receivers.find((x) => RECEIVER_OF[severity](x.receiver));
      const t = e.config.alerts.notify[severity];
      rows.push([
        e.config.name,
        severity,
        r ? `\`${r.receiver}\`` : "—",
        r && r.channels.length > 0 ? r.channels.join(", ") : "nobody",
        `first after ${t.groupWait}, again every ${t.repeatInterval}`,
        STAKEHOLDER_UPDATES[severity].audience,
        STAKEHOLDER_UPDATES[severity].cadence,
      ]);
    }
  }
  out += markdownTable(["environment", "severity", "receiver", "channels", "notification timing", "stakeholders", "stakeholder updates"], rows);
  out += "\nHow to write the updates, who leads, and how progress is shared: [communication principles](handbook/communication-principles.md).\n\n";
  return out;
}

function incidentResponse(envs: readonly DeployedEnvironment[]): string {
  const prod = envs.find((e) => e.config.name === "prod") ?? envs[envs.length - 1]!;
  const sre = TEAM_ROLES.sre;
  let out = "## Incident response\n\n";
  out += `The flow of the operations guide. The on-call engineer of the \`${sre.team}\` team leads until they hand over.\n\n`;
  out += "### 1. Detection\n\n";
  out += "- **Alert received**: a page (critical) or a channel post names the alert, its summary and links to its runbook and dashboard.\n";
  out += `- **Impact scope**: open the alert's dashboard; the top row of ${dash(prod, DASHBOARD_UIDS.applicationOverview)} says whether users are affected (error ratio, latency, active users), ${dash(prod, DASHBOARD_UIDS.tradingDesk)} whether trading is (orders, executions, quote latency). Note the start time, environments and services affected.\n`;
  out += "- Declare an incident when users or trading are affected, or a critical alert is not explained within 15 minutes.\n\n";
  out += "### 2. Response\n\n";
  out += "- **Triage** (切り分け): follow the runbook; use the dashboard links to logs (Loki) and traces (Tempo) of the same window; the [troubleshooting guide](operations-manual.md#troubleshooting) per component.\n";
  out += "- **Mitigation** (応急対応): restore service first — roll back the last deploy, scale out, fail over — before looking for the cause. Record every action with its time in the incident channel.\n";
  out += "- **Root cause**: once mitigated, find why; keep the evidence (queries, log lines, trace ids).\n\n";
  out += "### 3. Recovery\n\n";
  out += "- **Permanent fix**: through a pull request and the normal deploy ([operations manual](operations-manual.md#deploy)); by hand only in break-glass, recorded.\n";
  out += "- **Restore** data if needed: [backup and DR](backup-and-dr.md), *Restore procedure*.\n";
  out += "- **Verification**: the alert resolved, the dashboard's top row back to normal for 30 minutes, a test order through the trading desk.\n\n";
  out += "### 4. Follow-up\n\n";
  out += "- **Incident report** within 5 working days: [template](handbook/incident-report-template.md).\n";
  out += "- **Prevention**: every action item is a ticket with an owner; an alert that fired late or not at all is changed in `alerts/`.\n";
  out += "- **Documentation**: runbooks and this handbook updated in the same pull request as the fix; the retrospective reviews it.\n\n";
  out += communicationPlan(envs);
  return out;
}

export const proceduresDoc: DocGenerator = {
  path: "docs/procedures.md",
  render(environments) {
    const envs = deployedEnvironments(environments);
    let out = generatedHeader("the dashboard catalog, the alert definitions and the Alertmanager configuration");
    out += "# Procedures\n\n";
    out += "Monitoring routine, alert response and incident response. Index of every page: [docs](README.md).\n\n";
    out += routine(envs);
    out += alertIndex(envs);
    out += incidentResponse(envs);
    return out;
  },
};
