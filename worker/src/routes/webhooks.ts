// Outbound webhooks (/api/v1/sites/:site/webhooks): CRUD, the signing secret (shown once, when it is
// made or rotated; stored sealed), "send test event", and the delivery log with every attempt's response code.

import { z } from "@hono/zod-openapi";
import { Hono, type Context } from "hono";
import { actorOf } from "../auth/middleware.ts";
import { audit } from "../db/audit.ts";
import { deleteWebhook, getWebhook, insertWebhook, listDeliveries, listWebhooks, updateWebhook, type WebhookRow } from "../db/webhooks.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { newId } from "../lib/ids.ts";
import { openSecret, sealSecret } from "../lib/secrets.ts";
import { endpoint } from "../openapi/endpoint.ts";
import { DeliveryQuery, WebhookCreateInput, WebhookPatchInput } from "../schemas/channel.ts";
import { Ok } from "../schemas/common.ts";
import { generateSecret } from "../channels/manage.ts";
import { forgetWebhooks, webhookStub } from "../webhooks/dispatch.ts";

export const webhookRoutes = new Hono<AppEnv>();

const View = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    secret: z.string().optional().openapi({ description: "The `whsec_…` signing secret (Standard Webhooks): only in the answer that created or rotated it." }),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .openapi("Webhook");
const Delivery = z.record(z.string(), z.unknown()).openapi("WebhookDelivery", {
  description: "One event sent to one webhook: status (pending, delivered, failed), attempts with response codes.",
});

/** A webhook as admins see it; the secret only in the answer that made it (never again). */
async function view(env: Env, w: WebhookRow, withSecret = false) {
  const { secretSealed, siteId: _site, ...rest } = w;
  return withSecret ? { ...rest, secret: (await openSecret(env.PARLEY_SECRET, secretSealed)) ?? "" } : rest;
}

async function webhookOf(c: Context<AppEnv>): Promise<WebhookRow> {
  const w = await getWebhook(c.env.DB, c.req.param("id") ?? "");
  if (!w || w.siteId !== c.req.param("site")) throw new AppError(404, "not_found", "No such webhook.");
  return w;
}

const base = { tag: "Webhooks", access: "user" as const, role: "admin" as const };

endpoint(
  webhookRoutes,
  {
    ...base,
    method: "get",
    path: "/sites/:site/webhooks",
    summary: "The site's webhooks",
    responses: { 200: { description: "Webhooks", schema: z.object({ items: z.array(View) }) } },
  },
  async (c) => c.json({ items: await Promise.all((await listWebhooks(c.env.DB, c.req.param("site")!)).map((w) => view(c.env, w))) }),
);

endpoint(
  webhookRoutes,
  {
    ...base,
    method: "post",
    path: "/sites/:site/webhooks",
    summary: "Add a webhook (its signing secret is generated and returned this once)",
    body: WebhookCreateInput,
    responses: { 201: { description: "The webhook", schema: z.object({ webhook: View }) } },
  },
  async (c, { body }) => {
    const site = c.req.param("site")!;
    const id = newId("wh");
    await insertWebhook(c.env.DB, {
      id,
      siteId: site,
      url: body.url,
      description: body.description,
      events: body.events,
      secretSealed: await sealSecret(c.env.PARLEY_SECRET, generateSecret("secret")),
    });
    forgetWebhooks(site);
    await audit(c.env.DB, { siteId: site, ...actorOf(c), action: "webhook.create", target: id, detail: { url: body.url, events: body.events } });
    c.header("Cache-Control", "no-store");
    return c.json({ webhook: await view(c.env, (await getWebhook(c.env.DB, id))!, true) }, 201);
  },
);

endpoint(
  webhookRoutes,
  {
    ...base,
    method: "get",
    path: "/sites/:site/webhooks/:id",
    summary: "One webhook",
    responses: { 200: { description: "The webhook", schema: z.object({ webhook: View }) } },
  },
  async (c) => c.json({ webhook: await view(c.env, await webhookOf(c)) }),
);

