// Visitor tokens: `<payload>.<signature>`, HMAC-signed, bound to one site and one visitor, expiring.

import { fromBase64Url, hmacSha256, timingSafeEqual, toBase64Url } from "../lib/crypto.ts";

export const VISITOR_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

export interface VisitorClaims {
  /** Site key. */
  s: string;
  /** Visitor id (random, per device). */
  v: string;
  /** Expiry, ms since epoch. */
  e: number;
  /** Verified user id from identify(), when the site verified it. */
  u?: string;
}

const decoder = new TextDecoder();

export async function signVisitorToken(secret: string, claims: VisitorClaims): Promise<string> {
  const payload = toBase64Url(new TextEncoder().encode(JSON.stringify(claims)));
  const sig = toBase64Url(await hmacSha256(secret, `visitor.${payload}`));
  return `${payload}.${sig}`;
}

/** Verifies a token for a site. Returns its claims, or null when forged, expired or for another site. */
export async function verifyVisitorToken(secret: string, token: string | null | undefined, siteId: string, now = Date.now()): Promise<VisitorClaims | null> {
  if (typeof token !== "string" || token.length > 1024) return null;
  const [payload, sig, extra] = token.split(".");
  if (!payload || !sig || extra !== undefined) return null;
  const expected = toBase64Url(await hmacSha256(secret, `visitor.${payload}`));
  if (!timingSafeEqual(sig, expected)) return null;
  const bytes = fromBase64Url(payload);
  if (!bytes) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(decoder.decode(bytes));
  } catch {
    return null;
  }
  if (typeof claims !== "object" || claims === null) return null;
  const c = claims as Record<string, unknown>;
  if (c.s !== siteId || typeof c.v !== "string" || typeof c.e !== "number" || c.e <= now) return null;
  return { s: c.s, v: c.v, e: c.e, ...(typeof c.u === "string" ? { u: c.u } : {}) };
}
