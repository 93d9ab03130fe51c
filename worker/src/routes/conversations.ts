// Conversations for agents (/api/v1): list a site's inbox, read one, reply, assign, change status,
// and the agent's WebSocket to a conversation.

import { Hono, type Context } from "hono";
import { requireRole, requireUser } from "../auth/middleware.ts";
import { getContact } from "../db/contacts.ts";
import { getConversationSummary, listConversations, type ConversationSummary } from "../db/conversations.ts";
import { listTeamIds } from "../db/teams.ts";
import { listSiteMembers, type SessionUser } from "../db/users.ts";
import type { AgentRef } from "../conversation/lifecycle.ts";
import type { AppEnv } from "../env.ts";
import { AppError, readJson } from "../errors.ts";
import { conversationStub } from "../stubs.ts";
import { PRIORITIES } from "../../../protocol/src/types.ts";
import { parseAttachments } from "../../../protocol/src/frames.ts";

/** Message-limit refusals: the message is larger than allowed (413). */
const LIMIT_CODES = new Set(["too_long", "too_many_attachments", "attachment_too_large"]);

export const conversationRoutes = new Hono<AppEnv>();
conversationRoutes.use("*", requireUser());

function agentRef(u: SessionUser): AgentRef {
  return { id: u.id, name: u.name, ...(u.avatarUrl ? { avatar: u.avatarUrl } : {}) };
}

/** Loads a conversation's index row and checks the user may work on its site. */
async function conversationFor(c: Context<AppEnv>): Promise<ConversationSummary> {
  const summary = await getConversationSummary(c.env.DB, c.req.param("id") ?? "");
  if (!summary || !c.get("user").roles[summary.siteId]) throw new AppError(404, "not_found", "No such conversation.");
  requireRole(c.get("user"), summary.siteId, "agent");
  return summary;
}

function unwrap<T extends { ok: boolean }>(r: T): T {
  if (!r.ok) {
    const e = r as unknown as { code: string; message: string };
    throw new AppError(e.code === "not_found" ? 404 : 409, e.code, e.message);
  }
  return r;
}

conversationRoutes.get("/sites/:site/conversations", async (c) => {
  const siteId = c.req.param("site");
  requireRole(c.get("user"), siteId, "agent");
  const q = c.req.query();
  const assignee = q.assignee === "me" ? c.get("user").id : q.assignee;
  return c.json(
    await listConversations(c.env.DB, siteId, {
      ...(q.status ? { status: q.status } : {}),
      ...(assignee ? { assignee } : {}),
      ...(q.team ? { team: q.team } : {}),
      ...(q.label ? { label: q.label } : {}),
      ...(q.q?.trim() ? { q: q.q.trim().slice(0, 200) } : {}),
      ...(q.cursor ? { cursor: q.cursor } : {}),
      ...(q.limit ? { limit: Number(q.limit) || 50 } : {}),
    }),
  );
});

conversationRoutes.get("/conversations/:id", async (c) => {
  const summary = await conversationFor(c);
  const detail = await conversationStub(c.env, summary.id).detail();
  if (!detail) throw new AppError(404, "not_found", "No such conversation.");
  const contact = await getContact(c.env.DB, summary.contactId);
  return c.json({ conversation: { ...summary, ...detail.summary, ...detail.state }, messages: detail.messages, contact, schedule: detail.schedule });
});

conversationRoutes.post("/conversations/:id/messages", async (c) => {
  const summary = await conversationFor(c);
  const body = (await readJson(c, 64 * 1024)) as { text?: unknown; private?: unknown; clientId?: unknown; attachments?: unknown } | null;
  if (typeof body?.text !== "string") throw new AppError(400, "invalid", "text is required.", { field: "text" });
  const clientId = typeof body.clientId === "string" && /^[\w.:-]{1,64}$/.test(body.clientId) ? body.clientId : undefined;
  const attachments = body.attachments === undefined ? [] : parseAttachments(body.attachments);
  if (!attachments) throw new AppError(400, "invalid", "attachments must be a list of uploaded files.", { field: "attachments" });
  const r = await conversationStub(c.env, summary.id).postAgentMessage({
    agent: agentRef(c.get("user")),
    text: body.text,
    ...(clientId ? { clientId } : {}),
    ...(body.private === true ? { private: true } : {}),
    ...(attachments.length ? { attachments } : {}),
  });
  if (!r.ok)
    throw new AppError(r.code === "not_found" ? 404 : r.code === "illegal_transition" ? 409 : LIMIT_CODES.has(r.code) ? 413 : 400, r.code, r.message, {
      field: r.field ?? "text",
    });
  return c.json({ message: r.message }, r.duplicate ? 200 : 201);
});

