// Sites: the directory of embeddable sites and their widget settings.

import type { Localized } from "../../../protocol/src/ruleset.ts";
import type { BusinessHours } from "../lib/time.ts";
import { parseJson } from "./json.ts";

/** A field of the pre-chat form (asked before the first message) or the offline form. */
export interface FormField {
  /** Contact field (`name`, `email`, `phone`) or a custom attribute name. */
  name: string;
  label: Localized;
  type: "text" | "email" | "tel" | "select" | "textarea";
  required?: boolean;
  options?: string[];
}

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
  prechat?: { enabled: boolean; fields: FormField[] };
  /** Outside business hours (and nobody online): leave a message + email, answered by email. */
  offline?: { enabled: boolean; message?: Localized; fields?: FormField[] };
  /** Attachments from visitors: on/off, size limit and allowed MIME types (`image/*` allowed). */
  attachments?: { enabled: boolean; maxBytes?: number; types?: string[] };
  /** Satisfaction survey when a conversation is resolved. */
  csat?: { enabled: boolean };
}

export interface Site {
  id: string;
  name: string;
  allowedOrigins: string[];
  settings: WidgetSettings;
  timezone: string;
  businessHours: BusinessHours;
  identityRequired: boolean;
  anonymousAllowed: boolean;
  rulesetVersion: number;
  assignment: string;
  createdAt: number;
  updatedAt: number;
}

interface SiteRow {
  id: string;
  name: string;
  allowed_origins: string;
  settings: string;
  timezone: string;
  business_hours: string;
  identity_required: number;
  anonymous_allowed: number;
  ruleset_version: number;
  assignment: string;
  created_at: number;
  updated_at: number;
}

const COLUMNS =
  "id, name, allowed_origins, settings, timezone, business_hours, identity_required, anonymous_allowed, ruleset_version, assignment, created_at, updated_at";

function toSite(r: SiteRow): Site {
  return {
    id: r.id,
    name: r.name,
    allowedOrigins: parseJson<string[]>(r.allowed_origins, []),
    settings: parseJson<WidgetSettings>(r.settings, {}),
    timezone: r.timezone,
    businessHours: parseJson<BusinessHours>(r.business_hours, {}),
    identityRequired: r.identity_required === 1,
    anonymousAllowed: r.anonymous_allowed === 1,
    rulesetVersion: r.ruleset_version,
    assignment: r.assignment,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getSite(db: D1Database, id: string): Promise<Site | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM sites WHERE id = ?`).bind(id).first<SiteRow>();
  return row ? toSite(row) : null;
}

/** Sites a user belongs to, with the user's role on each. */
export async function listSitesForUser(db: D1Database, userId: string): Promise<(Site & { role: string })[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS.split(", ")
        .map((c) => `s.${c}`)
        .join(", ")}, m.role FROM sites s JOIN memberships m ON m.site_id = s.id WHERE m.user_id = ? ORDER BY s.created_at`,
    )
    .bind(userId)
    .all<SiteRow & { role: string }>();
  return results.map((r) => ({ ...toSite(r), role: r.role }));
}

/** True when `origin` may embed the site's widget. An empty list allows any origin (development). */
export function originAllowed(site: Site, origin: string | null | undefined): boolean {
  if (site.allowedOrigins.length === 0) return true;
  if (!origin) return false;
  return site.allowedOrigins.some((o) => o === origin || o === "*");
}
