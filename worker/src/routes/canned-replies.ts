// Canned replies (/api/v1/sites/:site/canned-replies): saved answers agents insert by /shortcut,
// with variables such as {{contact.name}} (protocol/src/canned.ts). Agents read; admins edit.

import { Hono, type Context } from "hono";
import { z } from "@hono/zod-openapi";
import { actorOf, requireRole } from "../auth/middleware.ts";
import { audit } from "../db/audit.ts";
import { createCannedReply, deleteCannedReply, getCannedReply, listCannedReplies, updateCannedReply, type CannedReply } from "../db/canned-replies.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { endpoint } from "../openapi/endpoint.ts";
import { Ok } from "../schemas/common.ts";
import { CannedReplySchema, listOf } from "../schemas/responses.ts";
import { CannedCreateInput, CannedPatchInput } from "../schemas/team.ts";

export const cannedReplyRoutes = new Hono<AppEnv>();

async function replyOf(c: Context<AppEnv>): Promise<CannedReply> {
  const site = c.req.param("site")!;
  requireRole(c.get("user"), site, "admin");
  const reply = await getCannedReply(c.env.DB, c.req.param("id")!);
  if (!reply || reply.siteId !== site) throw new AppError(404, "not_found", "No such canned reply.");
  return reply;
}

endpoint(
  cannedReplyRoutes,
  {
    method: "get",
    path: "/sites/:site/canned-replies",
    tag: "Canned replies",
    summary: "The site's canned replies, by shortcut",
    access: "user",
    role: "agent",
    responses: { 200: { description: "Replies", schema: listOf(CannedReplySchema) } },
  },
  async (c) => {
    const site = c.req.param("site")!;
    requireRole(c.get("user"), site, "agent");
    return c.json({ items: await listCannedReplies(c.env.DB, site) });
  },
);

endpoint(
  cannedReplyRoutes,
  {
    method: "post",
    path: "/sites/:site/canned-replies",
    tag: "Canned replies",
    summary: "Create a canned reply",
    description: "Variables: `{{contact.name}}`, `{{contact.email}}`, `{{contact.phone}}`, `{{agent.name}}`, `{{site.name}}`.",
    access: "user",
    role: "admin",
    body: CannedCreateInput,
    responses: { 201: { description: "The reply", schema: z.object({ reply: CannedReplySchema }) } },
  },
  async (c, { body }) => {
    const site = c.req.param("site")!;
    requireRole(c.get("user"), site, "admin");
    const reply = await createCannedReply(c.env.DB, site, { ...body, createdBy: c.get("user").id });
    if (!reply) throw new AppError(409, "taken", "Another reply uses this shortcut.", { field: "shortcut" });
    await audit(c.env.DB, { siteId: site, ...actorOf(c), action: "canned.create", target: reply.id, detail: { shortcut: reply.shortcut } });
    return c.json({ reply }, 201);
  },
);

endpoint(
  cannedReplyRoutes,
  {
    method: "patch",
    path: "/sites/:site/canned-replies/:id",
    tag: "Canned replies",
    summary: "Change a canned reply",
    access: "user",
    role: "admin",
    body: CannedPatchInput,
    responses: { 200: { description: "The reply", schema: z.object({ reply: CannedReplySchema }) } },
  },
  async (c, { body }) => {
    const reply = await replyOf(c);
    if (!(await updateCannedReply(c.env.DB, reply.id, body))) throw new AppError(409, "taken", "Another reply uses this shortcut.", { field: "shortcut" });
    await audit(c.env.DB, { siteId: reply.siteId, ...actorOf(c), action: "canned.update", target: reply.id, detail: { changed: Object.keys(body) } });
    return c.json({ reply: await getCannedReply(c.env.DB, reply.id) });
  },
);

endpoint(
  cannedReplyRoutes,
  {
    method: "delete",
    path: "/sites/:site/canned-replies/:id",
    tag: "Canned replies",
    summary: "Delete a canned reply",
    access: "user",
    role: "admin",
    responses: { 200: { description: "Deleted", schema: Ok } },
  },
  async (c) => {
    const reply = await replyOf(c);
    await deleteCannedReply(c.env.DB, reply.id);
    await audit(c.env.DB, { siteId: reply.siteId, ...actorOf(c), action: "canned.delete", target: reply.id, detail: { shortcut: reply.shortcut } });
    return c.json({ ok: true });
  },
);
