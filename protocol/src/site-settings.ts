// A site's settings as the worker stores them and the admin edits them: the widget's appearance and
// forms, and business hours. (What the widget itself is sent is `widget-config.ts`.)

import type { Localized } from "./ruleset.ts";
import type { WidgetFormField } from "./widget-config.ts";

/** Widget appearance and behaviour, edited in the admin and fetched by the widget at boot. */
export interface WidgetSettings {
  title?: Localized;
  greeting?: Localized;
  accent?: string;
  position?: "right" | "left";
  avatar?: string;
  /** Force a UI language instead of following the browser. */
  locale?: string;
  /** Pre-chat form: fields asked before the first message. */
  prechat?: { enabled: boolean; fields: WidgetFormField[] };
  /** Outside business hours (and nobody online): leave a message + email, answered by email. */
  offline?: { enabled: boolean; message?: Localized; fields?: WidgetFormField[] };
  /** Attachments from visitors: on/off, size limit and allowed MIME types (`image/*` allowed). */
  attachments?: { enabled: boolean; maxBytes?: number; types?: string[] };
  /** Satisfaction survey when a conversation is resolved. */
  csat?: { enabled: boolean };
}

/** Weekly opening hours in the site's time zone: weekday (0 = Sunday) → list of [from, to] in "HH:MM"; plus holiday dates. */
export interface BusinessHours {
  weekly?: Record<string, [string, string][]>;
  holidays?: string[];
}
