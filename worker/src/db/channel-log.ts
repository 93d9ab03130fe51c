// What crossed each channel (inbound deduplicated by the provider's message id, outbound deliveries)
// and where each conversation is answered outside the web (its route: channel + customer address).

import type { ChannelKind } from "../channels/types.ts";
import { parseJson } from "./json.ts";

/** The conversation and message an inbound provider message was stored as, if it was. */
export async function findInbound(db: D1Database, channelId: string, providerId: string): Promise<{ conversationId: string; seq: number | null } | null> {
  const r = await db
    .prepare("SELECT conversation_id, seq FROM channel_messages WHERE channel_id = ? AND direction = 'in' AND provider_id = ?")
    .bind(channelId, providerId)
    .first<{ conversation_id: string; seq: number | null }>();
  return r ? { conversationId: r.conversation_id, seq: r.seq } : null;
}

export interface ChannelMessageLog {
  channelId: string;
  direction: "in" | "out";
  providerId: string;
  siteId: string;
  conversationId: string;
  seq: number | null;
  kind: ChannelKind;
  address: string | null;
  status: "ok" | "failed";
  error?: string | null;
}

/** Records a message that crossed a channel (a second record of the same provider id is ignored); true when new. */
export async function logChannelMessage(db: D1Database, m: ChannelMessageLog, now = Date.now()): Promise<boolean> {
  const r = await db
    .prepare(
      `INSERT OR IGNORE INTO channel_messages (channel_id, direction, provider_id, site_id, conversation_id, seq, kind, address, status, error, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(m.channelId, m.direction, m.providerId, m.siteId, m.conversationId, m.seq, m.kind, m.address, m.status, m.error?.slice(0, 500) ?? null, now)
    .run();
  return (r.meta.changes ?? 0) > 0;
}

/** A conversation's messages across channels (for agents: which reply went where, and what failed). */
export async function listConversationDeliveries(db: D1Database, conversationId: string): Promise<(ChannelMessageLog & { createdAt: number })[]> {
  const { results } = await db
    .prepare("SELECT * FROM channel_messages WHERE conversation_id = ? ORDER BY created_at, seq LIMIT 1000")
    .bind(conversationId)
    .all<Record<string, unknown>>();
  return results.map((r) => ({
    channelId: r.channel_id as string,
    direction: r.direction as "in" | "out",
    providerId: r.provider_id as string,
    siteId: r.site_id as string,
    conversationId: r.conversation_id as string,
    seq: (r.seq as number | null) ?? null,
    kind: r.kind as ChannelKind,
    address: (r.address as string | null) ?? null,
    status: r.status as "ok" | "failed",
    error: (r.error as string | null) ?? null,
    createdAt: r.created_at as number,
  }));
}

/** The channels a contact has written or been answered on (beyond the conversations' own channels). */
export async function contactChannelKinds(db: D1Database, contactId: string): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT DISTINCT kind FROM (
         SELECT channel AS kind FROM conversations WHERE contact_id = ?
         UNION SELECT m.kind FROM channel_messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.contact_id = ? AND m.status = 'ok')
       ORDER BY kind`,
    )
    .bind(contactId, contactId)
    .all<{ kind: string }>();
  return results.map((r) => r.kind);
}

export interface ConversationRoute {
  conversationId: string;
  siteId: string;
  channelId: string;
  kind: ChannelKind;
  address: string;
  thread: { subject?: string; references?: string[] };
  updatedAt: number;
}

export async function getRoute(db: D1Database, conversationId: string): Promise<ConversationRoute | null> {
  const r = await db.prepare("SELECT * FROM conversation_routes WHERE conversation_id = ?").bind(conversationId).first<Record<string, unknown>>();
  if (!r) return null;
  return {
    conversationId: r.conversation_id as string,
    siteId: r.site_id as string,
    channelId: r.channel_id as string,
    kind: r.kind as ChannelKind,
    address: r.address as string,
    thread: parseJson<ConversationRoute["thread"]>(r.thread, {}),
    updatedAt: r.updated_at as number,
  };
}

/** Sets where a conversation is answered (the customer's latest channel and address, and its thread). */
export async function setRoute(db: D1Database, r: Omit<ConversationRoute, "updatedAt">, now = Date.now()): Promise<void> {
  await db
    .prepare(
      `INSERT INTO conversation_routes (conversation_id, site_id, channel_id, kind, address, thread, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET channel_id = excluded.channel_id, kind = excluded.kind, address = excluded.address,
         thread = excluded.thread, updated_at = excluded.updated_at`,
    )
    .bind(r.conversationId, r.siteId, r.channelId, r.kind, r.address, JSON.stringify(r.thread), now)
    .run();
}

/** The number of conversations a contact has (names a new conversation deterministically, see ingest). */
export async function countContactConversations(db: D1Database, contactId: string): Promise<number> {
  const r = await db.prepare("SELECT COUNT(*) AS n FROM conversations WHERE contact_id = ?").bind(contactId).first<{ n: number }>();
  return r?.n ?? 0;
}

/**
 * The contact's conversation a new message continues: the newest one that is still open, or was
 * resolved less than `reopenMs` ago (a reply to a just-resolved conversation reopens it). Closed ones never.
 */
export async function findContinuableConversation(
  db: D1Database,
  siteId: string,
  contactId: string,
  now: number,
  reopenMs: number,
): Promise<{ id: string; channel: string; status: string } | null> {
  return db
    .prepare(
      `SELECT id, channel, status FROM conversations WHERE site_id = ? AND contact_id = ? AND status != 'closed'
         AND (status != 'resolved' OR COALESCE(resolved_at, 0) >= ?) ORDER BY created_at DESC LIMIT 1`,
    )
    .bind(siteId, contactId, now - reopenMs)
    .first<{ id: string; channel: string; status: string }>();
}
