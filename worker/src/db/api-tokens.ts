// API tokens for programs: `parley_<random>`, stored as SHA-256 only, scoped to one site, revocable.

import { randomSecret, sha256Hex } from "../lib/crypto.ts";
import { newId } from "../lib/ids.ts";
import type { Role } from "./users.ts";

export const TOKEN_PREFIX = "parley_";

export interface ApiToken {
  id: string;
  siteId: string;
  userId: string;
  name: string;
  role: "admin" | "agent";
  prefix: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

interface Row {
  id: string;
  site_id: string;
  user_id: string;
  name: string;
  role: "admin" | "agent";
  prefix: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

function toToken(r: Row): ApiToken {
  return {
    id: r.id,
    siteId: r.site_id,
    userId: r.user_id,
    name: r.name,
    role: r.role,
    prefix: r.prefix,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

/** Creates a token; returns its record and the secret value (shown once, never stored). */
export async function createApiToken(
  db: D1Database,
  t: { siteId: string; userId: string; name: string; role: "admin" | "agent"; expiresAt: number | null },
  now = Date.now(),
): Promise<{ token: ApiToken; secret: string }> {
  const secret = `${TOKEN_PREFIX}${randomSecret(32)}`;
  const id = newId("tok", now);
  const prefix = secret.slice(0, TOKEN_PREFIX.length + 6);
  await db
    .prepare("INSERT INTO api_tokens (id, site_id, user_id, name, role, token_hash, prefix, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
    .bind(id, t.siteId, t.userId, t.name, t.role, await sha256Hex(secret), prefix, now, t.expiresAt)
    .run();
  return {
    token: {
      id,
      siteId: t.siteId,
      userId: t.userId,
      name: t.name,
      role: t.role,
      prefix,
      createdAt: now,
      expiresAt: t.expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    },
    secret,
  };
}

/**
 * Resolves a presented token: live (not revoked or expired) and its creator still a member of the
 * site. The effective role is the lower of the token's role and the creator's current role.
 */
export async function resolveApiToken(
  db: D1Database,
  secret: string,
  now = Date.now(),
): Promise<{ token: ApiToken; role: Role; user: { id: string; name: string; email: string; avatarUrl: string | null } } | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 100) return null;
  const row = await db
    .prepare(
      `SELECT t.*, m.role AS member_role, u.name AS user_name, u.email AS user_email, u.avatar_url AS user_avatar
       FROM api_tokens t JOIN memberships m ON m.site_id = t.site_id AND m.user_id = t.user_id JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = ?`,
    )
    .bind(await sha256Hex(secret))
    .first<Row & { member_role: Role; user_name: string; user_email: string; user_avatar: string | null }>();
  if (!row || row.revoked_at || (row.expires_at !== null && row.expires_at <= now)) return null;
  if (!row.last_used_at || now - row.last_used_at > 60_000) await db.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").bind(now, row.id).run();
  const role: Role = row.member_role === "agent" || row.role === "agent" ? "agent" : "admin";
  return { token: toToken(row), role, user: { id: row.user_id, name: row.user_name, email: row.user_email, avatarUrl: row.user_avatar } };
}

export async function listApiTokens(db: D1Database, siteId: string): Promise<ApiToken[]> {
  const { results } = await db.prepare("SELECT * FROM api_tokens WHERE site_id = ? ORDER BY created_at DESC").bind(siteId).all<Row>();
  return results.map(toToken);
}

export async function getApiToken(db: D1Database, id: string): Promise<ApiToken | null> {
  const row = await db.prepare("SELECT * FROM api_tokens WHERE id = ?").bind(id).first<Row>();
  return row ? toToken(row) : null;
}

/** Revokes a token; false when it was revoked already. */
export async function revokeApiToken(db: D1Database, id: string, now = Date.now()): Promise<boolean> {
  const res = await db.prepare("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").bind(now, id).run();
  return res.meta.changes > 0;
}
