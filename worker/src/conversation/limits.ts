// Message limits: text length, attachment count, size and type. Pure; the object refuses a message
// that breaks one with a clear error and stores nothing.

import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, MAX_TEXT_LENGTH } from "../../../protocol/src/frames.ts";
import { ATTACHMENT_DEFAULTS, typeAllowed } from "../../../protocol/src/widget-config.ts";
import type { Attachment } from "../../../protocol/src/types.ts";

/** What a site allows visitors to attach (from its widget settings); agents get the defaults. */
export interface AttachmentRules {
  enabled: boolean;
  maxBytes: number;
  /** MIME types; `image/*` style wildcards allowed. */
  types: string[];
}

export const AGENT_ATTACHMENTS: AttachmentRules = { enabled: true, maxBytes: MAX_ATTACHMENT_BYTES, types: ["*/*"] };

/**
 * The visitor rules for a site's `attachments` widget setting: allowed unless the site switched them
 * off, with the widget's defaults (ATTACHMENT_DEFAULTS) for what it leaves out — the same rules the
 * widget's config and upload route apply (routes/widget-config.ts `attachmentPolicy`).
 */
export function visitorAttachmentRules(setting: { enabled: boolean; maxBytes?: number; types?: string[] } | undefined): AttachmentRules {
  return {
    enabled: setting?.enabled !== false,
    maxBytes: Math.min(setting?.maxBytes && setting.maxBytes > 0 ? setting.maxBytes : ATTACHMENT_DEFAULTS.maxBytes, MAX_ATTACHMENT_BYTES),
    types: setting?.types?.length ? setting.types : [...ATTACHMENT_DEFAULTS.types],
  };
}

export interface LimitError {
  code: "empty" | "too_long" | "attachments_not_allowed" | "too_many_attachments" | "attachment_too_large" | "attachment_type" | "attachment_url";
  message: string;
  field: "text" | "attachments";
}

function mb(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** Checks a message against the limits; null when it may be stored. */
export function checkMessage(text: unknown, attachments: Attachment[] | undefined, rules: AttachmentRules): LimitError | null {
  const files = attachments ?? [];
  if (typeof text !== "string") return { code: "empty", message: "The message has no text.", field: "text" };
  if (text.length > MAX_TEXT_LENGTH) return { code: "too_long", message: `Messages are at most ${MAX_TEXT_LENGTH} characters.`, field: "text" };
  if (text.trim().length === 0 && files.length === 0) return { code: "empty", message: "The message is empty.", field: "text" };
  if (files.length === 0) return null;
  if (!rules.enabled) return { code: "attachments_not_allowed", message: "This chat does not accept attachments.", field: "attachments" };
  if (files.length > MAX_ATTACHMENTS)
    return { code: "too_many_attachments", message: `A message can carry at most ${MAX_ATTACHMENTS} attachments.`, field: "attachments" };
  for (const f of files) {
    if (f.size > rules.maxBytes) return { code: "attachment_too_large", message: `"${f.name}" is larger than ${mb(rules.maxBytes)}.`, field: "attachments" };
    if (!typeAllowed(f.type, rules.types)) return { code: "attachment_type", message: `Files of type ${f.type} are not accepted.`, field: "attachments" };
    // Only files stored by Parley itself: a message must never link the customer to somewhere else.
    if (!f.url.startsWith("/files/")) return { code: "attachment_url", message: "Attachments must be uploaded to this chat first.", field: "attachments" };
  }
  return null;
}
