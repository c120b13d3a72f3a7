import {
  appAutoScalingCron,
  dayNames,
  minutesOf,
  peakTransitions,
  tierTransitions,
  unixCron,
  utcMinutesOfLocal,
  utcOffsetsMinutes,
  type PeakTiming,
  type PeakTransition,
} from "../../config/capacity-schedule";
import type { MarketSession } from "../../config/types";
import { ENVIRONMENT_NAMES, envConfig } from "../support";

const DAY = 24 * 60;

function session(name: string, openUtc: string, closeUtc: string): MarketSession {
  return { name, timeZone: "Etc/UTC", localOpen: openUtc, localClose: closeUtc, openUtc, closeUtc };
}

/** Replays transitions over a week (starting from the state they leave at the end of the week): is the minimum raised at minute m? */
function raisedAt(transitions: readonly PeakTransition[]): (minuteOfWeek: number) => boolean {
  const events = transitions
    .flatMap((t) => t.daysUtc.map((d) => ({ at: d * DAY + minutesOf(t.timeUtc), raise: t.action === "raise" })))
    .sort((a, b) => a.at - b.at);
  return (m) => {
    const before = events.filter((e) => e.at <= m);
    const last = before.length > 0 ? before[before.length - 1]! : events[events.length - 1]!;
    return last.raise;
  };
}

/** Minutes of the week at which some session is open (Monday to Friday). */
function openMinutes(sessions: readonly MarketSession[]): number[] {
  const out: number[] = [];
  for (let day = 1; day <= 5; day++) {
    for (const s of sessions) {
      for (let m = minutesOf(s.openUtc); m < minutesOf(s.closeUtc); m += 5) out.push(day * DAY + m);
    }
  }
  return out;
}

const NO_GAP: PeakTiming = { leadMinutes: 0, holdMinutes: 0, minOffPeakMinutes: 0 };

describe("K2: peak windows from market sessions", () => {
  it("raises before and lowers after each session that stands alone, Monday to Friday UTC", () => {
    const t = peakTransitions([session("tokyo", "00:00", "03:00"), session("london", "07:00", "10:00")], { leadMinutes: 30, holdMinutes: 15, minOffPeakMinutes: 0 });
    expect(t.map((x) => [x.name, x.timeUtc, dayNames(x.daysUtc)])).toEqual([
      ["raise-before-tokyo", "23:30", "SUN-THU"],
      ["lower-after-tokyo", "03:15", "MON-FRI"],
      ["raise-before-london", "06:30", "MON-FRI"],
      ["lower-after-london", "10:15", "MON-FRI"],
    ]);
  });

  it("moves a raise to the previous UTC day when the lead crosses midnight", () => {
    const [raise] = peakTransitions([session("tokyo", "00:00", "09:00")], { ...NO_GAP, leadMinutes: 45 });
    expect(raise).toMatchObject({ action: "raise", timeUtc: "23:15", daysUtc: [0, 1, 2, 3, 4] });
    expect(appAutoScalingCron(raise!)).toBe("cron(15 23 ? * SUN-THU *)");
    expect(unixCron(raise!)).toBe("15 23 * * 0-4");
  });

  it("never lowers at one session's close while an overlapping session is open", () => {
    const sessions = [session("tokyo", "00:00", "09:00"), session("london", "07:00", "17:00"), session("new-york", "12:00", "22:00")];
    const t = peakTransitions(sessions, { leadMinutes: 20, holdMinutes: 30, minOffPeakMinutes: 0 });
    expect(t.map((x) => x.name)).toEqual(["raise-before-tokyo", "lower-after-new-york"]);
    const raised = raisedAt(t);
    expect(openMinutes(sessions).filter((m) => !raised(m))).toEqual([]);
  });

  it("keeps the peak until the latest close when one session lies inside another", () => {
    const t = peakTransitions([session("long", "01:00", "10:00"), session("short", "02:00", "03:00")], NO_GAP);
    expect(t.map((x) => [x.name, x.timeUtc])).toEqual([
      ["raise-before-long", "01:00"],
      ["lower-after-long", "10:00"],
    ]);
  });

  it("keeps off-peak gaps shorter than minOffPeakMinutes at peak, but not the weekend", () => {
    const sessions = [session("tokyo", "00:00", "09:00"), session("new-york", "12:00", "22:00")];
    const t = peakTransitions(sessions, { leadMinutes: 20, holdMinutes: 30, minOffPeakMinutes: 180 });
    expect(t.map((x) => [x.name, x.timeUtc, dayNames(x.daysUtc)])).toEqual([
      ["raise-before-tokyo", "23:40", "SUN"],
      ["lower-after-new-york", "22:30", "FRI"],
    ]);
    const raised = raisedAt(t);
    expect(raised(6 * DAY + 12 * 60)).toBe(false); // Saturday noon
    expect(raised(3 * DAY + 10 * 60)).toBe(true); // Wednesday 10:00, between the sessions
  });

  it("merges a gap of exactly minOffPeakMinutes - 1 and keeps one of minOffPeakMinutes", () => {
    const sessions = [session("a", "01:00", "02:00"), session("b", "03:00", "04:00")];
    expect(peakTransitions(sessions, { ...NO_GAP, minOffPeakMinutes: 61 }).map((x) => x.name)).toEqual(["raise-before-a", "lower-after-b"]);
    expect(peakTransitions(sessions, { ...NO_GAP, minOffPeakMinutes: 60 }).map((x) => x.name)).toEqual([
      "raise-before-a",
      "lower-after-a",
      "raise-before-b",
      "lower-after-b",
    ]);
  });

  it("holds every session open at peak for random session sets (property)", () => {
    // mulberry32: a small deterministic PRNG, so a failure reproduces.
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return Math.floor((((x ^ (x >>> 14)) >>> 0) / 2 ** 32) * n);
    };
    for (let run = 0; run < 200; run++) {
      const sessions = Array.from({ length: 1 + rand(4) }, (_, i) => {
        const open = rand(23 * 60);
        const close = open + 1 + rand(24 * 60 - open - 1);
        const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
        return session(`s${i}`, hhmm(open), hhmm(close));
      });
      const long = run % 4 === 0;
      const timing = { leadMinutes: rand(long ? 721 : 61), holdMinutes: rand(long ? 721 : 61), minOffPeakMinutes: rand(long ? 721 : 61) };
      const raised = raisedAt(peakTransitions(sessions, timing));
      const case_ = JSON.stringify({ sessions, timing });
      expect({ case_, notRaisedWhileOpen: openMinutes(sessions).filter((m) => !raised(m)) }).toEqual({ case_, notRaisedWhileOpen: [] });
      expect({ case_, raisedSaturdayNoon: raised(6 * DAY + 12 * 60) }).toEqual({ case_, raisedSaturdayNoon: false });
    }
  });

  it("returns nothing without sessions, or when the peak minimum is not above the minimum", () => {
    expect(peakTransitions([], NO_GAP)).toEqual([]);
    const capacity = envConfig("prod").capacity;
    expect(tierTransitions(capacity, { min: 2, max: 4, peakMin: 2 }, 45)).toEqual([]);
    expect(tierTransitions(capacity, { min: 1, max: 4, peakMin: 2 }, 45)).toHaveLength(2);
  });

  it("fails when a lead, hold or gap is outside 0–720 minutes", () => {
    expect(() => peakTransitions([session("a", "01:00", "02:00")], { ...NO_GAP, leadMinutes: 721 })).toThrow(
      "peak timing leadMinutes = 721: must be an integer from 0 to 720",
    );
  });

  it("writes day-of-week fields as ranges and lists", () => {
    expect(dayNames([1, 2, 3, 4, 5])).toBe("MON-FRI");
    expect(dayNames([0, 2, 3, 5])).toBe("SUN,TUE-WED,FRI");
    expect(unixCron({ action: "raise", session: "x", timeUtc: "07:05", daysUtc: [1, 3], name: "n" })).toBe("5 7 * * 1,3");
  });
});

