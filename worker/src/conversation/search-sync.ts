// Keeps the conversation's messages in D1's search index (db/search.ts): how far the index has
// got is kept in the object's SQLite; the outbox (key `search`) delivers what is behind, in batches,
// and retries a failed write like any other delivery.

import { indexMessages, type IndexedMessage } from "../db/search.ts";

/** Messages written to D1 per batch. */
const BATCH = 100;

export class SearchSync {
  private readonly sql: SqlStorage;
  /** How far the index has got (read once per wake). */
  private mark: number | undefined;

  constructor(sql: SqlStorage) {
    this.sql = sql;
    sql.exec("CREATE TABLE IF NOT EXISTS search_progress (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL)");
  }

  private indexed(): number {
    return (this.mark ??= this.sql.exec<{ seq: number }>("SELECT seq FROM search_progress WHERE id = 1").toArray()[0]?.seq ?? 0);
  }

  /** True when messages up to `lastSeq` are not all in the index yet. */
  behind(lastSeq: number): boolean {
    return lastSeq > this.indexed();
  }

  /** The next messages not yet indexed (system events excluded), up to a batch; null when none are left. */
  next(siteId: string, conversationId: string): { rows: IndexedMessage[]; last: number; full: boolean } | null {
    const rows = this.sql
      .exec<{ seq: number; author: string; author_id: string | null; private: number; text: string; created_at: number }>(
        "SELECT seq, author, author_id, private, text, created_at FROM messages WHERE seq > ? ORDER BY seq LIMIT ?",
        this.indexed(),
        BATCH,
      )
      .toArray();
    if (!rows.length) return null;
    return {
      rows: rows
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
        })),
      last: rows[rows.length - 1]!.seq,
      full: rows.length === BATCH,
    };
  }

  /** Records that messages up to `seq` are in the index. */
  advance(seq: number): void {
    this.sql.exec("INSERT INTO search_progress (id, seq) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET seq = MAX(seq, excluded.seq)", seq);
    this.mark = Math.max(this.mark ?? 0, seq);
  }

  /** Writes every message not yet indexed to D1, a batch at a time, moving the mark after each. */
  async deliver(db: D1Database, siteId: string, conversationId: string): Promise<void> {
    for (let batch = this.next(siteId, conversationId); batch; batch = batch.full ? this.next(siteId, conversationId) : null) {
      await indexMessages(db, batch.rows);
      this.advance(batch.last);
    }
  }
}
