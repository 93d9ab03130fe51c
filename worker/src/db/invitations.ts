// Invitations: a one-time, expiring link that makes its holder a member of a site.
// Only the SHA-256 of the link's token is stored.

import { randomSecret, sha256Hex } from "../lib/crypto.ts";
import { newId } from "../lib/ids.ts";
import type { Role } from "./users.ts";

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export interface Invitation {
  id: string;
  siteId: string;
  email: string;
  role: Role;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
  acceptedAt: number | null;
  revokedAt: number | null;
  /** pending | accepted | revoked | expired, at the time it was read. */
  state: "pending" | "accepted" | "revoked" | "expired";
}

interface Row {
  id: string;
  site_id: string;
  email: string;
  role: Role;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  revoked_at: number | null;
}

function toInvitation(r: Row, now: number): Invitation {
  const state = r.accepted_at ? "accepted" : r.revoked_at ? "revoked" : r.expires_at <= now ? "expired" : "pending";
  return {
    id: r.id,
    siteId: r.site_id,
    email: r.email,
    role: r.role,
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    acceptedAt: r.accepted_at,
    revokedAt: r.revoked_at,
    state,
  };
}

/** Creates an invitation; returns it and the token for the link (shown once, never stored). */
export async function createInvitation(
  db: D1Database,
  i: { siteId: string; email: string; role: Role; createdBy: string | null },
  now = Date.now(),
  ttlMs = INVITATION_TTL_MS,
): Promise<{ invitation: Invitation; token: string }> {
  const token = randomSecret(32);
  const id = newId("inv", now);
  await db
    .prepare("INSERT INTO invitations (id, site_id, email, role, token_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    .bind(id, i.siteId, i.email, i.role, await sha256Hex(token), i.createdBy, now, now + ttlMs)
    .run();
  const row: Row = {
    id,
    site_id: i.siteId,
    email: i.email,
    role: i.role,
    created_by: i.createdBy,
    created_at: now,
    expires_at: now + ttlMs,
    accepted_at: null,
    revoked_at: null,
  };
  return { invitation: toInvitation(row, now), token };
}

/** The invitation behind a link's token (any state), or null. */
export async function findInvitationByToken(db: D1Database, token: string, now = Date.now()): Promise<Invitation | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db
    .prepare("SELECT * FROM invitations WHERE token_hash = ?")
    .bind(await sha256Hex(token))
    .first<Row>();
  return row ? toInvitation(row, now) : null;
}

/** A site's invitations, newest first. */
export async function listInvitations(db: D1Database, siteId: string, now = Date.now()): Promise<Invitation[]> {
  const { results } = await db.prepare("SELECT * FROM invitations WHERE site_id = ? ORDER BY created_at DESC LIMIT 200").bind(siteId).all<Row>();
  return results.map((r) => toInvitation(r, now));
}

/**
 * Marks a pending invitation accepted. Atomic: of two concurrent accepts only one succeeds, and an
 * expired or revoked invitation is never accepted.
 */
export async function claimInvitation(db: D1Database, id: string, userId: string, now = Date.now()): Promise<boolean> {
  const res = await db
    .prepare("UPDATE invitations SET accepted_at = ?, accepted_by = ? WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?")
    .bind(now, userId, id, now)
    .run();
  return res.meta.changes > 0;
}

/** Revokes a pending invitation of a site; false when there is no such pending invitation. */
export async function revokeInvitation(db: D1Database, siteId: string, id: string, now = Date.now()): Promise<boolean> {
  const res = await db
    .prepare("UPDATE invitations SET revoked_at = ? WHERE id = ? AND site_id = ? AND accepted_at IS NULL AND revoked_at IS NULL")
    .bind(now, id, siteId)
    .run();
  return res.meta.changes > 0;
}
