// identify() and setAttributes() from the widget: who the visitor is, verified by the site's
// identity secret (userHash or HS256 JWT), and custom attributes on their contact.

import { Hono } from "hono";
import { parseAttributes, parseIdentifyRequest, verifyIdentify, type AttributeValue } from "../auth/identity-verify.ts";
import { signVisitorToken, type VisitorClaims } from "../auth/visitor-token.ts";
import { mergeContacts } from "../contacts/merge.ts";
import { getContactProfile } from "../db/contact-records.ts";
import { findOrCreateContact } from "../db/contacts.ts";
import type { Site } from "../db/sites.ts";
import { applyProfile, getSealedIdentitySecret, linkVerifiedUser } from "../db/visitor-profile.ts";
import type { AppEnv } from "../env.ts";
import { AppError, readJson } from "../errors.ts";
import { openSecret } from "../lib/secrets.ts";
import { rateLimit } from "../ratelimit/limit.ts";
import { siteFor, visitorFor } from "./widget-context.ts";

export const widgetProfileRoutes = new Hono<AppEnv>();

export interface IdentifyOutcome {
  claims: VisitorClaims;
  verified: boolean;
  /** False only when a merge with the user's contact could not happen (the history stayed apart). */
  merged: boolean;
}

/**
 * Verifies an identify() body and applies it to the visitor's contact. Verified users get their tier,
 * external id and the `u` claim in the visitor token; unverified claims (only where the site allows
 * them) set profile fields and the attributes, never the tier. Refusals throw an AppError.
 */
export async function identifyVisitor(env: Env, site: Site, visitor: VisitorClaims, body: unknown, now = Date.now()): Promise<IdentifyOutcome> {
  const parsed = parseIdentifyRequest(body);
  if (!parsed.ok) throw new AppError(400, parsed.code, parsed.message, parsed.field ? { field: parsed.field } : {});
  const secret = await openSecret(env.PARLEY_SECRET, await getSealedIdentitySecret(env.DB, site.id));
  const v = await verifyIdentify(parsed.value, secret, site.identityRequired, now);
  if (!v.ok) throw new AppError(v.code === "invalid" ? 400 : 403, v.code, v.message, v.field ? { field: v.field } : {});
  const claims = v.claims;
  if (v.verified && visitor.u && visitor.u !== claims.userId)
    throw new AppError(409, "already_identified", "This device is signed in as another user. Call Parley('reset') when a user signs out.");
  let contactId = (await findOrCreateContact(env.DB, site.id, "visitor", visitor.v, now)).id;
  let merged = true;
  if (v.verified) {
    const link = await linkVerifiedUser(env.DB, site.id, contactId, claims.userId, now);
    ({ contactId, merged } = link);
    if (link.owner) {
      // The visitor chatted anonymously and is now proven to be a known user: their history joins the user's.
      const [user, anonymous] = await Promise.all([getContactProfile(env.DB, link.owner), getContactProfile(env.DB, contactId)]);
      if (user && anonymous) {
        await mergeContacts(env, user, anonymous, now);
        contactId = user.id;
        merged = true;
      }
    }
  }
  const attributes: Record<string, AttributeValue> = { ...(claims.attributes ?? {}) };
  // An unverified user id is kept for agents to see, but never used to recognise anyone.
  if (!v.verified) attributes.unverifiedUserId = claims.userId;
  await applyProfile(
    env.DB,
    contactId,
    {
      ...(claims.name ? { name: claims.name } : {}),
      ...(claims.email ? { email: claims.email } : {}),
      ...(claims.phone ? { phone: claims.phone } : {}),
      ...(v.verified ? { externalId: claims.userId, ...(claims.tier ? { tier: claims.tier } : {}) } : {}),
      attributes,
    },
    now,
  );
  return { claims: v.verified ? { ...visitor, u: claims.userId } : visitor, verified: v.verified, merged };
}

/** Validates and stores custom attributes on the visitor's contact. */
export async function setVisitorAttributes(env: Env, site: Site, visitor: VisitorClaims, input: unknown, now = Date.now()): Promise<number> {
  const parsed = parseAttributes(input);
  if (!parsed.ok) throw new AppError(400, parsed.code, parsed.message, parsed.field ? { field: parsed.field } : {});
  const contact = await findOrCreateContact(env.DB, site.id, "visitor", visitor.v, now);
  await applyProfile(env.DB, contact.id, { attributes: parsed.value }, now);
  return Object.keys(parsed.value).length;
}

/** identify(): returns a new visitor token (carrying the verified user id). */
widgetProfileRoutes.post("/sites/:site/identify", async (c) => {
  const site = await siteFor(c);
  const visitor = await visitorFor(c, site);
  await rateLimit(c, site.id, "profile", visitor.v);
  const out = await identifyVisitor(c.env, site, visitor, await readJson(c, 16 * 1024));
  const token = await signVisitorToken(c.env.PARLEY_SECRET, out.claims);
  return c.json({ token, visitorId: out.claims.v, verified: out.verified, merged: out.merged });
});

/** setAttributes(): `{ attributes: { key: value } }`. */
widgetProfileRoutes.post("/sites/:site/attributes", async (c) => {
  const site = await siteFor(c);
  const visitor = await visitorFor(c, site);
  await rateLimit(c, site.id, "profile", visitor.v);
  const body = (await readJson(c, 64 * 1024)) as { attributes?: unknown } | null;
  const count = await setVisitorAttributes(c.env, site, visitor, body?.attributes);
  return c.json({ ok: true, count });
});
