// Which UI language to use: the supported locales and how any BCP 47 tag maps onto them. Part of
// the launcher bundle, so it stays tiny.

export const LOCALES = ["en", "zh-CN", "zh-TW"] as const;
export type Locale = (typeof LOCALES)[number];

/** Maps a BCP 47 tag to a supported locale: zh-Hant/zh-TW/zh-HK/zh-MO → zh-TW, other zh → zh-CN, else en. */
export function resolveLocale(tag: string | null | undefined): Locale {
  const t = (tag ?? "").toLowerCase();
  if (t.startsWith("zh")) return /hant|tw|hk|mo/.test(t) ? "zh-TW" : "zh-CN";
  return "en";
}

/** The browser's first preferred language we support (English when none is). */
export function browserLocale(): Locale {
  try {
    for (const l of navigator.languages?.length ? navigator.languages : [navigator.language]) {
      const r = resolveLocale(l);
      if (r !== "en" || l.toLowerCase().startsWith("en")) return r;
    }
  } catch {
    // navigator may be locked down in odd embeddings
  }
  return "en";
}

/** Fills `{name}` placeholders. */
export function fill(s: string, vars: Record<string, string | number> = {}): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ""));
}

/** Picks text for the locale from a `{ locale: text }` map: exact, same language, zh-CN for zh-TW, English, any. */
export function pick(text: string | Record<string, string> | null | undefined, locale: Locale): string | null {
  if (text == null) return null;
  if (typeof text === "string") return text;
  return text[locale] ?? text[locale.split("-")[0]!] ?? (locale === "zh-TW" ? text["zh-CN"] : undefined) ?? text.en ?? Object.values(text)[0] ?? null;
}
