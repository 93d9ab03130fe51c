// Visitor uploads: POST the raw file to /widget/v1/sites/:site/conversations/:id/attachments
// (?name=&clientId=). The worker checks size and type, stores it in R2 and posts it as a message.

import { Hono } from "hono";
import { readBodyLimited, storeAttachment } from "../attachments/files.ts";
import { deleteAttachment, toMessageAttachment } from "../db/attachments.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { rateLimit } from "../ratelimit/limit.ts";
import { conversationStub } from "../stubs.ts";
import { attachmentPolicy } from "./widget-config.ts";
import { siteFor, visitorConversation, visitorFor } from "./widget-context.ts";

export const widgetFileRoutes = new Hono<AppEnv>();

const CLIENT_ID = /^[\w.:-]{1,64}$/;

widgetFileRoutes.post("/sites/:site/conversations/:id/attachments", async (c) => {
  const site = await siteFor(c);
  const visitor = await visitorFor(c, site);
  await rateLimit(c, site.id, "upload", visitor.v);
  const policy = attachmentPolicy(site);
  if (!policy) throw new AppError(403, "attachments_disabled", "This site does not accept files.");
  const summary = await visitorConversation(c, site, visitor);
  const clientId = c.req.query("clientId") ?? "";
  if (!CLIENT_ID.test(clientId)) throw new AppError(400, "invalid", "clientId is required.", { field: "clientId" });
  const stub = conversationStub(c.env, summary.id);
  const bytes = await readBodyLimited(c.req.raw, policy.maxBytes);
  const stored = await storeAttachment(c.env, {
    siteId: site.id,
    conversationId: summary.id,
    uploadedBy: "visitor",
    name: c.req.query("name"),
    declaredType: c.req.header("content-type"),
    bytes,
    policy,
  });
  const sent = await stub.postVisitorMessage({ clientId, text: "", attachments: [toMessageAttachment(stored)] });
  if (!sent.ok) {
    // Not posted (e.g. the conversation was closed meanwhile): the file must not linger unreferenced.
    await Promise.all([c.env.FILES.delete(stored.r2Key), deleteAttachment(c.env.DB, stored.id)]);
    throw new AppError(409, sent.code, sent.message);
  }
  return c.json({ attachment: sent.message.attachments?.[0] ?? toMessageAttachment(stored), message: sent.message }, sent.duplicate ? 200 : 201);
});
