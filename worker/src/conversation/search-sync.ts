// Keeps the conversation's messages in D1's search index (db/search.ts): how far the index has
// got is kept in the object's SQLite; the outbox (key `search`) delivers what is behind, in batches,
// and retries a failed write like any other delivery.

import { indexMessages, type IndexedMessage } from "../db/search.ts";

/** Messages written to D1 per batch. */
const BATCH = 100;

export class SearchSync {
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
    sql.exec("CREATE TABLE IF NOT EXISTS search_progress (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL)");
  }

  private indexed(): number {
    return this.sql.exec<{ seq: number }>("SELECT seq FROM search_progress WHERE id = 1").toArray()[0]?.seq ?? 0;
  }

  /** True when messages up to `lastSeq` are not all in the index yet. */
  behind(lastSeq: number): boolean {
    return lastSeq > this.indexed();
  }

  /** Writes every message not yet indexed (system events excluded) to D1, then moves the mark. */
  async deliver(db: D1Database, siteId: string, conversationId: string): Promise<void> {
    for (;;) {
      const from = this.indexed();
      const rows = this.sql
        .exec<{ seq: number; author: string; author_id: string | null; private: number; text: string; created_at: number }>(
          "SELECT seq, author, author_id, private, text, created_at FROM messages WHERE seq > ? ORDER BY seq LIMIT ?",
          from,
          BATCH,
        )
        .toArray();
      if (!rows.length) return;
      const batch: IndexedMessage[] = rows
        .filter((r) => r.author !== "system" && r.text.trim() !== "")
        .map((r) => ({
          siteId,
          conversationId,
          seq: r.seq,
          author: r.author,
          authorId: r.author_id,
          private: r.private === 1,
          text: r.text,
          createdAt: r.created_at,
        }));
      await indexMessages(db, batch);
      const last = rows[rows.length - 1]!.seq;
      this.sql.exec("INSERT INTO search_progress (id, seq) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET seq = MAX(seq, excluded.seq)", last);
      if (rows.length < BATCH) return;
    }
  }
}
