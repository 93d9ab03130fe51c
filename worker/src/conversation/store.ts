// The conversation's own SQLite (inside its Durable Object): the message log and the state row.

import type { Attachment, Author, ChatMessage, QuickReply, TriageTrace } from "../../../protocol/src/types.ts";
import { newId } from "../lib/ids.ts";
import type { CreateConversation } from "./conversation-do.ts";
import type { ConversationState } from "./lifecycle.ts";

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS messages (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     client_id TEXT UNIQUE,
     author TEXT NOT NULL,
     author_id TEXT,
     author_name TEXT,
     author_avatar TEXT,
     text TEXT NOT NULL,
     quick_replies TEXT,
     attachments TEXT,
     private INTEGER NOT NULL DEFAULT 0,
     event TEXT,
     trace TEXT,
     created_at INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL)`,
];

/** A message to append; the store assigns `seq` and `id`. */
export interface NewMessage {
  /** Idempotency key, namespaced by the sender's role (`v:…`, `a:…`) so roles cannot collide. */
  clientKey?: string;
  author: Author;
  authorId?: string;
  authorName?: string;
  authorAvatar?: string;
  text: string;
  quickReplies?: QuickReply[];
  attachments?: Attachment[];
  private?: boolean;
  event?: string;
  trace?: TriageTrace;
}

type Row = Record<string, SqlStorageValue>;

/** Fields added after the first release get their defaults when an older state is read. */
const LATER_FIELDS: Partial<ConversationState> = {
  sla: null,
  slaBreaches: [],
  lastVisitorAt: null,
  lastReplyAt: null,
  lastAgentReplyAt: null,
  followUpSentAt: null,
};

function toMessage(r: Row): ChatMessage {
  const m: ChatMessage = { seq: r.seq as number, id: r.id as string, author: r.author as Author, text: r.text as string, createdAt: r.created_at as number };
  if (r.client_id) m.clientId = (r.client_id as string).slice(2);
  if (r.author_name) m.authorName = r.author_name as string;
  if (r.author_avatar) m.authorAvatar = r.author_avatar as string;
  if (r.quick_replies) m.quickReplies = JSON.parse(r.quick_replies as string) as QuickReply[];
  if (r.attachments) m.attachments = JSON.parse(r.attachments as string) as Attachment[];
  if (r.private === 1) m.private = true;
  if (r.event) m.event = r.event as string;
  if (r.trace) m.trace = JSON.parse(r.trace as string) as TriageTrace;
  return m;
}

/** Synchronous access to one conversation's storage (Durable Object SQLite is synchronous). */
export class ConversationStore {
  private readonly sql: SqlStorage;
  /** The highest `seq` stored (read once per wake, then kept here). */
  private lastSeq: number | undefined;

  constructor(sql: SqlStorage) {
    this.sql = sql;
    for (const stmt of SCHEMA) sql.exec(stmt);
  }

  loadState(): ConversationState | null {
    const row = this.sql.exec<{ body: string }>("SELECT body FROM state WHERE id = 1").toArray()[0];
    return row ? ({ ...LATER_FIELDS, ...(JSON.parse(row.body) as ConversationState) } as ConversationState) : null;
  }

  saveState(state: ConversationState): void {
    this.sql.exec("INSERT INTO state (id, body) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body", JSON.stringify(state));
  }

  /** The message already stored under this idempotency key, if any. */
  findByClientKey(clientKey: string): ChatMessage | null {
    const row = this.sql.exec<Row>("SELECT * FROM messages WHERE client_id = ?", clientKey).toArray()[0];
    return row ? toMessage(row) : null;
  }

  /** Appends a message with the next `seq`; returns it as stored (built from the input, not read back). */
  append(m: NewMessage, now: number): ChatMessage {
    this.lastSeq ??= this.sql.exec<{ s: number }>("SELECT COALESCE(MAX(seq), 0) AS s FROM messages").one().s;
    const seq = this.lastSeq + 1;
    const id = newId("m", now);
    this.sql.exec(
      `INSERT INTO messages (seq, id, client_id, author, author_id, author_name, author_avatar, text, quick_replies, attachments, private, event, trace, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      seq,
      id,
      m.clientKey ?? null,
      m.author,
      m.authorId ?? null,
      m.authorName ?? null,
      m.authorAvatar ?? null,
      m.text,
      m.quickReplies?.length ? JSON.stringify(m.quickReplies) : null,
      m.attachments?.length ? JSON.stringify(m.attachments) : null,
      m.private ? 1 : 0,
      m.event ?? null,
      m.trace ? JSON.stringify(m.trace) : null,
      now,
    );
    this.lastSeq = seq;
    // The same message toMessage() would read back, without reading it back.
    const out: ChatMessage = { seq, id, author: m.author, text: m.text, createdAt: now };
    if (m.clientKey) out.clientId = m.clientKey.slice(2);
    if (m.authorName) out.authorName = m.authorName;
    if (m.authorAvatar) out.authorAvatar = m.authorAvatar;
    if (m.quickReplies?.length) out.quickReplies = m.quickReplies;
    if (m.attachments?.length) out.attachments = m.attachments;
    if (m.private) out.private = true;
    if (m.event) out.event = m.event;
    if (m.trace) out.trace = m.trace;
    return out;
  }

  /** Messages after `afterSeq`, in order; `visitorView` drops private notes and traces. */
  messagesAfter(afterSeq: number, visitorView: boolean, limit = 500): ChatMessage[] {
    const rows = this.sql
      .exec<Row>(`SELECT * FROM messages WHERE seq > ? ${visitorView ? "AND private = 0" : ""} ORDER BY seq LIMIT ?`, afterSeq, limit)
      .toArray();
    const out = rows.map(toMessage);
    if (visitorView) for (const m of out) delete m.trace;
    return out;
  }
}
