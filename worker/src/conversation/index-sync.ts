// Keeps the conversation's D1 row and the site's Inbox current, without ever losing an update: each
// change is written to an outbox in the object's SQLite (in the same transaction as the change), then
// delivered; a failed delivery stays in the outbox and is retried by the alarm with backoff.

import type { SlaAlert } from "../../../protocol/src/sla.ts";
import type { ConversationSummary } from "../../../protocol/src/types.ts";
import type { OutboundItem } from "../channels/outbound.ts";
import type { EventBatch } from "../webhooks/events.ts";
import type { CsatResponse } from "../db/csat.ts";
import { isComplaint, slaDueOf } from "./sla.ts";
import type { ConversationState } from "./lifecycle.ts";

/** How long after a change the safety retry fires if the process dies before delivering it. */
export const SAFETY_RETRY_MS = 30_000;
const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * Outbox entries: the latest summary for D1 (`index`) and for the Inbox (`inbox`), SLA alerts, messages
 * for the search index (`search`), replies to deliver on the customer's channel (`out:<seq>`) and
 * webhook events (`hook:<n>`).
 */
export type OutboxItem =
  | { key: "index"; body: ConversationSummary }
  | { key: "inbox"; body: ConversationSummary }
  | { key: `alert:${string}`; body: SlaAlert }
  | { key: "search"; body: { siteId: string; conversationId: string } }
  | { key: `out:${string}`; body: OutboundItem }
  | { key: `hook:${string}`; body: EventBatch }
  /** A satisfaction answer for D1 (`csat_responses`), queued with the answer so a D1 failure loses nothing. */
  | { key: `csat:${string}`; body: CsatResponse };

/** The conversation's row for lists, search and reports. */
export function summaryOf(s: ConversationState): ConversationSummary {
  const c = s.sla;
  return {
    id: s.id,
    siteId: s.siteId,
    contactId: s.contactId,
    channel: s.channel,
    status: s.status,
    priority: s.priority,
    team: s.team,
    assigneeId: s.assignee?.id ?? null,
    labels: s.labels,
    lastMessageText: s.lastMessage?.text ?? null,
    lastMessageAuthor: s.lastMessage?.author ?? null,
    lastMessageAt: s.lastMessage?.at ?? null,
    messageCount: s.messageCount,
    botTurns: s.botTurns,
    handoffAt: s.handoffAt,
    firstResponseAt: s.firstResponseAt,
    resolvedAt: s.resolvedAt,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    slaFirstResponseDue: c ? slaDueOf(c, "first_response") : null,
    slaResolutionDue: c ? slaDueOf(c, "resolution") : null,
    slaBreached: s.slaBreaches.length > 0,
    slaBreaches: [...s.slaBreaches],
  };
}

/** An SLA alert for the Inbox. */
export function alertOf(s: ConversationState, kind: SlaAlert["kind"], target: SlaAlert["target"], due: number, at: number): SlaAlert {
  return {
    conversationId: s.id,
    siteId: s.siteId,
    kind,
    target,
    due,
    at,
    priority: s.priority,
    team: s.team,
    assigneeId: s.assignee?.id ?? null,
    complaint: isComplaint(s),
  };
}

/** Backoff for the n-th failed attempt: 1 s, 2 s, 4 s … up to 5 minutes. */
export function retryDelay(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempts - 1));
}

export class Outbox {
  private readonly sql: SqlStorage;
  /** The highest version handed out (read once per wake). */
  private version: number | undefined;

  constructor(sql: SqlStorage) {
    this.sql = sql;
    sql.exec(`CREATE TABLE IF NOT EXISTS outbox (
      key TEXT PRIMARY KEY, body TEXT NOT NULL, version INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0)`);
  }

  /** Queues items (one statement); a newer summary replaces an older one that has not gone out yet. */
  put(...items: OutboxItem[]): void {
    if (!items.length) return;
    let v = (this.version ??= this.sql.exec<{ v: number }>("SELECT COALESCE(MAX(version), 0) AS v FROM outbox").one().v);
    const args: (string | number)[] = [];
    for (const item of items) args.push(item.key, JSON.stringify(item.body), ++v);
    this.sql.exec(
      `INSERT INTO outbox (key, body, version, attempts) VALUES ${items.map(() => "(?, ?, ?, 0)").join(", ")}
       ON CONFLICT (key) DO UPDATE SET body = excluded.body, version = excluded.version, attempts = 0`,
      ...args,
    );
    this.version = v;
  }

  /** True while an `out:<n>` reply before `seq` is still queued (replies reach the customer in order). */
  replyQueuedBefore(seq: number): boolean {
    return this.sql.exec("SELECT 1 FROM outbox WHERE key LIKE 'out:%' AND CAST(substr(key, 5) AS INTEGER) < ? LIMIT 1", seq).toArray().length > 0;
  }

  /** True while anything but the summaries and the search mark waits (alerts, replies, webhook events): those go out at once. */
  hasUrgent(): boolean {
    return this.sql.exec("SELECT 1 FROM outbox WHERE key NOT IN ('index', 'inbox', 'search') LIMIT 1").toArray().length > 0;
  }

  size(): number {
    return this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM outbox").one().n;
  }

  /**
   * Delivers every queued item (alerts first, in order). Delivered items are removed unless a newer
   * version replaced them meanwhile. Returns how many remain, how many deliveries failed, and the
   * most attempts any remaining item had.
   */
  async flush(deliver: (item: OutboxItem) => Promise<void>): Promise<{ pending: number; failed: number; attempts: number }> {
    let failed = 0;
    const rows = this.sql
      .exec<{ key: string; body: string; version: number }>("SELECT key, body, version FROM outbox ORDER BY key LIKE 'alert:%' DESC, version")
      .toArray();
    for (const r of rows) {
      try {
        await deliver({ key: r.key, body: JSON.parse(r.body) } as OutboxItem);
        this.sql.exec("DELETE FROM outbox WHERE key = ? AND version = ?", r.key, r.version);
      } catch (e) {
        console.error("outbox delivery failed; will retry", r.key, e instanceof Error ? e.message : e);
        this.sql.exec("UPDATE outbox SET attempts = attempts + 1 WHERE key = ? AND version = ?", r.key, r.version);
        failed++;
      }
    }
    const left = this.sql.exec<{ n: number; a: number | null }>("SELECT COUNT(*) AS n, MAX(attempts) AS a FROM outbox").one();
    return { pending: left.n, failed, attempts: left.a ?? 0 };
  }
}
