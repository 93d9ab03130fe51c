// The conversation index in D1: one row per conversation, written by its Durable Object, read by lists.

import type { Channel, ConversationSummary, Priority, Status } from "../../../protocol/src/types.ts";

export type { ConversationSummary };
import { parseJson } from "./json.ts";
import { conversationMatch } from "./search.ts";

interface Row {
  id: string;
  site_id: string;
  contact_id: string;
  channel: Channel;
  status: Status;
  priority: Priority;
  team: string | null;
  assignee_id: string | null;
  labels: string;
  last_message_text: string | null;
  last_message_author: string | null;
  last_message_at: number | null;
  message_count: number;
  bot_turns: number;
  handoff_at: number | null;
  first_response_at: number | null;
  resolved_at: number | null;
  created_at: number;
  updated_at: number;
  sla_first_response_due: number | null;
  sla_resolution_due: number | null;
  sla_breached: number;
  sla_first_response_breached: number;
  sla_resolution_breached: number;
  /** Joined from contacts where a query asks for it. */
  contact_name?: string | null;
  contact_tier?: string | null;
}

function toSummary(r: Row): ConversationSummary {
  return {
    id: r.id,
    siteId: r.site_id,
    contactId: r.contact_id,
    channel: r.channel,
    status: r.status,
    priority: r.priority,
    team: r.team,
    assigneeId: r.assignee_id,
    labels: parseJson<string[]>(r.labels, []),
    lastMessageText: r.last_message_text,
    lastMessageAuthor: r.last_message_author,
    lastMessageAt: r.last_message_at,
    messageCount: r.message_count,
    botTurns: r.bot_turns,
    handoffAt: r.handoff_at,
    firstResponseAt: r.first_response_at,
    resolvedAt: r.resolved_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    slaFirstResponseDue: r.sla_first_response_due ?? null,
    slaResolutionDue: r.sla_resolution_due ?? null,
    slaBreached: r.sla_breached === 1,
    slaBreaches: [
      ...(r.sla_first_response_breached === 1 ? ["first_response" as const] : []),
      ...(r.sla_resolution_breached === 1 ? ["resolution" as const] : []),
    ],
    ...(r.contact_name !== undefined ? { contactName: r.contact_name, contactTier: r.contact_tier ?? null } : {}),
  };
}

/** Columns of a conversation with its customer's name and tier (erased contacts have none). */
const WITH_CONTACT = "conversations.*, ct.name AS contact_name, ct.tier AS contact_tier";
const CONTACT_JOIN = "LEFT JOIN contacts ct ON ct.id = conversations.contact_id";

/** Writes the whole summary row (insert or replace): the Durable Object is the single writer. */
export async function upsertConversation(db: D1Database, s: ConversationSummary): Promise<void> {
  await upsertConversationStatement(db, s).run();
}

