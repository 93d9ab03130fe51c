// Business hours and local time in a site's time zone (IANA names, via Intl).

import type { BusinessHours } from "../../../protocol/src/site-settings.ts";

export type { BusinessHours };

export interface LocalTime {
  weekday: number;
  hour: number;
  minute: number;
  /** YYYY-MM-DD in the zone. */
  date: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time at `now` in `timeZone` (falls back to UTC for an unknown zone). */
export function localTime(now: number, timeZone: string): LocalTime {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        weekday: "short",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
      });
    } catch {
      return localTime(now, "UTC");
    }
    formatters.set(timeZone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(now))) parts[p.type] = p.value;
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday ?? "Sun");
  return { weekday, hour: Number(parts.hour), minute: Number(parts.minute), date: `${parts.year}-${parts.month}-${parts.day}` };
}

/** Whether the site is open at `now`. A site with no weekly hours configured is always open. */
export function isBusinessHours(now: number, timeZone: string, hours: BusinessHours): boolean {
  const t = localTime(now, timeZone);
  if (hours.holidays?.includes(t.date)) return false;
  if (!hours.weekly || Object.keys(hours.weekly).length === 0) return true;
  const minutes = t.hour * 60 + t.minute;
  const spans = hours.weekly[String(t.weekday)] ?? [];
  return spans.some(([from, to]) => {
    const [fh, fm] = from.split(":").map(Number);
    const [th, tm] = to.split(":").map(Number);
    return minutes >= (fh ?? 0) * 60 + (fm ?? 0) && minutes < (th ?? 0) * 60 + (tm ?? 0);
  });
}
