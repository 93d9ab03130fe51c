// Canned replies: a site's saved answers, inserted in the console by their /shortcut.

import { newId } from "../lib/ids.ts";

export interface CannedReply {
  id: string;
  siteId: string;
  shortcut: string;
  title: string;
  text: string;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: string;
  site_id: string;
  shortcut: string;
  title: string;
  text: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

const toReply = (r: Row): CannedReply => ({
  id: r.id,
  siteId: r.site_id,
  shortcut: r.shortcut,
  title: r.title,
  text: r.text,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listCannedReplies(db: D1Database, siteId: string): Promise<CannedReply[]> {
  const { results } = await db.prepare("SELECT * FROM canned_replies WHERE site_id = ? ORDER BY shortcut").bind(siteId).all<Row>();
  return results.map(toReply);
}

export async function getCannedReply(db: D1Database, id: string): Promise<CannedReply | null> {
  const row = await db.prepare("SELECT * FROM canned_replies WHERE id = ?").bind(id).first<Row>();
  return row ? toReply(row) : null;
}

/** Creates a reply; null when the shortcut is taken on the site. */
export async function createCannedReply(
  db: D1Database,
  siteId: string,
  r: { shortcut: string; title: string; text: string; createdBy: string | null },
  now = Date.now(),
): Promise<CannedReply | null> {
  const id = newId("cr", now);
  const res = await db
    .prepare("INSERT OR IGNORE INTO canned_replies (id, site_id, shortcut, title, text, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    .bind(id, siteId, r.shortcut, r.title, r.text, r.createdBy, now, now)
    .run();
  return res.meta.changes > 0 ? getCannedReply(db, id) : null;
}

/** Updates a reply; false when the new shortcut is taken by another reply. */
export async function updateCannedReply(
  db: D1Database,
  id: string,
  p: { shortcut?: string; title?: string; text?: string },
  now = Date.now(),
): Promise<boolean> {
  const sets: string[] = [];
  const args: unknown[] = [];
  for (const k of ["shortcut", "title", "text"] as const) if (p[k] !== undefined) (sets.push(`${k} = ?`), args.push(p[k]));
  try {
    await db
      .prepare(`UPDATE canned_replies SET ${[...sets, "updated_at = ?"].join(", ")} WHERE id = ?`)
      .bind(...args, now, id)
      .run();
    return true;
  } catch (e) {
    if (String(e).includes("UNIQUE")) return false;
    throw e;
  }
}

export async function deleteCannedReply(db: D1Database, id: string): Promise<void> {
  await db.prepare("DELETE FROM canned_replies WHERE id = ?").bind(id).run();
}