/** The statement behind upsertConversation, to run in a batch with others. */
export function upsertConversationStatement(db: D1Database, s: ConversationSummary): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO conversations (id, site_id, contact_id, channel, status, priority, team, assignee_id, labels, last_message_text, last_message_author, last_message_at, message_count, bot_turns, handoff_at, first_response_at, resolved_at, created_at, updated_at,
         sla_first_response_due, sla_resolution_due, sla_breached, sla_first_response_breached, sla_resolution_breached)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, priority = excluded.priority, team = excluded.team, assignee_id = excluded.assignee_id,
         labels = excluded.labels, last_message_text = excluded.last_message_text, last_message_author = excluded.last_message_author,
         last_message_at = excluded.last_message_at, message_count = excluded.message_count, bot_turns = excluded.bot_turns,
         handoff_at = excluded.handoff_at, first_response_at = excluded.first_response_at, resolved_at = excluded.resolved_at, updated_at = excluded.updated_at,
         sla_first_response_due = excluded.sla_first_response_due, sla_resolution_due = excluded.sla_resolution_due, sla_breached = excluded.sla_breached,
         sla_first_response_breached = excluded.sla_first_response_breached, sla_resolution_breached = excluded.sla_resolution_breached
       WHERE excluded.updated_at >= conversations.updated_at`,
    )
    .bind(
      s.id,
      s.siteId,
      s.contactId,
      s.channel,
      s.status,
      s.priority,
      s.team,
      s.assigneeId,
      JSON.stringify(s.labels),
      s.lastMessageText,
      s.lastMessageAuthor,
      s.lastMessageAt,
      s.messageCount,
      s.botTurns,
      s.handoffAt,
      s.firstResponseAt,
      s.resolvedAt,
      s.createdAt,
      s.updatedAt,
      s.slaFirstResponseDue ?? null,
      s.slaResolutionDue ?? null,
      s.slaBreached ? 1 : 0,
      s.slaBreaches?.includes("first_response") ? 1 : 0,
      s.slaBreaches?.includes("resolution") ? 1 : 0,
    );
}

export async function getConversationSummary(db: D1Database, id: string): Promise<ConversationSummary | null> {
  const row = await db.prepare("SELECT * FROM conversations WHERE id = ?").bind(id).first<Row>();
  return row ? toSummary(row) : null;
}

/** The visitor's conversation that is still going (not resolved or closed), newest first. */
export async function findOpenConversationForContact(db: D1Database, siteId: string, contactId: string): Promise<ConversationSummary | null> {
  const row = await db
    .prepare("SELECT * FROM conversations WHERE site_id = ? AND contact_id = ? AND status NOT IN ('closed') ORDER BY created_at DESC LIMIT 1")
    .bind(siteId, contactId)
    .first<Row>();
  return row ? toSummary(row) : null;
}

/** The newest not-closed conversation of a web visitor, by the visitor id behind their token. */
export async function findVisitorConversation(db: D1Database, siteId: string, visitorId: string): Promise<{ id: string } | null> {
  return db
    .prepare(
      "SELECT c.id FROM conversations c JOIN contact_identities i ON i.contact_id = c.contact_id WHERE i.site_id = ? AND i.kind = 'visitor' AND i.value = ? AND c.site_id = i.site_id AND c.status != 'closed' ORDER BY c.created_at DESC LIMIT 1",
    )
    .bind(siteId, visitorId)
    .first<{ id: string }>();
}

export interface ListFilter {
  status?: string;
  assignee?: string;
  team?: string;
  label?: string;
  /** Full-text search: conversations with a message or a customer that matches (see db/search.ts). */
  q?: string;
  limit?: number;
  /** Opaque cursor from a previous page: `updatedAt:id`. */
  cursor?: string;
}

/** Statuses that `status=open` stands for: everything still in progress. */
export const OPEN_STATUSES: readonly Status[] = ["bot", "queued", "assigned", "pending", "snoozed"];

/** Lists a site's conversations, most recently updated first, filtered as the inbox views need. */
export async function listConversations(db: D1Database, siteId: string, f: ListFilter): Promise<{ items: ConversationSummary[]; next: string | null }> {
  const where = ["conversations.site_id = ?"];
  const args: unknown[] = [siteId];
  if (f.status === "open") (where.push(`conversations.status IN (${OPEN_STATUSES.map(() => "?").join(", ")})`), args.push(...OPEN_STATUSES));
  else if (f.status) (where.push("conversations.status = ?"), args.push(f.status));
  if (f.assignee === "none") where.push("conversations.assignee_id IS NULL");
  else if (f.assignee) (where.push("conversations.assignee_id = ?"), args.push(f.assignee));
  if (f.team) (where.push("conversations.team = ?"), args.push(f.team));
  if (f.label) (where.push("EXISTS (SELECT 1 FROM json_each(conversations.labels) WHERE value = ?)"), args.push(f.label));
  if (f.q) {
    const m = conversationMatch(f.q);
    if (m) (where.push(m.sql), args.push(...m.args));
  }
  if (f.cursor) {
    const [at, id] = f.cursor.split(":");
    if (at && id && /^\d+$/.test(at))
      (where.push("(conversations.updated_at < ? OR (conversations.updated_at = ? AND conversations.id < ?))"), args.push(Number(at), Number(at), id));
  }
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const { results } = await db
    .prepare(
      `SELECT ${WITH_CONTACT} FROM conversations ${CONTACT_JOIN} WHERE ${where.join(" AND ")} ORDER BY conversations.updated_at DESC, conversations.id DESC LIMIT ?`,
    )
    .bind(...args, limit + 1)
    .all<Row>();
  const items = results.slice(0, limit).map(toSummary);
  const last = items[items.length - 1];
  return { items, next: results.length > limit && last ? `${last.updatedAt}:${last.id}` : null };
}

/** Every conversation of a contact on every channel, newest first (the contact profile's history). */
export async function listContactConversations(db: D1Database, contactId: string, limit = 500): Promise<ConversationSummary[]> {
  const { results } = await db.prepare("SELECT * FROM conversations WHERE contact_id = ? ORDER BY created_at DESC LIMIT ?").bind(contactId, limit).all<Row>();
  return results.map(toSummary);
}

/** Every open conversation of a site (the Inbox rebuilds its mirror from these after a restart). */
export async function listOpenConversations(db: D1Database, siteId: string, limit = 20_000): Promise<ConversationSummary[]> {
  const { results } = await db
    .prepare(
      `SELECT ${WITH_CONTACT} FROM conversations ${CONTACT_JOIN} WHERE conversations.site_id = ? AND conversations.status IN (${OPEN_STATUSES.map(() => "?").join(", ")}) ORDER BY conversations.created_at LIMIT ?`,
    )
    .bind(siteId, ...OPEN_STATUSES, limit)
    .all<Row>();
  return results.map(toSummary);
}

/** The rows of some conversations (at most 90 ids: D1 binds at most 100 parameters). */
export async function getConversationSummaries(db: D1Database, ids: string[]): Promise<ConversationSummary[]> {
  const some = ids.slice(0, 90);
  if (!some.length) return [];
  const { results } = await db
    .prepare(`SELECT * FROM conversations WHERE id IN (${some.map(() => "?").join(", ")})`)
    .bind(...some)
    .all<Row>();
  return results.map(toSummary);
}
