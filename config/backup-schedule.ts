/**
 * An AWS Backup schedule (`cron(Minutes Hours Day-of-month Month Day-of-week Year)`, UTC), parsed so that
 * the largest gap between two consecutive runs can be computed and checked against the RPO (B2, B4).
 *
 * The same parsed schedule drives validation (`config/validation/backup.ts`), the backup plan rules, the
 * `rpo` tag checks and `docs/backup-and-dr.md`, so none of them can disagree about how often a rule runs.
 * Schedules are evaluated in UTC: AWS Backup's default time zone, and one without daylight-saving jumps
 * that would stretch a gap by an hour twice a year.
 */

/** Thrown for an expression AWS Backup would reject or this checker cannot evaluate; says which field and why. */
export class CronParseError extends Error {
  constructor(readonly expression: string, reason: string) {
    super(`${JSON.stringify(expression)} is not a usable AWS cron expression: ${reason}`);
    this.name = "CronParseError";
  }
}

const MINUTES_PER_DAY = 24 * 60;
const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names accepted for values, index 0 = `min`. */
  readonly names?: readonly string[];
}

const FIELDS = {
  minutes: { name: "minutes", min: 0, max: 59 },
  hours: { name: "hours", min: 0, max: 23 },
  dayOfMonth: { name: "day-of-month", min: 1, max: 31 },
  month: { name: "month", min: 1, max: 12, names: MONTH_NAMES },
  dayOfWeek: { name: "day-of-week", min: 1, max: 7, names: DAY_NAMES },
} as const satisfies Record<string, FieldSpec>;

/**
 * The window the schedule is evaluated over: four whole years from a Monday (2024-01-01), so leap days,
 * month lengths and every weekday are covered. The gap before the first and after the last run in the
 * window also count, so a schedule that runs less than once in the window reports a gap of the window.
 */
const WINDOW_START_MS = Date.UTC(2024, 0, 1);
const WINDOW_DAYS = 4 * 365 + 1;

function parseValue(text: string, spec: FieldSpec, expression: string): number {
  const byName = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (byName >= 0) return spec.min + byName;
  if (!/^\d+$/.test(text)) throw new CronParseError(expression, `${spec.name} field: "${text}" is not a number${spec.names ? " or name" : ""}`);
  const value = Number(text);
  if (value < spec.min || value > spec.max) {
    throw new CronParseError(expression, `${spec.name} field: ${value} is outside ${spec.min}–${spec.max}`);
  }
  return value;
}

