import { Testing } from "cdktf";
import { SummaryNote } from "../../constructs/core/summary-note";
import { DataStack } from "../../stacks/data-stack";
import { ENVIRONMENT_NAMES, envConfig, parse, resources } from "../support";

describe.each(ENVIRONMENT_NAMES)("DataStack %s", (env) => {
  const config = envConfig(env);
  const stack = new DataStack(Testing.app(), { config });
  const json = parse(Testing.synth(stack));

  it("B1–B5: composes the backup domain on the stack's primary and DR providers", () => {
    const vaults = Object.values(resources(json, "aws_backup_vault"));
    expect(vaults.map((v) => [v.name, v.provider]).sort()).toEqual([
      [`fx-trader-${env}-backup`, "aws"],
      ...(config.backup.crossRegionCopy ? [[`fx-trader-${env}-backup-dr`, "aws.dr"]] : []),
    ]);
    expect((json.provider!.aws as Array<Record<string, unknown>>).map((p) => [p.alias ?? "default", p.region])).toEqual([
      ["default", config.region],
      ["dr", config.drRegion],
    ]);
  });

  it("reports the backup policy in the synth summary", () => {
    const notes = stack.node.findAll().filter(SummaryNote.isSummaryNote).filter((n) => n.topic === "backup");
    expect(notes).toHaveLength(1);
    expect(notes[0]!.text).toMatch(new RegExp(`^RPO ${config.backup.rpoHours} h, RTO ${config.backup.rtoHours} h, `));
  });
});
