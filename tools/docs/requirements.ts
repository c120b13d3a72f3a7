/**
 * `docs/requirements.md`: requirements traceability. For each requirement ID of ../shared/REQUIREMENTS.md,
 * the code that implements it (listed here, checked to exist) and the tests that prove it (found in
 * `__tests__/` by the ID their title starts with, e.g. `it("L2: audit logs are kept 365 days")`, or the
 * IDs a `describe` title names in parentheses, e.g. `describe("Alloy (C6, L1–L3)")`).
 */
import fs from "node:fs";
import path from "node:path";
import { generatedHeader, markdownTable, type DocGenerator } from "./types";

export interface RequirementTrace {
  readonly id: string;
  readonly title: string;
  /** Project-relative paths of the modules that implement it. */
  readonly implementedBy: readonly string[];
}

/** Every requirement of REQUIREMENTS.md, in its order, with the modules that implement it. */
export const REQUIREMENTS: readonly RequirementTrace[] = [
  { id: "C1", title: "Prometheus (kube-prometheus-stack), retention and size per environment, HA in prod, AMP remote write", implementedBy: ["constructs/observability/kube-prometheus-stack.ts", "constructs/observability/amp-workspace.ts"] },
  { id: "C2", title: "Grafana by Helm; dashboards, folders, data sources, team permissions by the Grafana provider", implementedBy: ["constructs/observability/kube-prometheus-stack.ts", "constructs/grafana/data-sources.ts", "constructs/grafana/grafana-organisation.ts"] },
  { id: "C3", title: "Alertmanager routes by severity", implementedBy: ["alerts/alertmanager.ts", "constructs/alerting/alerting.ts"] },
  { id: "C4", title: "Loki in S3 with per-stream retention", implementedBy: ["constructs/observability/loki.ts", "constructs/observability/loki-retention.ts"] },
  { id: "C5", title: "Tempo in S3; traces linked to logs and metrics", implementedBy: ["constructs/observability/tempo.ts", "constructs/grafana/data-sources.ts"] },
  { id: "C6", title: "Alloy ships container logs to Loki and OTLP traces to Tempo", implementedBy: ["constructs/observability/alloy.ts"] },
  { id: "M1", title: "HTTP request count and latency histogram", implementedBy: ["metrics/contract.ts", "constructs/observability/kube-prometheus-stack.ts"] },
  { id: "M2", title: "Database query performance", implementedBy: ["metrics/contract.ts", "constructs/observability/postgres-exporter.ts"] },
  { id: "M3", title: "Cache hit/miss ratio", implementedBy: ["metrics/contract.ts", "constructs/observability/redis-exporter.ts"] },
  { id: "M4", title: "Queue depth and oldest message age", implementedBy: ["metrics/contract.ts"] },
  { id: "M5", title: "Business metrics: orders, executions, quote latency", implementedBy: ["metrics/contract.ts", "dashboards/trading-desk.ts"] },
  { id: "M6", title: "Host CPU, memory, disk, network (node exporter)", implementedBy: ["metrics/contract.ts", "constructs/observability/kube-prometheus-stack.ts"] },
  { id: "M7", title: "Container resources (cAdvisor, kube-state-metrics)", implementedBy: ["metrics/contract.ts", "constructs/observability/kube-prometheus-stack.ts"] },
  { id: "M8", title: "Database server performance", implementedBy: ["metrics/contract.ts", "constructs/observability/postgres-exporter.ts"] },
  { id: "M9", title: "Cache server state", implementedBy: ["metrics/contract.ts", "constructs/observability/redis-exporter.ts"] },
  { id: "D1", title: "Application overview: request and error rate, response time distribution, active users", implementedBy: ["dashboards/application-overview.ts"] },
  { id: "D2", title: "Database: query performance, connection pool, replication lag", implementedBy: ["dashboards/database.ts"] },
  { id: "D3", title: "Infrastructure: host resources, containers, network I/O", implementedBy: ["dashboards/infrastructure.ts"] },
  { id: "D4", title: "Key figures in the top row; folders with team permissions per role", implementedBy: ["dashboards/shared/panels.ts", "dashboards/team-roles.ts", "constructs/grafana/grafana-organisation.ts"] },
  { id: "A1", title: "HTTP 5xx ratio above 1% (critical)", implementedBy: ["alerts/definitions/application.ts"] },
  { id: "A2", title: "Database connection errors (critical)", implementedBy: ["alerts/definitions/database.ts"] },
  { id: "A3", title: "Average response time above the environment's threshold (warning)", implementedBy: ["alerts/definitions/application.ts"] },
  { id: "A4", title: "Slow database queries (warning)", implementedBy: ["alerts/definitions/database.ts"] },
  { id: "A5", title: "Memory above 90% (critical)", implementedBy: ["alerts/definitions/resources.ts"] },
  { id: "A6", title: "Free disk below 10% (critical)", implementedBy: ["alerts/definitions/resources.ts"] },
  { id: "A7", title: "Capacity: CPU 70%, memory 80%, disk 70% (info)", implementedBy: ["alerts/definitions/capacity.ts"] },
  { id: "A8", title: "Noise control, receivers per severity, grouping, inhibition", implementedBy: ["alerts/promql.ts", "alerts/alertmanager.ts"] },
  { id: "A9", title: "severity, summary, description, runbook_url and dashboard link on every alert", implementedBy: ["alerts/rules.ts", "tools/docs/alerts.ts"] },
  { id: "L1", title: "Application and infrastructure log kinds", implementedBy: ["config/retention-policy.ts", "constructs/observability/alloy.ts", "constructs/logging/log-retention.ts"] },
  { id: "L2", title: "Retention 30 / 90 / 365 days in Loki and in S3 lifecycle rules", implementedBy: ["config/retention-policy.ts", "constructs/logging/log-retention-buckets.ts", "constructs/observability/loki-retention.ts"] },
  { id: "L3", title: "Structured JSON logs with a level label", implementedBy: ["constructs/observability/alloy.ts"] },
  { id: "B1", title: "Database, uploaded files, configuration files and encryption keys backed up", implementedBy: ["constructs/backup/backup-plan.ts", "constructs/backup/configuration-bucket.ts", "constructs/backup/backup-keys.ts"] },
  { id: "B2", title: "Daily full + hourly incremental; configuration on every change; keys at creation", implementedBy: ["config/backup-schedule.ts", "constructs/backup/backup-rule.ts", "constructs/backup/configuration-bucket.ts"] },
  { id: "B3", title: "Weekly random restore test; quarterly DR drill", implementedBy: ["constructs/backup/restore-testing.ts", "tools/docs/backup.ts"] },
  { id: "B4", title: "RTO 4 h / RPO 1 h as tags, checked continuously", implementedBy: ["constructs/backup/recovery-objectives.ts", "constructs/backup/backup-audit-framework.ts", "constructs/backup/backup-failure-alerts.ts"] },
  { id: "B5", title: "Restore procedure documented", implementedBy: ["tools/docs/backup.ts"] },
  { id: "K1", title: "Scale out at CPU 70% / memory 80%; expand disks at 70%", implementedBy: ["constructs/capacity/application-autoscaler.ts", "constructs/capacity/expandable-storage-class.ts", "alerts/definitions/capacity.ts"] },
  { id: "K2", title: "Horizontal scaling first; autoscaling policies; capacity reserved for peaks", implementedBy: ["constructs/capacity/replica-autoscaling.ts", "constructs/capacity/node-group-peak-schedule.ts", "config/capacity-schedule.ts"] },
  { id: "S1", title: "Unnecessary permissions detected; password policy enforced and checked", implementedBy: ["constructs/security/password-policy.ts", "constructs/security/access-analyzers.ts", "constructs/security/config-rules.ts", "constructs/logging/audit-trail.ts", "constructs/security/security-alerts.ts", "app/policy/rules/iam-documents.ts"] },
  { id: "S2", title: "Open ports and security group rules reviewed", implementedBy: ["constructs/security/config-rules.ts", "constructs/security/guardduty.ts"] },
  { id: "S3", title: "Dependency vulnerabilities scanned; secure coding checked", implementedBy: ["constructs/security/inspector.ts", "constructs/security/security-hub.ts", "app/policy/security-policy.ts"] },
  { id: "S4", title: "Quarterly audit, monthly checks, a check before each release", implementedBy: ["constructs/security/monthly-check.ts", "constructs/security/quarterly-audit.ts", "app/policy/security-policy.ts"] },
  { id: "P1", title: "Database index/query performance and connection pool observable", implementedBy: ["dashboards/database.ts", "constructs/observability/postgres-exporter.ts"] },
  { id: "P2", title: "Memory leaks, async processing, cache hit rate observable", implementedBy: ["alerts/definitions/resources.ts", "alerts/definitions/dependencies.ts", "dashboards/application-overview.ts"] },
  { id: "P3", title: "Resource trends, network and storage I/O observable", implementedBy: ["dashboards/infrastructure.ts"] },
  { id: "O1", title: "Operations docs generated from the same definitions", implementedBy: ["tools/docs/index.ts", "tools/docs/handbook/index-page.ts", "tools/docs/handbook/architecture.ts", "tools/docs/handbook/operations-manual.ts", "tools/docs/handbook/pages.ts", ".github/workflows/docs-review.yml"] },
  { id: "I1", title: "Incident flow: detection, impact scope, communication, review", implementedBy: ["alerts/alertmanager.ts", "dashboards/shared/links.ts", "tools/docs/alerts.ts", "tools/docs/handbook/procedures.ts", "docs/handbook/communication-principles.md", "docs/handbook/incident-report-template.md"] },
  { id: "A10", title: "SLOs per service with multiwindow, multi-burn-rate alerts", implementedBy: ["config/slo.ts", "signals/slo.ts", "alerts/definitions/slo.ts"] },
  { id: "A11", title: "An application outage pages at any time", implementedBy: ["alerts/definitions/availability.ts"] },
  { id: "S5", title: "Secrets never pass through Terraform: External Secrets Operator syncs them from Secrets Manager", implementedBy: ["secrets/catalog.ts", "constructs/secrets/external-secrets-operator.ts", "constructs/core/ephemeral-secret.ts"] },
  { id: "S6", title: "Evidence and backups cannot be destroyed but by the break-glass role", implementedBy: ["constructs/core/key-guard.ts", "constructs/backup/backup-vault.ts", "constructs/observability/audit-archive.ts"] },
  { id: "V1", title: "Terraform itself validates every synthesized stack, offline, against schema-only providers serving the real schemas", implementedBy: ["tools/terraform-offline/validate.ts", "tools/terraform-offline/provider-server.ts", "tools/terraform-offline/derive-schema.ts", "constructs/core/terraform-string.ts"] },
  { id: "V2", title: "Every Helm release renders with its real chart at the pinned version; the rendered manifests match the config", implementedBy: ["__tests__/support/helm-render.ts", "__tests__/support/rendered-cluster.ts", "config/charts.ts", "constructs/observability/resources.ts"] },
  { id: "V4", title: "The CI workflows' steps are executed in tests with stand-in commands: exit statuses, plan hand-over and comments proven", implementedBy: [".github/workflows/pull-request.yml", ".github/workflows/deploy-environment.yml", ".github/workflows/drift.yml", "scripts/ci/plan-stack.sh", "scripts/ci/apply-stacks.sh", "scripts/ci/plan-comment.cjs", "scripts/ci/drift-issues.sh", "scripts/ci-matrix.ts"] },
];