endpoint(
  webhookRoutes,
  {
    ...base,
    method: "patch",
    path: "/sites/:site/webhooks/:id",
    summary: "Change a webhook's URL, events or description; disable/enable it",
    body: WebhookPatchInput,
    responses: { 200: { description: "The webhook", schema: z.object({ webhook: View }) } },
  },
  async (c, { body }) => {
    const w = await webhookOf(c);
    await updateWebhook(c.env.DB, w.id, body);
    forgetWebhooks(w.siteId);
    await audit(c.env.DB, { siteId: w.siteId, ...actorOf(c), action: "webhook.update", target: w.id, detail: { changed: Object.keys(body) } });
    return c.json({ webhook: await view(c.env, (await getWebhook(c.env.DB, w.id))!) });
  },
);

endpoint(
  webhookRoutes,
  {
    ...base,
    method: "delete",
    path: "/sites/:site/webhooks/:id",
    summary: "Remove a webhook and its log",
    responses: { 200: { description: "Removed", schema: Ok } },
  },
  async (c) => {
    const w = await webhookOf(c);
    await deleteWebhook(c.env.DB, w.id);
    forgetWebhooks(w.siteId);
    await audit(c.env.DB, { siteId: w.siteId, ...actorOf(c), action: "webhook.delete", target: w.id, detail: { url: w.url } });
    return c.json({ ok: true });
  },
);

endpoint(
  webhookRoutes,
  {
    ...base,
    method: "post",
    path: "/sites/:site/webhooks/:id/rotate-secret",
    summary: "Replace the signing secret (the old one stops working at once); the new one is returned this once",
    responses: { 200: { description: "The webhook with its new secret", schema: z.object({ webhook: View }) } },
  },
  async (c) => {
    const w = await webhookOf(c);
    await updateWebhook(c.env.DB, w.id, { secretSealed: await sealSecret(c.env.PARLEY_SECRET, generateSecret("secret")) });
    await audit(c.env.DB, { siteId: w.siteId, ...actorOf(c), action: "webhook.rotate_secret", target: w.id });
    c.header("Cache-Control", "no-store");
    return c.json({ webhook: await view(c.env, (await getWebhook(c.env.DB, w.id))!, true) });
  },
);

endpoint(
  webhookRoutes,
  {
    ...base,
    method: "post",
    path: "/sites/:site/webhooks/:id/test",
    summary: "Send a `webhook.test` event now and report the answer",
    responses: {
      200: {
        description: "The attempt",
        schema: z.object({ deliveryId: z.string(), ok: z.boolean(), status: z.number().nullable(), error: z.string().nullable(), durationMs: z.number() }),
      },
    },
  },
  async (c) => {
    const w = await webhookOf(c);
    const r = await webhookStub(c.env, w.siteId).sendTest(w.siteId, w.id);
    if (!r) throw new AppError(404, "not_found", "No such webhook.");
    return c.json({ deliveryId: r.deliveryId, ...r.outcome });
  },
);

endpoint(
  webhookRoutes,
  {
    ...base,
    method: "get",
    path: "/sites/:site/webhooks/:id/deliveries",
    summary: "The delivery log, newest first (`before` = createdAt of the last row for the next page)",
    query: DeliveryQuery,
    responses: { 200: { description: "Deliveries", schema: z.object({ items: z.array(Delivery) }) } },
  },
  async (c, { query }) => {
    const w = await webhookOf(c);
    const items = await listDeliveries(c.env.DB, w.id, {
      ...(query.status ? { status: query.status } : {}),
      ...(query.before ? { before: query.before } : {}),
    });
    return c.json({ items: items.map(({ siteId: _s, ...d }) => d) });
  },
);

endpoint(
  webhookRoutes,
  {
    ...base,
    method: "post",
    path: "/sites/:site/webhooks/:id/deliveries/:delivery/retry",
    summary: "Send a failed delivery again (a new 24-hour retry window)",
    responses: { 200: { description: "The delivery", schema: z.object({ delivery: Delivery }) }, 409: "Only failed deliveries can be retried" },
  },
  async (c) => {
    const w = await webhookOf(c);
    const d = await webhookStub(c.env, w.siteId).redeliver(w.siteId, c.req.param("delivery")!);
    if (!d || d.webhookId !== w.id) throw new AppError(404, "not_found", "No such delivery.");
    if (d.status !== "pending") throw new AppError(409, "not_failed", "Only failed deliveries can be sent again.");
    const { siteId: _s, ...delivery } = d;
    return c.json({ delivery });
  },
);
