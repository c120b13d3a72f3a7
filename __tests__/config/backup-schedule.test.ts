import { BackupSchedule, CronParseError, formatMinutes } from "../../config/backup-schedule";

describe("BackupSchedule (AWS cron, UTC)", () => {
  it.each([
    ["cron(0 * * * ? *)", 60, 60],
    ["cron(30 * * * ? *)", 60, 60],
    ["cron(0 */2 * * ? *)", 120, 120],
    ["cron(0 0,6,12 * * ? *)", 12 * 60, 6 * 60],
    ["cron(0 22 * * ? *)", 24 * 60, 24 * 60],
    ["cron(0 2 ? * MON-FRI *)", 72 * 60, 24 * 60],
    ["cron(0 1 ? * TUE *)", 7 * 24 * 60, 7 * 24 * 60],
    ["cron(0 1 ? * 3 *)", 7 * 24 * 60, 7 * 24 * 60],
    ["cron(0 0 1 JAN,APR,JUL,OCT ? *)", 92 * 24 * 60, 90 * 24 * 60],
  ])("B2: %s has a largest gap of %d min and a smallest of %d min", (expression, largest, smallest) => {
    const s = BackupSchedule.parse(expression);
    expect(s.largestGapMinutes).toBe(largest);
    expect(s.smallestGapMinutes).toBe(smallest);
  });

  it("counts the month lengths: the 31st runs only in seven months, up to 61 days apart (May 31 → Jul 31)", () => {
    const s = BackupSchedule.parse("cron(0 0 31 * ? *)");
    expect(s.largestGapMinutes).toBe(61 * 24 * 60);
    expect(s.smallestGapMinutes).toBe(31 * 24 * 60);
  });

  it("reports a schedule that runs once in four years as a gap of years", () => {
    expect(BackupSchedule.parse("cron(0 0 29 2 ? *)").largestGapMinutes).toBeGreaterThan(365 * 24 * 60);
  });

  it("lists its runs per day and describes itself", () => {
    const s = BackupSchedule.parse("cron(0 0,6,12 * * ? *)");
    expect(s.timesOfDay).toEqual([0, 360, 720]);
    expect(s.runsPerMatchingDay).toBe(3);
    expect(s.largestGapHours).toBe(12);
    expect(s.describe()).toBe("cron(0 0,6,12 * * ? *) (largest gap 12 h)");
  });

  it.each([
    ["rate(1 hour)", "must have the form cron(Minutes Hours Day-of-month Month Day-of-week Year)"],
    ["cron(0 * * * ?)", "has 5 fields; AWS cron expressions have 6"],
    ["cron(0 * * * * *)", "exactly one of day-of-month and day-of-week must be ?"],
    ["cron(0 * ? * ? *)", "exactly one of day-of-month and day-of-week must be ?"],
    ["cron(0 25 * * ? *)", "hours field: 25 is outside 0–23"],
    ["cron(0 0 * 13 ? *)", "month field: 13 is outside 1–12"],
    ["cron(0 0 ? * FOO *)", 'day-of-week field: "FOO" is not a number or name'],
    ["cron(0 0 L * ? *)", `day-of-month field: "L" uses L, W or #`],
    ["cron(0 0 ? * 2#1 *)", `day-of-week field: "2#1" uses L, W or #`],
    ["cron(0 0 * * ? 2027)", 'year field must be * (a schedule limited to "2027" stops running)'],
    ["cron(0 5-1 * * ? *)", 'hours field: range "5-1" runs backwards'],
    ["cron(0 */0 * * ? *)", 'hours field: step "0" must be a positive integer'],
  ])("fails when the expression is %s, saying why", (expression, reason) => {
    expect(() => BackupSchedule.parse(expression)).toThrow(CronParseError);
    expect(() => BackupSchedule.parse(expression)).toThrow(`${JSON.stringify(expression)} is not a usable AWS cron expression: ${reason}`);
  });

  it("formats durations for messages and docs", () => {
    expect([45, 60, 90, 24 * 60, 7 * 24 * 60, Infinity].map(formatMinutes)).toEqual(["45 min", "1 h", "1 h 30 min", "24 h", "7 d", "never"]);
  });
});
