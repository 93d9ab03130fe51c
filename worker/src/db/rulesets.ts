// Rulesets: every published version is kept; the site row points at the one in force.

import type { Ruleset } from "../../../protocol/src/ruleset.ts";
import { parseJson } from "./json.ts";

export interface RulesetVersion {
  version: number;
  ruleset: Ruleset;
  createdBy: string | null;
  createdAt: number;
}

/** The published ruleset of a site, or null when none was ever published. */
export async function getPublishedRuleset(db: D1Database, siteId: string): Promise<RulesetVersion | null> {
  const row = await db
    .prepare(
      "SELECT r.version, r.body, r.created_by, r.created_at FROM sites s JOIN rulesets r ON r.site_id = s.id AND r.version = s.ruleset_version WHERE s.id = ?",
    )
    .bind(siteId)
    .first<{ version: number; body: string; created_by: string | null; created_at: number }>();
  return row
    ? {
        version: row.version,
        ruleset: parseJson<Ruleset>(row.body, { settings: { handoffKeywords: [], maxBotTurns: 3 }, rules: [] }),
        createdBy: row.created_by,
        createdAt: row.created_at,
      }
    : null;
}

export async function getRulesetVersion(db: D1Database, siteId: string, version: number): Promise<RulesetVersion | null> {
  const row = await db
    .prepare("SELECT version, body, created_by, created_at FROM rulesets WHERE site_id = ? AND version = ?")
    .bind(siteId, version)
    .first<{ version: number; body: string; created_by: string | null; created_at: number }>();
  return row
    ? {
        version: row.version,
        ruleset: parseJson<Ruleset>(row.body, { settings: { handoffKeywords: [], maxBotTurns: 3 }, rules: [] }),
        createdBy: row.created_by,
        createdAt: row.created_at,
      }
    : null;
}

/** Every version of a site's ruleset, newest first, with who published it and which one is in force. */
export async function listRulesetVersions(
  db: D1Database,
  siteId: string,
): Promise<{ version: number; createdBy: string | null; createdByName: string | null; createdAt: number; published: boolean; rules: number }[]> {
  const { results } = await db
    .prepare(
      `SELECT r.version, r.created_by, u.name AS created_by_name, r.created_at, (s.ruleset_version = r.version) AS published,
              json_array_length(r.body, '$.rules') AS rules
       FROM rulesets r JOIN sites s ON s.id = r.site_id LEFT JOIN users u ON u.id = r.created_by
       WHERE r.site_id = ? ORDER BY r.version DESC LIMIT 200`,
    )
    .bind(siteId)
    .all<{ version: number; created_by: string | null; created_by_name: string | null; created_at: number; published: number; rules: number | null }>();
  return results.map((r) => ({
    version: r.version,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    published: r.published === 1,
    rules: r.rules ?? 0,
  }));
}

/** Stores a validated ruleset as the next version and puts it in force, in one transaction. */
export async function publishRuleset(db: D1Database, siteId: string, ruleset: Ruleset, userId: string | null, now = Date.now()): Promise<number> {
  const [inserted] = await db.batch<{ version: number }>([
    db
      .prepare(
        "INSERT INTO rulesets (site_id, version, body, created_by, created_at) SELECT ?, COALESCE(MAX(version), 0) + 1, ?, ?, ? FROM rulesets WHERE site_id = ? RETURNING version",
      )
      .bind(siteId, JSON.stringify(ruleset), userId, now, siteId),
    db
      .prepare("UPDATE sites SET ruleset_version = (SELECT MAX(version) FROM rulesets WHERE site_id = ?), updated_at = ? WHERE id = ?")
      .bind(siteId, now, siteId),
  ]);
  return inserted?.results[0]?.version ?? 0;
}

/** Puts an earlier version back in force (a rollback); returns false when that version does not exist. */
export async function restoreRulesetVersion(db: D1Database, siteId: string, version: number, now = Date.now()): Promise<boolean> {
  const res = await db
    .prepare("UPDATE sites SET ruleset_version = ?, updated_at = ? WHERE id = ? AND EXISTS (SELECT 1 FROM rulesets WHERE site_id = ? AND version = ?)")
    .bind(version, now, siteId, siteId, version)
    .run();
  return res.meta.changes > 0;
}
