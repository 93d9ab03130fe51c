// Shared checks of the widget routes: the site and its origin allowlist (with CORS for allowed
// origins), the visitor's token, and that a conversation belongs to that visitor.

import type { Context } from "hono";
import { verifyVisitorToken, type VisitorClaims } from "../auth/visitor-token.ts";
import { findOrCreateContact, visitorOwnsContact, type Contact } from "../db/contacts.ts";
import { getConversationSummary, type ConversationSummary } from "../db/conversations.ts";
import { getSite, originAllowed, type Site } from "../db/sites.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";

/** Loads the site and enforces the origin allowlist; sets CORS headers for allowed origins. */
export async function siteFor(c: Context<AppEnv>): Promise<Site> {
  const site = await getSite(c.env.DB, c.req.param("site") ?? "");
  if (!site) throw new AppError(404, "unknown_site", "No such site.");
  const origin = c.req.header("origin");
  if (!originAllowed(site, origin)) throw new AppError(403, "origin_not_allowed", "This page's origin may not use this site's chat.");
  c.header("Vary", "Origin");
  if (origin) {
    c.header("Access-Control-Allow-Origin", origin);
    // The widget reads Retry-After to say when a rate-limited visitor may go on.
    c.header("Access-Control-Expose-Headers", "Retry-After");
  }
  return site;
}

/**
 * The visitor behind the bearer token, or `?token=` on a socket upgrade only (browsers cannot send
 * headers there); other routes never take the token from the URL, where logs and referrers keep it.
 */
export async function visitorFor(c: Context<AppEnv>, site: Site): Promise<VisitorClaims> {
  const auth = c.req.header("authorization");
  const upgrade = c.req.header("upgrade")?.toLowerCase() === "websocket";
  const token = auth?.startsWith("Bearer ") ? auth.slice(7) : upgrade ? c.req.query("token") : undefined;
  const claims = await verifyVisitorToken(c.env.PARLEY_SECRET, token, site.id);
  if (!claims) throw new AppError(401, "bad_visitor_token", "Your chat session has expired. Reload the page to start again.");
  return claims;
}

/** The visitor's contact (created on first use). */
export function visitorContact(c: Context<AppEnv>, site: Site, visitor: VisitorClaims): Promise<Contact> {
  return findOrCreateContact(c.env.DB, site.id, "visitor", visitor.v);
}

/** A conversation of this site that belongs to this visitor; 404 otherwise (never says which). */
export async function visitorConversation(c: Context<AppEnv>, site: Site, visitor: VisitorClaims): Promise<ConversationSummary> {
  const summary = await getConversationSummary(c.env.DB, c.req.param("id") ?? "");
  const owner = summary && summary.siteId === site.id ? await visitorOwnsContact(c.env.DB, site.id, visitor.v, summary.contactId) : false;
  if (!summary || !owner) throw new AppError(404, "not_found", "No such conversation.");
  return summary;
}
