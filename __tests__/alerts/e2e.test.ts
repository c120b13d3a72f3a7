/**
 * End to end (A8, A10, A11, C3): the synthesized rule file and Alertmanager configuration run in the real
 * Prometheus and Alertmanager servers (Debian packages, see scripts/ensure-tools.sh) on 127.0.0.1, fed by a
 * fake exporter, every receiver pointed at a local webhook that records each delivery with its arrival time.
 *
 * Test-sized inputs, stated here because nothing else is changed: the environment is prod with shorter
 * notification timing (`alerts.notify.*`, `alerts.heartbeatIntervalSeconds`, set through its config and
 * validated), scrape and evaluation every second (the test's prometheus.yml), and `for: 0s` in the copy of the
 * rules that drives Alertmanager. Alertmanager has no fake clock: the weekend mute is exercised at a chosen
 * New York moment through a time zone database (ZONEINFO) in which America/New_York shows that moment; the
 * synthesized time interval is evaluated unchanged by Alertmanager's own code.
 */
import fs from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import { RECEIVERS, WEEKEND_CLOSURE_INTERVAL, buildAlertmanagerConfig, weeklyTimeIntervals } from "../../alerts/alertmanager";
import { durationSeconds } from "../../alerts/duration";
import { buildRuleGroups, renderRuleFile } from "../../alerts/rules";
import { validateEnvironmentConfig } from "../../config/validate";
import { envConfig } from "../support";
import type { InhibitRule } from "./support/alertmanager-semantics";
import {
  decode,
  expectations,
  heartbeatProblems,
  pagedProblems,
  routingProblems,
  titleProblems,
  type Expectation,
  type FiringAlert,
  type Notification,
} from "./support/e2e-checks";
import { startExporter, startWebhook, type LocalServer, type Webhook } from "./support/e2e-http";
import { exposition, pointAtWebhook, scenarioSeries, withoutAlert, withoutFor, withoutRewrites, zoneinfoAt, type Rewrite } from "./support/e2e-inputs";
import {
  INSTALL_HINT,
  findServerBinaries,
  getJson,
  post,
  freePorts,
  startAlertmanager,
  startPrometheus,
  stopServers,
  waitFor,
  waitUntil,
  type Server,
  type ServerBinaries,
} from "./support/e2e-processes";
import { scratchDir } from "./support/tools";

const HEARTBEAT_SECONDS = 2;
/** The pings each heartbeat check needs (three intervals measured). */
const HEARTBEAT_MIN_PINGS = 4;
/**
 * The pings of the correct cadence the run waits for: seven intervals measured, as many as the former fixed wait
 * (20 s at a 3 s interval) gave. The seeded cadence runs through the same ticks (every other one skipped).
 */
const HEARTBEAT_PINGS = 8;
/** A gap of the seeded cadence: two intervals (one ping skipped), to the hundredth, e.g. `3.98` or `4.01` at 2 s. */
const SKIPPED_PING_GAP = new RegExp(`heartbeat: (gaps .*\\b[${2 * HEARTBEAT_SECONDS - 1}${2 * HEARTBEAT_SECONDS}]\\.\\d\\d\\b|\\d pings)`);
const TIMING = { groupWait: "5s", groupInterval: "5m", repeatInterval: "1h" };
const config = envConfig("prod", { alerts: { heartbeatIntervalSeconds: HEARTBEAT_SECONDS, notify: { critical: TIMING, warning: TIMING, info: TIMING } } });

/** Friday 17:30 in New York, summer (21:30 UTC): the market closed; a fixed UTC 22:00 window would not mute yet. */
const CLOSED = new Date("2026-07-10T21:30:00Z");
/** Sunday 17:30 in New York, summer (21:30 UTC): the market open again; a fixed UTC 22:00 window would still mute. */
const OPEN = new Date("2026-07-12T21:30:00Z");
/** The other side of the daylight-saving change: Friday and Sunday 17:30 in New York, winter (22:30 UTC). */
const WINTER_CLOSED = new Date("2026-01-09T22:30:00Z");
const WINTER_OPEN = new Date("2026-01-11T22:30:00Z");

/** A rule pack of another team whose severity is none of ours. */
const OTHER_PACK = { groups: [{ name: "other-pack", rules: [{ alert: "OtherPackAlert", expr: "vector(1)", labels: { severity: "Critical" }, annotations: { summary: "An alert of another rule pack" } }] }] };

const binaries = findServerBinaries();
if (binaries === undefined && process.env.CI === undefined) console.warn(`skipping the end-to-end alerting test: ${INSTALL_HINT}`);

