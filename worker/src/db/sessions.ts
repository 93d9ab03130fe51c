// Sign-in sessions: only the SHA-256 of the cookie value is stored, so a database leak grants nothing.

import { randomSecret, sha256Hex } from "../lib/crypto.ts";

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** `last_seen_at` is refreshed at most this often, so reads do not turn into a write each. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** Creates a session and returns the cookie value (shown to the client once, never stored). */
export async function createSession(db: D1Database, userId: string, userAgent: string | undefined, now = Date.now()): Promise<string> {
  const value = randomSecret(32);
  await db
    .prepare("INSERT INTO sessions (id_hash, user_id, created_at, expires_at, last_seen_at, user_agent) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(await sha256Hex(value), userId, now, now + SESSION_TTL_MS, now, (userAgent ?? "").slice(0, 200))
    .run();
  return value;
}

/** A live session: its user and its id (the hash of the cookie value, safe to show: it cannot be reversed). */
export interface LiveSession {
  userId: string;
  id: string;
}

/** The live session behind a cookie value, or null for an unknown or expired one. Refreshes `last_seen_at`. */
export async function findSession(db: D1Database, value: string, now = Date.now()): Promise<LiveSession | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(value)) return null;
  const id = await sha256Hex(value);
  const row = await db
    .prepare("SELECT user_id, expires_at, last_seen_at FROM sessions WHERE id_hash = ?")
    .bind(id)
    .first<{ user_id: string; expires_at: number; last_seen_at: number }>();
  if (!row || row.expires_at <= now) return null;
  if (now - row.last_seen_at > TOUCH_EVERY_MS) await db.prepare("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?").bind(now, id).run();
  return { userId: row.user_id, id };
}

/** The user id of a live session, or null for an unknown or expired one. */
export async function sessionUserId(db: D1Database, value: string, now = Date.now()): Promise<string | null> {
  return (await findSession(db, value, now))?.userId ?? null;
}

export async function deleteSession(db: D1Database, value: string): Promise<void> {
  await db
    .prepare("DELETE FROM sessions WHERE id_hash = ?")
    .bind(await sha256Hex(value))
    .run();
}

export interface SessionInfo {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  userAgent: string;
}

/** A user's live sessions, most recently used first. */
export async function listSessions(db: D1Database, userId: string, now = Date.now()): Promise<SessionInfo[]> {
  const { results } = await db
    .prepare("SELECT id_hash, created_at, last_seen_at, expires_at, user_agent FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY last_seen_at DESC")
    .bind(userId, now)
    .all<{ id_hash: string; created_at: number; last_seen_at: number; expires_at: number; user_agent: string | null }>();
  return results.map((r) => ({ id: r.id_hash, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at, userAgent: r.user_agent ?? "" }));
}

/** Ends one of the user's sessions by id; false when the user has no such session. */
export async function revokeSession(db: D1Database, userId: string, id: string): Promise<boolean> {
  const res = await db.prepare("DELETE FROM sessions WHERE user_id = ? AND id_hash = ?").bind(userId, id).run();
  return res.meta.changes > 0;
}

/** Ends every session of the user except `keepId` (after a password change); returns how many ended. */
export async function revokeOtherSessions(db: D1Database, userId: string, keepId: string | null): Promise<number> {
  const res = await db
    .prepare("DELETE FROM sessions WHERE user_id = ? AND id_hash != ?")
    .bind(userId, keepId ?? "")
    .run();
  return res.meta.changes;
}
