/**
 * The troubleshooting guide's content (O1, I1): per component, symptom → what to check → fix. The reasoning is
 * written here once; every name in the checks (namespace, release, cluster, region, bucket, vault, stack, dashboard)
 * is filled in per environment from the synthesized stacks, so a command in the handbook runs as printed.
 */
import { DASHBOARD_UIDS } from "../../../dashboards/uids";
import type { EnvironmentConfig } from "../../../config/types";
import type { DeployedEnvironment, DeployedRelease } from "./deployed";
import { namesOf, releaseOfChart } from "./deployed";

/** Everything a check may name, for one environment. */
export interface CheckContext {
  readonly env: DeployedEnvironment;
  readonly config: EnvironmentConfig;
  /** The component's release (absent for the program's own failure modes). */
  readonly release?: DeployedRelease;
  /** `kubectl -n <namespace of the component's release>` (the monitoring namespace where there is none). */
  readonly kubectl: string;
}

export interface Symptom {
  readonly symptom: string;
  /** Dashboard uid to open first, if a dashboard shows it. */
  readonly dashboard?: string;
  /** PromQL or LogQL to run in Grafana's Explore. */
  readonly query?: string;
  /** Shell commands, with real names. */
  readonly commands: (c: CheckContext) => readonly string[];
  readonly fix: string;
}

export interface Component {
  readonly name: string;
  /** Charts whose release is this component; the component is listed only where one is deployed. Empty: always. */
  readonly charts: readonly string[];
  readonly symptoms: readonly Symptom[];
}

const pods = (c: CheckContext) => `${c.kubectl} get pods -l app.kubernetes.io/instance=${c.release!.name} -o wide`;
const logs = (c: CheckContext, container = "") =>
  `${c.kubectl} logs -l app.kubernetes.io/instance=${c.release!.name}${container ? ` -c ${container}` : ""} --tail=200 --prefix`;
/** Port-forward to the first pod with `app.kubernetes.io/name=<name>` (no Service name to get wrong). */
const forward = (c: CheckContext, name: string, port: number) =>
  `${c.kubectl} port-forward "$(${c.kubectl} get pod -l app.kubernetes.io/name=${name} -o name | head -1)" ${port}`;
const stack = (c: CheckContext, layer: string) => c.env.stacks.find((s) => s.layer === layer)!.name;

