// The offline form (leave a message + email outside business hours; the conversation continues by
// email) and the satisfaction survey (1–5 and a comment, once per resolution).

import { Hono } from "hono";
import { MAX_TEXT_LENGTH } from "../../../protocol/src/frames.ts";
import { MAX_CSAT_COMMENT } from "../../../protocol/src/widget-config.ts";
import { findOpenConversationForContact } from "../db/conversations.ts";
import { addUnverifiedIdentity, applyProfile, markContinueByEmail } from "../db/visitor-profile.ts";
import type { AppEnv } from "../env.ts";
import { AppError, readJson } from "../errors.ts";
import { isEmail, validateFormValues } from "../forms/form-values.ts";
import { newId } from "../lib/ids.ts";
import { rateLimit } from "../ratelimit/limit.ts";
import { conversationStub } from "../stubs.ts";
import { siteFor, visitorContact, visitorConversation, visitorFor } from "./widget-context.ts";
import { offlineForm } from "./widget-config.ts";

export const widgetFormRoutes = new Hono<AppEnv>();

const CLIENT_ID = /^[\w.:-]{1,64}$/;
const LOCALE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,2}$/;

/**
 * The offline form: `{ email, message, fields?, clientId, locale?, pageUrl? }`. Stores the email (and
 * any extra fields) on the contact, hands the conversation to a person (skipping the bot) with the message, and marks the
 * conversation to continue by email. Retrying with the same clientId stores the message once.
 */
widgetFormRoutes.post("/sites/:site/offline", async (c) => {
  const site = await siteFor(c);
  const visitor = await visitorFor(c, site);
  await rateLimit(c, site.id, "form", visitor.v);
  const form = offlineForm(site);
  if (!form) throw new AppError(404, "offline_disabled", "This site does not take offline messages.");
  const body = (await readJson(c, 32 * 1024)) as Record<string, unknown> | null;
  if (!isEmail(body?.email)) throw new AppError(400, "invalid", "Please give an email address we can answer at.", { field: "email" });
  const message = typeof body?.message === "string" ? body.message.trim() : "";
  if (!message) throw new AppError(400, "invalid", "Please write your message.", { field: "message" });
  if (message.length > MAX_TEXT_LENGTH) throw new AppError(400, "invalid", `Messages are at most ${MAX_TEXT_LENGTH} characters.`, { field: "message" });
  if (typeof body?.clientId !== "string" || !CLIENT_ID.test(body.clientId)) throw new AppError(400, "invalid", "clientId is required.", { field: "clientId" });
  const extra = validateFormValues(form.fields, body?.fields);
  if (!extra.ok) throw new AppError(400, "invalid", extra.message, { field: `fields.${extra.field}` });
  if (!site.anonymousAllowed && !visitor.u) throw new AppError(403, "identity_required", "Sign in on this site to contact us.");

  const email = (body.email as string).trim().toLowerCase();
  const locale = typeof body?.locale === "string" && LOCALE.test(body.locale) ? body.locale : "en";
  const pageUrl = typeof body?.pageUrl === "string" && body.pageUrl.length <= 2048 ? body.pageUrl : null;
  const contact = await visitorContact(c, site, visitor);
  const { name, phone, ...attributes } = extra.values;
  await applyProfile(c.env.DB, contact.id, { email, ...(name ? { name } : {}), ...(phone ? { phone } : {}), attributes });
  await addUnverifiedIdentity(c.env.DB, site.id, contact.id, "email", email);

  const open = await findOpenConversationForContact(c.env.DB, site.id, contact.id);
  const id = open?.id ?? newId("c");
  const stub = conversationStub(c.env, id);
  await stub.create({ id, siteId: site.id, contactId: contact.id, visitorId: visitor.v, channel: "web", locale, pageUrl });
  // Straight to a person's queue: the visitor is leaving, so bot questions would go unanswered.
  const handedOff = await stub.handoff({ reason: "offline-form" });
  if (!handedOff.ok) throw new AppError(409, handedOff.code, handedOff.message);
  const sent = await stub.postVisitorMessage({ clientId: body.clientId as string, text: message });
  if (!sent.ok) throw new AppError(409, sent.code, sent.message, { field: "message" });
  // Complaints left offline are still recognised: the rules set priority, labels and team (no replies).
  if (!sent.duplicate) await stub.classifyOffline({ text: message });
  await markContinueByEmail(c.env.DB, { conversationId: id, siteId: site.id, contactId: contact.id, email, locale });
  return c.json({ conversation: { id }, email, message: sent.message }, sent.duplicate ? 200 : 201);
});

/** The satisfaction survey: `{ rating: 1–5, comment? }`, once per resolution of the conversation. */
widgetFormRoutes.post("/sites/:site/conversations/:id/csat", async (c) => {
  const site = await siteFor(c);
  const visitor = await visitorFor(c, site);
  await rateLimit(c, site.id, "form", visitor.v);
  if (site.settings.csat?.enabled === false) throw new AppError(404, "csat_disabled", "This site does not ask for ratings.");
  const summary = await visitorConversation(c, site, visitor);
  const body = (await readJson(c, 16 * 1024)) as { rating?: unknown; comment?: unknown } | null;
  const rating = body?.rating;
  if (typeof rating !== "number" || !Number.isInteger(rating) || rating < 1 || rating > 5)
    throw new AppError(400, "invalid", "rating must be a whole number from 1 to 5.", { field: "rating" });
  if (body?.comment !== undefined && body.comment !== null && typeof body.comment !== "string")
    throw new AppError(400, "invalid", "comment must be text.", { field: "comment" });
  const comment = typeof body?.comment === "string" && body.comment.trim() ? body.comment.trim() : null;
  if (comment && comment.length > MAX_CSAT_COMMENT)
    throw new AppError(400, "invalid", `Comments are at most ${MAX_CSAT_COMMENT} characters.`, { field: "comment" });
  const r = await conversationStub(c.env, summary.id).submitCsat({ rating, comment });
  if (!r.ok) throw new AppError(409, r.code, r.message);
  // The object has queued the answer for D1 (csat_responses) in its outbox and waited for delivery.
  return c.json({ csat: { rating: r.response.rating, comment: r.response.comment, createdAt: r.response.createdAt } }, 201);
});
