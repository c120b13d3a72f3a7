import { Testing } from "cdktf";
import { ACCOUNTS } from "../../../config/accounts";
import { AuditTrail } from "../../../constructs/logging/audit-trail";
import { CIS_METRIC_FILTERS, CIS_METRIC_NAMESPACE, FINDING_ROUTES } from "../../../constructs/security/finding-routes";
import { securityAlertNames } from "../../../constructs/security/security-alerts";
import { AccountStack } from "../../../stacks/account-stack";
import { parse, resources, type SynthesizedJson } from "../../support";
import { policyDocumentStatements } from "../../support/synthesized-buckets";

type Block = Record<string, unknown>;
const CIS_CONTROLS = Array.from({ length: 15 }, (_, i) => `4.${i + 1}`);

/** Logical name of the topic a `${aws_sns_topic.<name>.arn}` reference names, and that topic's name. */
function topicNameOf(json: SynthesizedJson, ref: unknown): string | undefined {
  const m = /^\$\{aws_sns_topic\.([\w-]+)\.arn\}$/.exec(String(ref));
  return m === null ? undefined : (resources(json, "aws_sns_topic")[m[1]!]?.name as string | undefined);
}

/** Severity → topic name for every finding rule, read from the synthesized rules and targets. */
function routedFindings(json: SynthesizedJson): Array<{ name: string; pattern: Record<string, unknown>; topic: string | undefined }> {
  const rules = resources(json, "aws_cloudwatch_event_rule");
  const targets = Object.values(resources(json, "aws_cloudwatch_event_target"));
  return Object.entries(rules)
    .filter(([, r]) => r.provider === undefined)
    .map(([logical, r]) => {
      const target = targets.find((t) => t.rule === `\${aws_cloudwatch_event_rule.${logical}.name}`);
      return { name: String(r.name), pattern: JSON.parse(String(r.event_pattern)) as Record<string, unknown>, topic: topicNameOf(json, target?.arn) };
    });
}

/** The severity band a GuardDuty severity falls into, from the synthesized numeric patterns: every match. */
function guardDutyTopicsFor(json: SynthesizedJson, severity: number): string[] {
  return routedFindings(json)
    .filter((r) => (r.pattern.source as string[])[0] === "aws.guardduty")
    .filter((r) => {
      const numeric = ((r.pattern.detail as { severity: Array<{ numeric: Array<string | number> }> }).severity[0]!.numeric);
      for (let i = 0; i < numeric.length; i += 2) {
        const [op, bound] = [numeric[i] as string, numeric[i + 1] as number];
        if (op === ">=" && !(severity >= bound)) return false;
        if (op === "<" && !(severity < bound)) return false;
      }
      return true;
    })
    .map((r) => r.topic!);
}

/** CIS controls whose filter on the trail's log group has an alarm publishing to a topic: the missing ones. */
function cisControlsWithoutAlarm(json: SynthesizedJson, logGroupName: string): string[] {
  const groups = resources(json, "aws_cloudwatch_log_group");
  const filters = Object.values(resources(json, "aws_cloudwatch_log_metric_filter")).filter((f) => {
    const m = /^\$\{aws_cloudwatch_log_group\.([\w-]+)\.name\}$/.exec(String(f.log_group_name));
    return m !== null && groups[m[1]!]?.name === logGroupName;
  });
  const alarms = Object.values(resources(json, "aws_cloudwatch_metric_alarm"));
  const covered = new Set<string>();
  for (const f of filters) {
    const t = (f.metric_transformation as Block);
    const alarm = alarms.find((a) => a.metric_name === t.name && a.namespace === t.namespace);
    const actions = (alarm?.alarm_actions as string[] | undefined) ?? [];
    const cis = /^cis-(\d+\.\d+)-/.exec(String(f.name))?.[1];
    if (cis !== undefined && actions.some((a) => topicNameOf(json, a) !== undefined)) covered.add(cis);
  }
  return CIS_CONTROLS.filter((c) => !covered.has(c));
}

