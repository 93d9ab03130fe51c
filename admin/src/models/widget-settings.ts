// Editing widget settings: localized text as per-language inputs, form fields, and turning a
// draft into the PATCH the API takes (every key sent: present replaces, null resets).

import type { Localized } from "../../../protocol/src/ruleset.ts";
import type { WidgetFormField } from "../../../protocol/src/widget-config.ts";

export type { Localized };
/** A field of the pre-chat or offline form. */
export type FormFieldDef = WidgetFormField;

/** Languages the admin offers text boxes for (the widget speaks these). */
export const TEXT_LOCALES = ["en", "zh-CN", "zh-TW"] as const;

/** A localized value as one entry per locale (a plain string counts as English). */
export function localizedEntries(v: Localized | undefined): Record<string, string> {
  if (!v) return {};
  return typeof v === "string" ? { en: v } : { ...v };
}

/** Back from per-locale entries: empty ones dropped; nothing left = undefined. */
export function toLocalized(entries: Record<string, string>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(entries)) if (v.trim()) out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

const KEYS = ["title", "greeting", "accent", "position", "avatar", "locale", "prechat", "offline", "attachments", "csat"] as const;

/** The settings patch for a whole draft: keys the draft leaves out go back to their default. */
export function settingsPatch(draft: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(KEYS.map((k) => [k, draft[k] === undefined || draft[k] === "" ? null : draft[k]]));
}

/** base64url of UTF-8 JSON (the preview's draft in its URL). */
export function encodeDraft(v: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(v));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
