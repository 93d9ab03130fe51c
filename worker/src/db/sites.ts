// Sites: the directory of embeddable sites and their widget settings.

import type { WidgetFormField } from "../../../protocol/src/widget-config.ts";
import type { WidgetSettings } from "../../../protocol/src/site-settings.ts";
import type { BusinessHours } from "../lib/time.ts";
import { parseJson } from "./json.ts";

/** A field of the pre-chat form (asked before the first message) or the offline form. */
export type FormField = WidgetFormField;
export type { WidgetSettings };

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
  /** Days after which ended conversations are deleted (null: kept for ever). */
  retentionDays: number | null;
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
  retention_days: number | null;
  created_at: number;
  updated_at: number;
}

const COLUMNS =
  "id, name, allowed_origins, settings, timezone, business_hours, identity_required, anonymous_allowed, ruleset_version, assignment, retention_days, created_at, updated_at";

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
    retentionDays: r.retention_days ?? null,
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

/** What an admin may change on a site (every key optional; absent keys stay as they are). */
export interface SitePatch {
  name?: string;
  allowedOrigins?: string[];
  settings?: WidgetSettings;
  timezone?: string;
  businessHours?: BusinessHours;
  identityRequired?: boolean;
  anonymousAllowed?: boolean;
  assignment?: string;
  retentionDays?: number | null;
}

/**
 * Creates a site with its owner, the `support` and `complaints` teams the starter ruleset routes to
 * (the owner in both) and a first ruleset, in one
 * transaction. Returns false when the key is taken.
 */
export async function createSite(
  db: D1Database,
  s: { id: string; name: string; ownerId: string; ruleset: unknown; settings: WidgetSettings },
  now = Date.now(),
): Promise<boolean> {
  const exists = await db.prepare("SELECT 1 AS x FROM sites WHERE id = ?").bind(s.id).first();
  if (exists) return false;
  try {
    await db.batch([
      db
        .prepare("INSERT INTO sites (id, name, settings, ruleset_version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)")
        .bind(s.id, s.name, JSON.stringify(s.settings), now, now),
      db.prepare("INSERT INTO memberships (site_id, user_id, role, capacity, created_at) VALUES (?, ?, 'owner', 5, ?)").bind(s.id, s.ownerId, now),
      db.prepare("INSERT INTO teams (site_id, id, name, created_at) VALUES (?, 'support', 'Support', ?)").bind(s.id, now),
      db.prepare("INSERT INTO team_members (site_id, team_id, user_id) VALUES (?, 'support', ?)").bind(s.id, s.ownerId),
      db.prepare("INSERT INTO teams (site_id, id, name, created_at) VALUES (?, 'complaints', 'Complaints', ?)").bind(s.id, now),
      db.prepare("INSERT INTO team_members (site_id, team_id, user_id) VALUES (?, 'complaints', ?)").bind(s.id, s.ownerId),
      db
        .prepare("INSERT INTO rulesets (site_id, version, body, created_by, created_at) VALUES (?, 1, ?, ?, ?)")
        .bind(s.id, JSON.stringify(s.ruleset), s.ownerId, now),
    ]);
  } catch (e) {
    // Two creations racing for one key: the primary key decides, the loser gets "taken".
    if (String(e).includes("UNIQUE")) return false;
    throw e;
  }
  return true;
}

/** Applies a validated patch; returns the site as it is now (null when it does not exist). */
export async function updateSite(db: D1Database, id: string, p: SitePatch, now = Date.now()): Promise<Site | null> {
  const sets: string[] = [];
  const args: unknown[] = [];
  const put = (col: string, v: unknown) => (sets.push(`${col} = ?`), args.push(v));
  if (p.name !== undefined) put("name", p.name);
  if (p.allowedOrigins !== undefined) put("allowed_origins", JSON.stringify(p.allowedOrigins));
  if (p.settings !== undefined) put("settings", JSON.stringify(p.settings));
  if (p.timezone !== undefined) put("timezone", p.timezone);
  if (p.businessHours !== undefined) put("business_hours", JSON.stringify(p.businessHours));
  if (p.identityRequired !== undefined) put("identity_required", p.identityRequired ? 1 : 0);
  if (p.anonymousAllowed !== undefined) put("anonymous_allowed", p.anonymousAllowed ? 1 : 0);
  if (p.assignment !== undefined) put("assignment", p.assignment);
  if (p.retentionDays !== undefined) put("retention_days", p.retentionDays);
  if (sets.length) {
    await db
      .prepare(`UPDATE sites SET ${sets.join(", ")}, updated_at = ? WHERE id = ?`)
      .bind(...args, now, id)
      .run();
  }
  return getSite(db, id);
}

/** The site's identity secret as stored (sealed with `sealSecret`), or null when none was made. */
export async function getIdentitySecretSealed(db: D1Database, id: string): Promise<string | null> {
  const r = await db.prepare("SELECT identity_secret FROM sites WHERE id = ?").bind(id).first<{ identity_secret: string | null }>();
  return r?.identity_secret ?? null;
}

/** Stores a new identity secret (already sealed); the old one stops working at once. */
export async function setIdentitySecretSealed(db: D1Database, id: string, sealed: string, now = Date.now()): Promise<void> {
  await db.prepare("UPDATE sites SET identity_secret = ?, updated_at = ? WHERE id = ?").bind(sealed, now, id).run();
}
