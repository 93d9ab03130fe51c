// Sign-in sessions: only the SHA-256 of the cookie value is stored, so a database leak grants nothing.

import { randomSecret, sha256Hex } from "../lib/crypto.ts";

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/** Creates a session and returns the cookie value (shown to the client once, never stored). */
export async function createSession(db: D1Database, userId: string, userAgent: string | undefined, now = Date.now()): Promise<string> {
  const value = randomSecret(32);
  await db
    .prepare("INSERT INTO sessions (id_hash, user_id, created_at, expires_at, last_seen_at, user_agent) VALUES (?, ?, ?, ?, ?, ?)")
    .bind(await sha256Hex(value), userId, now, now + SESSION_TTL_MS, now, (userAgent ?? "").slice(0, 200))
    .run();
  return value;
}

/** The user id of a live session, or null for an unknown or expired one. */
export async function sessionUserId(db: D1Database, value: string, now = Date.now()): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(value)) return null;
  const row = await db
    .prepare("SELECT user_id, expires_at FROM sessions WHERE id_hash = ?")
    .bind(await sha256Hex(value))
    .first<{ user_id: string; expires_at: number }>();
  if (!row || row.expires_at <= now) return null;
  return row.user_id;
}

export async function deleteSession(db: D1Database, value: string): Promise<void> {
  await db
    .prepare("DELETE FROM sessions WHERE id_hash = ?")
    .bind(await sha256Hex(value))
    .run();
}
