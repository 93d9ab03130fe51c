// The report step tables against brute force: business time minute by minute with isBusinessHours,
// local dates instant by instant with localTime — across daylight-saving jumps, holidays and spans
// that cross UTC midnight.

import { describe, expect, it } from "vitest";
import { isBusinessHours, localTime, type BusinessHours } from "../lib/time.ts";
import { businessCalendar, dayTable, DAY_MS, startOfLocalDay, wallToInstant, type CalendarRow } from "./calendar.ts";

const MIN = 60_000;

/** What the SQL computes: the largest `b + max(0, min(t, e) − s)` among the rows of t's UTC day with s ≤ t. */
function businessUpTo(rows: CalendarRow[], t: number): number {
  let best = -1;
  for (const [d, s, e, b] of rows) if (d === Math.floor(t / DAY_MS) && s <= t) best = Math.max(best, b + Math.max(0, Math.min(t, e) - s));
  return best;
}

function bruteForce(a: number, b: number, tz: string, hours: BusinessHours): number {
  let ms = 0;
  for (let t = a; t < b; t += MIN) if (isBusinessHours(t, tz, hours)) ms += MIN;
  return ms;
}

/** A small deterministic PRNG, so failures are reproducible. */
function prng(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const CASES: { tz: string; hours: BusinessHours; from: string }[] = [
  // Split day, a holiday, a Saturday morning.
  {
    tz: "Asia/Shanghai",
    from: "2026-03-02T00:00:00+08:00",
    hours: {
      weekly: {
        "1": [
          ["09:00", "12:00"],
          ["13:00", "18:00"],
        ],
        "3": [["09:00", "18:00"]],
        "6": [["10:00", "14:00"]],
      },
      holidays: ["2026-03-04"],
    },
  },
  // Spring forward (29 March) in Berlin, with hours up to midnight and from 01:30 (partly skipped).
  {
    tz: "Europe/Berlin",
    from: "2026-03-26T00:00:00+01:00",
    hours: { weekly: { "0": [["01:30", "04:00"]], "5": [["18:00", "24:00"]], "6": [["00:00", "24:00"]] } },
  },
  // Evening hours in New York cross UTC midnight; fall back on 1 November.
  {
    tz: "America/New_York",
    from: "2026-10-29T00:00:00-04:00",
    hours: {
      weekly: {
        "0": [
          ["00:00", "03:00"],
          ["18:00", "23:00"],
        ],
        "4": [["18:00", "23:00"]],
        "5": [["18:00", "23:00"]],
      },
    },
  },
  // Closed every day: no business time at all.
  { tz: "Asia/Kolkata", from: "2026-03-02T00:00:00+05:30", hours: { weekly: { "0": [], "1": [] } } },
];

describe("business calendar", () => {
  for (const c of CASES) {
    it(`counts the same business time as isBusinessHours, minute by minute (${c.tz})`, () => {
      const from = Date.parse(c.from);
      const to = from + 5 * DAY_MS;
      const rows = businessCalendar(from, to, c.tz, c.hours)!;
      const rand = prng(7);
      for (let i = 0; i < 40; i++) {
        const a = from + Math.floor(rand() * 5 * 24 * 60) * MIN;
        const b = a + Math.floor((rand() * (to - a)) / MIN) * MIN;
        expect([a, b, businessUpTo(rows, b) - businessUpTo(rows, a)]).toEqual([a, b, bruteForce(a, b, c.tz, c.hours)]);
      }
      expect(businessUpTo(rows, to - 1) - businessUpTo(rows, from)).toBe(bruteForce(from, to, c.tz, c.hours));
    });
  }

  it("is null for a site that keeps no hours (always open)", () => {
    expect(businessCalendar(0, DAY_MS, "UTC", {})).toBeNull();
    expect(businessCalendar(0, DAY_MS, "UTC", { weekly: {} })).toBeNull();
  });
});

describe("local days", () => {
  it("finds the first instant of a day, also on daylight-saving days and where midnight is skipped", () => {
    expect(startOfLocalDay("2026-03-02", "Asia/Shanghai")).toBe(Date.parse("2026-03-01T16:00:00Z"));
    expect(startOfLocalDay("2026-03-29", "Europe/Berlin")).toBe(Date.parse("2026-03-28T23:00:00Z"));
    expect(startOfLocalDay("2026-03-30", "Europe/Berlin")).toBe(Date.parse("2026-03-29T22:00:00Z"));
    expect(startOfLocalDay("2026-11-02", "America/New_York")).toBe(Date.parse("2026-11-02T05:00:00Z"));
    // Chile moves its clocks from 00:00 to 01:00: 6 September begins at 01:00 local.
    expect(startOfLocalDay("2026-09-06", "America/Santiago")).toBe(Date.parse("2026-09-06T04:00:00Z"));
    // A wall time inside the spring-forward gap maps to the moment of the jump.
    expect(wallToInstant("2026-03-29", 150, "Europe/Berlin")).toBe(Date.parse("2026-03-29T01:00:00Z"));
  });

  it("maps every instant of a window to its local date", () => {
    for (const tz of ["Asia/Shanghai", "Europe/Berlin", "America/Santiago", "Asia/Kathmandu"]) {
      const from = Date.parse("2026-03-25T00:00:00Z");
      const to = from + 10 * DAY_MS;
      const rows = dayTable(from, to, tz);
      for (let t = from; t < to; t += 15 * MIN) {
        let date = "";
        for (const [d, s, k] of rows) if (d === Math.floor(t / DAY_MS) && s <= t && k > date) date = k;
        expect([t, date]).toEqual([t, localTime(t, tz).date]);
      }
    }
  });
});