export interface TestReference {
  readonly file: string;
  readonly title: string;
}

const ID = "[CMDALBKSPOIV]\\d{1,2}";
/** `L2: …`, `L2/B4/K1: …`, `A1–A7: …` at the start of a title. */
const PREFIX = new RegExp(`^(${ID}(?:\\s*[/,–-]\\s*${ID})*)\\s*:`);
/** `(C6, L1–L3)` or `(A1; the 1% line…)` in a describe title. */
const PARENTHESIZED = new RegExp(`\\((${ID}(?:\\s*[/,–-]\\s*${ID})*)[;,)]`);

/** Expands `L1–L3` to L1, L2, L3 and splits lists. */
export function expandIds(list: string): string[] {
  const ids: string[] = [];
  for (const part of list.split(/\s*[/,]\s*/)) {
    const range = /^([A-Z])(\d+)\s*[–-]\s*([A-Z])?(\d+)$/.exec(part);
    if (range) {
      for (let n = Number(range[2]); n <= Number(range[4]); n++) ids.push(`${range[1]}${n}`);
    } else if (part.trim() !== "") ids.push(part.trim());
  }
  return ids;
}

/** Requirement IDs a test title names. */
export function idsInTitle(title: string, isDescribe: boolean): string[] {
  const prefix = PREFIX.exec(title);
  if (prefix) return expandIds(prefix[1]!);
  const paren = isDescribe ? PARENTHESIZED.exec(title) : null;
  return paren ? expandIds(paren[1]!) : [];
}

