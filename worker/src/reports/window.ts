// The time window of a report from `?from=&to=`: local dates in the site's zone (whole days, both
// included) or exact instants (ISO time with a zone, or epoch milliseconds; `to` excluded). Total:
// bad input comes back as an error naming the field, never as an exception.

import { addDays, DAY_MS, localDate, startOfLocalDay } from "./calendar.ts";

/** The longest window a report covers (a year, plus a day for leap years). */
export const MAX_WINDOW_DAYS = 366;
/** The window when none is given: the last 30 local days, today included. */
export const DEFAULT_DAYS = 30;

export interface Window {
  from: number;
  to: number;
  firstDay: string;
  lastDay: string;
}

export type WindowResult = ({ ok: true } & Window) | { ok: false; field: "from" | "to"; message: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const EPOCH = /^\d{1,15}$/;

function realDate(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d && d >= "1970-01-01";
}

/** One bound: a date's start (or, for `to`, the next day's start), or an instant; null when unreadable. */
function bound(value: string, tz: string, isEnd: boolean): number | null {
  if (DATE.test(value)) return realDate(value) ? startOfLocalDay(isEnd ? addDays(value, 1) : value, tz) : null;
  if (INSTANT.test(value)) {
    const t = Date.parse(value);
    return Number.isFinite(t) ? t : null;
  }
  if (EPOCH.test(value)) return Number(value);
  return null;
}

/** Reads `from`/`to` in the site's zone; missing bounds default to the last 30 days up to the end of today. */
export function parseWindow(q: { from?: string | undefined; to?: string | undefined }, tz: string, now: number): WindowResult {
  const today = localDate(now, tz);
  const to = q.to === undefined || q.to === "" ? startOfLocalDay(addDays(today, 1), tz) : bound(q.to, tz, true);
  if (to === null) return { ok: false, field: "to", message: "to must be a date (YYYY-MM-DD), an ISO time with a zone, or epoch milliseconds." };
  const defaultFrom = () => startOfLocalDay(addDays(localDate(to - 1, tz), 1 - DEFAULT_DAYS), tz);
  const from = q.from === undefined || q.from === "" ? defaultFrom() : bound(q.from, tz, false);
  if (from === null) return { ok: false, field: "from", message: "from must be a date (YYYY-MM-DD), an ISO time with a zone, or epoch milliseconds." };
  if (to <= from) return { ok: false, field: "to", message: "to must be after from." };
  // A year of local days may be an hour longer than 366 × 24 h where daylight saving ends.
  if (to - from > MAX_WINDOW_DAYS * DAY_MS + 3_600_000) return { ok: false, field: "from", message: `A report covers at most ${MAX_WINDOW_DAYS} days.` };
  return { ok: true, from, to, firstDay: localDate(from, tz), lastDay: localDate(to - 1, tz) };
}