export const COMPONENTS: readonly Component[] = [
  {
    name: "Prometheus",
    charts: ["kube-prometheus-stack"],
    symptoms: [
      {
        symptom: "Panels show 'No data' or a scrape target is missing",
        dashboard: DASHBOARD_UIDS.infrastructure,
        query: "up == 0",
        commands: (c) => [pods(c), `${c.kubectl} get servicemonitors,podmonitors -A`, `${forward(c, "prometheus", 9090)}   # then open http://localhost:9090/targets`],
        fix: "A target down is the service, not Prometheus: follow its runbook. A target missing means no ServiceMonitor selects it: check the Service's labels and port name against the ServiceMonitor.",
      },
      {
        symptom: "Prometheus restarts (OOMKilled) or its volume is full",
        dashboard: DASHBOARD_UIDS.infrastructure,
        query: 'kubelet_volume_stats_available_bytes{persistentvolumeclaim=~"prometheus-.*"} / kubelet_volume_stats_capacity_bytes',
        commands: (c) => [pods(c), `${c.kubectl} describe pod -l app.kubernetes.io/name=prometheus | grep -A3 'Last State'`, `${c.kubectl} get pvc`],
        fix: "Raise `observability.prometheus.volumeSizeGiB` (the storage class expands the volume in place) or lower `retentionDays` in the environment config, then deploy the platform stack. A sudden memory jump is a cardinality explosion: find the metric with `topk(10, count by (__name__)({__name__=~\".+\"}))`.",
      },
      {
        symptom: "Remote write to Amazon Managed Prometheus falls behind",
        query: "rate(prometheus_remote_storage_samples_failed_total[5m]) > 0 or prometheus_remote_storage_highest_timestamp_in_seconds - ignoring(remote_name, url) group_right prometheus_remote_storage_queue_highest_sent_timestamp_seconds > 120",
        commands: (c) => [`${c.kubectl} logs -l app.kubernetes.io/name=prometheus -c prometheus --tail=200 | grep -i remote`, `aws amp list-workspaces --region ${c.config.region}`],
        fix: "403 errors: the Pod Identity association of the Prometheus service account is missing or the role lost `aps:RemoteWrite`; redeploy the platform stack. Throttling: AMP quotas per workspace; request an increase.",
      },
    ],
  },
  {
    name: "Alertmanager",
    charts: ["kube-prometheus-stack"],
    symptoms: [
      {
        symptom: "An alert fires in Prometheus but nobody is notified",
        commands: (c) => [
          forward(c, "alertmanager", 9093),
          "amtool --alertmanager.url=http://localhost:9093 alert query",
          "amtool --alertmanager.url=http://localhost:9093 silence query",
          `amtool config routes test --config.file=out/${c.config.name}/alertmanager.yaml severity=critical alertname=<Alert>`,
          `${c.kubectl} logs -l app.kubernetes.io/name=alertmanager -c alertmanager --tail=200 | grep -i -E 'notify|error'`,
        ],
        fix: "Check in order: a silence or the market-closure mute matches it; inhibition by a critical alert of the same problem; the receiver's credential file is empty (the receivers secret lost a key); the channel rejects it (the log shows the HTTP status).",
      },
      {
        symptom: "The heartbeat monitor reports 'alerting down'",
        commands: (c) => [`${c.kubectl} get pods -l app.kubernetes.io/name=alertmanager`, `${c.kubectl} logs -l app.kubernetes.io/name=alertmanager -c alertmanager --tail=200 | grep -i watchdog`],
        fix: "The Watchdog alert always fires; when the heartbeat stops, Prometheus, Alertmanager or the path between them is down. Treat it as critical: no other alert can reach you.",
      },
    ],
  },
  {
    name: "Grafana",
    charts: ["kube-prometheus-stack"],
    symptoms: [
      {
        symptom: "Grafana is unreachable or logins fail",
        commands: (c) => [`${c.kubectl} get pods,ingress -l app.kubernetes.io/name=grafana`, `${c.kubectl} logs -l app.kubernetes.io/name=grafana -c grafana --tail=200`],
        fix: "Ingress without an address: the AWS Load Balancer Controller could not create the ALB (its logs say why). Login errors after a secret rotation: restart the Grafana deployment so it reads the new admin credentials.",
      },
      {
        symptom: "A dashboard or data source differs from the code",
        commands: (c) => [`FX_ENVIRONMENTS=${c.config.name} npm run synth && npx cdktf diff ${stack(c, "grafana")}`],
        fix: "Someone edited it in the UI. The Grafana stack owns it: the next deploy reverts the edit; make the change in `dashboards/` instead.",
      },
    ],
  },
  {
    name: "Loki",
    charts: ["loki"],
    symptoms: [
      {
        symptom: "Logs missing in Explore, or pushes rejected (HTTP 429/500 in Alloy)",
        query: 'sum by (status_code) (rate(loki_request_duration_seconds_count{route=~"loki_api_v1_push|api_prom_push"}[5m]))',
        commands: (c) => [pods(c), logs(c) + " | grep -i -E 'error|limit'", `aws s3 ls s3://${namesOf(c.env, "aws_s3_bucket").find((b) => b.includes("loki")) ?? "<loki bucket>"}/ --region ${c.config.region} | head`],
        fix: "429: a stream or tenant limit; the line says which. S3 AccessDenied: the Pod Identity association or the KMS key grant of the Loki role. Ingesters crash-looping: a full WAL volume; expand it.",
      },
      {
        symptom: "Logs older than expected are gone, or old logs are not deleted",
        commands: (c) => [logs(c) + " | grep -i -E 'compactor|retention'"],
        fix: "Retention is per stream (`log_type` label) from the retention table (docs/retention.md); only the compactor deletes. A log line without a `log_type` gets the application default.",
      },
    ],
  },
  {
    name: "Tempo",
    charts: ["tempo", "tempo-distributed"],
    symptoms: [
      {
        symptom: "A trace linked from logs is 'not found'",
        query: "sum(rate(tempo_distributor_spans_received_total[5m]))",
        commands: (c) => [pods(c), logs(c) + " | grep -i -E 'error|refused'"],
        fix: "No spans received: Alloy's OTLP exporter cannot reach Tempo (check Alloy below). Spans received but trace missing: older than Tempo's retention, or the application did not propagate the trace id.",
      },
    ],
  },
  {
    name: "Alloy",
    charts: ["alloy"],
    symptoms: [
      {
        symptom: "No new logs from a node, or traces stop",
        query: 'sum by (instance) (rate(loki_write_sent_entries_total[5m])) == 0',
        commands: (c) => [pods(c), logs(c, "alloy") + " | grep -i -E 'error|dropped'", `${forward(c, "alloy", 12345)}   # then open http://localhost:12345 (pipeline graph)`],
        fix: "The pipeline UI shows which component is unhealthy. A pod missing on a node: the DaemonSet's tolerations or resources. After a restart logs are not re-sent: the positions are kept on the node.",
      },
    ],
  },
  {
    name: "Database and cache exporters",
    charts: ["prometheus-postgres-exporter", "prometheus-redis-exporter"],
    symptoms: [
      {
        symptom: "Database or cache panels empty; `pg_up` or `redis_up` is 0",
        dashboard: DASHBOARD_UIDS.database,
        query: "pg_up == 0 or redis_up == 0",
        commands: (c) => [`${c.kubectl} get pods -l app.kubernetes.io/name=prometheus-postgres-exporter`, `${c.kubectl} get pods -l app.kubernetes.io/name=prometheus-redis-exporter`, `${c.kubectl} logs -l app.kubernetes.io/name=prometheus-postgres-exporter --tail=100`],
        fix: "Authentication errors: the exporter's credentials secret is out of date (rotated in Secrets Manager, not yet synced) or the database user lost its grants (`pg_monitor`). Timeouts: the database security group does not admit the cluster's nodes.",
      },
    ],
  },
  {
    name: "External Secrets",
    charts: ["external-secrets"],
    symptoms: [
      {
        symptom: "A Kubernetes secret is missing or still has the old value after a rotation",
        commands: (c) => [`kubectl get externalsecrets -A`, `kubectl get clustersecretstores`, `kubectl -n ${c.config.eks.monitoringNamespace} describe externalsecret <name> | tail -20`, logs(c) + " | grep -i error"],
        fix: "`SecretSyncedError`: the controller cannot read the Secrets Manager path (Pod Identity role or path); the event names it. Synced but pods use the old value: the workload reads the secret at start; restart it (docs/secrets.md lists which).",
      },
    ],
  },
];