/** Test titles of one test file: the first string argument of `it`, `test` and `describe` (also `.each`). */
export function testTitles(source: string): Array<{ title: string; isDescribe: boolean }> {
  const titles: Array<{ title: string; isDescribe: boolean }> = [];
  const call = /\b(it|test|describe)(?:\.each\((?:[^()]|\([^()]*\))*\))?\(\s*(["'`])((?:\\.|(?!\2).)*)\2/g;
  for (const m of source.matchAll(call)) titles.push({ title: m[3]!, isDescribe: m[1] === "describe" });
  return titles;
}

function testFiles(root: string, dir = "__tests__"): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? testFiles(root, `${dir}/${e.name}`) : e.name.endsWith(".test.ts") ? [`${dir}/${e.name}`] : []));
}

/** Every test that names a requirement, by requirement ID. */
export function testsByRequirement(root: string): Map<string, TestReference[]> {
  const byId = new Map<string, TestReference[]>();
  for (const file of testFiles(root)) {
    for (const { title, isDescribe } of testTitles(fs.readFileSync(path.join(root, file), "utf8"))) {
      for (const id of idsInTitle(title, isDescribe)) byId.set(id, [...(byId.get(id) ?? []), { file, title }]);
    }
  }
  return byId;
}

const MAX_TESTS_LISTED = 4;

export const requirementsDoc: DocGenerator = {
  path: "docs/requirements.md",
  render() {
    // Doc generators run from the project root (`npm run docs`, jest).
    const tests = testsByRequirement(process.cwd());
    let out = generatedHeader("tools/docs/requirements.ts and the test titles in __tests__/");
    out += "# Requirements traceability\n\n";
    out += "Each requirement of `REQUIREMENTS.md` (restated from the operations guide), the code that implements it and\n";
    out += "the tests that prove it. Tests name the requirement at the start of their title (`L2: …`); a test fails when\n";
    out += "a requirement has no implementing module or no test.\n\n";
    out += markdownTable(
      ["ID", "requirement", "implemented by", "proven by"],
      REQUIREMENTS.map((r) => {
        const found = tests.get(r.id) ?? [];
        const listed = found.slice(0, MAX_TESTS_LISTED).map((t) => `\`${t.file.replace(/^__tests__\//, "")}\`: ${t.title}`);
        if (found.length > MAX_TESTS_LISTED) listed.push(`and ${found.length - MAX_TESTS_LISTED} more`);
        return [r.id, r.title, r.implementedBy.map((p) => `\`${p}\``).join(", "), listed.join("<br>")];
      }),
    );
    return out;
  },
};
