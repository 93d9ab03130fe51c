// Widget routes (/widget/v1): public site config, visitor sessions, conversations and their socket.
// Called cross-origin from the site owner's pages: only origins on the site's list get in.

import { Hono, type Context } from "hono";
import { PROTOCOL_VERSION } from "../../../protocol/src/frames.ts";
import { signVisitorToken, verifyVisitorToken, VISITOR_TOKEN_TTL_MS, type VisitorClaims } from "../auth/visitor-token.ts";
import { findOrCreateContact, visitorOwnsContact } from "../db/contacts.ts";
import { findOpenConversationForContact, findVisitorConversation, getConversationSummary } from "../db/conversations.ts";
import { getSite, originAllowed, type Site } from "../db/sites.ts";
import type { AppEnv } from "../env.ts";
import { AppError, readJson } from "../errors.ts";
import { newId, randomChars } from "../lib/ids.ts";
import { isBusinessHours } from "../lib/time.ts";
import { conversationStub } from "../stubs.ts";

export const widgetRoutes = new Hono<AppEnv>();

const LOCALE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,2}$/;

/** Loads the site and enforces the origin allowlist; sets CORS headers for allowed origins. */
async function siteFor(c: Context<AppEnv>): Promise<Site> {
  const site = await getSite(c.env.DB, c.req.param("site") ?? "");
  if (!site) throw new AppError(404, "unknown_site", "No such site.");
  const origin = c.req.header("origin");
  if (!originAllowed(site, origin)) throw new AppError(403, "origin_not_allowed", "This page's origin may not use this site's chat.");
  if (origin) {
    c.header("Access-Control-Allow-Origin", origin);
    c.header("Vary", "Origin");
  }
  return site;
}

async function visitorFor(c: Context<AppEnv>, site: Site): Promise<VisitorClaims> {
  const auth = c.req.header("authorization");
  const token = auth?.startsWith("Bearer ") ? auth.slice(7) : c.req.query("token");
  const claims = await verifyVisitorToken(c.env.PARLEY_SECRET, token, site.id);
  if (!claims) throw new AppError(401, "bad_visitor_token", "Your chat session has expired. Reload the page to start again.");
  return claims;
}

widgetRoutes.options("/sites/:site/*", (c) => {
  const origin = c.req.header("origin");
  if (origin) c.header("Access-Control-Allow-Origin", origin);
  c.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  c.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
  c.header("Access-Control-Max-Age", "86400");
  c.header("Vary", "Origin");
  return c.body(null, 204);
});

/** Public widget settings, read at page load. Writes nothing and sets no cookie. */
widgetRoutes.get("/sites/:site/config", async (c) => {
  const site = await siteFor(c);
  const s = site.settings;
  c.header("Cache-Control", "public, max-age=60");
  return c.json({
    site: site.id,
    protocol: PROTOCOL_VERSION,
    title: s.title ?? null,
    greeting: s.greeting ?? null,
    accent: s.accent ?? null,
    position: s.position ?? "right",
    avatar: s.avatar ?? null,
    locale: s.locale ?? null,
    open: isBusinessHours(Date.now(), site.timezone, site.businessHours),
    identityRequired: site.identityRequired,
  });
});

/**
 * Starts or renews a visitor session: a valid token keeps its visitor id (and gets a fresh expiry),
 * anything else starts a new anonymous visitor. Returns the visitor's open conversation, if any.
 */
widgetRoutes.post("/sites/:site/session", async (c) => {
  const site = await siteFor(c);
  const body = (await readJson(c, 8 * 1024)) as { token?: unknown };
  const now = Date.now();
  const old = typeof body?.token === "string" ? await verifyVisitorToken(c.env.PARLEY_SECRET, body.token, site.id, now) : null;
  const claims: VisitorClaims = { s: site.id, v: old?.v ?? `v_${randomChars(22)}`, e: now + VISITOR_TOKEN_TTL_MS, ...(old?.u ? { u: old.u } : {}) };
  const token = await signVisitorToken(c.env.PARLEY_SECRET, claims);
  let conversation: { id: string } | null = null;
  if (old) {
    const existing = await findVisitorConversation(c.env.DB, site.id, claims.v);
    if (existing) conversation = { id: existing.id };
  }
  return c.json({ token, visitorId: claims.v, expiresAt: claims.e, conversation });
});

/** Returns the visitor's open conversation or starts a new one. */
widgetRoutes.post("/sites/:site/conversations", async (c) => {
  const site = await siteFor(c);
  const visitor = await visitorFor(c, site);
  const body = (await readJson(c, 8 * 1024)) as { locale?: unknown; pageUrl?: unknown } | null;
  const locale = typeof body?.locale === "string" && LOCALE.test(body.locale) ? body.locale : "en";
  const pageUrl = typeof body?.pageUrl === "string" && body.pageUrl.length <= 2048 ? body.pageUrl : null;
  const contact = await findOrCreateContact(c.env.DB, site.id, "visitor", visitor.v);
  const open = await findOpenConversationForContact(c.env.DB, site.id, contact.id);
  const id = open?.id ?? newId("c");
  const view = await conversationStub(c.env, id).create({ id, siteId: site.id, contactId: contact.id, visitorId: visitor.v, channel: "web", locale, pageUrl });
  return c.json({ conversation: view }, open ? 200 : 201);
});

/** The visitor's WebSocket to one of their own conversations. */
widgetRoutes.get("/sites/:site/conversations/:id/ws", async (c) => {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") throw new AppError(426, "upgrade_required", "Connect with a WebSocket.");
  const site = await siteFor(c);
  const visitor = await visitorFor(c, site);
  const id = c.req.param("id");
  const summary = await getConversationSummary(c.env.DB, id);
  const owner = summary ? await visitorOwnsContact(c.env.DB, site.id, visitor.v, summary.contactId) : false;
  if (!summary || summary.siteId !== site.id || !owner) throw new AppError(404, "not_found", "No such conversation.");
  const headers = new Headers(c.req.raw.headers);
  headers.set("x-parley-role", "visitor");
  return conversationStub(c.env, id).fetch(new Request(c.req.raw, { headers }));
});
