/**
 * Peak-capacity schedules (K2) derived from the market sessions: when each tier's minimum goes up and down,
 * in UTC, as cron expressions. Pure functions, so the constructs, the docs and the validation share them.
 *
 * A session is one window per weekday (Monday to Friday, UTC): from `leadMinutes` before its open to
 * `holdMinutes` after its close. Windows of different sessions overlap (Tokyo's close and London's open,
 * London's afternoon and New York's morning), and lowering the minimum at one session's close while the next
 * is open would undo the peak. So the windows of the whole week are merged first, and only the edges of the
 * merged windows become scheduled actions: a raise before the first session of a merged window, a lower after
 * the last. Gaps shorter than `minOffPeakMinutes` are merged too; the weekend never is (the longest lead, hold
 * and gap the schedule allows keep it at least a day long).
 */
import type { CapacityConfig, MarketSession, PeakRange } from "./types";

/** Time zone every scheduled action is evaluated in: the schedules below are written in UTC. */
export const SCHEDULE_TIME_ZONE = "Etc/UTC";

const MINUTES_PER_DAY = 24 * 60;
/** UTC weekdays sessions trade on: Monday (1) to Friday (5); 0 is Sunday. */
const TRADING_DAYS = [1, 2, 3, 4, 5] as const;
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;
/** Longest lead, hold or merged gap the schedule supports: keeps every window inside one Sunday-to-Saturday week. */
export const MAX_SHIFT_MINUTES = 12 * 60;

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Whether `value` is a 24-hour `HH:MM` time. */
export function isHhMm(value: string): boolean {
  return typeof value === "string" && HH_MM.test(value);
}

