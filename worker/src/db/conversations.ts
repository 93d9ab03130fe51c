// The conversation index in D1: one row per conversation, written by its Durable Object, read by lists.

import type { Channel, ConversationSummary, Priority, Status } from "../../../protocol/src/types.ts";

export type { ConversationSummary };
import { parseJson } from "./json.ts";

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
  };
}

/** Writes the whole summary row (insert or replace): the Durable Object is the single writer. */
export async function upsertConversation(db: D1Database, s: ConversationSummary): Promise<void> {
  await db
    .prepare(
      `INSERT INTO conversations (id, site_id, contact_id, channel, status, priority, team, assignee_id, labels, last_message_text, last_message_author, last_message_at, message_count, bot_turns, handoff_at, first_response_at, resolved_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, priority = excluded.priority, team = excluded.team, assignee_id = excluded.assignee_id,
         labels = excluded.labels, last_message_text = excluded.last_message_text, last_message_author = excluded.last_message_author,
         last_message_at = excluded.last_message_at, message_count = excluded.message_count, bot_turns = excluded.bot_turns,
         handoff_at = excluded.handoff_at, first_response_at = excluded.first_response_at, resolved_at = excluded.resolved_at, updated_at = excluded.updated_at
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
    )
    .run();
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
  limit?: number;
  /** Opaque cursor from a previous page: `updatedAt:id`. */
  cursor?: string;
}

/** Statuses that `status=open` stands for: everything still in progress. */
export const OPEN_STATUSES: readonly Status[] = ["bot", "queued", "assigned", "pending", "snoozed"];

/** Lists a site's conversations, most recently updated first, filtered as the inbox views need. */
export async function listConversations(db: D1Database, siteId: string, f: ListFilter): Promise<{ items: ConversationSummary[]; next: string | null }> {
  const where = ["site_id = ?"];
  const args: unknown[] = [siteId];
  if (f.status === "open") (where.push(`status IN (${OPEN_STATUSES.map(() => "?").join(", ")})`), args.push(...OPEN_STATUSES));
  else if (f.status) (where.push("status = ?"), args.push(f.status));
  if (f.assignee === "none") where.push("assignee_id IS NULL");
  else if (f.assignee) (where.push("assignee_id = ?"), args.push(f.assignee));
  if (f.team) (where.push("team = ?"), args.push(f.team));
  if (f.label) (where.push("EXISTS (SELECT 1 FROM json_each(conversations.labels) WHERE value = ?)"), args.push(f.label));
  if (f.cursor) {
    const [at, id] = f.cursor.split(":");
    if (at && id && /^\d+$/.test(at)) (where.push("(updated_at < ? OR (updated_at = ? AND id < ?))"), args.push(Number(at), Number(at), id));
  }
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const { results } = await db
    .prepare(`SELECT * FROM conversations WHERE ${where.join(" AND ")} ORDER BY updated_at DESC, id DESC LIMIT ?`)
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
