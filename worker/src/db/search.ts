// Full-text search in D1 (migration 0060_search.sql): indexing message text written by the
// Conversation objects, and searching messages and contacts with filters. Terms of three characters or
// more use the FTS5 trigram index; shorter ones (two-character Chinese words: 退款) use LIKE on the
// folded text of the site's rows. Erased customers' words are never returned.

import type { ContactHit, MessageHit } from "../../../protocol/src/search.ts";
import { foldText } from "../../../protocol/src/text-fold.ts";

/** Statuses `status=open` stands for (as in db/conversations.ts, which imports this module). */
const OPEN_STATUSES = ["bot", "queued", "assigned", "pending", "snoozed"];

/** A message as the search index stores it. */
export interface IndexedMessage {
  siteId: string;
  conversationId: string;
  seq: number;
  author: string;
  authorId: string | null;
  private: boolean;
  text: string;
  createdAt: number;
}

const MAX_TERMS = 8;

/** The terms of a query: folded like the index (width, case, punctuation), at most 8, each at most 64 characters. */
export function searchTerms(q: string): string[] {
  return [...new Set(foldText(q).split(" ").filter(Boolean))].slice(0, MAX_TERMS).map((t) => t.slice(0, 64));
}

const like = (t: string) => `%${t.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
const phrase = (t: string) => `"${t.replace(/"/g, '""')}"`;

/**
 * SQL that holds for rows of `table` (alias) matching every term: one FTS MATCH for the long terms,
 * a LIKE per short term. Null when the query has no terms.
 */
function matchClause(terms: string[], alias: string, fts: string, column: string): { sql: string; args: string[] } | null {
  if (!terms.length) return null;
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);
  const parts: string[] = [];
  const args: string[] = [];
  if (long.length) {
    parts.push(`${alias}.id IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)`);
    args.push(long.map(phrase).join(" "));
  }
  for (const t of short) {
    parts.push(`${alias}.${column} LIKE ? ESCAPE '\\'`);
    args.push(like(t));
  }
  return { sql: parts.join(" AND "), args };
}

/** Writes messages to the index (a message already there is left as it is). */
export async function indexMessages(db: D1Database, rows: IndexedMessage[]): Promise<void> {
  if (rows.length) await db.batch(indexMessageStatements(db, rows));
}

