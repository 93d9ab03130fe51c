// identify() verification (CONTRACT.md §2): a `userHash` (hex HMAC-SHA256 of the user id under the
// site's identity secret) or a JWT signed HS256 with the same secret. Parsers never throw; anything
// malformed is refused with a code and a message the widget can show.

import { fromBase64Url, hmacSha256, timingSafeEqual, toBase64Url, toHex } from "../lib/crypto.ts";

export const TIERS = ["vip", "key", "regular"] as const;
export type Tier = (typeof TIERS)[number];

/** What identify() may say about a user. */
export interface IdentityClaims {
  userId: string;
  name?: string;
  email?: string;
  phone?: string;
  tier?: Tier;
  attributes?: Record<string, AttributeValue>;
}

export type AttributeValue = string | number | boolean | null;

/** A parsed identify() request: claims with a userHash, or a JWT. */
export type IdentifyRequest = { kind: "claims"; claims: IdentityClaims; userHash?: string } | { kind: "token"; token: string };

export type Refusal = { ok: false; code: string; message: string; field?: string };

const EMAIL = /^[^\s@<>()",;:]{1,64}@[^\s@<>()",;:]{1,253}\.[^\s@<>()",;:.]{2,63}$/;
const PHONE = /^\+?[\d\s().-]{5,40}$/;
const ATTRIBUTE_KEY = /^[A-Za-z_][\w.-]{0,63}$/;
/** JWTs may be issued by a server whose clock is slightly off. */
const CLOCK_SKEW_S = 60;

function refuse(code: string, message: string, field?: string): Refusal {
  return { ok: false, code, message, ...(field ? { field } : {}) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Validates custom attributes: at most 50 keys, simple names, scalar values of bounded size. */
export function parseAttributes(v: unknown, field = "attributes"): { ok: true; value: Record<string, AttributeValue> } | Refusal {
  if (!isRecord(v)) return refuse("invalid", "Attributes must be an object of name → value.", field);
  const entries = Object.entries(v);
  if (entries.length > 50) return refuse("invalid", "At most 50 attributes at once.", field);
  const out: Record<string, AttributeValue> = {};
  for (const [k, val] of entries) {
    if (!ATTRIBUTE_KEY.test(k)) return refuse("invalid", `"${k.slice(0, 40)}" is not a valid attribute name.`, `${field}.${k.slice(0, 40)}`);
    const ok = val === null || typeof val === "boolean" || (typeof val === "number" && Number.isFinite(val)) || (typeof val === "string" && val.length <= 1000);
    if (!ok) return refuse("invalid", `Attribute "${k}" must be a string (≤ 1000 characters), a number, a boolean or null.`, `${field}.${k}`);
    out[k] = val as AttributeValue;
  }
  return { ok: true, value: out };
}

/** Validates the profile part of identify(): userId and the optional fields. */
export function parseClaims(v: Record<string, unknown>, userIdKey: "userId" | "sub"): { ok: true; value: IdentityClaims } | Refusal {
  const userId = v[userIdKey];
  if (typeof userId !== "string" || userId.length === 0 || userId.length > 256)
    return refuse("invalid", "userId must be a string of 1–256 characters.", "userId");
  const claims: IdentityClaims = { userId };
  if (v.name !== undefined && v.name !== null) {
    if (typeof v.name !== "string" || v.name.length > 200) return refuse("invalid", "name must be a string of at most 200 characters.", "name");
    if (v.name.trim()) claims.name = v.name.trim();
  }
  if (v.email !== undefined && v.email !== null) {
    if (typeof v.email !== "string" || !EMAIL.test(v.email.trim())) return refuse("invalid", "email is not a valid address.", "email");
    claims.email = v.email.trim().toLowerCase();
  }
  if (v.phone !== undefined && v.phone !== null) {
    if (typeof v.phone !== "string" || !PHONE.test(v.phone.trim())) return refuse("invalid", "phone is not a valid number.", "phone");
    claims.phone = v.phone.trim();
  }
  if (v.tier !== undefined && v.tier !== null) {
    if (!TIERS.includes(v.tier as Tier)) return refuse("invalid", `tier must be one of ${TIERS.join(", ")}.`, "tier");
    claims.tier = v.tier as Tier;
  }
  if (v.attributes !== undefined && v.attributes !== null) {
    const a = parseAttributes(v.attributes);
    if (!a.ok) return a;
    claims.attributes = a.value;
  }
  return { ok: true, value: claims };
}

/** Parses the body of an identify() call. */
export function parseIdentifyRequest(body: unknown): { ok: true; value: IdentifyRequest } | Refusal {
  if (!isRecord(body)) return refuse("invalid", "identify needs an object: { userId, … } or { token }.");
  if (body.token !== undefined) {
    if (typeof body.token !== "string" || body.token.length > 8192) return refuse("invalid", "token must be a JWT string.", "token");
    return { ok: true, value: { kind: "token", token: body.token } };
  }
  const claims = parseClaims(body, "userId");
  if (!claims.ok) return claims;
  if (body.userHash !== undefined && (typeof body.userHash !== "string" || !/^[0-9a-fA-F]{64}$/.test(body.userHash)))
    return refuse("invalid", "userHash must be the hex HMAC-SHA256 of userId (64 hex digits).", "userHash");
  return { ok: true, value: { kind: "claims", claims: claims.value, ...(typeof body.userHash === "string" ? { userHash: body.userHash } : {}) } };
}

/** The userHash a site owner's server computes: hex HMAC-SHA256 of the user id. */
export async function userHash(secret: string, userId: string): Promise<string> {
  return toHex(await hmacSha256(secret, userId));
}

function decodeJsonPart(part: string): Record<string, unknown> | null {
  const bytes = fromBase64Url(part);
  if (!bytes) return null;
  try {
    const v = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    return isRecord(v) ? v : null;
  } catch {
    return null;
  }
}

/** Verifies an HS256 JWT (`alg` must be HS256; `exp` required; `nbf` honoured) and returns its claims. */
export async function verifyIdentityJwt(secret: string, token: string, nowMs: number): Promise<{ ok: true; value: IdentityClaims } | Refusal> {
  const parts = token.split(".");
  if (parts.length !== 3) return refuse("bad_token", "The identity token is not a JWT.", "token");
  const [h, p, sig] = parts as [string, string, string];
  const header = decodeJsonPart(h);
  if (!header || header.alg !== "HS256") return refuse("bad_token", "The identity token must be signed with HS256.", "token");
  const expected = toBase64Url(await hmacSha256(secret, `${h}.${p}`));
  if (!timingSafeEqual(sig, expected)) return refuse("bad_token", "The identity token's signature does not match the site's identity secret.", "token");
  const payload = decodeJsonPart(p);
  if (!payload) return refuse("bad_token", "The identity token's payload is not JSON.", "token");
  const now = nowMs / 1000;
  if (typeof payload.exp !== "number") return refuse("bad_token", "The identity token needs an exp claim.", "token");
  if (payload.exp + CLOCK_SKEW_S <= now) return refuse("token_expired", "The identity token has expired.", "token");
  if (typeof payload.nbf === "number" && payload.nbf - CLOCK_SKEW_S > now) return refuse("bad_token", "The identity token is not valid yet.", "token");
  return parseClaims(payload, "sub");
}

/** The outcome of verification: verified claims, unverified claims (allowed on lax sites), or a refusal. */
export type Verification = { ok: true; verified: boolean; claims: IdentityClaims } | Refusal;

/**
 * Verifies an identify() request against the site's identity secret. A token or a userHash that does
 * not verify is always refused; plain claims are accepted unverified only when the site does not
 * require verification.
 */
export async function verifyIdentify(req: IdentifyRequest, secret: string | null, required: boolean, nowMs: number): Promise<Verification> {
  if (req.kind === "token") {
    if (!secret) return refuse("no_identity_secret", "This site has no identity secret, so identity tokens cannot be checked.", "token");
    const r = await verifyIdentityJwt(secret, req.token, nowMs);
    return r.ok ? { ok: true, verified: true, claims: r.value } : r;
  }
  if (req.userHash !== undefined) {
    if (!secret) return refuse("no_identity_secret", "This site has no identity secret, so userHash cannot be checked.", "userHash");
    const want = await userHash(secret, req.claims.userId);
    if (!timingSafeEqual(req.userHash.toLowerCase(), want)) return refuse("bad_user_hash", "userHash does not match the user id.", "userHash");
    return { ok: true, verified: true, claims: req.claims };
  }
  if (required) return refuse("identity_unverified", "This site only accepts identify() with a userHash or a token.", "userHash");
  return { ok: true, verified: false, claims: req.claims };
}
