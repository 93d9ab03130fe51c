// Fetches and checks the site's public widget configuration. Never throws: a failure is reported as
// an error the element turns into an `error` event (and then shows nothing).

import type { WidgetConfig } from "../../../protocol/src/widget-config.ts";

export type ConfigResult = { ok: true; config: WidgetConfig } | { ok: false; error: { code: string; message: string } };

function obj(v: unknown): Record<string, unknown> | null {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** Normalises what the server sent, so odd values can never break rendering. */
export function parseConfig(raw: unknown): WidgetConfig | null {
  const v = obj(raw);
  if (!v || typeof v.site !== "string") return null;
  const text = (x: unknown) => (typeof x === "string" || obj(x) ? (x as WidgetConfig["title"]) : null);
  const att = obj(v.attachments);
  const pre = obj(v.prechat);
  const off = obj(v.offline);
  return {
    site: v.site,
    protocol: typeof v.protocol === "number" ? v.protocol : 1,
    title: text(v.title),
    greeting: text(v.greeting),
    accent: typeof v.accent === "string" && /^#[0-9a-f]{3,8}$/i.test(v.accent) ? v.accent : null,
    position: v.position === "left" ? "left" : "right",
    avatar: typeof v.avatar === "string" ? v.avatar : null,
    locale: typeof v.locale === "string" ? v.locale : null,
    open: v.open !== false,
    identityRequired: v.identityRequired === true,
    anonymousAllowed: v.anonymousAllowed !== false,
    // `enabled: false` is honoured too: raw settings (not the server's built config) must not show a form.
    prechat: pre && pre.enabled !== false && Array.isArray(pre.fields) && pre.fields.length ? { fields: pre.fields as never } : null,
    offline: off && off.enabled !== false ? { message: text(off.message), fields: Array.isArray(off.fields) ? (off.fields as never) : [] } : null,
    attachments:
      att && att.enabled !== false && typeof att.maxBytes === "number" && Array.isArray(att.types)
        ? { maxBytes: att.maxBytes, types: att.types as string[] }
        : null,
    csat: v.csat !== false && obj(v.csat)?.enabled !== false,
  };
}

export async function fetchConfig(apiBase: string, site: string): Promise<ConfigResult> {
  try {
    // Default credentials ("same-origin"): on a customer's site nothing is sent; on Parley's own
    // origin the admin's live preview needs its session for the draft config it points api-base at.
    const res = await fetch(`${apiBase}/widget/v1/sites/${encodeURIComponent(site)}/config`);
    const body = (await res.json().catch(() => null)) as unknown;
    if (!res.ok) {
      const code = obj(obj(body)?.error)?.code;
      return { ok: false, error: { code: typeof code === "string" ? code : "config", message: `The chat settings could not be loaded (${res.status}).` } };
    }
    const config = parseConfig(body);
    return config ? { ok: true, config } : { ok: false, error: { code: "config", message: "The chat settings were not understood." } };
  } catch {
    return { ok: false, error: { code: "network", message: "The chat service cannot be reached." } };
  }
}
