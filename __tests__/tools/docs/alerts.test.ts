import fs from "node:fs";
import path from "node:path";
import { ALERT_NAMES } from "../../../alerts/catalog";
import { resolveAlerts } from "../../../alerts/resolve";
import { selectEnvironments } from "../../../config";
import { DOC_GENERATORS } from "../../../tools/docs";
import { alertsDoc, runbookDocs } from "../../../tools/docs/alerts";
import { BACKUP_FAILURE_SIGNALS } from "../../../constructs/backup/failure-signals";
import { ROOT, envConfig } from "../../support";

describe("O1: alert catalog and runbooks", () => {
  const environments = selectEnvironments(undefined);
  const registered = DOC_GENERATORS.map((g) => g.path);

  it("registers docs/alerts.md and one runbook per alert, so the generated-docs test fails when one is stale or missing", () => {
    expect(registered).toContain("docs/alerts.md");
    expect(registered).toEqual(expect.arrayContaining(ALERT_NAMES.map((n) => `docs/runbooks/${n}.md`)));
  });

  it("A9: every alert's runbook_url points at its generated runbook", () => {
    for (const alert of resolveAlerts(envConfig("prod"))) {
      expect(alert.annotations.runbook_url!.endsWith(`/blob/main/docs/runbooks/${alert.name}.md`)).toBe(true);
      expect(fs.existsSync(path.join(ROOT, "docs/runbooks", `${alert.name}.md`))).toBe(true);
    }
  });

  it("B4: lists the AWS-native backup failure alerts with their events, metrics and each environment's SNS topic", () => {
    const doc = alertsDoc.render(environments);
    for (const signal of BACKUP_FAILURE_SIGNALS) {
      expect(doc).toMatch(new RegExp(`\\| ${signal.alertName} \\| ${signal.requirement} \\| ${signal.severity} \\| ${signal.detailType}: `));
      expect(doc).toContain(`AWS/Backup ${signal.metricName}`);
    }
    expect(doc).toContain("`fx-trader-prod-backup-alerts`");
    // dev copies nothing to the DR region, so it has no copy-job alert.
    expect(doc).toMatch(/\| BackupCopyJobFailed \|.*\| — \(no DR copy\) \| `fx-trader-staging-backup-alerts` \| `fx-trader-prod-backup-alerts` \|/);
  });

  it("leaves no runbook behind for an alert that no longer exists", () => {
    const files = fs.readdirSync(path.join(ROOT, "docs/runbooks")).map((f) => `docs/runbooks/${f}`).sort();
    expect(files).toEqual(runbookDocs.map((g) => g.path).sort());
  });

  it("lists each environment's threshold, for and disabled alerts", () => {
    const doc = alertsDoc.render(environments);
    expect(doc).toContain("| [HttpLatencyHigh](runbooks/HttpLatencyHigh.md) | A3 | warning | `alerts.httpLatencyAvgSeconds` | > 1 s for 10m | > 0.5 s for 10m | > 0.5 s for 10m |");
    expect(doc).toContain("| [DatabaseReplicationLagHigh](runbooks/DatabaseReplicationLagHigh.md) | D2 | warning | `alerts.dbReplicationLagSeconds` | disabled | > 30 s for 5m | > 30 s for 5m |");
    expect(doc).toContain("| [DiskSpaceCritical](runbooks/DiskSpaceCritical.md) | A6 | critical | `alerts.diskFreeCriticalPercent` (guide A6: 10%) | < 10% for 5m |");
  });

  it("follows a config change: a new threshold shows in the catalog and the runbook", () => {
    const changed = environments.map((c) => (c.name === "staging" ? envConfig("staging", { alerts: { httpLatencyAvgSeconds: 0.3 } }) : c));
    expect(alertsDoc.render(changed)).toContain("| > 1 s for 10m | > 0.3 s for 10m | > 0.5 s for 10m |");
    expect(runbookDocs.find((g) => g.path.endsWith("HttpLatencyHigh.md"))!.render(changed)).toContain("- **staging**: > 0.3 s for 10m");
  });
});
