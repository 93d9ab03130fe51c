// The public widget configuration (protocol/src/widget-config.ts) from a site's settings, with the
// defaults a site gets before its owner configures anything.

// Uploads are read into memory before they go to R2: no site may allow more than MAX_ATTACHMENT_BYTES,
// the same cap the Conversation object applies to messages (a larger upload would be stored, then refused).
import { MAX_ATTACHMENT_BYTES, PROTOCOL_VERSION } from "../../../protocol/src/frames.ts";
import { ATTACHMENT_DEFAULTS, type WidgetConfig, type WidgetFormField } from "../../../protocol/src/widget-config.ts";
import type { FormField, Site, WidgetSettings } from "../db/sites.ts";
import { isBusinessHours } from "../lib/time.ts";

const FIELD_TYPES = new Set(["text", "email", "tel", "select", "textarea"]);

/** Drops malformed fields so a damaged setting cannot break the widget. */
export function cleanFields(fields: unknown): FormField[] {
  if (!Array.isArray(fields)) return [];
  return fields
    .filter(
      (f): f is FormField =>
        typeof f === "object" &&
        f !== null &&
        typeof (f as FormField).name === "string" &&
        /^[A-Za-z_][\w.-]{0,63}$/.test((f as FormField).name) &&
        FIELD_TYPES.has((f as FormField).type) &&
        (typeof (f as FormField).label === "string" || (typeof (f as FormField).label === "object" && (f as FormField).label !== null)),
    )
    .slice(0, 12);
}

/** Effective attachment policy: on unless switched off; size capped; default types images, PDF, text. */
export function attachmentPolicy(site: Pick<Site, "settings">): WidgetConfig["attachments"] {
  const a = site.settings.attachments;
  if (a?.enabled === false) return null;
  const maxBytes = Math.min(typeof a?.maxBytes === "number" && a.maxBytes > 0 ? a.maxBytes : ATTACHMENT_DEFAULTS.maxBytes, MAX_ATTACHMENT_BYTES);
  const types = Array.isArray(a?.types) && a.types.length ? a.types.filter((t) => typeof t === "string") : [...ATTACHMENT_DEFAULTS.types];
  return { maxBytes, types };
}

/** The offline form's fields and message, or null when the site switched it off. */
export function offlineForm(site: Pick<Site, "settings">): WidgetConfig["offline"] {
  const o = site.settings.offline;
  if (o?.enabled === false) return null;
  // email and message are built in: a configured field of the same name would ask twice.
  return { message: o?.message ?? null, fields: cleanFields(o?.fields).filter((f) => f.name !== "email" && f.name !== "message") };
}

/** The pre-chat form's fields, or null when there is none. */
export function prechatForm(site: Pick<Site, "settings">): WidgetConfig["prechat"] {
  const p = site.settings.prechat;
  const fields = cleanFields(p?.fields);
  return p?.enabled && fields.length ? { fields } : null;
}

/** Everything the widget needs at boot. Reads nothing but the site row. */
export function widgetConfig(site: Site, now = Date.now()): WidgetConfig {
  return widgetConfigFrom(site.id, site.settings, {
    open: isBusinessHours(now, site.timezone, site.businessHours),
    identityRequired: site.identityRequired,
    anonymousAllowed: site.anonymousAllowed,
  });
}

/** The config for settings that are not (yet) a site's: the admin's live preview of a draft. */
export function widgetConfigFrom(
  siteId: string,
  s: WidgetSettings,
  state: { open: boolean; identityRequired: boolean; anonymousAllowed: boolean },
): WidgetConfig {
  const site = { settings: s };
  return {
    site: siteId,
    protocol: PROTOCOL_VERSION,
    title: s.title ?? null,
    greeting: s.greeting ?? null,
    accent: typeof s.accent === "string" && /^#[0-9a-f]{3,8}$/i.test(s.accent) ? s.accent : null,
    position: s.position === "left" ? "left" : "right",
    avatar: typeof s.avatar === "string" && /^(https:\/\/|\/(?!\/))/.test(s.avatar) ? s.avatar : null,
    locale: s.locale ?? null,
    ...state,
    prechat: prechatForm(site) as { fields: WidgetFormField[] } | null,
    offline: offlineForm(site) as WidgetConfig["offline"],
    attachments: attachmentPolicy(site),
    csat: s.csat?.enabled !== false,
  };
}