conversationRoutes.post("/conversations/:id/assign", async (c) => {
  const summary = await conversationFor(c);
  const body = (await readJson(c, 8 * 1024)) as { agentId?: unknown; team?: unknown; note?: unknown } | null;
  let agent: AgentRef | null = null;
  if (typeof body?.agentId === "string") {
    const member = (await listSiteMembers(c.env.DB, summary.siteId)).find((m) => m.id === body.agentId);
    if (!member) throw new AppError(400, "invalid", "That agent is not a member of this site.", { field: "agentId" });
    agent = { id: member.id, name: member.name, ...(member.avatarUrl ? { avatar: member.avatarUrl } : {}) };
  } else if (body?.agentId !== null && body?.agentId !== undefined) throw new AppError(400, "invalid", "agentId must be an id or null.", { field: "agentId" });
  const team = typeof body?.team === "string" ? body.team : undefined;
  if (team !== undefined && !(await listTeamIds(c.env.DB, summary.siteId)).includes(team))
    throw new AppError(400, "invalid", "team: there is no such team on this site.", { field: "team" });
  const note = typeof body?.note === "string" ? body.note.slice(0, 2000) : undefined;
  const r = unwrap(
    await conversationStub(c.env, summary.id).assign({
      agent,
      ...(team !== undefined ? { team } : {}),
      by: agentRef(c.get("user")),
      ...(note ? { note } : {}),
    }),
  );
  return c.json(r);
});

conversationRoutes.post("/conversations/:id/status", async (c) => {
  const summary = await conversationFor(c);
  const body = (await readJson(c, 4096)) as { status?: unknown; snoozeUntil?: unknown } | null;
  const status = body?.status;
  if (status !== "open" && status !== "pending" && status !== "resolved" && status !== "closed" && status !== "snoozed")
    throw new AppError(400, "invalid", "status must be open, pending, snoozed, resolved or closed.", { field: "status" });
  const snoozeUntil =
    typeof body?.snoozeUntil === "string" ? Date.parse(body.snoozeUntil) : typeof body?.snoozeUntil === "number" ? body.snoozeUntil : undefined;
  const r = unwrap(await conversationStub(c.env, summary.id).setStatus({ status, ...(snoozeUntil ? { snoozeUntil } : {}), by: agentRef(c.get("user")) }));
  return c.json(r);
});

conversationRoutes.patch("/conversations/:id", async (c) => {
  const summary = await conversationFor(c);
  const body = (await readJson(c, 8 * 1024)) as { priority?: unknown; labels?: unknown } | null;
  const priority = body?.priority;
  if (priority !== undefined && !(PRIORITIES as readonly unknown[]).includes(priority))
    throw new AppError(400, "invalid", `priority must be one of ${PRIORITIES.join(", ")}.`, { field: "priority" });
  const labels = body?.labels;
  if (labels !== undefined && (!Array.isArray(labels) || labels.length > 50 || labels.some((l) => typeof l !== "string" || !l.trim() || l.length > 64)))
    throw new AppError(400, "invalid", "labels must be a list of up to 50 short labels.", { field: "labels" });
  const r = unwrap(
    await conversationStub(c.env, summary.id).update({
      ...(priority ? { priority: priority as ConversationSummary["priority"] } : {}),
      ...(labels ? { labels: labels as string[] } : {}),
    }),
  );
  return c.json(r);
});

/** The agent's live socket to one conversation (same frames as the visitor's, plus notes). */
conversationRoutes.get("/conversations/:id/ws", async (c) => {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") throw new AppError(426, "upgrade_required", "Connect with a WebSocket.");
  const origin = c.req.header("origin");
  if (origin && origin !== new URL(c.req.url).origin) throw new AppError(403, "csrf", "Cross-site sockets are not allowed.");
  const summary = await conversationFor(c);
  const headers = new Headers(c.req.raw.headers);
  headers.set("x-parley-role", "agent");
  headers.set("x-parley-agent", JSON.stringify(agentRef(c.get("user"))));
  return conversationStub(c.env, summary.id).fetch(new Request(c.req.raw, { headers }));
});