/** The failure modes this program itself guards against, and what each looks like to the person who hits it. */
export const PROGRAM_FAILURES: readonly Symptom[] = [
  {
    symptom: "`npm run synth` fails with `invalid environment configuration`",
    commands: (c) => [`FX_ENVIRONMENTS=${c.config.name} npm run synth`],
    fix: "The message names the environment, the field, the value and what is allowed. Fix `config/environments/<env>.ts`; nothing was written, the previous output is intact.",
  },
  {
    symptom: "`npm run synth` fails with a policy rule ID (e.g. `CKV_AWS_…`)",
    commands: () => ["npm run synth 2>&1 | grep -A3 'policy'"],
    fix: "A resource breaks a security rule; the message names the construct path and the fix. Fix the resource, or, where the rule cannot apply, `waive()` it on that one resource with a written reason (docs/security.md lists every waiver).",
  },
  {
    symptom: "Deploy refuses a saved plan as stale",
    commands: (c) => [`npx cdktf diff ${stack(c, "platform")}`],
    fix: "State changed after the plan was reviewed (another apply, or drift). Nothing was applied. Re-run the workflow so the plan is made again, review it, and approve that one.",
  },
  {
    symptom: "`Error acquiring the state lock`",
    commands: (c) => {
      const s = c.env.stacks.find((x) => x.layer === "data")!;
      return [`aws s3 ls s3://${s.stateBucket}/${s.stateKey}.tflock --region ${c.config.stateBackend.region}`, `cd cdktf.out/stacks/${s.name} && terraform force-unlock <LOCK_ID>`];
    },
    fix: "Another plan or apply holds the lock (the message names who and when). Wait for it. Only when that run is certainly dead (cancelled job, killed runner), release the lock with `force-unlock` and the lock ID from the message.",
  },
];

/** The release a component's checks name in an environment, if deployed. */
export function componentRelease(env: DeployedEnvironment, component: Component): DeployedRelease | undefined {
  return component.charts.length === 0 ? undefined : releaseOfChart(env, ...component.charts);
}
