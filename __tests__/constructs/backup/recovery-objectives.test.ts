import { hoursTag, parseHoursTag, RecoveryObjectives } from "../../../constructs/backup/recovery-objectives";

describe("RecoveryObjectives", () => {
  it("B4: tags record the RPO and RTO in hours and the tier the RPO implies", () => {
    expect(new RecoveryObjectives(1, 4).tags()).toEqual({ rpo: "1h", rto: "4h", "backup-tier": "critical" });
    expect(new RecoveryObjectives(24, 24).tags()).toEqual({ rpo: "24h", rto: "24h", "backup-tier": "standard" });
    expect(new RecoveryObjectives(48, 72).tags()).toEqual({ rpo: "48h", rto: "72h", "backup-tier": "basic" });
  });

  it("B4: the restore time target is the RTO in minutes", () => {
    expect(new RecoveryObjectives(1, 4).restoreTimeTargetMinutes).toBe(240);
  });

  it("reads back the hours it writes", () => {
    expect(parseHoursTag(hoursTag(6))).toBe(6);
  });

  it("fails when a recovery tag is not whole hours", () => {
    expect(() => parseHoursTag("1 hour")).toThrow('recovery tag "1 hour" is not whole hours such as "1h"');
  });
});