it("has the prometheus and Alertmanager servers it runs (never skipped in CI)", () => {
  if (binaries === undefined && process.env.CI !== undefined) throw new Error(INSTALL_HINT);
});

interface Run {
  webhook: Webhook;
  exporter: LocalServer;
  servers: Record<string, Server>;
  rewrites: Rewrite[];
  am: Record<string, unknown>;
  rewritten: Record<string, unknown>;
}

const run = {} as Run;

function writeFile(dir: string, name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** `alertmanagers`: the `host:port` of each Alertmanager it notifies. */
function prometheusYaml(ruleFiles: readonly string[], exporterUrl: string, appPath: string, alertmanagers: readonly string[], externalLabel: string, exporterPath?: string): string {
  const host = exporterUrl.replace(/^http:\/\//, "");
  const scrape = [
    // The application's own target: its `up` carries the labels the ServiceMonitor gives it.
    { job_name: "fx-trader-api", metrics_path: appPath, static_configs: [{ targets: [host], labels: { namespace: config.eks.appNamespace, service: "fx-trader-api" } }] },
  ];
  if (exporterPath !== undefined) scrape.push({ job_name: "exporters", metrics_path: exporterPath, honor_labels: true, static_configs: [{ targets: [host] }] } as never);
  return stringify({
    global: { scrape_interval: "1s", evaluation_interval: "1s", external_labels: { e2e: externalLabel } },
    rule_files: ruleFiles,
    alerting: { alertmanagers: alertmanagers.length === 0 ? [] : [{ api_version: "v2", static_configs: [{ targets: [...alertmanagers] }] }] },
    scrape_configs: scrape,
  });
}

/** The seeded-break Alertmanager: titles from the common summary, the closure in UTC, the heartbeat's old timing. */
function brokenAlertmanager(am: Record<string, unknown>): Record<string, unknown> {
  const broken = structuredClone(am) as { receivers: Array<Record<string, Array<Record<string, unknown>>>>; time_intervals: Array<Record<string, unknown>>; route: { routes: Array<Record<string, unknown>> } };
  for (const receiver of broken.receivers) {
    for (const c of receiver.slack_configs ?? []) c.title = `[${config.name}] {{ .CommonAnnotations.summary }}`;
    for (const c of receiver.pagerduty_configs ?? []) c.description = `[${config.name}] {{ .CommonAnnotations.summary }}`;
  }
  broken.time_intervals = [{ name: WEEKEND_CLOSURE_INTERVAL, time_intervals: weeklyTimeIntervals({ from: { weekday: "friday", time: "22:00" }, to: { weekday: "sunday", time: "22:00" }, location: "Etc/UTC" }) }];
  const heartbeat = broken.route.routes.find((r) => r.receiver === RECEIVERS.heartbeat)!;
  heartbeat.repeat_interval = heartbeat.group_interval;
  return broken;
}

const describeLive = binaries === undefined ? describe.skip : describe;

describeLive("alerting end to end in the real Prometheus and Alertmanager", () => {
  const bin = binaries as ServerBinaries;
  const notifications = (tag: string): Notification[] => run.webhook.deliveries.map(decode).filter((n) => n.tag === tag);
  const everFiring = async (server: string): Promise<FiringAlert[]> => {
    const query = encodeURIComponent('last_over_time(ALERTS{alertstate="firing"}[10m])');
    const body = await getJson<{ data: { result: Array<{ metric: Record<string, string> }> } }>(`${run.servers[server]!.url}/api/v1/query?query=${query}`);
    return body.data.result.map(({ metric }) => ({ labels: Object.fromEntries(Object.entries(metric).filter(([k]) => k !== "__name__" && k !== "alertstate")), state: "firing" }));
  };
  let expectedClosed: Expectation[];
  let expectedOpen: Expectation[];

  beforeAll(async () => {
    validateEnvironmentConfig(config);
    const dir = scratchDir("fx-trader-e2e-");
    const started = Date.now();
    const series = scenarioSeries(config, ["MemoryUsageCritical"]);
    run.exporter = await startExporter(() => ({
      "/metrics": () => exposition(series, (Date.now() - started) / 1000),
      "/app": () => "fx_trader_build_info 1\n",
      "/down": 503,
    }));
    run.webhook = await startWebhook();

    const rules = renderRuleFile(config);
    const fast = withoutFor(rules);
    const rulesFile = writeFile(dir, "rules.yaml", rules);
    // Loaded once the series are there (below): evaluated on an empty TSDB, the outage alerts (absent) would fire for a moment.
    const fastFile = writeFile(dir, "rules-for-0s.yaml", "groups: []\n");
    const otherPackFile = writeFile(dir, "other-pack.yaml", "groups: []\n");
    const noAppDownFile = writeFile(dir, "rules-without-app-down.yaml", withoutAlert(fast, "ApplicationDown"));
    const outageFile = writeFile(dir, "rules-outage.yaml", fast);

    run.am = buildAlertmanagerConfig(config);
    const amFile = (tag: string, am: Record<string, unknown>) => {
      const { config: rewritten, rewrites } = pointAtWebhook(am, run.webhook.url, tag, path.join(dir, tag, "secrets"));
      if (tag === "closed") Object.assign(run, { rewrites, rewritten });
      return writeFile(path.join(dir, tag), "alertmanager.yaml", stringify(rewritten));
    };
    const amDir = (tag: string) => {
      fs.mkdirSync(path.join(dir, tag), { recursive: true });
      return path.join(dir, tag);
    };
    const zones = ["America/New_York", "Etc/UTC"];
    const alertmanagers = [
      ["closed", run.am, CLOSED],
      ["open", run.am, OPEN],
      ["broken", brokenAlertmanager(run.am), CLOSED],
      ["outage", run.am, CLOSED],
      ["winter-closed", run.am, WINTER_CLOSED],
      ["winter-open", run.am, WINTER_OPEN],
    ] as const;
    // Ports first: every server starts at once, Prometheus naming Alertmanagers that are still starting (it only
    // sends alerts once the rules are loaded, below, when all are ready).
    const ports = await freePorts(alertmanagers.length);
    const at = (...tags: ReadonlyArray<(typeof alertmanagers)[number][0]>) => tags.map((tag) => `127.0.0.1:${ports[alertmanagers.findIndex(([t]) => t === tag)]}`);
    const promDir = (tag: string) => amDir(`prometheus-${tag}`);
    const [[closed, open, broken, outage, winterClosed, winterOpen], [unmodified, live, down, downNoAppDown]] = await Promise.all([
      Promise.all(
        alertmanagers.map(([tag, am, moment], i) => {
          const d = amDir(tag);
          return startAlertmanager(bin, `alertmanager (${tag})`, amFile(tag, am), d, zoneinfoAt(path.join(d, "zoneinfo"), moment, zones), ports[i]);
        }),
      ),
      Promise.all([
        startPrometheus(bin, "prometheus (rules as synthesized)", writeFile(promDir("a"), "prometheus.yml", prometheusYaml([rulesFile], run.exporter.url, "/app", [], "unmodified", "/metrics")), promDir("a")),
        startPrometheus(bin, "prometheus (for: 0s)", writeFile(promDir("b"), "prometheus.yml", prometheusYaml([fastFile, otherPackFile], run.exporter.url, "/app", at("closed", "open", "broken", "winter-closed", "winter-open"), "live", "/metrics")), promDir("b")),
        startPrometheus(bin, "prometheus (outage)", writeFile(promDir("c"), "prometheus.yml", prometheusYaml([outageFile], run.exporter.url, "/down", at("outage"), "outage")), promDir("c")),
        startPrometheus(bin, "prometheus (outage, seeded: no ApplicationDown)", writeFile(promDir("d"), "prometheus.yml", prometheusYaml([noAppDownFile], run.exporter.url, "/down", at("broken"), "outage-without-app-down")), promDir("d")),
      ]),
    ]);
    run.servers = { closed: closed!, open: open!, broken: broken!, outage: outage!, winterClosed: winterClosed!, winterOpen: winterOpen!, unmodified, live, down, downNoAppDown };

    // Warm up: the notifier knows its Alertmanagers and every series has a few samples; then load the rules.
    await waitFor("prometheus (for: 0s) to know its five Alertmanagers and hold 3 samples per series", 20000, async () => {
      const ams = await getJson<{ data: { activeAlertmanagers: unknown[] } }>(`${live.url}/api/v1/alertmanagers`);
      const samples = await getJson<{ data: { result: unknown[] } }>(`${live.url}/api/v1/query?query=${encodeURIComponent('min(count_over_time(up[1m])) >= 3')}`);
      return ams.data.activeAlertmanagers.length === 5 && samples.data.result.length === 1 ? true : undefined;
    });
    fs.writeFileSync(fastFile, fast);
    fs.writeFileSync(otherPackFile, stringify(OTHER_PACK));
    await post(`${live.url}/-/reload`);

    await waitFor("the first notifications", 20000, () => (notifications("closed").some((n) => n.receiver === RECEIVERS.critical) ? true : undefined));
    const inhibitRules = run.am.inhibit_rules as InhibitRule[];
    // Every alert that fired since the start, from Prometheus' own ALERTS series (some fire for a moment only,
    // e.g. ApplicationNoTraffic before the counters have two samples).
    const firingLive = await everFiring("live");
    const firedBy = Date.now();
    expectedClosed = expectations(firingLive, inhibitRules, true);
    expectedOpen = expectations(firingLive, inhibitRules, false);
    // Every group that fired by then notified in every Alertmanager (group_wait, with a margin), and the heartbeat
    // pings the cadence checks measure; past the deadline the checks name what is missing.
    const pings = (tag: string) => notifications(tag).filter((n) => n.receiver === RECEIVERS.heartbeat).length;
    const notified = durationSeconds(TIMING.groupWait) * 1000 + 2000;
    await waitUntil(30000, () => Date.now() - firedBy >= notified && pings("closed") >= HEARTBEAT_PINGS && pings("broken") >= HEARTBEAT_MIN_PINGS);
  }, 80000);

  afterAll(async () => {
    // E2E_DEBUG=1 prints what the servers logged and every delivery, to see why a check failed.
    if (process.env.E2E_DEBUG !== undefined) {
      for (const server of Object.values(run.servers ?? {})) console.log(server.name, server.log());
      console.log(run.webhook.deliveries.map(decode).map((n) => `${n.tag} ${n.receiver} ${n.notifier} ${new Date(n.at).toISOString()} ${n.title ?? ""} ${n.alerts.join(",")}`).join("\n"));
    }
    stopServers();
    await Promise.all([run.exporter?.close(), run.webhook?.close()]);
  });

  describe("(a) the synthesized rule file, loaded unmodified", () => {
    it("A1–A11/C3: every rule is evaluated and healthy against realistic series (GET /api/v1/rules)", async () => {
      const count = buildRuleGroups(config).reduce((n, g) => n + g.rules.length, 0);
      type Rule = { name: string; health: string; lastError?: string; lastEvaluation: string; state?: string };
      const rules = await waitFor("every rule evaluated", 15000, async () => {
        const body = await getJson<{ data: { groups: Array<{ rules: Rule[] }> } }>(`${run.servers.unmodified!.url}/api/v1/rules`);
        const all = body.data.groups.flatMap((g) => g.rules);
        return all.length === count && all.every((r) => !r.lastEvaluation.startsWith("0001")) ? all : undefined;
      });
      expect(rules.filter((r) => r.health !== "ok" || (r.lastError ?? "") !== "").map((r) => `${r.name}: ${r.health} ${r.lastError}`)).toEqual([]);
      // The series are realistic enough to start alerts: they wait out their `for` (pending) as in production.
      expect(rules.filter((r) => r.state === "pending" || r.state === "firing").length).toBeGreaterThan(5);
    });
  });

  describe("(b) a copy with `for: 0s`, every receiver pointed at the local webhook", () => {
    it("the copies change only `for` (rules) and the notifiers' endpoints and credential files (Alertmanager)", () => {
      const strip = (yaml: string) => (parse(yaml) as { groups: Array<{ rules: Array<Record<string, unknown>> }> }).groups.map((g) => g.rules.map((rule) => Object.fromEntries(Object.entries(rule).filter(([k]) => k !== "for"))));
      expect(strip(withoutFor(renderRuleFile(config)))).toEqual(strip(renderRuleFile(config)));
      expect(run.rewrites.every((r) => /(^|\.)\w+_file$|^(url|api_url)$/.test(r.field))).toBe(true);
      expect(withoutRewrites(run.rewritten, run.rewrites)).toEqual(withoutRewrites(run.am, run.rewrites));
      expect(stringify(run.rewritten)).not.toMatch(/https:\/\/(events\.pagerduty|api\.opsgenie|hooks\.slack)/);
    });

    it("A8/C3/A11: each firing alert reaches its severity's receiver, business alerts muted in the New York weekend closure, lower severities inhibited", () => {
      expect(routingProblems(expectedClosed, notifications("closed"))).toEqual([]);
      // What the live run covered: every receiver, at least one muted and one inhibited alert, a group of several alerts.
      expect(new Set(expectedClosed.map((e) => e.receiver))).toEqual(new Set(Object.values(RECEIVERS).filter((r) => r !== RECEIVERS.discard)));
      expect(expectedClosed.some((e) => e.muted && e.labels.alertname === "HttpErrorRateHigh")).toBe(true);
      expect(expectedClosed.some((e) => e.inhibitedBy !== undefined)).toBe(true);
      // The case an on-call engineer sees: a node over the 90% page does not also post its 80% capacity info.
      expect(expectedClosed.find((e) => e.labels.alertname === "MemoryCapacityHigh")?.inhibitedBy).toBe("MemoryUsageCritical");
      expect(notifications("closed").flatMap((n) => n.alerts)).not.toContain("MemoryCapacityHigh");
      expect(notifications("closed").flatMap((n) => n.alerts)).toContain("MemoryUsageCritical");
    });

    it("A8: once the market is open (Sunday 17:30 New York, summer), the business alerts are delivered too", () => {
      expect(routingProblems(expectedOpen, notifications("open"))).toEqual([]);
      expect(pagedProblems(notifications("open"), "HttpErrorRateHigh", RECEIVERS.critical)).toEqual([]);
    });

    it.each([
      ["winter-closed", "Friday 17:30 New York, winter (22:30 UTC): business alerts muted", true],
      ["winter-open", "Sunday 17:30 New York, winter (22:30 UTC): business alerts delivered", false],
    ] as const)("A8: the other side of the daylight-saving change, %s: %s", (tag, _, marketClosed) => {
      const expected = marketClosed ? expectedClosed : expectedOpen;
      expect(routingProblems(expected, notifications(tag))).toEqual([]);
      const paged = pagedProblems(notifications(tag), "HttpErrorRateHigh", RECEIVERS.critical);
      expect(paged).toEqual(marketClosed ? ["HttpErrorRateHigh: no pagerduty_configs delivery to critical", "HttpErrorRateHigh: no slack_configs delivery to critical"] : []);
    });

    it("an unknown severity (`Critical` from another rule pack) reaches the visible unclassified receiver, titled so", () => {
      const unclassified = notifications("closed").filter((n) => n.receiver === RECEIVERS.unclassified);
      expect(unclassified.map((n) => n.title)).toContain(`[${config.name}] UNCLASSIFIED severity="Critical" FIRING (1): OtherPackAlert`);
      expect(notifications("closed").filter((n) => n.receiver === RECEIVERS.warning).flatMap((n) => n.alerts)).not.toContain("OtherPackAlert");
    });

    it("page and message titles name the status, the count and the alert, and the body lists each alert", () => {
      const titled = notifications("closed").filter((n) => n.title !== undefined);
      expect(titleProblems(titled)).toEqual([]);
      expect(titled.some((n) => n.notifier === "pagerduty_configs" && n.alerts.length > 1)).toBe(true);
    });

    it("C3: the Watchdog heartbeat reaches the heartbeat receiver every alerts.heartbeatIntervalSeconds (webhook arrival times), with its API key", () => {
      expect(heartbeatProblems(notifications("closed"), HEARTBEAT_SECONDS, HEARTBEAT_MIN_PINGS, 0.25 * HEARTBEAT_SECONDS)).toEqual([]);
      const ping = notifications("closed").find((n) => n.receiver === RECEIVERS.heartbeat)!;
      expect(ping.delivery.headers.authorization).toBe("GenieKey e2e-dummy-credentials_file");
    });

    it("A11: a total outage (every target down) pages through PagerDuty and Slack, in the weekend closure too", () => {
      expect(pagedProblems(notifications("outage"), "ApplicationDown", RECEIVERS.critical)).toEqual([]);
    });
  });

  describe("seeded breaks: each makes its check fail", () => {
    it("fails when titles are the common summary (blank for a group of different alerts)", () => {
      const problems = titleProblems(notifications("broken").filter((n) => n.title !== undefined));
      expect(problems.join("\n")).toContain('title "[prod] " does not name status, count and alert');
    });

    it("fails when the heartbeat's repeat_interval equals its group_interval (every other ping skipped)", () => {
      expect(heartbeatProblems(notifications("broken"), HEARTBEAT_SECONDS, HEARTBEAT_MIN_PINGS, 0.25 * HEARTBEAT_SECONDS).join("\n")).toMatch(SKIPPED_PING_GAP);
    });

    it("fails when the weekend closure is a fixed UTC window (Friday's last summer hour not muted)", () => {
      expect(routingProblems(expectedClosed, notifications("broken")).join("\n")).toContain("HttpErrorRateHigh");
    });

    it("fails when the ApplicationDown rule is missing: the outage pages nobody through the pager", () => {
      expect(pagedProblems(notifications("broken"), "ApplicationDown", RECEIVERS.critical)).toEqual([
        "ApplicationDown: no pagerduty_configs delivery to critical",
        "ApplicationDown: no slack_configs delivery to critical",
      ]);
    });
  });
});
