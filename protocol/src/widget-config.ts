// The public widget configuration the worker serves at GET /widget/v1/sites/:site/config and the
// widget reads at boot. Everything here is safe to show to any visitor (no secrets, no internals).

import type { Localized } from "./ruleset.ts";

/** A field of the pre-chat or offline form. `name` is a contact field (name, email, phone) or an attribute. */
export interface WidgetFormField {
  name: string;
  label: Localized;
  type: "text" | "email" | "tel" | "select" | "textarea";
  required?: boolean;
  options?: string[];
}

export interface WidgetConfig {
  site: string;
  protocol: number;
  title: Localized | null;
  greeting: Localized | null;
  accent: string | null;
  position: "left" | "right";
  avatar: string | null;
  /** A UI language the site forces, else null (the widget follows the browser). */
  locale: string | null;
  /** True within the site's business hours. */
  open: boolean;
  /** identify() must carry a valid userHash or token. */
  identityRequired: boolean;
  /** False when only identified visitors may start a conversation. */
  anonymousAllowed: boolean;
  /** Fields asked before the first message, or null when there is no pre-chat form. */
  prechat: { fields: WidgetFormField[] } | null;
  /** Outside business hours: leave a message and an email. Null when switched off. */
  offline: { message: Localized | null; fields: WidgetFormField[] } | null;
  /** Visitor uploads, or null when switched off. `types` are MIME types, `image/*` allowed. */
  attachments: { maxBytes: number; types: string[] } | null;
  /** Ask for a 1–5 rating when a conversation is resolved. */
  csat: boolean;
}

/** Where a visitor's uploads go: the endpoint answers with the stored attachment (see types.ts). */
export const ATTACHMENT_DEFAULTS = { maxBytes: 10 * 1024 * 1024, types: ["image/*", "application/pdf", "text/plain"] } as const;

/** Longest comment a CSAT answer may carry (characters). */
export const MAX_CSAT_COMMENT = 1000;

// True when a MIME type matches an allow-list entry: `image/*` matches every image type, and the
// entry made of two stars around a slash matches any type (agents may attach anything).
export function typeAllowed(type: string, allowed: readonly string[]): boolean {
  const t = type.toLowerCase();
  return allowed.some((a) => {
    const p = a.toLowerCase();
    return p === "*/*" || p === t || (p.endsWith("/*") && t.startsWith(p.slice(0, -1)));
  });
}