describe("K2: market session times across daylight saving", () => {
  it("reads standard and daylight UTC offsets from the time zone", () => {
    expect(utcOffsetsMinutes("Asia/Tokyo")).toEqual([540]);
    expect(utcOffsetsMinutes("Europe/London")).toEqual([0, 60]);
    expect(utcOffsetsMinutes("America/New_York")).toEqual([-300, -240]);
    expect(utcOffsetsMinutes("Australia/Sydney")).toEqual([600, 660]);
  });

  it("throws for an unknown time zone", () => {
    expect(() => utcOffsetsMinutes("Mars/Olympus")).toThrow();
  });

  it.each(ENVIRONMENT_NAMES)("%s: each session's UTC window is the earliest open and the latest close of its local hours", (env) => {
    for (const s of envConfig(env).capacity.marketSessions) {
      expect(minutesOf(s.openUtc)).toBe(Math.min(...utcMinutesOfLocal(s.localOpen, s.timeZone)));
      expect(minutesOf(s.closeUtc)).toBe(Math.max(...utcMinutesOfLocal(s.localClose, s.timeZone)));
    }
  });

  it("K2: the default sessions are Tokyo 09:00 JST = 00:00 UTC, London 08:00 = 07:00 UTC (BST), New York 08:00 = 12:00 UTC (EDT)", () => {
    const byName = Object.fromEntries(envConfig("prod").capacity.marketSessions.map((s) => [s.name, s]));
    expect(byName.tokyo).toMatchObject({ timeZone: "Asia/Tokyo", localOpen: "09:00", openUtc: "00:00" });
    expect(byName.london).toMatchObject({ timeZone: "Europe/London", localOpen: "08:00", openUtc: "07:00", localClose: "17:00", closeUtc: "17:00" });
    expect(byName["new-york"]).toMatchObject({ timeZone: "America/New_York", localOpen: "08:00", openUtc: "12:00", localClose: "17:00", closeUtc: "22:00" });
  });
});
