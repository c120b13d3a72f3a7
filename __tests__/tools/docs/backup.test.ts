import { selectEnvironments } from "../../../config";
import { backupDoc } from "../../../tools/docs/backup";
import { envConfig } from "../../support";

describe("docs/backup-and-dr.md", () => {
  const environments = selectEnvironments(undefined);
  const doc = backupDoc.render(environments);
  const section = (heading: string, env: string) => {
    const start = doc.indexOf(`## ${heading}`);
    const from = doc.indexOf(`### ${env}\n`, start);
    const next = doc.slice(from + 4).search(/\n##+ /);
    return doc.slice(from, next < 0 ? undefined : from + 4 + next);
  };

  it.each(["dev", "staging", "prod"] as const)("B2/B4: lists %s's RPO, RTO, schedules and retention", (env) => {
    const b = envConfig(env).backup;
    expect(doc).toMatch(new RegExp(`^\\| ${env} \\| ${b.rpoHours} h \\| ${b.rtoHours} h \\|`, "m"));
    const perEnv = section("Per environment", env);
    expect(perEnv).toContain(`| \`incremental\` | \`${b.schedules.incremental}\` |`);
    expect(perEnv).toContain(`| \`daily-full\` | \`${b.schedules.dailyFull}\` |`);
    expect(perEnv).toContain(`${b.dailyRetentionDays} d`);
  });

  it.each(["dev", "staging", "prod"] as const)("B5: %s's restore procedure has the five steps with this program's names", (env) => {
    const c = envConfig(env);
    const procedure = section("Restore procedure (B5)", env);
    expect([...procedure.matchAll(/^(\d)\. \*\*(.+?)\*\*/gm)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      "1 Find the latest backup.",
      "2 Prepare the environment",
      "3 Restore the data",
      "4 Start the application",
      "5 Verify",
    ]);
    expect(procedure).toContain(`VAULT=fx-trader-${env}-backup`);
    expect(procedure).toContain(`--iam-role-arn arn:aws:iam::${c.account.id}:role/fx-trader-${env}-backup`);
    expect(procedure).toContain(`--by-resource-arn arn:aws:rds:${c.region}:${c.account.id}:cluster:${c.database.identifier}`);
    expect(procedure).toContain(`kubectl -n ${c.eks.appNamespace} scale deployment --all --replicas=${c.capacity.app.minReplicas}`);
    if (c.backup.crossRegionCopy) expect(procedure).toContain(`REGION=${c.drRegion} VAULT=fx-trader-${env}-backup-dr`);
    else expect(procedure).not.toContain("backup-dr");
  });

  it("B5: restores an RDS instance, not a cluster, when the engine is postgres", () => {
    const rendered = backupDoc.render([envConfig("prod", { database: { engine: "postgres" } })]);
    expect(rendered).toContain("aws rds restore-db-instance-to-point-in-time --region ap-northeast-1 --source-db-instance-identifier fx-trader-prod");
    expect(rendered).toContain('"DBInstanceIdentifier": "fx-trader-prod-restored"');
    expect(rendered).not.toContain("create-db-instance");
  });
});