describe.each(Object.values(ACCOUNTS).map((a) => [a.name]))("S1, S2: security alerting (detection → response) of account %s", (name) => {
  const account = ACCOUNTS[name]!;
  const names = securityAlertNames(account);
  const json = parse(Testing.synth(new AccountStack(Testing.app(), { account })));

  it("S5: has one KMS-encrypted topic per severity, each subscribed to its HTTPS endpoint given as a sensitive input variable (no data source reads a secret)", () => {
    const topics = Object.values(resources(json, "aws_sns_topic"));
    expect(topics.map((t) => t.name).sort()).toEqual([names.topic("critical"), names.topic("warning"), names.topic("info")].sort());
    for (const t of topics) expect(t.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.security_alerts_key_[0-9A-F]+\.arn\}$/);
    expect(json.data?.aws_secretsmanager_secret_version).toBeUndefined();
    const variables = (json as { variable?: Record<string, { sensitive?: boolean; nullable?: boolean }> }).variable ?? {};
    expect(Object.keys(variables).sort()).toEqual(["security_alert_endpoint_critical", "security_alert_endpoint_info", "security_alert_endpoint_warning"]);
    for (const v of Object.values(variables)) expect(v).toMatchObject({ sensitive: true, nullable: false });
    const endpoints = Object.values(resources(json, "aws_sns_topic_subscription")).map((sub) => {
      expect(sub.protocol).toBe("https");
      return sub.endpoint;
    });
    expect(endpoints.sort()).toEqual(Object.keys(variables).map((v) => `\${var.${v}}`).sort());
  });

  it("lets only this account's finding rules and CIS alarms publish to the topics", () => {
    for (const policy of Object.values(resources(json, "aws_sns_topic_policy"))) {
      const statements = policyDocumentStatements(json, policy.policy);
      expect(statements.map((s) => [s.principals, s.condition])).toEqual([
        [[{ type: "Service", identifiers: ["events.amazonaws.com"] }], [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [account.id] },
          { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:aws:events:${account.region}:${account.id}:rule/${names.rulePrefix}-*`] },
        ]],
        [[{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }], [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [account.id] },
          { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:aws:cloudwatch:${account.region}:${account.id}:alarm:${names.alarmPrefix}-*`] },
        ]],
      ]);
    }
  });

  it("routes GuardDuty findings by severity band: ≥ 7 critical, 4–6.9 warning, below 4 info, every value exactly once", () => {
    for (let tenth = 0; tenth <= 100; tenth++) {
      const severity = tenth / 10;
      const expected = severity >= 7 ? "critical" : severity >= 4 ? "warning" : "info";
      expect([severity, guardDutyTopicsFor(json, severity)]).toEqual([severity, [names.topic(expected)]]);
    }
  });

  it("fails the band check when a band is mis-set (seeded: the warning band starts at 5)", () => {
    const seeded = structuredClone(json);
    const rule = Object.values(resources(seeded, "aws_cloudwatch_event_rule")).find((r) => r.name === `${names.rulePrefix}-guardduty-warning`)!;
    rule.event_pattern = String(rule.event_pattern).replace('[">=",4,"<",7]', '[">=",5,"<",7]');
    expect(guardDutyTopicsFor(seeded, 4.5)).toEqual([]);
  });

  it("routes Security Hub findings by label (CRITICAL/HIGH critical, MEDIUM warning, LOW/INFORMATIONAL info), without GuardDuty's and Access Analyzer's twice, and Access Analyzer findings as warning", () => {
    const routes = routedFindings(json);
    const hub = routes.filter((r) => (r.pattern.source as string[])[0] === "aws.securityhub");
    expect(hub.map((r) => [((r.pattern.detail as { findings: { Severity: { Label: string[] } } }).findings.Severity.Label), r.topic]).sort()).toEqual([
      [["CRITICAL", "HIGH"], names.topic("critical")],
      [["MEDIUM"], names.topic("warning")],
      [["LOW", "INFORMATIONAL"], names.topic("info")],
    ].sort());
    for (const r of hub) expect((r.pattern.detail as { findings: Block }).findings.ProductName).toEqual([{ "anything-but": ["GuardDuty", "IAM Access Analyzer"] }]);
    const analyzer = routes.filter((r) => (r.pattern.source as string[])[0] === "aws.access-analyzer");
    expect(analyzer.map((r) => [r.pattern["detail-type"], r.topic])).toEqual([[["Access Analyzer Finding", "Unused Access Finding for IAM entities"], names.topic("warning")]]);
    // Every route of the data is a rule with a topic (no route lost between data and JSON).
    expect(routes.filter((r) => r.name.startsWith(`${names.rulePrefix}-`)).map((r) => r.name).sort()).toEqual(FINDING_ROUTES.map((f) => `${names.rulePrefix}-${f.key}`).sort());
    for (const r of routes) expect(r.topic).toBeDefined();
  });

  it("forwards the DR region's GuardDuty and Security Hub findings to the primary region's default bus", () => {
    const dr = Object.values(resources(json, "aws_cloudwatch_event_rule")).filter((r) => r.provider === "aws.dr");
    expect(dr.map((r) => [r.name, JSON.parse(String(r.event_pattern))])).toEqual([[names.forwardRule, { source: ["aws.guardduty", "aws.securityhub"] }]]);
    const target = Object.values(resources(json, "aws_cloudwatch_event_target")).find((t) => t.provider === "aws.dr")!;
    expect(target.arn).toBe(`arn:aws:events:${account.region}:${account.id}:event-bus/default`);
    expect(target.role_arn).toMatch(/^\$\{aws_iam_role\.[\w-]+\.arn\}$/);
  });

  it("CIS 4.1–4.15: a metric filter on the account trail's log group and an alarm to a severity topic for each", () => {
    expect(cisControlsWithoutAlarm(json, AuditTrail.logGroupName(account))).toEqual([]);
    for (const f of CIS_METRIC_FILTERS) {
      const alarm = Object.values(resources(json, "aws_cloudwatch_metric_alarm")).find((a) => a.metric_name === f.key)!;
      expect(alarm).toMatchObject({ namespace: CIS_METRIC_NAMESPACE, statistic: "Sum", threshold: 1, comparison_operator: "GreaterThanOrEqualToThreshold", treat_missing_data: "notBreaching" });
      expect((alarm.alarm_actions as string[]).map((a) => topicNameOf(json, a))).toEqual([names.topic(f.severity)]);
    }
  });

  it("fails the CIS check when a filter is missing or reads another log group (seeded)", () => {
    const seeded = structuredClone(json);
    const filters = resources(seeded, "aws_cloudwatch_log_metric_filter");
    const root = Object.keys(filters).find((k) => filters[k]!.name === "cis-4.3-root-account-usage")!;
    delete filters[root];
    expect(cisControlsWithoutAlarm(seeded, AuditTrail.logGroupName(account))).toEqual(["4.3"]);
    expect(cisControlsWithoutAlarm(json, "/aws/cloudtrail/another-trail")).toEqual(CIS_CONTROLS);
  });
});
