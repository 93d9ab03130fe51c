// Picks the text for a locale from a `{ locale: text }` map: exact, then same language, then English.

import type { Localized } from "../../../protocol/src/ruleset.ts";

export function localize(text: Localized, locale: string | undefined): string {
  if (typeof text === "string") return text;
  const want = locale ?? "en";
  if (text[want]) return text[want];
  const lang = want.split("-")[0];
  // Traditional-Chinese readers prefer zh-TW/zh-HK over zh-CN when the exact locale is missing.
  const traditional = /^zh-(tw|hk|mo|hant)/i.test(want);
  const candidates = Object.keys(text).filter((k) => k.split("-")[0] === lang);
  const pick = candidates.find((k) => traditional === /^zh-(tw|hk|mo|hant)/i.test(k)) ?? candidates[0];
  if (pick && text[pick]) return text[pick];
  return text.en ?? Object.values(text)[0] ?? "";
}
