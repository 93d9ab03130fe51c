// The agent workspace's endpoints: the site's inbox (people, queue, strategies), full-text search over
// messages and contacts, and claiming a conversation (refused when someone else has it already).

import { Hono } from "hono";
import { z } from "@hono/zod-openapi";
import { requireRole } from "../auth/middleware.ts";
import { getConversationSummary } from "../db/conversations.ts";
import { searchContacts, searchMessages, searchTerms } from "../db/search.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { snippet } from "../lib/snippet.ts";
import { endpoint } from "../openapi/endpoint.ts";
import { InboxStateSchema, SearchQuery, SearchResult } from "../schemas/inbox.ts";
import { conversationStub, inboxStub } from "../stubs.ts";

export const inboxRoutes = new Hono<AppEnv>();

endpoint(
  inboxRoutes,
  {
    method: "get",
    path: "/sites/:site/inbox",
    tag: "Conversations",
    summary: "The site's inbox: every member's presence, load and capacity, the queue in order, teams and their auto-assignment",
    access: "user",
    role: "agent",
    responses: { 200: { description: "The inbox", schema: InboxStateSchema } },
  },
  async (c) => {
    const site = c.req.param("site")!;
    return c.json(await inboxStub(c.env, site).state(site));
  },
);

endpoint(
  inboxRoutes,
  {
    method: "get",
    path: "/sites/:site/search",
    tag: "Conversations",
    summary: "Full-text search over messages (notes included) and contacts, with filters",
    description:
      "Every word of `q` must match, anywhere inside a word (Chinese has no spaces: `退款` finds 我想退款). Messages come newest first, paged by `cursor`; contacts are listed with the first page. An erased customer's words are never found.",
    access: "user",
    role: "agent",
    query: SearchQuery,
    responses: { 200: { description: "Matching messages and contacts", schema: SearchResult } },
  },
  async (c, { query }) => {
    const site = c.req.param("site")!;
    const assignee = query.assignee === "me" ? c.get("user").id : query.assignee;
    const [messages, contacts] = await Promise.all([
      searchMessages(c.env.DB, site, query.q, {
        ...(query.status ? { status: query.status } : {}),
        ...(assignee ? { assignee } : {}),
        ...(query.team ? { team: query.team } : {}),
        ...(query.label ? { label: query.label } : {}),
        ...(query.channel ? { channel: query.channel } : {}),
        ...(query.author ? { author: query.author } : {}),
        ...(query.from !== undefined ? { from: query.from } : {}),
        ...(query.to !== undefined ? { to: query.to } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
        ...(query.limit ? { limit: query.limit } : {}),
      }),
      query.cursor ? Promise.resolve([]) : searchContacts(c.env.DB, site, query.q),
    ]);
    const terms = searchTerms(query.q);
    return c.json({
      messages: { items: messages.items.map(({ text, ...m }) => ({ ...m, snippet: snippet(text, terms) })), next: messages.next },
      contacts,
    });
  },
);

endpoint(
  inboxRoutes,
  {
    method: "post",
    path: "/conversations/:id/claim",
    tag: "Conversations",
    summary: "Take a conversation: refused (409 `already_assigned`) when another agent has it",
    description: "Unlike `assign`, a claim never takes a conversation away from someone. Claiming your own conversation changes nothing.",
    access: "user",
    responses: { 200: { description: "The conversation's state", schema: z.object({ ok: z.literal(true), state: z.record(z.string(), z.unknown()) }) } },
  },
  async (c) => {
    const user = c.get("user");
    const summary = await getConversationSummary(c.env.DB, c.req.param("id") ?? "");
    if (!summary) throw new AppError(404, "not_found", "No such conversation.");
    requireRole(user, summary.siteId, "agent");
    const me = { id: user.id, name: user.name, ...(user.avatarUrl ? { avatar: user.avatarUrl } : {}) };
    const r = await conversationStub(c.env, summary.id).assign({ agent: me, by: me, unlessTaken: true });
    if (!r.ok) throw new AppError(r.code === "not_found" ? 404 : 409, r.code, r.message);
    return c.json(r);
  },
);
