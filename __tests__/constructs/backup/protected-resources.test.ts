import { databaseArn, databaseResourceType, protectedResources } from "../../../constructs/backup/protected-resources";
import { envConfig } from "../../support";

describe("protected resources (B1)", () => {
  it("builds an Aurora cluster ARN and an RDS instance ARN from config", () => {
    const aurora = envConfig("prod");
    const postgres = envConfig("prod", { database: { engine: "postgres" } });
    expect([databaseArn(aurora), databaseResourceType(aurora)]).toEqual(["arn:aws:rds:ap-northeast-1:222222222222:cluster:fx-trader-prod", "Aurora"]);
    expect([databaseArn(postgres), databaseResourceType(postgres)]).toEqual(["arn:aws:rds:ap-northeast-1:222222222222:db:fx-trader-prod", "RDS"]);
  });

  it("restore-tests the database and the uploads bucket, and owns only the configuration bucket", () => {
    expect(protectedResources(envConfig("staging")).map((r) => [r.key, r.restoreTested, r.managedHere])).toEqual([
      ["database", true, false],
      ["uploads", true, false],
      ["configuration", false, true],
    ]);
  });
});
