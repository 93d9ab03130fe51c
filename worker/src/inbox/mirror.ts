// The Inbox's mirror of a site's open conversations in its own SQLite: queue order (priority, then
// waiting time), each agent's load, who released which conversation, and the customers' names.

import type { ConversationSummary, Status } from "../../../protocol/src/types.ts";

const PRIORITY_RANK = { urgent: 0, high: 1, normal: 2, low: 3 } as const;

/** Statuses the mirror keeps; a resolved or closed conversation leaves it. */
export const MIRRORED: readonly Status[] = ["bot", "queued", "assigned", "pending", "snoozed"];
/** Statuses that count toward an agent's load (capacity): snoozed conversations are parked. */
const LOADED: readonly Status[] = ["assigned", "pending"];

const SCHEMA = [
  // The walking skeleton's table (superseded by `mirror`).
  "DROP TABLE IF EXISTS open_conversations",
  `CREATE TABLE IF NOT EXISTS mirror (
     id TEXT PRIMARY KEY, status TEXT NOT NULL, priority_rank INTEGER NOT NULL, team TEXT, assignee_id TEXT,
     waiting_since INTEGER NOT NULL, updated_at INTEGER NOT NULL, body TEXT NOT NULL)`,
  "CREATE INDEX IF NOT EXISTS mirror_queue ON mirror(status, priority_rank, waiting_since)",
  "CREATE INDEX IF NOT EXISTS mirror_assignee ON mirror(assignee_id, status)",
  // Agents who gave a conversation back (unassign/transfer): auto-assignment does not hand it to them again.
  "CREATE TABLE IF NOT EXISTS released (conversation_id TEXT NOT NULL, agent_id TEXT NOT NULL, PRIMARY KEY (conversation_id, agent_id))",
  "CREATE TABLE IF NOT EXISTS contacts (id TEXT PRIMARY KEY, name TEXT, tier TEXT, fetched_at INTEGER NOT NULL)",
];

/** How long a customer's name is trusted before it is read from D1 again. */
export const CONTACT_TTL_MS = 2 * 60_000;

export class Mirror {
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
    for (const s of SCHEMA) sql.exec(s);
  }

  get(id: string): ConversationSummary | null {
    const row = this.sql.exec<{ body: string }>("SELECT body FROM mirror WHERE id = ?", id).toArray()[0];
    return row ? (JSON.parse(row.body) as ConversationSummary) : null;
  }

  /**
   * Applies a summary unless the mirror already has a newer one. Returns the previous summary and
   * whether this one was applied. Resolved and closed conversations leave the mirror.
   */
  apply(s: ConversationSummary): { previous: ConversationSummary | null; applied: boolean } {
    const previous = this.get(s.id);
    if (previous && previous.updatedAt > s.updatedAt) return { previous, applied: false };
    if (!MIRRORED.includes(s.status)) {
      this.remove(s.id);
      return { previous, applied: true };
    }
    this.sql.exec(
      `INSERT INTO mirror (id, status, priority_rank, team, assignee_id, waiting_since, updated_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, priority_rank = excluded.priority_rank, team = excluded.team,
         assignee_id = excluded.assignee_id, waiting_since = excluded.waiting_since, updated_at = excluded.updated_at, body = excluded.body`,
      s.id,
      s.status,
      PRIORITY_RANK[s.priority] ?? 2,
      s.team,
      s.assigneeId,
      s.handoffAt ?? s.createdAt,
      s.updatedAt,
      JSON.stringify(s),
    );
    return { previous, applied: true };
  }

  remove(id: string): void {
    this.sql.exec("DELETE FROM mirror WHERE id = ?", id);
    this.sql.exec("DELETE FROM released WHERE conversation_id = ?", id);
  }

  /** Every open conversation, queue order first (priority, then waiting time). */
  all(): ConversationSummary[] {
    return this.sql
      .exec<{ body: string }>("SELECT body FROM mirror ORDER BY priority_rank, waiting_since, id")
      .toArray()
      .map((r) => JSON.parse(r.body) as ConversationSummary);
  }

  ids(): string[] {
    return this.sql
      .exec<{ id: string }>("SELECT id FROM mirror")
      .toArray()
      .map((r) => r.id);
  }

  /** Conversations waiting for a person, by priority then by how long they have waited. */
  queue(): ConversationSummary[] {
    return this.sql
      .exec<{ body: string }>("SELECT body FROM mirror WHERE status = 'queued' AND assignee_id IS NULL ORDER BY priority_rank, waiting_since, id")
      .toArray()
      .map((r) => JSON.parse(r.body) as ConversationSummary);
  }

  queueIds(): string[] {
    return this.sql
      .exec<{ id: string }>("SELECT id FROM mirror WHERE status = 'queued' AND assignee_id IS NULL ORDER BY priority_rank, waiting_since, id")
      .toArray()
      .map((r) => r.id);
  }

  /** Conversations in progress per agent (assigned or pending). */
  loads(): Map<string, number> {
    const out = new Map<string, number>();
    const rows = this.sql
      .exec<{ a: string; n: number }>(
        `SELECT assignee_id AS a, COUNT(*) AS n FROM mirror WHERE assignee_id IS NOT NULL AND status IN (${LOADED.map(() => "?").join(", ")}) GROUP BY assignee_id`,
        ...LOADED,
      )
      .toArray();
    for (const r of rows) out.set(r.a, r.n);
    return out;
  }

  release(conversationId: string, agentId: string): void {
    this.sql.exec("INSERT OR IGNORE INTO released (conversation_id, agent_id) VALUES (?, ?)", conversationId, agentId);
  }

  released(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const r of this.sql.exec<{ c: string; a: string }>("SELECT conversation_id AS c, agent_id AS a FROM released").toArray())
      out.set(r.c, [...(out.get(r.c) ?? []), r.a]);
    return out;
  }

  /** The customer's name and tier as last read, and whether that is older than CONTACT_TTL_MS. */
  contact(id: string, now: number): { name: string | null; tier: string | null; stale: boolean } | null {
    const r = this.sql
      .exec<{ name: string | null; tier: string | null; fetched_at: number }>("SELECT name, tier, fetched_at FROM contacts WHERE id = ?", id)
      .toArray()[0];
    return r ? { name: r.name, tier: r.tier, stale: now - r.fetched_at > CONTACT_TTL_MS } : null;
  }

  setContact(id: string, name: string | null, tier: string | null, now: number): void {
    this.sql.exec(
      "INSERT INTO contacts (id, name, tier, fetched_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, tier = excluded.tier, fetched_at = excluded.fetched_at",
      id,
      name,
      tier,
      now,
    );
  }

  /** Forgets customers no open conversation refers to any more. */
  pruneContacts(): void {
    this.sql.exec("DELETE FROM contacts WHERE id NOT IN (SELECT json_extract(body, '$.contactId') FROM mirror)");
  }
}
