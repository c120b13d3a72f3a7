import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import {
  AVOIDED_FIELDS,
  RECEIVERS,
  WEEKEND_CLOSURE_INTERVAL,
  buildAlertmanagerConfig,
  renderAlertmanagerYaml,
} from "../../alerts/alertmanager";
import { activeAlerts } from "../../alerts/resolve";
import { ALERTMANAGER_SECRET_NAME, SECRET_MOUNT_DIR, notificationSecretKeys } from "../../alerts/secrets";
import { SEVERITIES, type ResolvedAlert } from "../../alerts/types";
import { ENVIRONMENT_NAMES, REFERENCE_DIR, envConfig } from "../support";
import { durationSeconds } from "../../alerts/duration";
import { notificationTitle, weeklyTimeIntervals } from "../../alerts/alertmanager";
import { inTimeInterval, inhibits, type InhibitRule, type TimeIntervalEntry } from "./support/alertmanager-semantics";
import { SCENARIOS } from "./support/scenarios";
import { runTool, runToolBatch, writeAlertmanagerFile, type ToolRun } from "./support/tools";

type Route = { receiver?: string; matchers?: string[]; mute_time_intervals?: string[]; routes?: Route[] };

type Labels = Readonly<Record<string, string>>;

const routeTestArgs = (file: string, labels: Labels, expected: string) => ["config", "routes", "test", `--config.file=${file}`, "--tree", `--verify.receivers=${expected}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)];

/** amtool runs made ahead (`planRouteTests`), by their arguments. */
const planned = new Map<string, ToolRun>();

/** Runs the route tests of `cases` together (runToolBatch), for `routeTest` to read. */
async function planRouteTests(file: string, cases: ReadonlyArray<readonly [Labels, string]>): Promise<void> {
  const argLists = cases.map(([labels, expected]) => routeTestArgs(file, labels, expected));
  const runs = await runToolBatch("amtool", argLists);
  argLists.forEach((args, i) => planned.set(JSON.stringify(args), runs[i]!));
}

/**
 * Runs `amtool config routes test --tree --verify.receivers=<expected>` (or reads the same run made ahead by
 * planRouteTests); returns the matched route path's matchers.
 */
function routeTest(file: string, labels: Labels, expected: string): { status: number | null; path: string[]; output: string } {
  const args = routeTestArgs(file, labels, expected);
  const run = planned.get(JSON.stringify(args)) ?? runTool("amtool", args);
  const treeLines = run.output.split("\n").filter((l) => /[└├]── /.test(l)).map((l) => l.replace(/^.*?── /, "").replace(/\s+receiver: .*$/, ""));
  return { status: run.status, path: treeLines.slice(1), output: run.output };
}

/** The routes of `root` along `path` (amtool's `{matcher}` lines). */
function walk(root: Route, path: readonly string[]): Route[] {
  const routes: Route[] = [root];
  for (const step of path) {
    const next = (routes[routes.length - 1]!.routes ?? []).find((r) => `{${(r.matchers ?? []).join(",")}}` === step);
    if (next === undefined) throw new Error(`no route ${step} under ${JSON.stringify(routes[routes.length - 1]!.matchers)}`);
    routes.push(next);
  }
  return routes;
}

/** The labels an alert really carries when it fires: the sample labels its promtool scenario proved, plus the rule's labels. */
function firingLabels(alert: ResolvedAlert, config: ReturnType<typeof envConfig>): Record<string, string> {
  const cases = SCENARIOS[alert.name]!({ alert, config });
  const firing = cases.flatMap((c) => c.checks).find((c) => c.firing !== undefined)!.firing!;
  return { alertname: alert.name, ...firing.labels, ...alert.labels };
}

/** Every key path of a nested object/array (`receivers[].webhook_configs[].url`). */
function keyPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => keyPaths(v, `${prefix}[]`));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => [`${prefix}.${k}`, ...keyPaths(v, `${prefix}.${k}`)]);
  }
  return [];
}

describe.each(ENVIRONMENT_NAMES)("Alertmanager configuration of %s", (env) => {
  const config = envConfig(env);
  const file = writeAlertmanagerFile(config);
  const am = buildAlertmanagerConfig(config);
  const route = am.route as Route;
  const expectedReceiver = (alert: ResolvedAlert) => (alert.name === "Watchdog" ? RECEIVERS.heartbeat : RECEIVERS[alert.severity]);
  const anyAlert = SEVERITIES.flatMap((s) => [[s, "business"], [s, "continuous"]]);
  const anyAlertLabels = (severity: string, traffic: string) => ({ alertname: "AnyAlert", severity, traffic });

  // The route tests below, run together ahead of them (the chart helpers' and unknown severities' too).
  beforeAll(() =>
    planRouteTests(file, [
      ...activeAlerts(config).map((alert) => [firingLabels(alert, config), expectedReceiver(alert)] as const),
      ...anyAlert.map(([severity, traffic]) => [anyAlertLabels(severity!, traffic!), RECEIVERS[severity as keyof typeof RECEIVERS]] as const),
      [{ alertname: "InfoInhibitor", severity: "none" }, RECEIVERS.discard],
      ...["Critical", "page", "Warning"].flatMap((severity) => [[{ alertname: "SomeChartAlert", severity }, RECEIVERS.unclassified] as const, [{ alertname: "SomeChartAlert", severity }, RECEIVERS.warning] as const]),
      [{ alertname: "Watchdog", severity: "none" }, RECEIVERS.heartbeat],
    ]),
  );

  it("C3: amtool check-config accepts it", () => {
    const run = runTool("amtool", ["check-config", file]);
    expect(run.output).toContain("SUCCESS");
    expect(run.status).toBe(0);
  });

  it("the review file is the YAML of the configuration object the chart receives", () => {
    expect(parse(fs.readFileSync(file, "utf8"))).toEqual(am);
  });

  it.each(activeAlerts(config).map((a) => [a.name, a.severity]))(
    "A8/C3: %s (%s) reaches its severity's receiver (Watchdog: the heartbeat), muted on the FX weekend only if business traffic (amtool config routes test)",
    (name) => {
      const alert = activeAlerts(config).find((a) => a.name === name)!;
      const result = routeTest(file, firingLabels(alert, config), expectedReceiver(alert));
      expect(result.output).not.toContain("did not match");
      expect(result.status).toBe(0);
      const mutes = walk(route, result.path).flatMap((r) => r.mute_time_intervals ?? []);
      expect(mutes).toEqual(alert.definition.traffic === "business" ? [WEEKEND_CLOSURE_INTERVAL] : []);
    },
  );

  it.each(anyAlert)(
    "A8: any %s alert with %s traffic reaches its receiver; only business traffic is muted (amtool config routes test)",
    (severity, traffic) => {
      const result = routeTest(file, anyAlertLabels(severity!, traffic!), RECEIVERS[severity as keyof typeof RECEIVERS]);
      expect(result.status).toBe(0);
      const mutes = walk(route, result.path).flatMap((r) => r.mute_time_intervals ?? []);
      expect(mutes).toEqual(traffic === "business" ? [WEEKEND_CLOSURE_INTERVAL] : []);
    },
  );

  it("routes the chart's severity=none helpers nowhere and unknown severities (Critical, page) to the visible unclassified receiver, not the warning channel (amtool config routes test)", () => {
    expect(routeTest(file, { alertname: "InfoInhibitor", severity: "none" }, RECEIVERS.discard).status).toBe(0);
    for (const severity of ["Critical", "page", "Warning"]) {
      expect(routeTest(file, { alertname: "SomeChartAlert", severity }, RECEIVERS.unclassified).status).toBe(0);
      expect(routeTest(file, { alertname: "SomeChartAlert", severity }, RECEIVERS.warning).status).not.toBe(0);
    }
    const unclassified = am.receivers.find((r) => r.name === RECEIVERS.unclassified)!;
    expect(JSON.stringify(unclassified)).toContain("UNCLASSIFIED severity=");
    expect(JSON.stringify(unclassified)).toContain("slack-incident-webhook-url");
    // The chart's own Watchdog (severity none) still feeds the heartbeat.
    expect(routeTest(file, { alertname: "Watchdog", severity: "none" }, RECEIVERS.heartbeat).status).toBe(0);
  });

  it("A8: groups and repeats each severity with the environment's timings", () => {
    for (const severity of SEVERITIES) {
      const branch = route.routes!.find((r) => r.receiver === RECEIVERS[severity])! as Record<string, unknown>;
      const t = config.alerts.notify[severity];
      expect(branch).toMatchObject({ group_wait: t.groupWait, group_interval: t.groupInterval, repeat_interval: t.repeatInterval });
    }
  });

  it("I1: critical pages (where the environment has a pager) and posts to the incident channel; warning and info post to their channels", () => {
    const receivers = new Map(am.receivers.map((r) => [r.name, r]));
    const critical = receivers.get(RECEIVERS.critical)!;
    const pagerKey = { pagerduty: "pagerduty_configs", opsgenie: "opsgenie_configs", none: undefined }[config.alerts.pager];
    for (const key of ["pagerduty_configs", "opsgenie_configs"] as const) expect(critical[key] !== undefined).toBe(key === pagerKey);
    expect(config.policy !== "guide" || pagerKey !== undefined).toBe(true);
    const slackFile = (name: string) => receivers.get(name)!.slack_configs![0]!.api_url_file;
    expect(slackFile(RECEIVERS.critical)).toMatch(/slack-incident-webhook-url$/);
    expect(slackFile(RECEIVERS.warning)).toMatch(/slack-alerts-webhook-url$/);
    expect(slackFile(RECEIVERS.info)).toMatch(/slack-digest-webhook-url$/);
  });

  it("C3: the Watchdog heartbeat pings every alerts.heartbeatIntervalSeconds: repeat_interval below group_interval, so no tick is skipped", () => {
    const heartbeat = route.routes!.find((r) => r.receiver === RECEIVERS.heartbeat)! as Record<string, string>;
    expect(heartbeat).toMatchObject({ matchers: ['alertname="Watchdog"'], group_wait: "0s", group_interval: `${config.alerts.heartbeatIntervalSeconds}s` });
    // Alertmanager re-sends an unchanged group at a group_interval tick only when more than repeat_interval has
    // passed since the last send (made just after the previous tick): equal intervals skip every other tick.
    expect(durationSeconds(heartbeat.repeat_interval!)).toBeLessThan(config.alerts.heartbeatIntervalSeconds);
    expect(durationSeconds(heartbeat.repeat_interval!)).toBeGreaterThan(0);
    const receiver = am.receivers.find((r) => r.name === RECEIVERS.heartbeat)!;
    expect(receiver.webhook_configs).toEqual([
      {
        url: `${config.alerts.heartbeatApiUrl}/${config.eks.clusterName}-watchdog/ping`,
        send_resolved: false,
        http_config: { authorization: { type: "GenieKey", credentials_file: `${SECRET_MOUNT_DIR}/${ALERTMANAGER_SECRET_NAME}/heartbeat-api-key` } },
      },
    ]);
  });

  describe("A8/A11: the weekend mute follows New York's 17:00 across both daylight-saving changes", () => {
    const intervals = am.time_intervals as Array<{ name: string; time_intervals: TimeIntervalEntry[] }>;
    const entries = intervals.find((i) => i.name === WEEKEND_CLOSURE_INTERVAL)!.time_intervals;

    it("is defined in America/New_York", () => {
      expect(intervals.map((i) => i.name)).toEqual([WEEKEND_CLOSURE_INTERVAL]);
      expect(entries.map((e) => e.location)).toEqual(entries.map(() => "America/New_York"));
    });

    // 2026: DST starts Sunday 8 March, ends Sunday 1 November. Weekends on both sides of each change.
    it.each([
      ["winter, before DST starts (EST)", "2026-02-27", "2026-03-01", 22],
      ["summer, after DST started (EDT)", "2026-03-13", "2026-03-15", 21],
      ["summer, before DST ends (EDT)", "2026-10-23", "2026-10-25", 21],
      ["winter, after DST ended (EST)", "2026-11-06", "2026-11-08", 22],
    ] as const)("%s: Friday and Sunday %s/%s at %i:00 UTC", (_, friday, sunday, hourUtc) => {
      const at = (day: string, h: number, m: number) => new Date(`${day}T${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:00Z`);
      for (const [date, closed] of [
        [at(friday, hourUtc - 1, 59), false],
        [at(friday, hourUtc, 0), true],
        [at(sunday, hourUtc - 1, 59), true],
        [at(sunday, hourUtc, 0), false],
      ] as const) {
        expect([date.toISOString(), inTimeInterval(entries, date)]).toEqual([date.toISOString(), closed]);
      }
    });

    it("seeded break: the same window in UTC mutes the first summer hour of Sunday, and the test above would fail", () => {
      // The old definition: a fixed Friday 22:00 to Sunday 22:00 UTC window.
      const utc = weeklyTimeIntervals({ from: { weekday: "friday", time: "22:00" }, to: { weekday: "sunday", time: "22:00" }, location: "UTC" }) as TimeIntervalEntry[];
      const summerSundayOpen = new Date("2026-03-15T21:30:00Z"); // 17:30 in New York: the market is open
      expect(inTimeInterval(entries, summerSundayOpen)).toBe(false);
      expect(inTimeInterval(utc, summerSundayOpen)).toBe(true);
    });

    it("never mutes the outage alerts (A11 ApplicationDown, ServiceEndpointsDown): they are continuous", () => {
      for (const name of ["ApplicationDown", "ServiceEndpointsDown"]) expect(activeAlerts(config).find((a) => a.name === name)!.labels.traffic).toBe("continuous");
    });
  });

  describe("A8: inhibition", () => {
    const rules = am.inhibit_rules as InhibitRule[];
    const alerts = activeAlerts(config);
    const labels = new Map(alerts.map((a) => [a.name, firingLabels(a, config)]));
    const inhibited = (source: string, target: string, targetLabels = labels.get(target)!) =>
      rules.some((r) => inhibits(r, labels.get(source)!, targetLabels));
    const rank = (s: string) => SEVERITIES.indexOf(s as never);

    it.each([
      ["MemoryUsageCritical", "MemoryCapacityHigh", "instance"],
      ["DiskSpaceCritical", "DiskCapacityHigh", "mountpoint"],
      ["ContainerMemoryUsageCritical", "MemoryLeakSuspected", "pod"],
      ["HttpErrorRateHigh", "HttpLatencyHigh", "service"],
      ["DatabaseConnectionErrors", "DatabaseQueriesSlow", "service"],
    ])("a firing %s silences %s of the same object, not of another %s", (source, target, label) => {
      expect(inhibited(source, target)).toBe(true);
      expect(inhibited(source, target, { ...labels.get(target)!, [label]: "another" })).toBe(false);
      expect(inhibited(target, source)).toBe(false);
    });

    it("silences exactly the lower-severity alerts of the same problem, and never the Watchdog", () => {
      for (const source of alerts) {
        for (const target of alerts) {
          const sameProblem = source.labels.problem !== undefined && source.labels.problem === target.labels.problem;
          const expected = sameProblem && rank(source.severity) < rank(target.severity);
          expect([source.name, target.name, inhibited(source.name, target.name)]).toEqual([source.name, target.name, expected]);
        }
      }
      expect(alerts.some((a) => inhibited(a.name, "Watchdog"))).toBe(false);
    });

    it("lets no alert without a problem label (e.g. the chart's default rules) silence ours", () => {
      const chartAlert = { alertname: "KubeAPIDown", severity: "critical" };
      for (const target of alerts) expect([target.name, rules.some((r) => inhibits(r, chartAlert, labels.get(target.name)!))]).toEqual([target.name, false]);
    });
  });

  it("titles name environment, status, count and alert, never an annotation; bodies list each alert's summary", () => {
    const text = JSON.stringify(am.receivers);
    expect(text).not.toContain("CommonAnnotations");
    const title = notificationTitle(config);
    expect(title).toContain(".Alerts.Firing | len");
    expect(title).toContain(".CommonLabels.alertname");
    expect(title).toContain("$a.Labels.alertname"); // the info digest, whose alert names differ
    expect(text).toContain(".Annotations.summary");
  });

  it("reads every credential from a mounted file of the Alertmanager secret, and the secret holds exactly those keys", () => {
    const receivers = am.receivers;
    const paths = keyPaths(receivers);
    const files = JSON.stringify(receivers).match(/"[a-z_]+_file":"[^"]+"/g) ?? [];
    const keys = files.map((f) => /"([^"]+)"$/.exec(f)![1]!).map((p) => {
      expect(p.startsWith(`${SECRET_MOUNT_DIR}/${ALERTMANAGER_SECRET_NAME}/`)).toBe(true);
      return path.basename(p);
    });
    expect([...new Set(keys)].sort()).toEqual(notificationSecretKeys(config));
    for (const inline of ["routing_key", "service_key", "api_key", "api_url", "password", "credentials", "bot_token", "token"]) {
      expect(paths.filter((p) => p.endsWith(`.${inline}`))).toEqual([]);
    }
  });

  it.each(AVOIDED_FIELDS.map((f) => [`${f.section}[].${f.field}`]))("renders no %s (rejected by amtool 0.25)", (field) => {
    expect(keyPaths(am).filter((p) => p.endsWith(field.replace(/^/, ".")))).toEqual([]);
  });

  it("sets every key of the chart's default alertmanager.config, so Helm's merge with chart defaults changes nothing", () => {
    const chart = parse(fs.readFileSync(path.join(REFERENCE_DIR, "helm/kube-prometheus-stack/values.yaml"), "utf8")) as { alertmanager: { config: Record<string, unknown> } };
    const objectPaths = (v: unknown, prefix = ""): string[] =>
      typeof v === "object" && v !== null && !Array.isArray(v) ? Object.entries(v).flatMap(([k, x]) => [`${prefix}.${k}`, ...objectPaths(x, `${prefix}.${k}`)]) : [];
    expect(objectPaths(am)).toEqual(expect.arrayContaining(objectPaths(chart.alertmanager.config)));
  });

  it("contains no Terraform interpolation sequences (the values travel through Terraform JSON)", () => {
    const text = renderAlertmanagerYaml(config);
    expect(text).not.toMatch(/\$\{|%\{/);
  });
});