/** Minutes after midnight of an `HH:MM` time. */
export function minutesOf(hhmm: string): number {
  const m = HH_MM.exec(hhmm);
  if (!m) throw new Error(`"${hhmm}" is not a time HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** `HH:MM` of a minute of the day (wraps around midnight). */
export function hhmmOf(minutes: number): string {
  const m = ((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** A change of a tier's minimum capacity, on some UTC weekdays at one UTC time. */
export interface PeakTransition {
  /** `raise` to the peak minimum before a session, `lower` back to the base minimum after one. */
  readonly action: "raise" | "lower";
  /** The session whose open (raise) or close (lower) sets the time. */
  readonly session: string;
  /** UTC time of day, `HH:MM`. */
  readonly timeUtc: string;
  /** UTC weekdays, 0 = Sunday, ascending. */
  readonly daysUtc: readonly number[];
  /** Stable name part, e.g. `raise-before-tokyo`. */
  readonly name: string;
}

interface Window {
  start: number;
  end: number;
  startSession: string;
  endSession: string;
}

/** How a tier's peak windows are stretched around the sessions. Each is 0–{@link MAX_SHIFT_MINUTES} minutes. */
export interface PeakTiming {
  /** Minutes before an open that the minimum is raised. */
  readonly leadMinutes: number;
  /** Minutes after a close that the minimum is lowered. */
  readonly holdMinutes: number;
  /** Gaps between windows shorter than this stay at peak. */
  readonly minOffPeakMinutes: number;
}

/**
 * The raise and lower transitions of one tier, in the order they first happen in a week (Sunday 00:00 UTC on).
 * Empty when there are no sessions.
 */
export function peakTransitions(sessions: readonly MarketSession[], timing: PeakTiming): readonly PeakTransition[] {
  const { leadMinutes, holdMinutes, minOffPeakMinutes } = timing;
  for (const [what, v] of Object.entries(timing)) {
    if (!Number.isInteger(v) || v < 0 || v > MAX_SHIFT_MINUTES) {
      throw new Error(`peak timing ${what} = ${v}: must be an integer from 0 to ${MAX_SHIFT_MINUTES}`);
    }
  }
  const windows: Window[] = [];
  for (const day of TRADING_DAYS) {
    for (const s of sessions) {
      const base = day * MINUTES_PER_DAY;
      windows.push({
        start: base + minutesOf(s.openUtc) - leadMinutes,
        end: base + minutesOf(s.closeUtc) + holdMinutes,
        startSession: s.name,
        endSession: s.name,
      });
    }
  }
  // Stable sort: equal starts keep the config's session order.
  windows.sort((a, b) => a.start - b.start);
  const merged: Window[] = [];
  for (const w of windows) {
    const last = merged[merged.length - 1];
    if (last !== undefined && (w.start <= last.end || w.start - last.end < minOffPeakMinutes)) {
      if (w.end > last.end) {
        last.end = w.end;
        last.endSession = w.endSession;
      }
    } else {
      merged.push({ ...w });
    }
  }
  const events = merged.flatMap((w) => [
    { action: "raise" as const, at: w.start, session: w.startSession },
    { action: "lower" as const, at: w.end, session: w.endSession },
  ]);
  const grouped = new Map<string, { first: number; action: "raise" | "lower"; session: string; minute: number; days: number[] }>();
  for (const e of events) {
    const minute = e.at % MINUTES_PER_DAY;
    const key = `${e.action}/${e.session}/${minute}`;
    const g = grouped.get(key) ?? { first: e.at, action: e.action, session: e.session, minute, days: [] };
    g.days.push(Math.floor(e.at / MINUTES_PER_DAY));
    grouped.set(key, g);
  }
  const names = new Set<string>();
  return [...grouped.values()]
    .sort((a, b) => a.first - b.first)
    .map((g) => {
      let name = `${g.action}-${g.action === "raise" ? "before" : "after"}-${g.session}`;
      // Only when lead or hold moves the same session's edge to two times of day; keeps names unique.
      if (names.has(name)) name = `${name}-${hhmmOf(g.minute).replace(":", "")}`;
      names.add(name);
      return { action: g.action, session: g.session, timeUtc: hhmmOf(g.minute), daysUtc: [...new Set(g.days)].sort((a, b) => a - b), name };
    });
}

/**
 * The transitions of one tier of an environment: none when the environment lists no sessions or the tier's
 * peak minimum is not above its minimum (nothing to raise). The one place constructs and docs get them from.
 */
export function tierTransitions(capacity: CapacityConfig, range: PeakRange, leadMinutes: number): readonly PeakTransition[] {
  if (range.peakMin <= range.min) return [];
  return peakTransitions(capacity.marketSessions, { leadMinutes, holdMinutes: capacity.peakHoldMinutes, minOffPeakMinutes: capacity.minOffPeakMinutes });
}

/** Weekdays as runs, e.g. [0,1,2,3,4] → [[0,4]]. */
function runs(days: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const d of days) {
    const last = out[out.length - 1];
    if (last !== undefined && last[1] === d - 1) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}

/** Day-of-week field with names, e.g. `SUN-THU` or `MON,WED`. */
export function dayNames(days: readonly number[]): string {
  return runs(days).map(([a, b]) => (a === b ? DAY_NAMES[a] : `${DAY_NAMES[a]}-${DAY_NAMES[b]}`)).join(",");
}

/** Application Auto Scaling schedule, e.g. `cron(15 23 ? * SUN-THU *)` (evaluated in the action's time zone, UTC here). */
export function appAutoScalingCron(t: PeakTransition): string {
  const m = minutesOf(t.timeUtc);
  return `cron(${m % 60} ${Math.floor(m / 60)} ? * ${dayNames(t.daysUtc)} *)`;
}

/** EC2 Auto Scaling recurrence (Unix cron), e.g. `40 23 * * 0-4`. */
export function unixCron(t: PeakTransition): string {
  const m = minutesOf(t.timeUtc);
  const dow = runs(t.daysUtc).map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(",");
  return `${m % 60} ${Math.floor(m / 60)} * * ${dow}`;
}

/**
 * Instants at which a time zone's UTC offsets are read: mid-January and mid-July, so one is in standard time
 * and the other in daylight time wherever daylight saving is observed (either hemisphere). Fixed, so the result
 * does not depend on when synth runs.
 */
const OFFSET_REFERENCE_INSTANTS = [Date.UTC(2025, 0, 15, 12), Date.UTC(2025, 6, 15, 12)] as const;

const offsetsByZone = new Map<string, readonly number[]>();

/** A time zone's distinct UTC offsets in minutes (east positive), ascending: [standard, daylight] or one. Throws for an unknown zone. */
export function utcOffsetsMinutes(timeZone: string): readonly number[] {
  let offsets = offsetsByZone.get(timeZone);
  if (offsets === undefined) {
    offsets = Object.freeze(computeUtcOffsets(timeZone));
    offsetsByZone.set(timeZone, offsets);
  }
  return offsets;
}

function computeUtcOffsets(timeZone: string): number[] {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  });
  const offsets = OFFSET_REFERENCE_INSTANTS.map((instant) => {
    const part = (type: Intl.DateTimeFormatPartTypes) => Number(format.formatToParts(instant).find((p) => p.type === type)!.value);
    const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"));
    return (wall - instant) / 60000;
  });
  return [...new Set(offsets)].sort((a, b) => a - b);
}

/** The UTC minutes-of-day of a local time under each of the zone's offsets (may fall outside 0–1439). */
export function utcMinutesOfLocal(localHhMm: string, timeZone: string): readonly number[] {
  return utcOffsetsMinutes(timeZone).map((offset) => minutesOf(localHhMm) - offset);
}
