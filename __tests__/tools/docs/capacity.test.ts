import { capacityDoc } from "../../../tools/docs/capacity";
import { envConfig } from "../../support";

describe("docs/capacity.md", () => {
  const doc = capacityDoc.render([envConfig("dev"), envConfig("staging"), envConfig("prod")]);

  it("K1: lists each environment's targets next to the critical alerts they stay below", () => {
    expect(doc).toContain("| prod | 70% | 80% | 90% used | 70% used | 90% used |");
  });

  it("K2: lists each environment's peak schedule in UTC with the minimum it sets", () => {
    const prod = doc.slice(doc.indexOf("## prod"));
    expect(prod).toContain("| Aurora readers | raise-before-tokyo | SUN 23:15 | `cron(15 23 ? * SUN *)` | min → 2 |");
    expect(prod).toContain("| node group `app` | lower-after-new-york | FRI 22:30 | `30 22 * * 5` | min → 3 |");
    expect(prod).toContain("| london | 08:00–17:00 Europe/London | 07:00 / 08:00 | 16:00 / 17:00 | 07:00–17:00 |");
  });

  it("follows the config: a changed range and lead reach the doc", () => {
    const changed = capacityDoc.render([envConfig("prod", { capacity: { dbReaders: { peakMin: 3, leadMinutes: 60 } } })]);
    expect(changed).toContain("| Aurora readers | raise-before-tokyo | SUN 23:00 | `cron(0 23 ? * SUN *)` | min → 3 |");
  });

  it("says when an environment has no peak schedule", () => {
    expect(doc.slice(doc.indexOf("## dev"), doc.indexOf("## staging"))).toContain("No market sessions: no peak schedule");
  });
});
