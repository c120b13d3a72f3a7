/**
 * Alertmanager's matching rules for the parts amtool 0.25 cannot exercise offline (inhibition and time
 * intervals), written from the Alertmanager docs: matchers are anchored regular expressions or equality; an
 * `equal` label missing on both alerts counts as equal; a time interval entry matches when every field it
 * sets matches, times are [start, end) minutes of the day in its location.
 */

type Labels = Readonly<Record<string, string>>;

/** Parses `label="value"`, `label=~"re"`, `label!="value"`, `label!~"re"`. */
function parseMatcher(text: string): (labels: Labels) => boolean {
  const m = /^([a-zA-Z_][a-zA-Z0-9_]*)(=~|!~|!=|=)(".*")$/.exec(text);
  if (m === null) throw new Error(`unsupported matcher ${text}`);
  const [, name, op, quoted] = m;
  const value = JSON.parse(quoted!) as string;
  const re = new RegExp(`^(?:${value})$`);
  return (labels) => {
    const actual = labels[name!] ?? "";
    switch (op) {
      case "=":
        return actual === value;
      case "!=":
        return actual !== value;
      case "=~":
        return re.test(actual);
      default:
        return !re.test(actual);
    }
  };
}

export interface InhibitRule {
  readonly source_matchers: readonly string[];
  readonly target_matchers: readonly string[];
  readonly equal: readonly string[];
}

/** True when `rule` lets a firing `source` alert inhibit `target`. */
export function inhibits(rule: InhibitRule, source: Labels, target: Labels): boolean {
  if (source === target) return false;
  return (
    rule.source_matchers.every((m) => parseMatcher(m)(source)) &&
    rule.target_matchers.every((m) => parseMatcher(m)(target)) &&
    rule.equal.every((l) => (source[l] ?? "") === (target[l] ?? ""))
  );
}

export interface TimeIntervalEntry {
  readonly weekdays?: readonly string[];
  readonly times?: ReadonlyArray<{ readonly start_time: string; readonly end_time: string }>;
  readonly location?: string;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Weekday and minute of the day of `date` on the wall clock of `location` (an IANA zone), as Go's time.In gives them. */
function wallClock(date: Date, location: string): { weekday: string; minute: number } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: location, hourCycle: "h23", weekday: "long", hour: "2-digit", minute: "2-digit" }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return { weekday: part("weekday").toLowerCase(), minute: Number(part("hour")) * 60 + Number(part("minute")) };
}

/** True when `date` falls in one of `entries`, each evaluated on the wall clock of its `location` (default UTC). */
export function inTimeInterval(entries: readonly TimeIntervalEntry[], date: Date): boolean {
  return entries.some((e) => {
    const { weekday, minute } = wallClock(date, e.location ?? "UTC");
    if (e.weekdays !== undefined && !e.weekdays.includes(weekday)) return false;
    return e.times === undefined || e.times.some((t) => minute >= minutesOf(t.start_time) && minute < minutesOf(t.end_time));
  });
}
