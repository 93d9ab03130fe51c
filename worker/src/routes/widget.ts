// Widget routes (/widget/v1): public site config, visitor sessions, conversations, their socket and
// queue position. Called cross-origin from the site owner's pages: only allowed origins get in.
// identify/attributes, forms + CSAT and uploads live in the sibling widget-*.ts files.

import { Hono } from "hono";
import { signVisitorToken, verifyVisitorToken, VISITOR_TOKEN_TTL_MS, type VisitorClaims } from "../auth/visitor-token.ts";
import { findOpenConversationForContact, findVisitorConversation } from "../db/conversations.ts";
import { applyProfile } from "../db/visitor-profile.ts";
import type { AppEnv } from "../env.ts";
import { AppError, readJson } from "../errors.ts";
import { validateFormValues } from "../forms/form-values.ts";
import { newId, randomChars } from "../lib/ids.ts";
import { rateLimit } from "../ratelimit/limit.ts";
import { conversationStub, inboxStub } from "../stubs.ts";
import { siteFor, visitorContact, visitorConversation, visitorFor } from "./widget-context.ts";
import { prechatForm, widgetConfig } from "./widget-config.ts";
import { widgetFileRoutes } from "./widget-files.ts";
import { widgetFormRoutes } from "./widget-forms.ts";
import { identifyVisitor, setVisitorAttributes } from "./widget-profile.ts";
import { widgetProfileRoutes } from "./widget-profile.ts";

export const widgetRoutes = new Hono<AppEnv>();

const LOCALE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,2}$/;

/** CORS preflight: only for an origin on the site's list (others get a 403 without CORS headers). */
widgetRoutes.options("/sites/:site/*", async (c) => {
  await siteFor(c);
  c.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  c.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
  c.header("Access-Control-Max-Age", "86400");
  return c.body(null, 204);
});

/** Public widget settings, read at page load. Writes nothing and sets no cookie. */
widgetRoutes.get("/sites/:site/config", async (c) => {
  const site = await siteFor(c);
  await rateLimit(c, site.id, "config");
  c.header("Cache-Control", "public, max-age=60");
  return c.json(widgetConfig(site));
});

/**
 * Starts or renews a visitor session: a valid token keeps its visitor id (and gets a fresh expiry),
 * anything else starts a new anonymous visitor. Optional `identify` and `attributes` are applied at
 * once (a refused identify leaves the visitor anonymous and is reported in `identify`). Returns the
 * visitor's conversation that is still going, if any.
 */
widgetRoutes.post("/sites/:site/session", async (c) => {
  const site = await siteFor(c);
  const body = (await readJson(c, 32 * 1024)) as { token?: unknown; identify?: unknown; attributes?: unknown } | null;
  const now = Date.now();
  const old = typeof body?.token === "string" ? await verifyVisitorToken(c.env.PARLEY_SECRET, body.token, site.id, now) : null;
  // Renewals count against the visitor; new visitors against the address (what a multi-token flood needs).
  await (old ? rateLimit(c, site.id, "session", old.v) : rateLimit(c, site.id, "newVisitor"));
  let claims: VisitorClaims = { s: site.id, v: old?.v ?? `v_${randomChars(22)}`, e: now + VISITOR_TOKEN_TTL_MS, ...(old?.u ? { u: old.u } : {}) };
  let identify: { ok: true; verified: boolean; merged: boolean } | { ok: false; code: string; message: string } | undefined;
  if (body?.identify !== undefined) {
    try {
      const out = await identifyVisitor(c.env, site, claims, body.identify, now);
      claims = out.claims;
      identify = { ok: true, verified: out.verified, merged: out.merged };
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      identify = { ok: false, code: e.code, message: e.message };
    }
  }
  if (body?.attributes !== undefined) await setVisitorAttributes(c.env, site, claims, body.attributes, now);
  const token = await signVisitorToken(c.env.PARLEY_SECRET, claims);
  const existing = old || identify?.ok ? await findVisitorConversation(c.env.DB, site.id, claims.v) : null;
  return c.json({
    token,
    visitorId: claims.v,
    expiresAt: claims.e,
    identified: Boolean(claims.u),
    conversation: existing ? { id: existing.id } : null,
    ...(identify ? { identify } : {}),
  });
});

/**
 * Returns the visitor's open conversation or starts a new one. A site with a pre-chat form needs its
 * answers (`prechat`) to start one; a site that refuses anonymous conversations needs identify().
 */
widgetRoutes.post("/sites/:site/conversations", async (c) => {
  const site = await siteFor(c);
  const visitor = await visitorFor(c, site);
  await rateLimit(c, site.id, "conversation", visitor.v);
  const body = (await readJson(c, 32 * 1024)) as { locale?: unknown; pageUrl?: unknown; prechat?: unknown } | null;
  const locale = typeof body?.locale === "string" && LOCALE.test(body.locale) ? body.locale : "en";
  const pageUrl = typeof body?.pageUrl === "string" && body.pageUrl.length <= 2048 ? body.pageUrl : null;
  const contact = await visitorContact(c, site, visitor);
  const open = await findOpenConversationForContact(c.env.DB, site.id, contact.id);
  if (!open) {
    if (!site.anonymousAllowed && !visitor.u) throw new AppError(403, "identity_required", "Sign in on this site to chat with us.");
    const form = prechatForm(site);
    if (form) {
      const answers = validateFormValues(form.fields, body?.prechat);
      if (!answers.ok) throw new AppError(400, "invalid", answers.message, { field: `prechat.${answers.field}` });
      const { name, email, phone, ...attributes } = answers.values;
      await applyProfile(c.env.DB, contact.id, { ...(name ? { name } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}), attributes });
    }
  }
  const id = open?.id ?? newId("c");
  const view = await conversationStub(c.env, id).create({ id, siteId: site.id, contactId: contact.id, visitorId: visitor.v, channel: "web", locale, pageUrl });
  if (view.status === "queued") view.queuePosition = (await inboxStub(c.env, site.id).queuePosition(id)) ?? undefined;
  return c.json({ conversation: view }, open ? 200 : 201);
});

/** Where a waiting conversation stands in the site's queue (1 = next), or null when not waiting. */
widgetRoutes.get("/sites/:site/conversations/:id/queue", async (c) => {
  const site = await siteFor(c);
  const visitor = await visitorFor(c, site);
  await rateLimit(c, site.id, "poll", visitor.v);
  const summary = await visitorConversation(c, site, visitor);
  const position = summary.status === "queued" ? await inboxStub(c.env, site.id).queuePosition(summary.id) : null;
  c.header("Cache-Control", "no-store");
  return c.json({ status: summary.status, position });
});

/** The visitor's WebSocket to one of their own conversations. */
widgetRoutes.get("/sites/:site/conversations/:id/ws", async (c) => {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") throw new AppError(426, "upgrade_required", "Connect with a WebSocket.");
  const site = await siteFor(c);
  const visitor = await visitorFor(c, site);
  await rateLimit(c, site.id, "connect", visitor.v);
  const summary = await visitorConversation(c, site, visitor);
  const headers = new Headers(c.req.raw.headers);
  headers.set("x-parley-role", "visitor");
  return conversationStub(c.env, summary.id).fetch(new Request(c.req.raw, { headers }));
});

widgetRoutes.route("/", widgetProfileRoutes);
widgetRoutes.route("/", widgetFormRoutes);
widgetRoutes.route("/", widgetFileRoutes);