/** The set of values a field matches; `undefined` for `?` (no constraint from this field). */
function parseField(text: string, spec: FieldSpec, expression: string): ReadonlySet<number> | undefined {
  if (text === "?") return undefined;
  if (/[LW#]/i.test(text.replace(/[A-Z]{3}/gi, (m) => (spec.names?.includes(m.toUpperCase()) ? "" : m)))) {
    throw new CronParseError(expression, `${spec.name} field: "${text}" uses L, W or #, which this checker does not evaluate; use explicit values`);
  }
  const values = new Set<number>();
  for (const item of text.split(",")) {
    const [range, stepText] = item.split("/");
    if (range === undefined || range === "" || item.split("/").length > 2) {
      throw new CronParseError(expression, `${spec.name} field: "${item}" is not a value, range or step`);
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new CronParseError(expression, `${spec.name} field: step "${stepText}" must be a positive integer`);
    let from: number;
    let to: number;
    if (range === "*") {
      from = spec.min;
      to = spec.max;
    } else if (range.includes("-")) {
      const [a, b] = range.split("-");
      from = parseValue(a ?? "", spec, expression);
      to = parseValue(b ?? "", spec, expression);
      if (from > to) throw new CronParseError(expression, `${spec.name} field: range "${range}" runs backwards`);
    } else {
      from = parseValue(range, spec, expression);
      to = stepText === undefined ? from : spec.max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function sortedNumbers(set: ReadonlySet<number>): number[] {
  return [...set].sort((a, b) => a - b);
}

/** Formats a duration in minutes for messages and docs: `1 h`, `26 h`, `7 d`, `45 min`, `1 h 30 min`. */
export function formatMinutes(minutes: number): string {
  if (!Number.isFinite(minutes)) return "never";
  if (minutes % MINUTES_PER_DAY === 0 && minutes >= 7 * MINUTES_PER_DAY) return `${minutes / MINUTES_PER_DAY} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A parsed AWS Backup cron schedule with the gaps between its runs. */
export class BackupSchedule {
  /** The expression as written, e.g. `cron(0 * * * ? *)`. */
  readonly expression: string;
  /** Minutes after midnight UTC at which the schedule runs on a matching day, ascending. */
  readonly timesOfDay: readonly number[];
  /** Largest gap between two consecutive runs, in minutes (`Infinity` when it never runs). */
  readonly largestGapMinutes: number;
  /** Smallest gap between two consecutive runs, in minutes. */
  readonly smallestGapMinutes: number;
  /** Days in a 4-year window on which the schedule runs. */
  readonly matchingDays: number;

  private constructor(expression: string, timesOfDay: number[], days: number[]) {
    this.expression = expression;
    this.timesOfDay = timesOfDay;
    this.matchingDays = days.length;
    let largest = 0;
    let smallest = Infinity;
    for (let i = 1; i < timesOfDay.length; i++) {
      const gap = timesOfDay[i]! - timesOfDay[i - 1]!;
      largest = Math.max(largest, gap);
      smallest = Math.min(smallest, gap);
    }
    const first = timesOfDay[0];
    const last = timesOfDay[timesOfDay.length - 1];
    if (days.length === 0 || first === undefined || last === undefined) {
      this.largestGapMinutes = Infinity;
      this.smallestGapMinutes = Infinity;
      return;
    }
    for (let i = 1; i < days.length; i++) {
      const gap = (days[i]! - days[i - 1]!) * MINUTES_PER_DAY + first - last;
      largest = Math.max(largest, gap);
      smallest = Math.min(smallest, gap);
    }
    const lead = days[0]! * MINUTES_PER_DAY + first;
    const trail = WINDOW_DAYS * MINUTES_PER_DAY - (days[days.length - 1]! * MINUTES_PER_DAY + last);
    this.largestGapMinutes = Math.max(largest, lead, trail);
    this.smallestGapMinutes = smallest;
  }

  /**
   * Parses `cron(Minutes Hours Day-of-month Month Day-of-week Year)`. Exactly one of day-of-month and
   * day-of-week must be `?` (AWS's rule); the year must be `*` (a backup schedule must not end); `L`, `W`
   * and `#` are refused because their gaps depend on the calendar in ways this checker does not model.
   * Schedules are immutable, so each expression is evaluated once per process (validation, plan rules and
   * docs parse the same few expressions).
   */
  static parse(expression: string): BackupSchedule {
    let schedule = BackupSchedule.parsed.get(expression);
    if (schedule === undefined) {
      schedule = BackupSchedule.evaluate(expression);
      BackupSchedule.parsed.set(expression, schedule);
    }
    return schedule;
  }

  private static readonly parsed = new Map<string, BackupSchedule>();

  private static evaluate(expression: string): BackupSchedule {
    const match = /^cron\((.*)\)$/.exec(typeof expression === "string" ? expression.trim() : "");
    if (!match) throw new CronParseError(expression, "must have the form cron(Minutes Hours Day-of-month Month Day-of-week Year)");
    const parts = match[1]!.trim().split(/\s+/);
    if (parts.length !== 6) throw new CronParseError(expression, `has ${parts.length} fields; AWS cron expressions have 6`);
    const [min, hour, dom, month, dow, year] = parts as [string, string, string, string, string, string];
    if ((dom === "?") === (dow === "?")) {
      throw new CronParseError(expression, "exactly one of day-of-month and day-of-week must be ? (AWS does not accept both or neither)");
    }
    if (year !== "*") throw new CronParseError(expression, `year field must be * (a schedule limited to "${year}" stops running)`);
    if (min === "?" || hour === "?" || month === "?") throw new CronParseError(expression, "? is only allowed in day-of-month or day-of-week");
    const minutes = sortedNumbers(parseField(min, FIELDS.minutes, expression)!);
    const hours = sortedNumbers(parseField(hour, FIELDS.hours, expression)!);
    const months = parseField(month, FIELDS.month, expression)!;
    const daysOfMonth = parseField(dom, FIELDS.dayOfMonth, expression);
    const daysOfWeek = parseField(dow, FIELDS.dayOfWeek, expression);
    const timesOfDay = hours.flatMap((h) => minutes.map((m) => h * 60 + m));
    const days: number[] = [];
    for (let day = 0; day < WINDOW_DAYS; day++) {
      const date = new Date(WINDOW_START_MS + day * MINUTES_PER_DAY * 60_000);
      if (!months.has(date.getUTCMonth() + 1)) continue;
      if (daysOfMonth !== undefined && !daysOfMonth.has(date.getUTCDate())) continue;
      // AWS numbers days of the week 1 (Sunday) to 7 (Saturday).
      if (daysOfWeek !== undefined && !daysOfWeek.has(date.getUTCDay() + 1)) continue;
      days.push(day);
    }
    return new BackupSchedule(expression, timesOfDay, days);
  }

  /** Largest gap between consecutive runs in hours (may be fractional). */
  get largestGapHours(): number {
    return this.largestGapMinutes / 60;
  }

  /** Runs per day on a day the schedule matches. */
  get runsPerMatchingDay(): number {
    return this.timesOfDay.length;
  }

  /** One line for docs and summaries, e.g. `cron(0 * * * ? *) (largest gap 1 h)`. */
  describe(): string {
    return `${this.expression} (largest gap ${formatMinutes(this.largestGapMinutes)})`;
  }
}
