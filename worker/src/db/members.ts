// Memberships: who belongs to a site, with which role and how many conversations they take at once.

import type { Role } from "./users.ts";

export async function getMembership(db: D1Database, siteId: string, userId: string): Promise<{ role: Role; capacity: number } | null> {
  return db.prepare("SELECT role, capacity FROM memberships WHERE site_id = ? AND user_id = ?").bind(siteId, userId).first<{ role: Role; capacity: number }>();
}

export async function countOwners(db: D1Database, siteId: string): Promise<number> {
  const r = await db.prepare("SELECT COUNT(*) AS n FROM memberships WHERE site_id = ? AND role = 'owner'").bind(siteId).first<{ n: number }>();
  return r?.n ?? 0;
}

/** Adds a member (or keeps the existing membership as it is); returns false when they were a member already. */
export async function addMember(db: D1Database, siteId: string, userId: string, role: Role, now = Date.now()): Promise<boolean> {
  const res = await db
    .prepare("INSERT OR IGNORE INTO memberships (site_id, user_id, role, capacity, created_at) VALUES (?, ?, ?, 5, ?)")
    .bind(siteId, userId, role, now)
    .run();
  return res.meta.changes > 0;
}

export async function updateMember(db: D1Database, siteId: string, userId: string, patch: { role?: Role; capacity?: number }): Promise<void> {
  const sets: string[] = [];
  const args: unknown[] = [];
  if (patch.role) (sets.push("role = ?"), args.push(patch.role));
  if (patch.capacity !== undefined) (sets.push("capacity = ?"), args.push(patch.capacity));
  if (!sets.length) return;
  await db
    .prepare(`UPDATE memberships SET ${sets.join(", ")} WHERE site_id = ? AND user_id = ?`)
    .bind(...args, siteId, userId)
    .run();
}

/** Removes a member from a site: their membership, team places and the API tokens they made for it. */
export async function removeMember(db: D1Database, siteId: string, userId: string): Promise<void> {
  await db.batch([
    db.prepare("DELETE FROM team_members WHERE site_id = ? AND user_id = ?").bind(siteId, userId),
    db.prepare("UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE site_id = ? AND user_id = ?").bind(Date.now(), siteId, userId),
    db.prepare("DELETE FROM memberships WHERE site_id = ? AND user_id = ?").bind(siteId, userId),
  ]);
}
