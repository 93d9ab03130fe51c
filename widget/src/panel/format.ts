// Dates, times and sizes in the visitor's UI language (Intl), with formatters cached per locale.

import type { Locale } from "../i18n/locale.ts";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, withDate: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withDate}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale,
      withDate ? { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" } : { hour: "numeric", minute: "2-digit" },
    );
    formatters.set(key, f);
  }
  return f;
}

/** "14:05" today, "Nov 3, 14:05" / "11月3日 14:05" on other days. */
export function formatTime(ms: number, locale: Locale, now = Date.now()): string {
  const d = new Date(ms);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return formatter(locale, !sameDay).format(d);
}

/** "2.4 MB", "830 KB". */
export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.max(1, Math.ceil(n / 1024))} KB`;
}
