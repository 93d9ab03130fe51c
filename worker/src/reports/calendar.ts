// Local days and business hours in a site's time zone, turned into small step tables the report SQL
// looks up by UTC day (an equality SQLite indexes automatically), so no query needs time-zone support.

import { localTime, type BusinessHours } from "../lib/time.ts";

export const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

/** `[utcDay, start, end, businessMsBefore]`: see businessCalendar. */
export type CalendarRow = [number, number, number, number];
/** `[utcDay, start, localDate]`: see dayTable. */
export type DayRow = [number, number, string];

function dateParts(date: string): [number, number, number] {
  const [y, m, d] = date.split("-").map(Number);
  return [y ?? 1970, (m ?? 1) - 1, d ?? 1];
}

/** The calendar date `n` days after `date` (YYYY-MM-DD). */
export function addDays(date: string, n: number): string {
  return new Date(Date.UTC(...dateParts(date)) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The local date (YYYY-MM-DD) at `t` in the zone. */
export function localDate(t: number, tz: string): string {
  return localTime(t, tz).date;
}

/** Local wall-clock time at `t` as if it were UTC, to the minute. */
function wallAt(t: number, tz: string): number {
  const l = localTime(t, tz);
  return Date.UTC(...dateParts(l.date), l.hour, l.minute);
}

/** The zone's offset from UTC at `t` (ms, minute precision). */
function offsetAt(t: number, tz: string): number {
  return wallAt(t, tz) - (t - (((t % MIN_MS) + MIN_MS) % MIN_MS));
}

/**
 * The instant at which the local wall clock of `date` reads `minute` minutes past midnight (1440 = the
 * next midnight). A wall time that a daylight-saving jump skips maps to the moment of the jump.
 */
export function wallToInstant(date: string, minute: number, tz: string): number {
  const wall = Date.UTC(...dateParts(date)) + minute * MIN_MS;
  let t = wall - offsetAt(wall, tz);
  t = wall - offsetAt(t, tz);
  if (wallAt(t, tz) === wall) return t;
  // In a gap: the first minute whose wall clock is at or past the wanted one (searched within 3 h).
  let lo = t - 3 * 3_600_000;
  let hi = t + 3 * 3_600_000;
  while (hi - lo > MIN_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MIN_MS) * MIN_MS;
    if (wallAt(mid, tz) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The first instant of a local date. */
export function startOfLocalDay(date: string, tz: string): number {
  return wallToInstant(date, 0, tz);
}

/** Every local date from `first` to `last`, both included. */
export function datesBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= last && out.length < 10_000; d = addDays(d, 1)) out.push(d);
  return out;
}

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Whether the site keeps hours at all: no weekly hours means always open (as `isBusinessHours` says). */
export function alwaysOpen(hours: BusinessHours): boolean {
  return !hours.weekly || Object.keys(hours.weekly).length === 0;
}

/** The site's open intervals `[start, end)` overlapping [from, to), sorted and merged. */
export function openIntervals(from: number, to: number, tz: string, hours: BusinessHours): [number, number][] {
  const holidays = new Set(hours.holidays ?? []);
  const spans: [number, number][] = [];
  for (const date of datesBetween(addDays(localDate(from, tz), -1), addDays(localDate(to, tz), 1))) {
    if (holidays.has(date)) continue;
    const weekday = new Date(Date.UTC(...dateParts(date))).getUTCDay();
    for (const [open, close] of hours.weekly?.[String(weekday)] ?? []) {
      const s = wallToInstant(date, minutes(open), tz);
      const e = wallToInstant(date, minutes(close), tz);
      if (e > s && e > from && s < to) spans.push([s, e]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of spans) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/**
 * Business time as a step table over [from, to): for each UTC day, rows `[day, start, end, before]`
 * sorted by start, the first starting at the day's first millisecond. The business time up to `t`
 * is `before + max(0, min(t, end) − start)` of the row of `t`'s UTC day with the largest `start ≤ t`;
 * the business time between two instants is the difference. Returns null for an always-open site.
 */
export function businessCalendar(from: number, to: number, tz: string, hours: BusinessHours): CalendarRow[] | null {
  if (alwaysOpen(hours)) return null;
  const open = openIntervals(from, to, tz, hours);
  const rows: CalendarRow[] = [];
  let i = 0;
  let before = 0;
  for (let day = Math.floor(from / DAY_MS); day * DAY_MS < to; day++) {
    const start = day * DAY_MS;
    const end = start + DAY_MS;
    while (i < open.length && open[i]![1] <= start) before += open[i]![1] - open[i++]![0];
    // Time already counted in an interval running across the day's start.
    const inside = i < open.length && open[i]![0] < start ? start - open[i]![0] : 0;
    if (!(i < open.length && open[i]![0] <= start)) rows.push([day, start, start, before]);
    for (let j = i; j < open.length && open[j]![0] < end; j++) {
      const s = Math.max(open[j]![0], start);
      rows.push([day, s, Math.min(open[j]![1], end), before + (j === i ? inside : 0) + sumBetween(open, i, j)]);
    }
  }
  return rows;
}

/** Total length of intervals i … j−1. */
function sumBetween(open: [number, number][], i: number, j: number): number {
  let sum = 0;
  for (let k = i; k < j; k++) sum += open[k]![1] - open[k]![0];
  return sum;
}

/**
 * Local dates as a step table over [from, to): rows `[utcDay, start, date]`; the local date of `t` is
 * the `date` of the row of `t`'s UTC day with the largest `start ≤ t`.
 */
export function dayTable(from: number, to: number, tz: string): DayRow[] {
  const rows: DayRow[] = [];
  const starts = datesBetween(localDate(from, tz), addDays(localDate(to, tz), 1)).map((d) => [startOfLocalDay(d, tz), d] as const);
  for (let day = Math.floor(from / DAY_MS); day * DAY_MS < to; day++) {
    const start = day * DAY_MS;
    rows.push([day, start, localDate(start, tz)]);
    for (const [s, d] of starts) if (s > start && s < start + DAY_MS) rows.push([day, s, d]);
  }
  return rows;
}