/** The statements behind indexMessages, to run in a batch with others. */
export function indexMessageStatements(db: D1Database, rows: IndexedMessage[]): D1PreparedStatement[] {
  return rows.map((m) =>
    db
      .prepare(
        "INSERT OR IGNORE INTO message_index (site_id, conversation_id, seq, author, author_id, private, text, folded, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .bind(m.siteId, m.conversationId, m.seq, m.author, m.authorId, m.private ? 1 : 0, m.text, foldText(m.text).trim(), m.createdAt),
  );
}

/**
 * A `conversations` filter for the inbox list's `q`: a message of the conversation matches, or its
 * customer does. Null for an empty query.
 */
export function conversationMatch(q: string): { sql: string; args: string[] } | null {
  const terms = searchTerms(q);
  const m = matchClause(terms, "mi", "message_fts", "folded");
  const c = matchClause(terms, "cs", "contact_fts", "body");
  if (!m || !c) return null;
  return {
    sql: `(conversations.id IN (SELECT mi.conversation_id FROM message_index mi JOIN contacts mc ON mc.id = conversations.contact_id
            WHERE mi.site_id = conversations.site_id AND (mi.author != 'visitor' OR mc.erased_at IS NULL) AND ${m.sql})
          OR conversations.contact_id IN (SELECT cs.contact_id FROM contact_search cs WHERE cs.site_id = conversations.site_id AND ${c.sql}))`,
    args: [...m.args, ...c.args],
  };
}

export interface MessageFilter {
  /** `open` (in progress) or one status. */
  status?: string;
  /** An agent id, or `none`. */
  assignee?: string;
  team?: string;
  label?: string;
  channel?: string;
  /** `visitor`, `agent`, `bot`, or `note` (private notes only). */
  author?: string;
  from?: number;
  to?: number;
  /** `createdAt:id` from the previous page. */
  cursor?: string;
  limit?: number;
}

/** A matching message as stored: the API turns `text` into a snippet (`MessageHit` in protocol/). */
export type StoredHit = Omit<MessageHit, "snippet"> & { text: string };

interface HitRow {
  id: number;
  conversation_id: string;
  seq: number;
  author: string;
  private: number;
  text: string;
  created_at: number;
  status: string;
  priority: string;
  team: string | null;
  assignee_id: string | null;
  channel: string;
  contact_id: string;
  contact_name: string | null;
}

/** Messages of a site that match `q` under the filters, newest first. */
export async function searchMessages(db: D1Database, siteId: string, q: string, f: MessageFilter): Promise<{ items: StoredHit[]; next: string | null }> {
  const match = matchClause(searchTerms(q), "m", "message_fts", "folded");
  if (!match) return { items: [], next: null };
  const where = ["m.site_id = ?", "(m.author != 'visitor' OR ct.erased_at IS NULL)", match.sql];
  const args: unknown[] = [siteId, ...match.args];
  if (f.status === "open") (where.push(`c.status IN (${OPEN_STATUSES.map(() => "?").join(", ")})`), args.push(...OPEN_STATUSES));
  else if (f.status) (where.push("c.status = ?"), args.push(f.status));
  if (f.assignee === "none") where.push("c.assignee_id IS NULL");
  else if (f.assignee) (where.push("c.assignee_id = ?"), args.push(f.assignee));
  if (f.team) (where.push("c.team = ?"), args.push(f.team));
  if (f.label) (where.push("EXISTS (SELECT 1 FROM json_each(c.labels) WHERE value = ?)"), args.push(f.label));
  if (f.channel) (where.push("c.channel = ?"), args.push(f.channel));
  if (f.author === "note") where.push("m.private = 1");
  else if (f.author) (where.push("m.author = ? AND m.private = 0"), args.push(f.author));
  if (f.from !== undefined) (where.push("m.created_at >= ?"), args.push(f.from));
  if (f.to !== undefined) (where.push("m.created_at < ?"), args.push(f.to));
  const [at, id] = (f.cursor ?? "").split(":");
  if (at && id && /^\d+$/.test(at) && /^\d+$/.test(id))
    (where.push("(m.created_at < ? OR (m.created_at = ? AND m.id < ?))"), args.push(Number(at), Number(at), Number(id)));
  const limit = Math.min(Math.max(f.limit ?? 20, 1), 100);
  const { results } = await db
    .prepare(
      `SELECT m.id, m.conversation_id, m.seq, m.author, m.private, m.text, m.created_at, c.status, c.priority, c.team, c.assignee_id, c.channel, c.contact_id, ct.name AS contact_name
       FROM message_index m JOIN conversations c ON c.id = m.conversation_id LEFT JOIN contacts ct ON ct.id = c.contact_id
       WHERE ${where.join(" AND ")} ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
    )
    .bind(...args, limit + 1)
    .all<HitRow>();
  const rows = results.slice(0, limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map((r) => ({
      conversationId: r.conversation_id,
      seq: r.seq,
      author: r.author as MessageHit["author"], // system events are never indexed
      private: r.private === 1,
      text: r.text,
      createdAt: r.created_at,
      conversation: {
        status: r.status,
        priority: r.priority,
        team: r.team,
        assigneeId: r.assignee_id,
        channel: r.channel,
        contactId: r.contact_id,
        contactName: r.contact_name,
      },
    })),
    next: results.length > limit && last ? `${last.created_at}:${last.id}` : null,
  };
}

export type { ContactHit };

/** Contacts of a site whose name, email, phone, external id, notes, attributes or identities match `q`. */
export async function searchContacts(db: D1Database, siteId: string, q: string, limit = 10): Promise<ContactHit[]> {
  const match = matchClause(searchTerms(q), "cs", "contact_fts", "body");
  if (!match) return [];
  const { results } = await db
    .prepare(
      `SELECT c.id, c.name, c.email, c.phone, c.tier, c.updated_at FROM contact_search cs JOIN contacts c ON c.id = cs.contact_id
       WHERE cs.site_id = ? AND c.erased_at IS NULL AND ${match.sql} ORDER BY c.updated_at DESC LIMIT ?`,
    )
    .bind(siteId, ...match.args, Math.min(Math.max(limit, 1), 50))
    .all<{ id: string; name: string | null; email: string | null; phone: string | null; tier: string; updated_at: number }>();
  return results.map((r) => ({ id: r.id, name: r.name, email: r.email, phone: r.phone, tier: r.tier, updatedAt: r.updated_at }));
}

/** Removes a contact's own words from the index (erasure); agents' and bot messages stay. */
export function eraseIndexedVisitorText(db: D1Database, contactId: string): D1PreparedStatement {
  return db
    .prepare("DELETE FROM message_index WHERE author = 'visitor' AND conversation_id IN (SELECT id FROM conversations WHERE contact_id = ?)")
    .bind(contactId);
}
