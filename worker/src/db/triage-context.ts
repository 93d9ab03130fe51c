// What triage needs to know from the directory for one visitor message, in one round trip.

import type { Ruleset } from "../../../protocol/src/ruleset.ts";
import type { BusinessHours } from "../lib/time.ts";
import { parseJson } from "./json.ts";

export interface TriageContext {
  rulesetVersion: number;
  /** The ruleset body, only when `wantBodyUnless` differs from the published version. */
  ruleset: Ruleset | null;
  timezone: string;
  businessHours: BusinessHours;
  contact: { tier: string; email: string | null; attributes: Record<string, unknown> };
}

/**
 * Loads the site's published ruleset version, hours and the contact's profile. The ruleset body is
 * read only when the caller's cached version (`cachedVersion`) is not the published one.
 */
export async function loadTriageContext(db: D1Database, siteId: string, contactId: string, cachedVersion: number | null): Promise<TriageContext | null> {
  const row = await db
    .prepare(
      `SELECT s.ruleset_version, s.timezone, s.business_hours, c.tier, c.email, c.attributes,
              CASE WHEN s.ruleset_version = ? THEN NULL ELSE (SELECT body FROM rulesets r WHERE r.site_id = s.id AND r.version = s.ruleset_version) END AS body
       FROM sites s LEFT JOIN contacts c ON c.id = ? WHERE s.id = ?`,
    )
    .bind(cachedVersion ?? -1, contactId, siteId)
    .first<{
      ruleset_version: number;
      timezone: string;
      business_hours: string;
      tier: string | null;
      email: string | null;
      attributes: string | null;
      body: string | null;
    }>();
  if (!row) return null;
  return {
    rulesetVersion: row.ruleset_version,
    ruleset: row.body ? parseJson<Ruleset | null>(row.body, null) : null,
    timezone: row.timezone,
    businessHours: parseJson<BusinessHours>(row.business_hours, {}),
    contact: { tier: row.tier ?? "regular", email: row.email, attributes: parseJson<Record<string, unknown>>(row.attributes, {}) },
  };
}
